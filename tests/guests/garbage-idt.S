/* SPDX-License-Identifier: MIT */
/*
 * Hostile guest (CPU state): a garbage IDT (limit 0xfff at the boot
 * page tables), then ud2: the CPU cannot deliver the #UD through it, and
 * the vCPU shuts down: a crash, 125, and the vmm is unaffected.
 */
#include "guest_macros.h"

	.text
	.code64
	.globl _start
_start:
	lidt idtr
	ud2
	EXIT 1
idtr:
	.word 0xfff
	.quad 0x4000

	.section .note.GNU-stack, "", @progbits
