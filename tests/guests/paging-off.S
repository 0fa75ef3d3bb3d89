/* SPDX-License-Identifier: MIT */
/*
 * Hostile guest (CPU state): clears CR0.PG while in long mode, which
 * the CPU refuses with #GP; with no IDT, a triple fault, 125.
 */
#include "guest_macros.h"

	.text
	.code64
	.globl _start
_start:
	movq %cr0, %rax
	andl $0x7fffffff, %eax
	movq %rax, %cr0
	EXIT 1

	.section .note.GNU-stack, "", @progbits
