/* SPDX-License-Identifier: MIT */
/*
 * Hostile guest (the trace ring): finds its trace ring (the PVH module,
 * RBX = start info) and sets head far past tail + capacity; the vmm finds
 * the ring corrupt at the next exit and ends the run (125), with the
 * trace complete.  Without a ring it exits 9.
 */
#include "guest_macros.h"

	.text
	.code64
	.globl _start
_start:
	movl 12(%rbx), %eax             /* hvm_start_info.nr_modules */
	testl %eax, %eax
	jz no_ring
	movq 16(%rbx), %rsi             /* modlist_paddr */
	movq (%rsi), %rsi               /* the ring: struct lde_ring_header */
	movq $0x7fffffff, 24(%rsi)        /* head */
	EXIT 0
no_ring:
	PRINT msg_no_ring
	EXIT 9
msg_no_ring:
	.asciz "no trace ring (run with --trace)\n"

	.section .note.GNU-stack, "", @progbits
