/* SPDX-License-Identifier: MIT */
/*
 * Hostile guest (the trace ring): publishes one record of an unknown
 * kind (9): the vmm calls the ring corrupt (125).  Without a ring it exits 9.
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
	movw $9, 80(%rsi)                /* slot 0 (after the 64-byte header): kind */
	movq $1, 24(%rsi)                /* head */
	EXIT 0
no_ring:
	PRINT msg_no_ring
	EXIT 9
msg_no_ring:
	.asciz "no trace ring (run with --trace)\n"

	.section .note.GNU-stack, "", @progbits
