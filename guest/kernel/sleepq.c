// SPDX-License-Identifier: MIT
/*
 * The sleep queue (see sleepq.h): a list sorted by wake tick.  Insertion
 * walks to the first task that wakes strictly later, which keeps equal
 * wake ticks in FIFO order; with a handful of tasks a list beats a heap.
 */
#include "sleepq.h"

#include "runq.h"

void sleepq_add(struct task_list *q, struct task *t, uint64_t wake)
{
	struct task **link = &q->head;

	t->wake_tick = wake;
	while (*link && (*link)->wake_tick <= wake)
		link = &(*link)->next;
	t->next = *link;
	*link = t;
	if (!t->next)
		q->tail = t;
	q->len++;
}

struct task *sleepq_pop_due(struct task_list *q, uint64_t now)
{
	struct task *t = q->head;

	if (!t || t->wake_tick > now)
		return NULL;
	return runq_pop(q); /* the head leaves a sorted list as a FIFO's does */
}

void sleepq_remove(struct task_list *q, struct task *t)
{
	struct task *prev = NULL;

	for (struct task *p = q->head; p; prev = p, p = p->next) {
		if (p != t)
			continue;
		if (prev)
			prev->next = t->next;
		else
			q->head = t->next;
		if (q->tail == t)
			q->tail = prev;
		t->next = NULL;
		q->len--;
		return;
	}
}
