/* SPDX-License-Identifier: MIT */
/*
 * Suite "process": the process API on the lde kernel, with the suite's own
 * static musl program tests/programs/fork.c, one case per run: fork with
 * a wait that orders the output, copy-on-write, wait statuses, zombies,
 * an orphan reparented to process 1, a fork bomb stopped at the process
 * limit, process groups and sessions; and the trace records of it all.
 */
#include <string.h>

#include "harness.h"
#include "itests.h"

/*
 * One run of fork with every case but the bomb (a boot costs more than
 * the cases, on the nested-SVM lane most of all), traced; each test
 * checks its part of the output.  NULL if the program is not there.
 */
static const struct vmm_result *all_cases(json_t **trace)
{
	static struct vmm_result r;
	static json_t *t;
	static bool ran;
	const char *fork = itest_program("fork"), *path = itest_tmpfile(".jsonl");

	if (!itest_have(fork))
		return NULL;
	if (!ran) {
		ran = true;
		RUN_VMM(&r, "-q", "--trace", path, itest_guest(), fork, "order", "cow", "status",
		        "zombie", "orphan", "groups");
		t = trace_load(path);
		remove(path);
	}
	itest_assert_status(&r, 0);
	*trace = t;
	return &r;
}

/* Counts task records of `event` in the trace, with `key` == value if key. */
static int count_events(json_t *trace, const char *event, const char *key, json_int_t value)
{
	size_t i;
	json_t *rec;
	int n = 0;

	json_array_foreach(trace, i, rec) {
		if (strcmp(jstr(rec, "type"), "task") || strcmp(jstr(rec, "event"), event))
			continue;
		if (!key || jint(rec, key) == value)
			n++;
	}
	return n;
}

static int count_cow(json_t *trace)
{
	size_t i;
	json_t *rec;
	int n = 0;

	json_array_foreach(trace, i, rec)
		n += !strcmp(jstr(rec, "type"), "trap") && json_object_get(rec, "outcome") &&
		     !strcmp(jstr(rec, "outcome"), "cow");
	return n;
}

/* The child prints first because the parent waits for it; the trace has it all. */
static void test_fork_wait_order(void)
{
	json_t *trace;
	const struct vmm_result *r = all_cases(&trace);

	if (!r)
		return;
	CU_ASSERT_TRUE(
		itest_contains(r->out, "child: pid 1, parent 1\nparent: child 1 exited 0\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	CU_ASSERT_EQUAL(count_events(trace, "forked", "task", 2), 1);
	CU_ASSERT_TRUE(count_events(trace, "forked", "parent", 1) > 10);
	CU_ASSERT_EQUAL(count_events(trace, "waited", "child", 2), 1);
	CU_ASSERT_TRUE(count_events(trace, "waited", "wstatus", 0) > 5);
	CU_ASSERT_TRUE(count_cow(trace) > 0); /* the first writes after fork copied pages */
}

static void test_copy_on_write(void)
{
	json_t *trace;
	const struct vmm_result *r = all_cases(&trace);

	if (r)
		CU_ASSERT_TRUE(itest_contains(r->out, "child sees C child 2\nparent sees p  1\n"
		                                      "parent wrote P\n"));
}

static void test_wait_statuses(void)
{
	json_t *trace;
	const struct vmm_result *r = all_cases(&trace);

	if (!r)
		return;
	CU_ASSERT_TRUE(itest_contains(r->out, "exit3: exited 3\nabort: signaled 6\n"
	                                      "kill: signaled 9\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	CU_ASSERT_EQUAL(count_events(trace, "waited", "wstatus", 3 << 8), 1);
	CU_ASSERT_EQUAL(count_events(trace, "waited", "wstatus", 6), 1);
	CU_ASSERT_EQUAL(count_events(trace, "waited", "wstatus", 9), 2); /* and the group kill */
}

static void test_zombies_reaped(void)
{
	json_t *trace;
	const struct vmm_result *r = all_cases(&trace);

	if (r)
		CU_ASSERT_TRUE(itest_contains(r->out,
		                              "waitid WNOWAIT: pid ok 1, code 1, status 11\n"
		                              "reaped 3 with WNOHANG\n"
		                              "then: -1 No child process\n"
		                              "running child, WNOHANG: 0\n"
		                              "blocking wait: 1\n"));
}

static void test_orphan_reparented(void)
{
	json_t *trace;
	const struct vmm_result *r = all_cases(&trace);

	if (r)
		CU_ASSERT_TRUE(itest_contains(r->out, "child reaped\ngrandchild: parent is 1\n"
		                                      "reaped the orphan too: 1\n"));
}

static void test_groups_sessions(void)
{
	json_t *trace;
	const struct vmm_result *r = all_cases(&trace);

	if (r)
		CU_ASSERT_TRUE(itest_contains(r->out, "me: pgid=pid 1 sid=pid 1\n"
		                                      "setsid as group leader: -1 Operation not "
		                                      "permitted\nchild: pgid is parent's 1\n"
		                                      "child: setsid 1\nchild: sid 1 pgid 1\n"
		                                      "setpgid child: 0\nchild's pgid: 1\n"
		                                      "group killed: 1\n"
		                                      "getpgid(gone): -1 No such process\n"));
}

/* fork fails with EAGAIN at the process limit; the kernel, and forking, go on. */
static void test_fork_bomb(void)
{
	struct vmm_result r;
	const char *fork = itest_program("fork");

	if (!itest_have(fork))
		return;
	RUN_VMM(&r, "-q", itest_guest(), fork, "bomb");
	itest_assert_status(&r, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "fork failed after 1 children: Resource temporarily "
	                              "unavailable\nreaped all\nfork again: exited 5\n");
	itest_result_free(&r);
}

int suite_process(CU_pSuite *out)
{
	static const struct itest tests[] = {
		{ "fork: child prints, parent waits, then prints; trace records",
		  test_fork_wait_order },
		{ "fork: copy-on-write, each side its own writes", test_copy_on_write },
		{ "wait statuses: exit(3), abort, SIGKILL", test_wait_statuses },
		{ "zombies until reaped; WNOHANG, WNOWAIT, ECHILD", test_zombies_reaped },
		{ "an orphan is reparented to process 1", test_orphan_reparented },
		{ "fork bomb: EAGAIN at the limit, the kernel goes on", test_fork_bomb },
		{ "process groups and sessions", test_groups_sessions },
		{ NULL, NULL },
	};

	return itest_add_suite("process", tests, out);
}
