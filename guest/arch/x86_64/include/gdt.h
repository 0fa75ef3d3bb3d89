/* SPDX-License-Identifier: MIT */
/*
 * The kernel's GDT (guest/arch/x86_64/gdt.c), in Linux's x86-64 layout,
 * which PVM's syscall path expects (STAR = 0x0023001000000000):
 *
 *   0x00 null            0x20 user 32-bit code  (0x23 with RPL 3)
 *   0x08 kernel 32-bit   0x28 user data         (0x2b with RPL 3)
 *   0x10 kernel code     0x30 user 64-bit code  (0x33 with RPL 3)
 *   0x18 kernel data     0x38 unused
 *                        0x40 TSS (16-byte system descriptor, 2 slots)
 *
 * Included by assembly too.
 */
#ifndef LDE_GUEST_GDT_H
#define LDE_GUEST_GDT_H

#define GDT_SEL_KERNEL32_CS 0x08
#define GDT_SEL_KERNEL_CS 0x10
#define GDT_SEL_KERNEL_DS 0x18
#define GDT_SEL_USER32_CS 0x23
#define GDT_SEL_USER_DS 0x2b
#define GDT_SEL_USER_CS 0x33
#define GDT_SEL_TSS 0x40

#define GDT_ENTRIES 10 /* 8-byte slots, the TSS taking the last two */

#ifndef __ASSEMBLER__
#include <stdint.h>

#include "cpu.h"

extern uint64_t gdt[GDT_ENTRIES];

/*
 * Writes the 16-byte TSS descriptor at GDT_SEL_TSS: a 64-bit available
 * TSS at `base` whose last byte is base + limit.
 */
void gdt_set_tss(uint64_t base, uint32_t limit);
/* lgdt operand for gdt[]; head.S loads it in 32- and in 64-bit mode. */
extern const struct desc_ptr gdt_desc;
#endif

#endif
