/* SPDX-License-Identifier: MIT */
/*
 * Hostile guest (CPU state): loads CR3 with an address where there is no
 * RAM: the next instruction fetch cannot be translated, and with no IDT
 * the vCPU triple-faults: a crash, 125, with a register dump.
 */
#include "guest_macros.h"

	.text
	.code64
	.globl _start
_start:
	movabsq $0x7ff000000, %rax
	movq %rax, %cr3
	EXIT 1

	.section .note.GNU-stack, "", @progbits
