/* SPDX-License-Identifier: MIT */
/*
 * Small kernel objects (inodes, directory entries, open files): blocks of
 * 32, 64, ... 2048 bytes carved out of kalloc() pages, one free list per
 * size, and whole pages for 2049..4096 bytes.  The caller says the size
 * again when it frees a block (as a slab cache does), so blocks carry no
 * header.  Pages, once carved, stay with their size class.  Pure logic:
 * the unit tests run it on the host.
 */
#ifndef LDE_GUEST_KHEAP_H
#define LDE_GUEST_KHEAP_H

#include <stddef.h>

/* Forgets every block (kalloc_init started the pages afresh: the unit tests). */
void kheap_init(void);

/* size (1..4096) bytes, zeroed; NULL when memory is exhausted or size is out of range. */
void *kheap_alloc(size_t size);

/* Gives back a block kheap_alloc(size) returned (NULL: nothing). */
void kheap_free(void *p, size_t size);

#endif
