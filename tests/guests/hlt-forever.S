/* SPDX-License-Identifier: MIT */
/*
 * Hostile guest (timing): interrupts off, then hlt: the vCPU sleeps in
 * the kernel for good, and the watchdog must still get it out (124).
 */
#include "guest_macros.h"

	.text
	.code64
	.globl _start
_start:
1:	cli
	hlt
	jmp 1b

	.section .note.GNU-stack, "", @progbits
