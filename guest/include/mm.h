/* SPDX-License-Identifier: MIT */
/*
 * The regions of a task's user half (struct vma in vm.h): the program's
 * segments, the heap (brk), the stack and anonymous mmap()s.  A region says
 * what may be there; its pages appear when first touched (a page fault
 * the kernel handles, or a system call's access to user memory), as zeroed
 * pages, except the segments, which the ELF loader maps at once.
 *
 * Pure logic on top of vm.c; the unit tests run it on the host.  The
 * caller flushes the TLB after mm_unmap and mm_protect.
 */
#ifndef LDE_GUEST_MM_H
#define LDE_GUEST_MM_H

#include <stdbool.h>
#include <stdint.h>

#include "vm.h"

#define PAGE_UP(x) (((x) + 0xfffULL) & ~0xfffULL)

/* Page-table flags (PTE_W, PTE_NX) for PROT_* bits. */
uint64_t mm_pte_flags(uint32_t prot);

/* The region holding va, or NULL. */
const struct vma *mm_find(const struct addrspace *as, uint64_t va);

/*
 * Adds the region [start, end) (page-aligned, inside the user half, free of
 * other regions).  0, -EINVAL or -ENOMEM (no room in the region table).
 */
int mm_add(struct addrspace *as, uint64_t start, uint64_t end, uint32_t prot, uint32_t kind);

/* Removes [start, end) from every region, unmapping its pages.  0 or -ENOMEM. */
int mm_unmap(struct addrspace *as, uint64_t start, uint64_t end);

/*
 * Sets the protection of [start, end), which must be covered by regions,
 * pages included.  0, -ENOMEM (no gap allowed: also for holes) or -EACCES
 * (writable and executable at once: W^X).
 */
int mm_protect(struct addrspace *as, uint64_t start, uint64_t end, uint32_t prot);

enum mm_fault {
	MM_FAULT_BAD,    /* the access is not allowed (SIGSEGV), or out of memory */
	MM_FAULT_MAPPED, /* the page was not there yet: a zeroed one is now */
	MM_FAULT_COW,    /* a write to a copy-on-write page: it has its own copy now */
};

/*
 * A fault at va: a write, a fetch, or a read.  If a region allows the
 * access, makes the page there (a zeroed one) or, for a write, gives a
 * copy-on-write page its own frame (vm.h).
 */
enum mm_fault mm_fault(struct addrspace *as, uint64_t va, bool write, bool fetch);

/* brk(): moves the end of the heap to want if it can; returns the end. */
uint64_t mm_brk(struct addrspace *as, uint64_t want);

/*
 * mmap() of anonymous private memory: len bytes at addr (MAP_FIXED, or
 * MAP_FIXED_NOREPLACE) or wherever there is room below LDE_MMAP_TOP.
 * Returns the address, or -errno.
 */
int64_t mm_mmap(struct addrspace *as, uint64_t addr, uint64_t len, uint32_t prot, uint32_t flags);

#endif
