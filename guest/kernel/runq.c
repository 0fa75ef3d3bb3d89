// SPDX-License-Identifier: MIT
/* The run queue (see runq.h): a FIFO with head and tail pointers. */
#include "runq.h"

void runq_push(struct task_list *q, struct task *t)
{
	t->next = NULL;
	if (q->tail)
		q->tail->next = t;
	else
		q->head = t;
	q->tail = t;
	q->len++;
}

struct task *runq_pop(struct task_list *q)
{
	struct task *t = q->head;

	if (!t)
		return NULL;
	q->head = t->next;
	if (!q->head)
		q->tail = NULL;
	t->next = NULL;
	q->len--;
	return t;
}
