/* SPDX-License-Identifier: MIT */
/*
 * Test guest: an 8-bit OUT of 0 to every one of the 65,536 ports, port 0
 * to 0xFFFF, then its own status, 44, with a 32-bit OUT to the exit port.
 * Almost all of them are unclaimed (writes dropped, one warning per port
 * at most UNCLAIMED_WARN_MAX times); the 8-bit OUT to 0xF4 is not the exit
 * port's access.  The run must end with 44, in bounded time and memory.
 */
#include "guest_macros.h"

	.text
	.code64
	.globl _start
_start:
	xorl %eax, %eax
	xorl %edx, %edx
1:	outb %al, (%dx)
	incw %dx                        /* ZF when it wraps to 0 */
	jnz 1b
	EXIT 44

	.section .note.GNU-stack, "", @progbits
