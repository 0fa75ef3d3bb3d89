/* SPDX-License-Identifier: MIT */
/*
 * Signals (signal.c), as Linux has them for a single-threaded process: a
 * signal sent is pending until the task next returns to ring 3 with it
 * unblocked (rt_sigprocmask); then its action happens: a handler runs
 * (rt_sigaction, a frame on the user stack, rt_sigreturn back), SIG_IGN
 * drops it, and the default action ends the task (at once if it sends it
 * to itself) or, for SIGCHLD, SIGCONT, SIGURG, SIGWINCH and the stop
 * signals, ignores it (there is no job control).  A sleeping or blocked
 * task wakes for a signal it can take: its call returns -EINTR, or starts
 * again after a handler with SA_RESTART.  A fault in ring 3 with a handler
 * for its signal (SIGSEGV, SIGFPE, ...) runs the handler instead of
 * killing the task.
 */
#ifndef LDE_GUEST_SIGNAL_H
#define LDE_GUEST_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "task.h"
#include "trap.h"

/* signal_check's nr when the way back is not a system call's return. */
#define SIGNAL_NO_SYSCALL UINT64_MAX

/* True if t has a signal pending that it does not block. */
bool signal_pending(const struct task *t);

/* Sends sig (1..64) to t, from whom its siginfo will say; never returns if
 * t is the current task and dies of it.  While sig is pending, a second
 * instance is merged into it (the first sender's siginfo stays), as Linux
 * does for signals below SIGRTMIN. */
void signal_send_from(struct task *t, int sig, struct sig_origin from);

/* sig is pending for t (unless t is dead), acted on when t next returns
 * to ring 3: for senders that cannot end the current task on the spot
 * (an interrupt handler). */
void signal_post(struct task *t, int sig, struct sig_origin from);

/* signal_send_from as kill() by the current task (si_code SI_USER). */
void signal_send(struct task *t, int sig);

/* child of parent has ended: SIGCHLD, its siginfo saying who and how. */
void signal_child_ended(struct task *parent, const struct task *child);

/*
 * On the way back to ring 3 (f: the frame it returns with; nr: the
 * system call returning, or SIGNAL_NO_SYSCALL): the current task acts on
 * a pending signal, if any; a handler's frame changes f.
 */
void signal_check(struct trap_frame *f, uint64_t nr);

/* True if the current task has a handler for sig that a fault would run. */
bool signal_handles_fault(int sig);

/* Runs that handler for a fault: si_addr addr, si_code code. */
void signal_fault(struct trap_frame *f, int sig, uint64_t addr, int code);

/* execve: handlers go back to SIG_DFL; SIG_IGN stays. */
void signal_exec(struct task *t);

#endif
