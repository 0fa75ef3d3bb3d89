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

/* Makes the new task t runnable. */
void sched_add(struct task *t);

/*
 * The idle loop: runs tasks until every task added has ended, halting the
 * CPU whenever none is runnable.  Returns when the last task has ended.
 */
void sched_run(void);

/* Timer tick: wakes sleepers, charges the task, preempts at slice end. */
void sched_tick(const struct trap_frame *f);

/* The current task gives up the CPU but stays runnable. */
void sched_yield(void);

/* The current task sleeps until the tick counter has advanced by n. */
void sched_sleep(uint64_t n);

/* The current task sleeps in wait queue q until sched_wake(q) (an event,
 * not a tick: console input, say). */
void sched_wait(struct task_list *q);

/* Every task waiting in q becomes runnable (in the order they waited). */
void sched_wake(struct task_list *q);

/* arch_prctl(ARCH_SET_FS): the current task's FS base, now and after switches. */
void sched_set_fs_base(uint64_t base);

/* The current task has ended (task.c recorded how): never returns. */
noreturn void sched_exit(void);

#endif
