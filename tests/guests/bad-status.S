/* SPDX-License-Identifier: MIT */
/*
 * Hostile guest (ports): writes a value to the exit port that is neither
 * a guest status (0-255) nor a programs result: bad-status, 125.
 */
#include "guest_macros.h"

	.text
	.code64
	.globl _start
_start:
	movl $0xdeadbeef, %eax
	movl $LDE_PORT_EXIT, %edx
	outl %eax, (%dx)
1:	cli
	hlt
	jmp 1b

	.section .note.GNU-stack, "", @progbits
