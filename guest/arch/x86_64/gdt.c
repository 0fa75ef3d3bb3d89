// SPDX-License-Identifier: MIT
/*
 * The kernel's GDT; layout and selectors in gdt.h.  head.S loads it
 * before the jump to 64-bit mode, so it is plain initialized data.
 */
#include <stdint.h>

#include "gdt.h"

/*
 * A flat segment descriptor: base 0, limit 0xFFFFF in 4 KiB units
 * (4 GiB; ignored for 64-bit code/data anyway).
 *   access: P | DPL | S | type; the "accessed" type bit is preset so the
 *           CPU never has to write it back into the table.
 *   flags:  G (4 KiB granularity) | D (32-bit) or L (64-bit code).
 */
#define SEG_FLAT(access, flags) \
	(((uint64_t)(flags) << 52) | ((uint64_t)0xf << 48) | ((uint64_t)(access) << 40) | 0xffff)

#define ACC_CODE 0x9b /* present, S, execute/read, accessed */
#define ACC_DATA 0x93 /* present, S, read/write, accessed */
#define ACC_DPL3 0x60
#define FLAGS_64 0xa /* G | L */
#define FLAGS_32 0xc /* G | D/B */

uint64_t gdt[GDT_ENTRIES] __attribute__((aligned(16))) = {
	[GDT_SEL_KERNEL32_CS >> 3] = SEG_FLAT(ACC_CODE, FLAGS_32),
	[GDT_SEL_KERNEL_CS >> 3] = SEG_FLAT(ACC_CODE, FLAGS_64),
	[GDT_SEL_KERNEL_DS >> 3] = SEG_FLAT(ACC_DATA, FLAGS_32),
	[GDT_SEL_USER32_CS >> 3] = SEG_FLAT(ACC_CODE | ACC_DPL3, FLAGS_32),
	[GDT_SEL_USER_DS >> 3] = SEG_FLAT(ACC_DATA | ACC_DPL3, FLAGS_32),
	[GDT_SEL_USER_CS >> 3] = SEG_FLAT(ACC_CODE | ACC_DPL3, FLAGS_64),
	/*
	 * GDT_SEL_TSS: slots 8 and 9 stay zero until tss_init() calls
	 * gdt_set_tss(); ltr then sets the busy bit in the descriptor, hence
	 * gdt[] is writable.
	 */
};

#define ACC_TSS64 0x89 /* present, DPL 0, type 9: available 64-bit TSS */

void gdt_set_tss(uint64_t base, uint32_t limit)
{
	uint64_t *d = &gdt[GDT_SEL_TSS >> 3];

	/* A system descriptor: the usual 8 bytes, then base[63:32]. */
	d[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) | ((uint64_t)ACC_TSS64 << 40) |
	       ((uint64_t)(limit >> 16 & 0xf) << 48) | ((base >> 24 & 0xff) << 56);
	d[1] = base >> 32;
}

/*
 * In 32-bit mode lgdt reads only the low 4 bytes of base, which is
 * enough: the kernel lives below 4 GiB.
 */
const struct desc_ptr gdt_desc = {
	.limit = sizeof(gdt) - 1,
	.base = (uint64_t)(uintptr_t)gdt,
};
