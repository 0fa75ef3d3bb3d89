/* SPDX-License-Identifier: MIT */
/*
 * The PVH ELF note: tells a PVH loader (our vmm, QEMU -kernel, Xen) to
 * enter the kernel at pvh_start in 32-bit protected mode (abi.h section 3).
 * kernel.ld places .note.Xen in a PT_NOTE segment, which is where loaders
 * look for it.
 */
#include <lde/abi.h>

#include "paging.h"

	.section .note.Xen, "a", @note
	.balign 4
	.long 2f - 1f			/* namesz: "Xen\0" */
	.long 4f - 3f			/* descsz */
	.long XEN_ELFNOTE_PHYS32_ENTRY	/* type */
1:	.asciz "Xen"
2:	.balign 4
3:	.long PHYS(pvh_start)		/* physical address of the entry */
4:	.balign 4

	.section .note.GNU-stack, "", @progbits
