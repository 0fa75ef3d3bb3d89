/* SPDX-License-Identifier: MIT */
/*
 * Test guest: spins forever in ring 0 with interrupts off and makes no
 * exit at all after its first line, so only the vmm's --timeout ends it
 * (status 124).  The smallest guest that depends on the host alone to get
 * the CPU back: on nested SVM it is the reproducer of a QEMU TCG bug in
 * which the L1 kernel's own timer interrupt is never delivered while the
 * nested guest runs (docs/lanes.md, "The nested-SVM hang").
 */
#include "guest_macros.h"

	.text
	.code64
	.globl _start
_start:
	PRINT msg
	cli
1:	jmp 1b

msg:
	.asciz "spin: spinning with interrupts off until the vmm stops us\n"

	.section .note.GNU-stack, "", @progbits
