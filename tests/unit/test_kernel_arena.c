// SPDX-License-Identifier: MIT
/* The kernel tests' frame arena (see test_kernel_arena.h). */
#include "test_kernel_arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "kalloc.h"
#include "paging.h"

static char *arena;
static size_t arena_pages;
static uint64_t kernel_pml4[512] __attribute__((aligned(4096)));

int arena_init(size_t pages)
{
	arena_pages = pages;
	arena = aligned_alloc(PAGE_SIZE, pages * PAGE_SIZE);
	kernel_pml4[PML4_SLOT_DIRECT] = 0x1003; /* made-up kernel entries */
	kernel_pml4[PML4_SLOT_KERNEL] = 0x2003;
	uvm_init(kernel_pml4);
	return arena ? 0 : -1;
}

int arena_clean(void)
{
	free(arena);
	arena = NULL;
	return 0;
}

void arena_fresh(struct addrspace *as)
{
	kalloc_init((uintptr_t)arena, (uintptr_t)arena + arena_pages * PAGE_SIZE);
	memset(as, 0, sizeof(*as));
	CU_ASSERT_TRUE_FATAL(uvm_create(as));
}

bool arena_done(struct addrspace *as)
{
	uvm_destroy(as);
	return kalloc_free_pages() == arena_pages;
}
