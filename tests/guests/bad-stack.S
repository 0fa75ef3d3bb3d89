/* SPDX-License-Identifier: MIT */
/*
 * Hostile guest (CPU state): RSP at a non-canonical address, then a
 * push: #SS, undeliverable without an IDT: triple fault, 125.
 */
#include "guest_macros.h"

	.text
	.code64
	.globl _start
_start:
	movabsq $0x8000000000000000, %rsp
	pushq %rax
	EXIT 1

	.section .note.GNU-stack, "", @progbits
