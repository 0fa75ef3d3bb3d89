/* SPDX-License-Identifier: MIT */
/*
 * Test guest: accesses that no device decodes, each of which must behave
 * as on a real machine (docs/abi.md): a write is dropped, a read returns
 * all-ones, and the guest runs on.  The exit port and the doorbell decode
 * a 32-bit OUT at their own port only, so an 8-bit or 16-bit OUT to 0xF4,
 * a 32-bit OUT to 0xF5 and an 8-bit OUT to the doorbell change nothing;
 * INs from 0xF4 and 0xF9, from an unclaimed port and from unclaimed MMIO
 * read all-ones.  Then it exits with its own status, 33 (1 on a surprise).
 */
#include "guest_macros.h"

#define UNCLAIMED_MMIO 0xd0000000 /* below 4 GiB, no RAM: mapped by the boot page tables */

	.text
	.code64
	.globl _start
_start:
	movl $LDE_PORT_EXIT, %edx
	movb $7, %al
	outb %al, (%dx)                 /* 8 bits: not the exit port's access */
	movw $8, %ax
	outw %ax, (%dx)                 /* 16 bits: neither */
	movl $LDE_PORT_EXIT + 1, %edx
	movl $9, %eax
	outl %eax, (%dx)                /* 0xF5: nothing there */
	movl $LDE_PORT_TRACE_DOORBELL, %edx
	outb %al, (%dx)                 /* the doorbell takes 32 bits */

	movl $LDE_PORT_TRACE_DOORBELL + 1, %edx
	inb (%dx), %al
	cmpb $0xff, %al
	jne bad
	movl $LDE_PORT_EXIT, %edx
	inl (%dx), %eax
	cmpl $0xffffffff, %eax
	jne bad
	movl $0x80, %edx
	inw (%dx), %ax
	cmpw $0xffff, %ax
	jne bad
	movl UNCLAIMED_MMIO, %eax
	cmpl $0xffffffff, %eax
	jne bad
	movl %eax, UNCLAIMED_MMIO       /* dropped */

	PRINT msg_ok
	EXIT 33
bad:
	PRINT msg_bad
	EXIT 1

msg_ok:
	.asciz "unclaimed: writes dropped, reads all-ones\n"
msg_bad:
	.asciz "unclaimed: a read did not return all-ones\n"

	.section .note.GNU-stack, "", @progbits
