/* SPDX-License-Identifier: MIT */
/*
 * The scheduler: preemptive round robin over the runnable tasks, driven by
 * the timer tick, plus the idle loop.
 *
 * Interrupts are always off in the kernel (every IDT gate is an interrupt
 * gate and FMASK clears IF on syscall); they are on only in ring 3 and in
 * the idle loop's `hlt`.  So nothing in the kernel is ever interrupted by
 * another kernel path, and the scheduler needs no locks: a task loses the
 * CPU only where it calls into the scheduler (tick, yield, sleep, exit).
 */
#ifndef LDE_GUEST_SCHED_H
#define LDE_GUEST_SCHED_H

#include <stdint.h>

#include "kernel.h"
#include "task.h"
#include "trap.h"

/* Callee-saved registers as swtch() leaves them on a kernel stack. */
struct context {
	uint64_t r15, r14, r13, r12, rbx, rbp;
	uint64_t rip; /* where swtch() returns to */
};

/* swtch.S: saves the current context in *save, resumes `load`. */
void swtch(struct context **save, struct context *load);

/* The task on the CPU; the idle task when none is. */
extern struct task *current;

/* The boot context becomes the idle task, on the kernel's own page tables. */
void sched_init(void);

/* Makes the new task t runnable; a root's end counts for sched_run's. */
void sched_add(struct task *t);

/*
 * The idle loop: runs tasks until every root added has ended, halting the
 * CPU whenever none is runnable.  Returns when the last root has ended
 * (tasks they left behind are never run again).
 */
void sched_run(void);

/* Timer tick: wakes sleepers, charges the task, preempts at slice end. */
void sched_tick(const struct trap_frame *f);

/* The current task gives up the CPU but stays runnable. */
void sched_yield(void);

/* The current task sleeps until the tick counter has advanced by n. */
void sched_sleep(uint64_t n);

/*
 * The current task waits for an event on chan (anything's address) until
 * sched_wakeup(chan) or sched_interrupt(); callers check again what they
 * wait for when it returns.
 */
void sched_block(const void *chan);

/* sched_block, but for at most `ticks` timer ticks. */
void sched_block_timeout(const void *chan, uint64_t ticks);

/* Makes every task blocked on chan runnable. */
void sched_wakeup(const void *chan);

/* A signal for t: if it sleeps or is blocked, it runs again (to see it). */
void sched_interrupt(struct task *t);

/* arch_prctl(ARCH_SET_FS): the current task's FS base, now and after switches. */
void sched_set_fs_base(uint64_t base);

/* The current task has ended (task.c recorded how): never returns. */
noreturn void sched_exit(void);

#endif
