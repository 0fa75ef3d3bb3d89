/* SPDX-License-Identifier: MIT */
/*
 * Test guest: executes ud2 with no IDT (IDTR limit 0, abi.h section 4).
 * The #UD cannot be delivered, nor the #GP and #DF that follow, so the
 * vCPU triple-faults and the vmm must exit with LDE_VMM_CRASH (125).
 */
#include "guest_macros.h"

	.text
	.code64
	.globl _start
_start:
	PRINT msg
	ud2
	/* Not reached; if the vmm somehow resumes us, say so. */
	EXIT 1

msg:
	.asciz "ud2: executing ud2 without an IDT (triple fault expected)\n"

	.section .note.GNU-stack, "", @progbits
