/* SPDX-License-Identifier: MIT */
/*
 * Program start.  The kernel enters here in ring 3 with rdi = argc,
 * rsi = argv, rdx = LDE_ENTRY_* flags and a 16-byte aligned stack
 * (<lde_sys.h>); this calls main(argc, argv) and exit()s with its result.
 */
#include <lde_sys.h>

	.section .text.start, "ax"
	.globl _start
	.type _start, @function
_start:
	xorl %ebp, %ebp			/* end of the frame-pointer chain */
	andl $LDE_ENTRY_INT80, %edx
	movl %edx, lde_prefer_int80(%rip)
	call main			/* rdi, rsi: argc, argv as given */
	movl %eax, %edi
	call exit
	ud2				/* exit does not return */
	.size _start, . - _start

	.section .note.GNU-stack, "", @progbits
