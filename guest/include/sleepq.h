/* SPDX-License-Identifier: MIT */
/*
 * The sleep queue: sleeping tasks ordered by the tick they wake at, so the
 * timer interrupt only ever looks at the head.  Tasks waking at the same
 * tick stay in the order they went to sleep.  Pure logic (unit-tested on
 * the host).
 */
#ifndef LDE_GUEST_SLEEPQ_H
#define LDE_GUEST_SLEEPQ_H

#include <stdint.h>

#include "task.h"

/* Inserts t (not in any queue) to wake at tick `wake`. */
void sleepq_add(struct task_list *q, struct task *t, uint64_t wake);

/* Removes and returns the head if it is due at tick `now`, else NULL. */
struct task *sleepq_pop_due(struct task_list *q, uint64_t now);

/* Takes t out of q (it wakes early: a signal); nothing if it is not there. */
void sleepq_remove(struct task_list *q, struct task *t);

#endif
