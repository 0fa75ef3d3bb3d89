/* SPDX-License-Identifier: MIT */
/*
 * The "physical memory" of the kernel tests that build address spaces on
 * the host (test_kernel_mm.c, test_kernel_ustack.c): a page-aligned heap
 * arena handed to kalloc, reachable as pointers because the kernel reaches
 * frames through an identity map, and a made-up kernel PML4 for uvm_init.
 */
#ifndef LDE_TEST_KERNEL_ARENA_H
#define LDE_TEST_KERNEL_ARENA_H

#include <stdbool.h>
#include <stddef.h>

#include "vm.h"

/* Allocates the arena (pages frames) and calls uvm_init; 0 or -1 (CUnit's init). */
int arena_init(size_t pages);

/* Frees the arena (CUnit's clean); 0. */
int arena_clean(void);

/* A fresh allocator over the whole arena and an empty address space in as. */
void arena_fresh(struct addrspace *as);

/* Destroys as; true if every frame went back to the allocator. */
bool arena_done(struct addrspace *as);

#endif
