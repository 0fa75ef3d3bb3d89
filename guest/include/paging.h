/* SPDX-License-Identifier: MIT */
/* x86-64 page-table bits and control registers.  Included by assembly. */
#ifndef LDE_GUEST_PAGING_H
#define LDE_GUEST_PAGING_H

#define PTE_P (1 << 0)            /* present */
#define PTE_W (1 << 1)            /* writable */
#define PTE_U (1 << 2)            /* user-accessible (ring 3) */
#define PTE_PWT (1 << 3)          /* write-through */
#define PTE_PCD (1 << 4)          /* cache disable: with PWT, uncached (MMIO) */
#define PTE_PS (1 << 7)           /* in a PD entry: 2 MiB page */
#define PTE_COW (1 << 9)          /* software (AVL) bit: writable, shared since fork (vm.c) */
#define PTE_FOREIGN (1 << 10)     /* software (AVL) bit: a frame kalloc does not own (vm.c) */
#define PTE_NX 0x8000000000000000 /* bit 63: no instruction fetch (needs EFER.NXE) */

#define PAGE_SIZE 0x1000
#define PAGE_SHIFT 12
#define LARGE_PAGE_SHIFT 21              /* 2 MiB */
#define PTE_ADDR_MASK 0x000ffffffffff000 /* bits 51:12 of an entry */
#define PT_ENTRIES 512

/*
 * A 48-bit virtual address indexes four tables, 9 bits each: PML4
 * (bits 47:39), PDPT (38:30), PD (29:21) and PT (20:12).  LEVEL_SHIFT(4)
 * is the PML4's shift, LEVEL_SHIFT(1) the PT's.
 */
#define LEVEL_SHIFT(level) (PAGE_SHIFT + 9 * ((level)-1))
#define PT_INDEX(va, level) (((va) >> LEVEL_SHIFT(level)) & (PT_ENTRIES - 1))

/*
 * The kernel's half of every address space (pagetables.S, docs/guest-kernel.md
 * "Memory layout"):
 *   DIRECT_MAP_BASE  physical [0, DIRECT_MAP_SIZE) at DIRECT_MAP_BASE + pa:
 *                    RAM (and the MMIO hole, uncached), supervisor-only,
 *                    no-execute; every pointer to a frame goes through it;
 *   KERNEL_VMA       the kernel image: physical [0, 2 GiB) again, executable,
 *                    where the kernel is linked (-mcmodel=kernel: the top 2 GiB).
 * The user half, the lower canonical half, is in uapi/lde_sys.h.
 */
#define DIRECT_MAP_BASE 0xffff800000000000
#define DIRECT_MAP_SIZE 0x100000000 /* 4 GiB */
#define KERNEL_VMA 0xffffffff80000000
#define KERNEL_PHYS 0x100000 /* where the image is loaded (kernel.ld) */
#define PML4_SLOT_DIRECT 256 /* PT_INDEX(DIRECT_MAP_BASE, 4) */
#define PML4_SLOT_KERNEL 511 /* PT_INDEX(KERNEL_VMA, 4) */

/* A kernel-image symbol's physical address, for code that runs before paging. */
#define PHYS(sym) ((sym)-KERNEL_VMA)

#define X86_CR0_PE (1 << 0)
#define X86_CR0_WP (1 << 16)
#define X86_CR0_AM (1 << 18) /* alignment checks in ring 3 when RFLAGS.AC */
#define X86_CR0_PG 0x80000000
#define X86_CR4_PAE (1 << 5)

#define MSR_EFER 0xC0000080
#define EFER_SCE (1 << 0)  /* syscall/sysret enable */
#define EFER_LME (1 << 8)  /* long mode enable */
#define EFER_LMA (1 << 10) /* long mode active (read-only) */
#define EFER_NXE (1 << 11) /* PTE_NX honoured */

#ifndef __ASSEMBLER__
#include <stdint.h>

extern char pml4[]; /* the kernel's top-level page table */

/*
 * Physical address <-> kernel pointer.  In the kernel, frames are reached
 * through the direct map; the kernel image also has its own addresses.  The
 * host unit tests (a hosted build) compile the pure-logic files with
 * "physical" meaning the host's own pointers.
 */
#if __STDC_HOSTED__
#define DIRECT_MAP_OFFSET 0
#else
#define DIRECT_MAP_OFFSET DIRECT_MAP_BASE
#endif

static inline void *phys_to_virt(uint64_t pa)
{
	return (void *)(uintptr_t)(pa + DIRECT_MAP_OFFSET);
}

static inline uint64_t virt_to_phys(const void *p)
{
	uint64_t va = (uintptr_t)p;

	if (!__STDC_HOSTED__ && va >= KERNEL_VMA)
		return va - KERNEL_VMA;
	return va - DIRECT_MAP_OFFSET;
}
#endif

#endif
