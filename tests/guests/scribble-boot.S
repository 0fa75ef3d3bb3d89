/* SPDX-License-Identifier: MIT */
/*
 * Hostile guest (boot structures): overwrites everything the vmm put in
 * its RAM below 64 KiB (GDT, TSS, start info, memory map, command line,
 * page tables are still in use: it stops at the page tables, 0x4000) with
 * 0xCC, then exits with its own status 5: the vmm reads none of it back.
 */
#include "guest_macros.h"

	.text
	.code64
	.globl _start
_start:
	movl $0, %edi
	movl $0x4000, %ecx
	movb $0xcc, %al
	cld
	rep stosb
	EXIT 5

	.section .note.GNU-stack, "", @progbits
