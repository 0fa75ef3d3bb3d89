/* SPDX-License-Identifier: MIT */
/*
 * The architecture interface: everything the generic kernel (kernel/) asks
 * of the CPU goes through these calls, plus the saved user context, struct
 * trap_frame (trap.h).  arch/x86_64/ implements them; the short ones are
 * inline (arch/x86_64/include/arch_inline.h), because on PVM every kernel
 * instruction is emulated and a call costs what its instructions cost.
 * The headers in arch/x86_64/include/ other than trap.h are the
 * architecture's own: kernel/ does not include them.
 */
#ifndef LDE_GUEST_ARCH_H
#define LDE_GUEST_ARCH_H

#include <stddef.h>
#include <stdint.h>

#include "kernel.h"

struct context;

/*
 * The "trap table" phase of limited direct execution: everything the CPU
 * must know before the kernel lets a user program run: where traps go
 * (TSS, IDT), where `syscall` goes (MSRs), and a timer that guarantees the
 * kernel gets the CPU back.  Interrupts stay off.
 */
void arch_setup(void);

/* Run on the address space whose top page table is at physical ROOT. */
static inline void arch_switch_address_space(uint64_t root);

/* Drop cached translations after a change to the current page tables. */
static inline void arch_flush_tlb(void);

/* Drop the cached translation of the page at VA. */
static inline void arch_flush_page(uint64_t va);

/* The index of the first nonzero qword of p[0..n), or n. */
static inline size_t arch_find_nonzero(const uint64_t *p, size_t n);

/* Traps from user mode land on the kernel stack ending at TOP. */
static inline void arch_set_kernel_stack(uint64_t top);

/* The user's thread pointer (x86-64: the FS base; arch_prctl ARCH_SET_FS). */
static inline void arch_set_user_tls(uint64_t base);

/* Interrupts on, wait for the next one, interrupts off again. */
static inline void arch_wait_for_interrupt(void);

/* A busy-wait loop's pause. */
static inline void arch_relax(void);

/* Stop the CPU for good (interrupts off). */
static inline noreturn void arch_halt(void);

/* A kernel bug: trap at once, so the trap handler prints the registers
 * and panics (kassert()). */
static inline noreturn void arch_bug(void);

/* The time-stamp counter: the clock of the trace records. */
static inline uint64_t arch_timestamp(void);

/* The faulting address of the page fault being handled. */
static inline uint64_t arch_fault_address(void);

/*
 * The kernel stack of a task that has never run, ending at KSTACK_TOP: a
 * trap frame that enters user mode at ENTRY with stack SP and the first
 * three argument registers ARG0..ARG2, under it a context whose return
 * goes to that frame's return path.  Returns the context for swtch().
 */
struct context *arch_new_user_context(uint64_t kstack_top, uint64_t entry, uint64_t sp,
                                      uint64_t arg0, uint64_t arg1, uint64_t arg2);

struct trap_frame;

/* F becomes the entry state of a new program (execve): ENTRY, stack SP,
 * every general register 0. */
void arch_exec_frame(struct trap_frame *f, uint64_t entry, uint64_t sp);

/*
 * The kernel stack of a forked child, ending at KSTACK_TOP: the parent's
 * trap frame PARENT, returning 0 (and on stack SP unless it is 0), under
 * it a context for swtch() as for a new task.
 */
struct context *arch_fork_user_context(uint64_t kstack_top, const struct trap_frame *parent,
                                       uint64_t sp);

#include "arch_inline.h"

#endif
