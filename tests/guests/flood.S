/* SPDX-License-Identifier: MIT */
/*
 * Test guest: sheer volume.  Writes 'x' to the debug console forever: one
 * VM exit, one trace record and one console byte each.  Only a limit ends
 * the run: --trace-max (status 124, "end":"trace-full") or --timeout.
 */
#include "guest_macros.h"

	.text
	.code64
	.globl _start
_start:
	movl $LDE_PORT_DEBUGCON, %edx
	movb $'x', %al
1:	outb %al, (%dx)
	jmp 1b

	.section .note.GNU-stack, "", @progbits
