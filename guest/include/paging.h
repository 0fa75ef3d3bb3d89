/* SPDX-License-Identifier: MIT */
/* x86-64 page-table bits and control registers.  Included by assembly. */
#ifndef LDE_GUEST_PAGING_H
#define LDE_GUEST_PAGING_H

#define PTE_P (1 << 0)   /* present */
#define PTE_W (1 << 1)   /* writable */
#define PTE_U (1 << 2)   /* user-accessible (ring 3) */
#define PTE_PWT (1 << 3) /* write-through */
#define PTE_PCD (1 << 4) /* cache disable: with PWT, uncached (MMIO) */
#define PTE_PS (1 << 7)  /* in a PD entry: 2 MiB page */

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

/* Identity-mapped by pagetables.S: [0, 4 GiB). */
#define IDENTITY_MAP_END 0x100000000

#define X86_CR0_PE (1 << 0)
#define X86_CR0_WP (1 << 16)
#define X86_CR0_AM (1 << 18) /* alignment checks in ring 3 when RFLAGS.AC */
#define X86_CR0_PG 0x80000000
#define X86_CR4_PAE (1 << 5)

#define MSR_EFER 0xC0000080
#define EFER_SCE (1 << 0)  /* syscall/sysret enable */
#define EFER_LME (1 << 8)  /* long mode enable */
#define EFER_LMA (1 << 10) /* long mode active (read-only) */

#ifndef __ASSEMBLER__
extern char pml4[]; /* the kernel's top-level page table */
#endif

#endif
