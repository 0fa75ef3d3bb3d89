/* SPDX-License-Identifier: MIT */
/*
 * The kernel's page tables, built by the assembler rather than at run
 * time: ring-0 code is instruction-emulated on PVM (~1 us/insn), so
 * filling 2048 entries in a loop would cost milliseconds, while loading
 * 24 KiB of ready-made tables from the ELF costs nothing.
 *
 * Identity map of [0, 4 GiB) with 2 MiB pages, supervisor-only, like the
 * vmm's boot tables (abi.h section 4).  The top GiB, [3 GiB, 4 GiB), is
 * the MMIO hole (LAPIC at 0xFEE00000, test=mmio at 0xD0000000) and is
 * mapped uncached (PCD|PWT).  Ring-3 mappings (PTE_U) come with tasks.
 */
#include "paging.h"

#define PD_COUNT 4		/* one page directory per GiB */
#define PDE_FLAGS (PTE_P | PTE_W | PTE_PS)
#define PDE_FLAGS_MMIO (PDE_FLAGS | PTE_PCD | PTE_PWT)
#define MMIO_FIRST_PDE (3 * 512)	/* 3 GiB / 2 MiB */

	.section .data.pagetables, "aw"
	.balign PAGE_SIZE

	.globl pml4
pml4:	.quad pdpt + (PTE_P | PTE_W)
	.fill 511, 8, 0

pdpt:	.set .Lgib, 0
	.rept PD_COUNT
	.quad pd + .Lgib * PAGE_SIZE + (PTE_P | PTE_W)
	.set .Lgib, .Lgib + 1
	.endr
	.fill 512 - PD_COUNT, 8, 0

pd:	.set .Li, 0
	.rept PD_COUNT * 512
	.if .Li < MMIO_FIRST_PDE
	.quad (.Li << LARGE_PAGE_SHIFT) + PDE_FLAGS
	.else
	.quad (.Li << LARGE_PAGE_SHIFT) + PDE_FLAGS_MMIO
	.endif
	.set .Li, .Li + 1
	.endr

	.section .note.GNU-stack, "", @progbits
