/* SPDX-License-Identifier: MIT */
/*
 * Physical page allocator: hands out 4 KiB frames of RAM.  The kernel
 * identity-maps RAM, so a frame's physical address is also a pointer the
 * kernel can use.  Pure logic (no hardware access): the unit tests run it
 * on the host over a malloc'd arena.
 */
#ifndef LDE_GUEST_KALLOC_H
#define LDE_GUEST_KALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Gives the allocator the frames in [start, end); both are rounded inward
 * to page boundaries.  Frames are handed out from the bottom up, and freed
 * frames are reused first.
 */
void kalloc_init(uintptr_t start, uintptr_t end);

/* One page, contents undefined; NULL when memory is exhausted. */
void *kalloc(void);

/* One page filled with zeros; NULL when memory is exhausted. */
void *kzalloc(void);

/* Drops one owner of a page from kalloc()/kzalloc(); the last frees it. */
void kfree(void *page);

/* The page has one more owner (at most 256 in all); kfree() drops one. */
void kshare(void *page);

/* True if the page has more than one owner. */
bool kshared(const void *page);

/* Pages that kalloc() can still hand out. */
size_t kalloc_free_pages(void);

#endif
