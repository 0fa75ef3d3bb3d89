/* SPDX-License-Identifier: MIT */
/*
 * Trap entry: 256 tiny stubs, one per IDT vector, and one common path.
 *
 * The CPU has pushed SS, RSP, RFLAGS, CS, RIP (always, in 64-bit mode) and,
 * for some exceptions, an error code; it switched to TSS.rsp0 first if the
 * trap came from ring 3, or to an IST stack if the gate names one.  Each
 * stub evens out the frame by pushing a 0 where the CPU pushed no error
 * code, pushes its vector number and jumps to trap_common, which saves the
 * general registers: the result is a struct trap_frame (trap.h).
 *
 * No swapgs here: the kernel's C code never uses GS (percpu.h).
 */
#include "trap.h"

/* Exceptions for which the CPU pushes an error code. */
#define HAS_ERROR_CODE(v) \
	((v) == 8 || (v) == 10 || (v) == 11 || (v) == 12 || (v) == 13 || \
	 (v) == 14 || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

	.altmacro

.macro trap_stub vector
trap_stub_\vector:
	.if HAS_ERROR_CODE(\vector) == 0
	pushq $0
	.endif
	pushq $\vector
	jmp trap_common
.endm

.macro stub_address vector
	.quad trap_stub_\vector
.endm

	.text
	.set vector, 0
	.rept 256
	trap_stub %vector
	.set vector, vector + 1
	.endr

/* In: the CPU's frame, error code and vector on the stack. */
trap_common:
	SAVE_GPRS
	cld				/* the C ABI wants DF clear; ring 3 may
					   have set it */
	movq %rsp, %rdi			/* 16-byte aligned here: see trap.h */
	call trap

/*
 * Back to where the trap came from.  Also where a new task starts: its
 * kernel stack holds a frame built by task.c, and swtch "returns" here
 * (swtch.S).
 */
	.globl trap_return
trap_return:
	RESTORE_GPRS
	addq $16, %rsp			/* vector and error code */
	iretq

	.section .rodata
	.balign 8
	.globl trap_stubs
trap_stubs:
	.set vector, 0
	.rept 256
	stub_address %vector
	.set vector, vector + 1
	.endr

	.section .note.GNU-stack, "", @progbits
