/* SPDX-License-Identifier: MIT */
/*
 * Hostile guest (the trace ring): rewrites the vmm-owned header fields
 * (capacity 2^31, high water, record size), then exits with its own
 * status 8: the vmm keeps its own copies and never re-reads them.
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
	movl $0x80000000, 12(%rsi)       /* capacity */
	movl $0xffffffff, 16(%rsi)       /* high_water */
	movl $1, 8(%rsi)                 /* record_size */
	EXIT 8
no_ring:
	PRINT msg_no_ring
	EXIT 9
msg_no_ring:
	.asciz "no trace ring (run with --trace)\n"

	.section .note.GNU-stack, "", @progbits
