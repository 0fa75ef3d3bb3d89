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
	FIND_RING
	movl $0x80000000, 12(%rsi)       /* capacity */
	movl $0xffffffff, 16(%rsi)       /* high_water */
	movl $1, 8(%rsi)                 /* record_size */
	EXIT 8

	.section .note.GNU-stack, "", @progbits
