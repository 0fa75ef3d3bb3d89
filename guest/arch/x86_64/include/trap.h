/* SPDX-License-Identifier: MIT */
/*
 * Traps: exceptions, interrupts and system calls all arrive as a struct
 * trap_frame on the current task's kernel stack (trapentry.S and
 * syscall_entry.S build it), and trap.c decides what they mean.
 * Included by assembly too (the TF_* offsets).
 */
#ifndef LDE_GUEST_TRAP_H
#define LDE_GUEST_TRAP_H

/* CPU exception vectors (Intel SDM vol. 3, table 6-1). */
#define T_DE 0  /* divide error */
#define T_DB 1  /* debug */
#define T_NMI 2 /* non-maskable interrupt */
#define T_BP 3  /* breakpoint (int3) */
#define T_OF 4  /* overflow (into) */
#define T_BR 5  /* bound range */
#define T_UD 6  /* invalid opcode */
#define T_NM 7  /* device not available (FPU) */
#define T_DF 8  /* double fault */
#define T_TS 10 /* invalid TSS */
#define T_NP 11 /* segment not present */
#define T_SS 12 /* stack-segment fault */
#define T_GP 13 /* general protection */
#define T_PF 14 /* page fault */
#define T_MF 16 /* x87 floating point */
#define T_AC 17 /* alignment check */
#define T_MC 18 /* machine check */
#define T_XM 19 /* SIMD floating point */
#define T_VE 20 /* virtualization */
#define T_CP 21 /* control protection */
#define T_EXCEPTIONS 32

/* Vectors of our own choosing. */
#define T_TIMER 0x20     /* LAPIC timer */
#define T_COM1 0x24      /* COM1, IRQ 4 through the IOAPIC (0x20 + the IRQ) */
#define T_SYSCALL80 0x80 /* int $0x80: the DPL-3 system-call gate */
#define T_SPURIOUS 0xff  /* LAPIC spurious interrupt */
#define T_SYSCALL 0x100  /* not an IDT vector: frame built by syscall_entry */

/* Interrupt-stack-table slots (tss.c): their own stacks for these. */
#define IST_DF 1
#define IST_NMI 2
#define IST_MC 3

/*
 * Byte offsets in struct trap_frame, for assembly.  The system-call
 * registers (arguments, rax) sit right below the vector, so that from r9
 * up the frame is a struct lde_trap_regs (include/lde/abi.h) and a trace
 * record copies it in one block (trace_records.c).
 */
#define TF_R15 0
#define TF_R14 8
#define TF_R13 16
#define TF_R12 24
#define TF_R11 32
#define TF_RBP 40
#define TF_RBX 48
#define TF_RCX 56
#define TF_R9 64
#define TF_R8 72
#define TF_R10 80
#define TF_RDX 88
#define TF_RSI 96
#define TF_RDI 104
#define TF_RAX 112
#define TF_VECTOR 120
#define TF_ERROR 128
#define TF_RIP 136
#define TF_CS 144
#define TF_RFLAGS 152
#define TF_RSP 160
#define TF_SS 168
#define TF_SIZE 176

/* Assembler, not C: */
/* clang-format off */
#ifdef __ASSEMBLER__
/* The general registers of struct trap_frame, pushed in the order that
 * leaves r15 at TF_R15 (the lowest address), and popped back. */
.macro SAVE_GPRS
	pushq %rax
	pushq %rdi
	pushq %rsi
	pushq %rdx
	pushq %r10
	pushq %r8
	pushq %r9
	pushq %rcx
	pushq %rbx
	pushq %rbp
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
.endm

.macro RESTORE_GPRS
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %rbp
	popq %rbx
	popq %rcx
	popq %r9
	popq %r8
	popq %r10
	popq %rdx
	popq %rsi
	popq %rdi
	popq %rax
.endm
#endif
/* clang-format on */

#ifndef __ASSEMBLER__
#include <lde/abi.h>
#include <stdbool.h>
#include <stdint.h>

	/*
 * Lowest address first: the general registers the entry code pushed, the
 * vector and error code (0 when the CPU pushes none), then what the CPU
 * pushed when it took the trap (for syscall_entry: what it would have).
 */
	struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, rbp, rbx, rcx;
	uint64_t r9, r8, r10, rdx, rsi, rdi, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};

_Static_assert(sizeof(struct trap_frame) == TF_SIZE, "trap frame size");
_Static_assert(T_SYSCALL == LDE_VECTOR_NONE, "the trace ABI's vector for syscall");
_Static_assert(__builtin_offsetof(struct trap_frame, rcx) == TF_RCX, "rcx");
_Static_assert(__builtin_offsetof(struct trap_frame, r9) == TF_R9, "r9");
_Static_assert(__builtin_offsetof(struct trap_frame, rdi) == TF_RDI, "rdi");
_Static_assert(__builtin_offsetof(struct trap_frame, rax) == TF_RAX, "rax");
_Static_assert(__builtin_offsetof(struct trap_frame, rip) == TF_RIP, "rip");
_Static_assert(__builtin_offsetof(struct trap_frame, ss) == TF_SS, "ss");

/* The C side of every IDT vector (called by trapentry.S). */
void trap(struct trap_frame *f);

/* trapentry.S: pops a trap frame and returns with iretq. */
extern char trap_return[];

/* trapentry.S: entry points of vectors 0..255, for the IDT. */
extern const uint64_t trap_stubs[256];

/* True if the trap came from ring 3 (the CPL is in CS's low bits). */
static inline bool trap_from_user(const struct trap_frame *f)
{
	return (f->cs & 3) == 3;
}

/* "#PF" for 14, "timer" for 0x20: include/lde/trace_names.h; "reserved" or
 * "unnamed" for a vector it has no name for. */
const char *trap_name(unsigned vector);

/* Prints the frame's registers, each line starting with prefix. */
void trap_print_regs(const char *prefix, const struct trap_frame *f);
#endif

#endif
