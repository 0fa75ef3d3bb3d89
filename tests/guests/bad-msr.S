/* SPDX-License-Identifier: MIT */
/*
 * Hostile guest (CPU state): WRMSR to an MSR that does not exist: #GP,
 * which cannot be delivered without an IDT: triple fault, 125.
 */
#include "guest_macros.h"

	.text
	.code64
	.globl _start
_start:
	movl $0xdeadbeef, %ecx
	xorl %eax, %eax
	xorl %edx, %edx
	wrmsr
	EXIT 1

	.section .note.GNU-stack, "", @progbits
