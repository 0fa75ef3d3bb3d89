/* SPDX-License-Identifier: MIT */
/*
 * Context switch between kernel stacks.
 *
 *   void swtch(struct context **save, struct context *load);
 *
 * Pushes the callee-saved registers (the C ABI lets the caller assume
 * they survive the call; everything else the caller already saved), stores
 * RSP in *save, loads `load` as RSP and pops the other task's registers:
 * the final `ret` returns into whatever call of swtch() that task made
 * earlier, i.e. into sched.c, on its own stack.  A task that never ran has
 * a hand-made context (task.c) whose return address is trap_return, so its
 * first switch-in drops straight to ring 3 through its initial trap frame.
 *
 * CR3 and TSS.rsp0 are switched by the caller (sched.c) just before.
 * struct context (sched.h) is the layout left on the stack:
 *   r15, r14, r13, r12, rbx, rbp, return address.
 */
	.text
	.globl swtch
	.type swtch, @function
swtch:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret
	.size swtch, . - swtch

	.section .note.GNU-stack, "", @progbits
