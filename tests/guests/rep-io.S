/* SPDX-License-Identifier: MIT */
/*
 * Hostile guest (ports, volume): rep outsb of 16 KiB of its own RAM to an
 * unclaimed port, then rep insb of 16 KiB from it into RAM, which must
 * then hold all-ones; exits with its own status 6 (1 if not all-ones).
 */
#include "guest_macros.h"

	.text
	.code64
	.globl _start
_start:
	movl $0x100000, %esi
	movl $0x4000, %ecx
	movl $0x2f0, %edx
	cld
	rep outsb
	movl $0x200000, %edi
	movl $0x4000, %ecx
	rep insb
	movl $0x200000, %esi
	movl $0x4000, %ecx
2:	lodsb
	cmpb $0xff, %al
	jne 3f
	loop 2b
	EXIT 6
3:	EXIT 1

	.section .note.GNU-stack, "", @progbits
