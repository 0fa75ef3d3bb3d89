/* SPDX-License-Identifier: MIT */
/*
 * What the kernel reports to the host trace, one record per event
 * (ktrace.c writes them to the trace ring; without a ring these are
 * no-ops): every exception and interrupt as it arrives, every system call
 * as it returns, and each task's creation, exit and death.
 */
#ifndef LDE_GUEST_TRACEPOINTS_H
#define LDE_GUEST_TRACEPOINTS_H

#include <stdint.h>

struct task;
struct trap_frame;

/* An exception or interrupt, from trap() before it is handled. */
void tp_trap(const struct trap_frame *f);

/* A system call that returned (F holds its arguments and result); TSC is
 * the time it arrived (the record's own time is now), MECH its SYS_MECH_*
 * (equal to LDE_MECH_*). */
void tp_syscall(const struct trap_frame *f, uint64_t nr, uint64_t tsc, unsigned mech);

void tp_task_created(const struct task *t);
void tp_task_exited(const struct task *t);
void tp_task_killed(const struct task *t, const struct trap_frame *f);

#endif
