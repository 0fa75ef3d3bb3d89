/* SPDX-License-Identifier: MIT */
/*
 * Signals between processes, default actions only (signal.c): a signal
 * whose default action is to terminate ends its target when the target
 * next returns to ring 3 (at once if it sends it to itself); a sleeping or
 * blocked target wakes for it (its call returns -EINTR).  SIGCHLD, SIGCONT,
 * SIGURG and SIGWINCH are ignored, as by default on Linux; the stop
 * signals are ignored too (there is no job control).
 */
#ifndef LDE_GUEST_SIGNAL_H
#define LDE_GUEST_SIGNAL_H

#include <stdbool.h>

#include "task.h"

/* True if t has a signal waiting that it must act on. */
static inline bool signal_pending(const struct task *t)
{
	return t->pending != 0;
}

/* Sends sig (1..64) to t; never returns if t is the current task and dies of it. */
void signal_send(struct task *t, int sig);

/* A child of parent has ended (SIGCHLD: ignored by default). */
void signal_child_ended(struct task *parent);

/* On the way back to ring 3: the current task acts on its pending signals. */
void signal_check(void);

#endif
