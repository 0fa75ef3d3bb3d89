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
	FIND_RING
	movq $0x7fffffff, 24(%rsi)        /* head */
	EXIT 0

	.section .note.GNU-stack, "", @progbits
