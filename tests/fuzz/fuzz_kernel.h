/* SPDX-License-Identifier: MIT */
/*
 * What the harnesses of the guest kernel's own code (fuzz_guest_*.c) share:
 * the kernel's memory on the host.  Its page allocator (guest/kernel/
 * kalloc.c) hands out the pages of one arena between guard pages, so a
 * write past the memory the kernel owns faults at once, and the address
 * spaces it builds get the kernel's half of the page tables.
 */
#ifndef LDE_FUZZ_KERNEL_H
#define LDE_FUZZ_KERNEL_H

#include <stddef.h>

/* Once, from LLVMFuzzerInitialize: an arena of PAGES pages, and uvm_init(). */
void fuzz_kernel_init(size_t pages);

/* Before each input: every page of the arena free again. */
void fuzz_kernel_reset(void);

#endif
