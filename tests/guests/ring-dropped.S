/* SPDX-License-Identifier: MIT */
/*
 * Hostile guest (the trace ring): a lossy ring whose dropped count is
 * 2^63: the summary could not hold it as an int64, so the vmm calls the
 * ring corrupt (125).  Without a ring it exits 9.
 */
#include "guest_macros.h"

	.text
	.code64
	.globl _start
_start:
	FIND_RING
	movl $1, 20(%rsi)                /* flags: LDE_RING_LOSSY */
	movabsq $0x8000000000000000, %rax
	movq %rax, 40(%rsi)              /* dropped */
	EXIT 0

	.section .note.GNU-stack, "", @progbits
