/* SPDX-License-Identifier: MIT */
/*
 * The run queue: runnable tasks in FIFO order.  The scheduler takes the
 * head and puts a preempted or yielding task back at the tail: round robin.
 * Pure logic (unit-tested on the host).
 */
#ifndef LDE_GUEST_RUNQ_H
#define LDE_GUEST_RUNQ_H

#include "task.h"

/* Appends t (not in any queue) at the tail. */
void runq_push(struct task_list *q, struct task *t);

/* Removes and returns the head, or NULL if q is empty. */
struct task *runq_pop(struct task_list *q);

#endif
