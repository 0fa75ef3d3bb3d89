/* SPDX-License-Identifier: MIT */
/*
 * Hostile guest (CPU state): jumps to an address the boot page tables
 * do not map (above 4 GiB): #PF with no IDT, a triple fault, 125.
 */
#include "guest_macros.h"

	.text
	.code64
	.globl _start
_start:
	movabsq $0x200000000, %rax
	jmp *%rax

	.section .note.GNU-stack, "", @progbits
