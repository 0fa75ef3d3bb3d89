/* SPDX-License-Identifier: MIT */
/*
 * Test guest: an ELF64 without the PVH note, so the vmm must enter it at
 * _start in 64-bit long mode (abi.h section 4).  It checks that it really
 * is in long mode (EFER.LMA) and in a 64-bit code segment (CS.L), prints
 * the result to port 0xE9 and exits with status 0 (or 1 if not).
 *
 * Everything up to the "long mode ok" print decodes the same in 32-bit
 * and 64-bit mode, so a wrong entry mode is reported, not misexecuted.
 */
#include "guest_macros.h"

#define MSR_EFER 0xC0000080
#define EFER_LMA (1 << 10)

	.text
	.code64
	.globl _start
_start:
	/* EFER.LMA: the CPU is in IA-32e mode (64-bit or compatibility). */
	movl $MSR_EFER, %ecx
	rdmsr
	testl $EFER_LMA, %eax
	jz not_long

	/*
	 * CS.L: 0x48 is a REX.W prefix in 64-bit mode, making "48 90" a nop,
	 * but "dec %eax" in 32-bit (compatibility) mode, making %eax -1.
	 */
	xorl %eax, %eax
	.byte 0x48, 0x90
	testl %eax, %eax
	jnz not_long

	PRINT msg_ok
	EXIT 0

not_long:
	PRINT msg_not_long
	EXIT 1

msg_ok:
	.asciz "elf64-entry: long mode ok\n"
msg_not_long:
	.asciz "elf64-entry: not in long mode\n"

	.section .note.GNU-stack, "", @progbits
