/* SPDX-License-Identifier: MIT */
/*
 * The `syscall` instruction's way in and `sysretq` way out.
 *
 * On hardware, `syscall` in ring 3 loads CS/SS from STAR (ring 0), RIP
 * from LSTAR (this code), saves the user's RIP in RCX and RFLAGS in R11,
 * and clears the RFLAGS bits set in FMASK (IF among them: no interrupts
 * here).  It does NOT switch stacks: RSP is still the user's.  So the
 * first job is to find the kernel stack, through GS (percpu.h): `swapgs`
 * makes GS's base this_cpu, two moves swap RSP, and a second `swapgs`
 * gives the user their GS back at once, so nothing else in the kernel
 * ever has to care about GS.
 *
 * Then a struct trap_frame is built exactly as an interrupt would have
 * left it (SS, RSP, RFLAGS, CS, RIP, error 0, vector T_SYSCALL, the
 * general registers), so C sees one kind of frame for every way in.
 *
 * On PVM the `syscall` instruction jumps here while still in ring 3.
 * Fetching this supervisor-only code from ring 3 is a #PF (and were it
 * fetchable, the privileged `swapgs` would be a #GP); syscall_trap.c
 * finishes the call from that fault.  Either way nothing here runs in
 * ring 3: `swapgs` must stay the very first instruction.
 */
#include "gdt.h"
#include "percpu.h"
#include "trap.h"

	.text
	.globl syscall_entry
	.type syscall_entry, @function
syscall_entry:
	swapgs
	movq %rsp, %gs:CPU_USER_RSP
	movq %gs:CPU_KERNEL_RSP, %rsp
	pushq $GDT_SEL_USER_DS		/* ss */
	pushq %gs:CPU_USER_RSP		/* rsp */
	swapgs
	pushq %r11			/* rflags */
	pushq $GDT_SEL_USER_CS		/* cs */
	pushq %rcx			/* rip */
	pushq $0			/* error code */
	pushq $T_SYSCALL		/* vector */
	SAVE_GPRS
	movq %rsp, %rdi
	call syscall_from_entry		/* true: sysretq is safe */
	testb %al, %al
	jz trap_return			/* no: the general way, iretq */

	/*
	 * sysretq: RIP from RCX, RFLAGS from R11, CS/SS from STAR; RSP is
	 * ours to restore.  Once RSP is the user's, an NMI or #MC would find
	 * a user stack, which is why those two have IST stacks (tss.c).
	 */
	movq TF_R15(%rsp), %r15
	movq TF_R14(%rsp), %r14
	movq TF_R13(%rsp), %r13
	movq TF_R12(%rsp), %r12
	movq TF_R10(%rsp), %r10
	movq TF_R9(%rsp), %r9
	movq TF_R8(%rsp), %r8
	movq TF_RBP(%rsp), %rbp
	movq TF_RDI(%rsp), %rdi
	movq TF_RSI(%rsp), %rsi
	movq TF_RDX(%rsp), %rdx
	movq TF_RBX(%rsp), %rbx
	movq TF_RAX(%rsp), %rax
	movq TF_RIP(%rsp), %rcx
	movq TF_RFLAGS(%rsp), %r11
	movq TF_RSP(%rsp), %rsp
	sysretq
	.size syscall_entry, . - syscall_entry

	.section .note.GNU-stack, "", @progbits
