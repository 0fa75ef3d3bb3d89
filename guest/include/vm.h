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

struct addrspace {
	uint64_t *pml4;     /* top-level table; its address is CR3 */
	uint64_t *ledger;   /* every frame this space owns (see vm.c) */
	size_t ledger_used; /* slots used in the first ledger page */
	size_t pages;       /* user pages mapped */
	size_t tables;      /* page-table pages, the PML4 included */
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
 * `flags` (PTE_W or 0): a fresh zeroed page, or the one already mapped
 * there, which then gains `flags`.  Returns the kernel's pointer to the
 * page, or NULL (va outside the user half, or out of memory).
 */
void *uvm_map(struct addrspace *as, uint64_t va, uint64_t flags);

/*
 * Translates user address va for the kernel: returns the kernel's pointer
 * to the byte at va if its page is present with every bit of `need`
 * (e.g. PTE_U | PTE_W), else NULL.
 */
void *uvm_kaddr(const struct addrspace *as, uint64_t va, uint64_t need);

/* The value to load into CR3 for as. */
uint64_t uvm_cr3(const struct addrspace *as);

#endif
