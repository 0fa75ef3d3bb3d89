/* SPDX-License-Identifier: MIT */
/*
 * The guest kernel's run queue and sleep queue (guest/kernel/runq.c,
 * sleepq.c), compiled for the host: FIFO order, sorted wake-ups with FIFO
 * among equals, and head/tail/len kept consistent through every change.
 */
#include <string.h>

#include <CUnit/CUnit.h>

#include "runq.h"
#include "sleepq.h"
#include "suites.h"

#define N 6

static struct task tasks[N];

static void reset(struct task_list *q)
{
	memset(tasks, 0, sizeof(tasks));
	memset(q, 0, sizeof(*q));
	for (int i = 0; i < N; i++)
		tasks[i].pid = i;
}

/* head..tail walk agrees with len and tail; returns the pids in order. */
static int walk(const struct task_list *q, int *pids)
{
	int n = 0;
	const struct task *last = NULL;

	for (const struct task *t = q->head; t; t = t->next) {
		pids[n++] = (int)t->pid;
		last = t;
		if (n > N)
			break;
	}
	CU_ASSERT_EQUAL(n, (int)q->len);
	CU_ASSERT_PTR_EQUAL(q->tail, last);
	return n;
}

static void test_runq_empty(void)
{
	struct task_list q;

	reset(&q);
	CU_ASSERT_PTR_NULL(runq_pop(&q));
	CU_ASSERT_PTR_NULL(q.head);
	CU_ASSERT_PTR_NULL(q.tail);
	CU_ASSERT_EQUAL(q.len, 0);
}

static void test_runq_fifo(void)
{
	struct task_list q;
	int pids[N + 1];

	reset(&q);
	for (int i = 0; i < N; i++)
		runq_push(&q, &tasks[i]);
	CU_ASSERT_EQUAL(walk(&q, pids), N);
	for (int i = 0; i < N; i++) {
		struct task *t = runq_pop(&q);

		CU_ASSERT_PTR_EQUAL(t, &tasks[i]);
		CU_ASSERT_PTR_NULL(t->next);
	}
	CU_ASSERT_PTR_NULL(runq_pop(&q));
	CU_ASSERT_PTR_NULL(q.tail);
}

/* Round robin: pop the head, push it back, the order rotates. */
static void test_runq_round_robin(void)
{
	struct task_list q;
	int pids[N + 1];

	reset(&q);
	for (int i = 0; i < 3; i++)
		runq_push(&q, &tasks[i]);
	for (int round = 0; round < 7; round++) {
		struct task *t = runq_pop(&q);

		CU_ASSERT_EQUAL(t->pid, (uint32_t)(round % 3));
		runq_push(&q, t);
		CU_ASSERT_EQUAL(walk(&q, pids), 3);
		CU_ASSERT_EQUAL(pids[2], round % 3);
	}
}

/* The only element out and back in: head == tail again. */
static void test_runq_single(void)
{
	struct task_list q;

	reset(&q);
	runq_push(&q, &tasks[0]);
	CU_ASSERT_PTR_EQUAL(q.head, q.tail);
	CU_ASSERT_PTR_EQUAL(runq_pop(&q), &tasks[0]);
	runq_push(&q, &tasks[0]);
	CU_ASSERT_PTR_EQUAL(q.head, &tasks[0]);
	CU_ASSERT_PTR_EQUAL(q.tail, &tasks[0]);
	CU_ASSERT_EQUAL(q.len, 1);
}

static void test_sleepq_sorted(void)
{
	static const uint64_t wake[N] = { 50, 10, 30, 20, 60, 40 };
	static const int order[N] = { 1, 3, 2, 5, 0, 4 };
	struct task_list q;
	int pids[N + 1];

	reset(&q);
	for (int i = 0; i < N; i++)
		sleepq_add(&q, &tasks[i], wake[i]);
	CU_ASSERT_EQUAL(walk(&q, pids), N);
	for (int i = 0; i < N; i++)
		CU_ASSERT_EQUAL(pids[i], order[i]);
	for (int i = 0; i < N; i++)
		CU_ASSERT_EQUAL(tasks[i].wake_tick, wake[i]);
}

/* Same wake tick: in the order they went to sleep. */
static void test_sleepq_fifo_among_equals(void)
{
	struct task_list q;
	int pids[N + 1];

	reset(&q);
	sleepq_add(&q, &tasks[0], 5);
	sleepq_add(&q, &tasks[1], 7);
	sleepq_add(&q, &tasks[2], 5);
	sleepq_add(&q, &tasks[3], 5);
	sleepq_add(&q, &tasks[4], 7);
	CU_ASSERT_EQUAL(walk(&q, pids), 5);
	CU_ASSERT_EQUAL(pids[0], 0);
	CU_ASSERT_EQUAL(pids[1], 2);
	CU_ASSERT_EQUAL(pids[2], 3);
	CU_ASSERT_EQUAL(pids[3], 1);
	CU_ASSERT_EQUAL(pids[4], 4);
}

static void test_sleepq_pop_due(void)
{
	struct task_list q;
	int pids[N + 1];

	reset(&q);
	CU_ASSERT_PTR_NULL(sleepq_pop_due(&q, 1000)); /* empty */
	sleepq_add(&q, &tasks[0], 10);
	sleepq_add(&q, &tasks[1], 20);
	sleepq_add(&q, &tasks[2], 20);
	CU_ASSERT_PTR_NULL(sleepq_pop_due(&q, 9));              /* not yet */
	CU_ASSERT_PTR_EQUAL(sleepq_pop_due(&q, 10), &tasks[0]); /* exactly due */
	CU_ASSERT_PTR_NULL(sleepq_pop_due(&q, 19));
	CU_ASSERT_PTR_EQUAL(sleepq_pop_due(&q, 25), &tasks[1]); /* overdue */
	CU_ASSERT_EQUAL(walk(&q, pids), 1);
	CU_ASSERT_PTR_EQUAL(sleepq_pop_due(&q, 25), &tasks[2]);
	CU_ASSERT_PTR_NULL(q.head);
	CU_ASSERT_PTR_NULL(q.tail);
	CU_ASSERT_EQUAL(q.len, 0);
}

/* Insert at the front, the middle and the end of a non-empty queue. */
static void test_sleepq_tail_kept(void)
{
	struct task_list q;
	int pids[N + 1];

	reset(&q);
	sleepq_add(&q, &tasks[0], 20);
	sleepq_add(&q, &tasks[1], 10); /* front */
	CU_ASSERT_PTR_EQUAL(q.tail, &tasks[0]);
	sleepq_add(&q, &tasks[2], 15); /* middle */
	CU_ASSERT_PTR_EQUAL(q.tail, &tasks[0]);
	sleepq_add(&q, &tasks[3], 30); /* end */
	CU_ASSERT_PTR_EQUAL(q.tail, &tasks[3]);
	CU_ASSERT_EQUAL(walk(&q, pids), 4);
	CU_ASSERT_EQUAL(pids[0], 1);
	CU_ASSERT_EQUAL(pids[3], 3);
}

int suite_kernel_queues(void)
{
	static const struct unit_test tests[] = {
#define T(fn) { #fn, fn }
		T(test_runq_empty),     T(test_runq_fifo),        T(test_runq_round_robin),
		T(test_runq_single),    T(test_sleepq_sorted),    T(test_sleepq_fifo_among_equals),
		T(test_sleepq_pop_due), T(test_sleepq_tail_kept),
#undef T
	};
	return add_suite("kernel_queues", NULL, NULL, NULL, NULL, tests,
	                 sizeof(tests) / sizeof(tests[0]));
}
