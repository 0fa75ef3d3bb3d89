/* SPDX-License-Identifier: MIT */
/*
 * Test guest: the LAPIC timer at its fastest (periodic, 200 us, KVM's
 * floor), a handler that keeps interrupts off longer than that, and a main
 * loop that spins with interrupts on and makes no exit.  So the host's
 * KVM almost always has a timer interrupt pending that the guest cannot
 * take yet, and asks for an interrupt window (on SVM: V_IRQ) at nearly
 * every VM entry.  Only the vmm's --timeout ends it (status 124).
 *
 * It is the minimal reproducer of the nested-SVM hang (docs/lanes.md): in
 * QEMU 7.2's model of SVM, now and then an interrupt for the L1 kernel stays
 * in L1's LAPIC undelivered while this guest runs; this guest makes no exit
 * that would give L1 the CPU back, so L1 stops until something else
 * interrupts it.
 */
#include "guest_macros.h"

#define LAPIC 0xfee00000
#define LAPIC_EOI 0xb0
#define LAPIC_SVR 0xf0
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_DIV 0x3e0
#define VECTOR 0x40
#define PERIODIC (1 << 17)
#define PERIOD 200000     /* LAPIC counts at 1 GHz (divide by 1): 200 us */
#define HANDLER_SPIN 200000 /* loop iterations with interrupts off */

	.text
	.code64
	.globl _start
_start:
	PRINT msg
	/* One 64-bit interrupt gate, for VECTOR: handler, CS 0x10, DPL 0. */
	leaq handler(%rip), %rax
	leaq idt + VECTOR * 16(%rip), %rdi
	movw %ax, (%rdi)
	movw $LDE_BOOT_SEL_CODE64, 2(%rdi)
	movw $0x8e00, 4(%rdi)
	shrq $16, %rax
	movw %ax, 6(%rdi)
	shrq $16, %rax
	movl %eax, 8(%rdi)
	lidt idtr(%rip)
	/* The LAPIC on, its timer periodic at VECTOR. */
	movl $LAPIC, %esi
	movl $0x1ff, LAPIC_SVR(%rsi)
	movl $0xb, LAPIC_TIMER_DIV(%rsi)
	movl $(PERIODIC | VECTOR), LAPIC_LVT_TIMER(%rsi)
	movl $PERIOD, LAPIC_TIMER_INIT(%rsi)
	sti
1:	jmp 1b

handler:
	pushq %rcx
	movl $0, LAPIC_EOI(%rsi) /* %rsi: the LAPIC, from _start */
	movl $HANDLER_SPIN, %ecx
2:	decl %ecx
	jnz 2b
	popq %rcx
	iretq

msg:
	.asciz "irqspin: LAPIC timer every 200 us, a handler longer than that; until --timeout\n"

	.data
	.balign 16
idt:
	.fill 256 * 16, 1, 0
idtr:
	.word 256 * 16 - 1
	.quad idt

	.section .note.GNU-stack, "", @progbits
