/* SPDX-License-Identifier: MIT */
/*
 * The tracepoints: what the kernel reports to the host trace, one record
 * per event, written by trace_records.c into the trace ring (trace_ring.h,
 * the producer); without a ring they are no-ops.  Every exception and
 * interrupt as it arrives, every system call as it returns, each task's
 * creation, exit and death, and every context switch.
 */
#ifndef LDE_GUEST_TRACE_RECORDS_H
#define LDE_GUEST_TRACE_RECORDS_H

#include <lde/abi.h>
#include <stdbool.h>
#include <stdint.h>

#include "arch.h"
#include "trace_ring.h" /* ktrace_on */

struct task;
struct trap_frame;

/* Out of line: the record writers (trace_records.c). */
void tp_trap_record(const struct trap_frame *f, uint32_t outcome);
void tp_syscall_record(const struct trap_frame *f, uint64_t nr, uint64_t tsc, unsigned mech,
                       uint32_t how);
void tp_task_record(const struct task *t, uint32_t event, const struct trap_frame *f);
void tp_created_record(const struct task *t, int argc, char *const argv[]);
void tp_switch_record(const struct task *prev, const struct task *next, uint32_t why);
void tp_forked_record(const struct task *parent, const struct task *child, size_t copied);
void tp_exec_record(const struct task *t, const char *path, int argc, char *const argv[]);
void tp_waited_record(const struct task *parent, const struct task *child, int wstatus);
void tp_signal_record(const struct task *t, int sig, uint64_t handler);

/*
 * Inline: without a ring each tracepoint costs a load and a branch (on PVM
 * every kernel instruction is emulated, so this matters even when off).
 */

/* An exception or interrupt, as it is handled; OUTCOME: LDE_TRAP_* for faults. */
static inline void tp_trap(const struct trap_frame *f, uint32_t outcome)
{
	if (ktrace_on)
		tp_trap_record(f, outcome);
}

/* The TSC when a system call arrives, for tp_syscall(); 0 when not tracing. */
static inline uint64_t tp_syscall_arrival(void)
{
	return ktrace_on ? arch_timestamp() : 0;
}

/* A system call that ended HOW: LDE_CALL_RETURNED (F holds its arguments
 * and result) or LDE_CALL_ENDED (its task ends inside it, now); TSC is
 * tp_syscall_arrival() (the record's own time is now), MECH its
 * SYS_MECH_* (equal to LDE_MECH_*). */
static inline void tp_syscall(const struct trap_frame *f, uint64_t nr, uint64_t tsc, unsigned mech,
                              uint32_t how)
{
	if (ktrace_on)
		tp_syscall_record(f, nr, tsc, mech, how);
}

/* Task lifecycle: LDE_TASK_CREATED, _EXITED, or _KILLED (by fault F). */
static inline void tp_task(const struct task *t, uint32_t event, const struct trap_frame *f)
{
	if (ktrace_on)
		tp_task_record(t, event, f);
}

/* Task T starts its program with argv[0..argc). */
static inline void tp_created(const struct task *t, int argc, char *const argv[])
{
	if (ktrace_on)
		tp_created_record(t, argc, argv);
}

/* PARENT forked CHILD (fork, vfork or clone), copying COPIED pages at once. */
static inline void tp_forked(const struct task *parent, const struct task *child, size_t copied)
{
	if (ktrace_on)
		tp_forked_record(parent, child, copied);
}

/* T runs a new image, PATH, with argv[0..argc) (execve). */
static inline void tp_exec(const struct task *t, const char *path, int argc, char *const argv[])
{
	if (ktrace_on)
		tp_exec_record(t, path, argc, argv);
}

/* PARENT reaped CHILD, whose wait status (Linux's encoding) was WSTATUS. */
static inline void tp_waited(const struct task *parent, const struct task *child, int wstatus)
{
	if (ktrace_on)
		tp_waited_record(parent, child, wstatus);
}

/* T's handler for SIG, at HANDLER, runs now. */
static inline void tp_signal(const struct task *t, int sig, uint64_t handler)
{
	if (ktrace_on)
		tp_signal_record(t, sig, handler);
}

/* A context switch from PREV to NEXT, because of WHY (LDE_SWITCH_*). */
static inline void tp_switch(const struct task *prev, const struct task *next, uint32_t why)
{
	if (ktrace_on)
		tp_switch_record(prev, next, why);
}

#endif
