/* SPDX-License-Identifier: MIT */
/*
 * Hostile guest (the trace ring, volume): rings the trace-ring doorbell
 * 20,000 times with nothing in the ring, then exits with its own
 * status 7.
 */
#include "guest_macros.h"

	.text
	.code64
	.globl _start
_start:
	movl $20000, %ecx
	movl $LDE_PORT_TRACE_DOORBELL, %edx
1:	outl %eax, (%dx)
	loop 1b
	EXIT 7

	.section .note.GNU-stack, "", @progbits
