/* SPDX-License-Identifier: MIT */
/*
 * The kernel's page tables, built by the assembler rather than at run
 * time: ring-0 code is instruction-emulated on PVM (~1 us/insn), so
 * filling 2048 entries in a loop would cost milliseconds, while loading
 * 24 KiB of ready-made tables from the ELF costs nothing.
 *
 * One set of page directories maps physical [0, 4 GiB) with 2 MiB pages,
 * supervisor-only; the top GiB, [3 GiB, 4 GiB), is the MMIO hole (LAPIC at
 * 0xFEE00000, test=mmio at 0xD0000000) and is mapped uncached (PCD|PWT).
 * They appear three times (paging.h):
 *
 *   PML4 slot 0    identity, only while head.S moves from physical
 *                  addresses to the kernel's own; kmain removes it, so
 *                  the whole lower half is the user's;
 *   PML4 slot 256  the direct map at DIRECT_MAP_BASE, no-execute (NX in the
 *                  PML4 entry covers everything below it);
 *   PML4 slot 511  the kernel image at KERNEL_VMA: PDPT entries 510 and 511
 *                  are the first two page directories, physical [0, 2 GiB).
 *
 * Every address in an entry is physical (PHYS: the tables are linked at
 * their kernel addresses).  Ring-3 mappings (PTE_U) come with tasks.
 */
#include "paging.h"

#define PD_COUNT 4		/* one page directory per GiB */
#define PDE_FLAGS (PTE_P | PTE_W | PTE_PS)
#define PDE_FLAGS_MMIO (PDE_FLAGS | PTE_PCD | PTE_PWT)
#define MMIO_FIRST_PDE (3 * 512)	/* 3 GiB / 2 MiB */
#define TABLE (PTE_P | PTE_W)

	.section .data.pagetables, "aw"
	.balign PAGE_SIZE

	.globl pml4
pml4:	.quad PHYS(pdpt) + TABLE			/* slot 0: identity */
	.fill PML4_SLOT_DIRECT - 1, 8, 0
	.quad PHYS(pdpt) + TABLE + PTE_NX		/* slot 256: direct map */
	.fill PML4_SLOT_KERNEL - PML4_SLOT_DIRECT - 1, 8, 0
	.quad PHYS(pdpt_kernel) + TABLE			/* slot 511: the image */

pdpt:	.set .Lgib, 0
	.rept PD_COUNT
	.quad PHYS(pd) + .Lgib * PAGE_SIZE + TABLE
	.set .Lgib, .Lgib + 1
	.endr
	.fill 512 - PD_COUNT, 8, 0

pdpt_kernel:
	.fill 510, 8, 0
	.quad PHYS(pd) + TABLE				/* KERNEL_VMA: [0, 1 GiB) */
	.quad PHYS(pd) + PAGE_SIZE + TABLE		/* [1 GiB, 2 GiB) */

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
