/* SPDX-License-Identifier: MIT */
/*
 * Hostile guest (timing): interrupts off, then a tight loop forever.
 * Only --timeout ends it: 124, where the vCPU was, its registers.
 */
#include "guest_macros.h"

	.text
	.code64
	.globl _start
_start:
	cli
1:	jmp 1b

	.section .note.GNU-stack, "", @progbits
