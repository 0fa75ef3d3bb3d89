/* SPDX-License-Identifier: MIT */
/*
 * Address spaces: one page-table tree per task.  Every tree shares the
 * kernel's half (PML4 slots 256 and 511: the direct map and the kernel
 * image, supervisor-only; paging.h) and owns its user half (the lower
 * half, LDE_USER_BASE .. LDE_USER_END), where it maps 4 KiB pages with
 * PTE_U.  Nothing of one task's user half is reachable from another's tree.
 *
 * Pure logic: page tables are plain memory reached through the direct map
 * (phys_to_virt), so this file runs unchanged in the host unit tests.  Loading CR3
 * is the scheduler's business (sched.c).
 */
#ifndef LDE_GUEST_VM_H
#define LDE_GUEST_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One region of the user half (mm.c): what may be mapped there, and how. */
struct vma {
	uint64_t start, end; /* page-aligned, start < end */
	uint32_t prot;       /* PROT_READ | PROT_WRITE | PROT_EXEC */
	uint32_t kind;       /* VMA_* */
};

enum vma_kind { VMA_IMAGE = 1, VMA_HEAP, VMA_STACK, VMA_ANON };

#define MM_MAX_VMAS 64

struct addrspace {
	uint64_t *pml4; /* top-level table; its address is CR3 */
	size_t pages;   /* user pages mapped (shared ones included) */
	size_t tables;  /* page-table pages, the PML4 included */

	/* --- the regions (mm.c), sorted by address, not overlapping */
	struct vma vmas[MM_MAX_VMAS];
	unsigned nvmas;
	uint64_t brk_start, brk; /* the heap: [brk_start, brk) */
	uint64_t stack_top;      /* the stack region ends here */
};

/*
 * Remembers the kernel's PML4.  Its slots PML4_SLOT_DIRECT and
 * PML4_SLOT_KERNEL are copied into every address space; the kernel uses no
 * other slot once it runs at its own addresses.
 */
void uvm_init(const uint64_t *kernel_pml4);

/* A new address space with an empty user half; false if out of memory. */
bool uvm_create(struct addrspace *as);

/* Frees every user page and page table of as, its PML4 too. */
void uvm_destroy(struct addrspace *as);

/* True if [va, va + len) lies inside the user half (len may be 0). */
bool uvm_user_range(uint64_t va, uint64_t len);

/*
 * Makes the page containing user address va present with PTE_U and
 * `flags` (PTE_W, PTE_NX or neither): a fresh zeroed page, or the one
 * already mapped there, which then gains PTE_W if asked, and loses PTE_NX
 * unless asked (two segments sharing a page: the union of their rights).
 * Returns the kernel's pointer to the page, or NULL (va outside the user
 * half, or out of memory).
 */
void *uvm_map(struct addrspace *as, uint64_t va, uint64_t flags);

/*
 * Maps the frame at kernel pointer `frame` (page-aligned, not kalloc's:
 * e.g. a page of a program file in a PVH module) at the unmapped page va,
 * read-only (flags: PTE_NX or 0; PTE_W is refused).  The frame is never
 * freed; a write mprotect allows copies it.  Returns frame, or NULL.
 */
void *uvm_map_foreign(struct addrspace *as, uint64_t va, const void *frame, uint64_t flags);

/*
 * Unmaps the page at va, if mapped, and drops the space's hold on its
 * frame.  The caller flushes the TLB.  True if it was mapped.
 */
bool uvm_unmap(struct addrspace *as, uint64_t va);

/*
 * Sets PTE_NX of the page at va, if mapped, as in flags, and its PTE_W:
 * for a frame other spaces share, PTE_COW instead (copied when written).
 */
void uvm_protect(struct addrspace *as, uint64_t va, uint64_t flags);

/* How fork gives the child its pages. */
enum uvm_fork_mode {
	UVM_FORK_COW,   /* shared, the writable ones copy-on-write in both */
	UVM_FORK_EAGER, /* copied at once, all but read-only views of a file */
};

/*
 * fork: dst becomes a copy of src (regions, heap, pages), as `mode` says.
 * *copied: the pages copied (0 with UVM_FORK_COW).  With UVM_FORK_COW the
 * caller flushes src's TLB (its writable pages are read-only now); eager
 * leaves src alone.  False if out of memory (then dst holds nothing).
 */
bool uvm_fork(struct addrspace *dst, struct addrspace *src, enum uvm_fork_mode mode,
              size_t *copied);

/*
 * A write to the page at va, mapped PTE_COW: gives it its own frame (a
 * copy, unless no other space shares it any more) with PTE_W, and flushes
 * the page's translation.  False if the page is not copy-on-write, or out
 * of memory.
 */
bool uvm_cow(struct addrspace *as, uint64_t va);

/*
 * Translates user address va for the kernel: returns the kernel's pointer
 * to the byte at va if its page is present with every bit of `need`
 * (e.g. PTE_U | PTE_W), else NULL.
 */
void *uvm_kaddr(const struct addrspace *as, uint64_t va, uint64_t need);

/* The value to load into CR3 for as. */
uint64_t uvm_cr3(const struct addrspace *as);

#endif
