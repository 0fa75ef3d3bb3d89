/* SPDX-License-Identifier: MIT */
/*
 * Program start.  The kernel enters here in ring 3 as Linux does
 * (<lde_sys.h>): rsp at argc, then argv[], NULL, envp[], NULL, auxv.  This
 * finds AT_LDE_INT80 in the auxiliary vector (the kernel's preferred trap
 * instruction), calls main(argc, argv) and exit()s with its result.
 */
#include <lde_sys.h>

	.section .text.start, "ax"
	.globl _start
	.type _start, @function
_start:
	xorl %ebp, %ebp			/* end of the frame-pointer chain */
	movq (%rsp), %rdi		/* argc */
	leaq 8(%rsp), %rsi		/* argv */
	leaq 8(%rsi,%rdi,8), %rax	/* envp: past argv[] and its NULL */
1:	movq (%rax), %rcx		/* past envp[] and its NULL: the auxv */
	addq $8, %rax
	testq %rcx, %rcx
	jnz 1b
2:	movq (%rax), %rcx
	testq %rcx, %rcx		/* AT_NULL */
	jz 4f
	cmpq $AT_LDE_INT80, %rcx
	jne 3f
	movq 8(%rax), %rcx
	movl %ecx, lde_prefer_int80(%rip)
3:	addq $16, %rax
	jmp 2b
4:	call main			/* rdi, rsi: argc, argv; rsp 16-byte aligned */
	movl %eax, %edi
	call exit
	ud2				/* exit does not return */
	.size _start, . - _start

	.section .note.GNU-stack, "", @progbits
