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
	FIND_RING
	movw $9, 80(%rsi)                /* slot 0 (after the 64-byte header): kind */
	movq $1, 24(%rsi)                /* head */
	EXIT 0

	.section .note.GNU-stack, "", @progbits
