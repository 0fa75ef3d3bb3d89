/* SPDX-License-Identifier: MIT */
/* The guest kernel's memory for the fuzz harnesses (see fuzz_kernel.h). */
#include "fuzz_kernel.h"

#include <stdint.h>

#include "fuzz_util.h"
#include "kalloc.h"
#include "paging.h"
#include "vm.h"

static char *arena;
static size_t arena_pages;
static uint64_t kernel_pml4[512] __attribute__((aligned(4096)));

void fuzz_kernel_init(size_t pages)
{
	arena = fuzz_guarded(pages * PAGE_SIZE);
	arena_pages = pages;
	kernel_pml4[0] = 0x1003; /* the kernel's half, copied into each space */
	uvm_init(kernel_pml4);
}

void fuzz_kernel_reset(void)
{
	kalloc_init((uintptr_t)arena, (uintptr_t)arena + arena_pages * PAGE_SIZE);
}
