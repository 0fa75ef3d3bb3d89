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

/* Runs fork CASE; true (and r filled) if the program is there. */
static bool run_case(struct vmm_result *r, const char *trace, const char *which)
{
	const char *fork = itest_program("fork");

	if (!itest_have(fork))
		return false;
	if (trace)
		RUN_VMM(r, "-q", "--trace", trace, itest_guest(), fork, which);
	else
		RUN_VMM(r, "-q", itest_guest(), fork, which);
	itest_assert_status(r, 0);
	return true;
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
	const char *path = itest_tmpfile(".jsonl");
	struct vmm_result r;
	json_t *trace;

	if (!run_case(&r, path, "order"))
		return;
	CU_ASSERT_STRING_EQUAL(r.out, "child: pid 1, parent 1\nparent: child 1 exited 0\n");
	trace = trace_load(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	CU_ASSERT_EQUAL(count_events(trace, "forked", "parent", 1), 1);
	CU_ASSERT_EQUAL(count_events(trace, "forked", "task", 2), 1);
	CU_ASSERT_EQUAL(count_events(trace, "waited", "child", 2), 1);
	CU_ASSERT_EQUAL(count_events(trace, "waited", "wstatus", 0), 1);
	CU_ASSERT_EQUAL(count_events(trace, "exited", NULL, 0), 2);
	CU_ASSERT_TRUE(count_cow(trace) > 0); /* the first writes after fork copied pages */
	json_decref(trace);
	itest_result_free(&r);
	remove(path);
}

static void test_copy_on_write(void)
{
	struct vmm_result r;

	if (!run_case(&r, NULL, "cow"))
		return;
	CU_ASSERT_STRING_EQUAL(r.out, "child sees C child 2\nparent sees p  1\nparent wrote P\n");
	itest_result_free(&r);
}

static void test_wait_statuses(void)
{
	const char *path = itest_tmpfile(".jsonl");
	struct vmm_result r;
	json_t *trace;

	if (!run_case(&r, path, "status"))
		return;
	CU_ASSERT_STRING_EQUAL(r.out, "exit3: exited 3\nabort: signaled 6\nkill: signaled 9\n");
	trace = trace_load(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	CU_ASSERT_EQUAL(count_events(trace, "waited", "wstatus", 3 << 8), 1);
	CU_ASSERT_EQUAL(count_events(trace, "waited", "wstatus", 6), 1);
	CU_ASSERT_EQUAL(count_events(trace, "waited", "wstatus", 9), 1);
	json_decref(trace);
	itest_result_free(&r);
	remove(path);
}

static void test_zombies_reaped(void)
{
	struct vmm_result r;

	if (!run_case(&r, NULL, "zombie"))
		return;
	CU_ASSERT_STRING_EQUAL(r.out, "waitid WNOWAIT: pid ok 1, code 1, status 11\n"
	                              "reaped 3 with WNOHANG\n"
	                              "then: -1 No child process\n"
	                              "running child, WNOHANG: 0\n"
	                              "blocking wait: 1\n");
	itest_result_free(&r);
}

static void test_orphan_reparented(void)
{
	struct vmm_result r;

	if (!run_case(&r, NULL, "orphan"))
		return;
	CU_ASSERT_STRING_EQUAL(r.out, "child reaped\ngrandchild: parent is 1\n"
	                              "reaped the orphan too: 1\n");
	itest_result_free(&r);
}

/* fork fails with EAGAIN at the process limit; the kernel, and forking, go on. */
static void test_fork_bomb(void)
{
	struct vmm_result r;

	if (!run_case(&r, NULL, "bomb"))
		return;
	CU_ASSERT_STRING_EQUAL(r.out, "fork failed after 1 children: Resource temporarily "
	                              "unavailable\nreaped all\nfork again: exited 5\n");
	itest_result_free(&r);
}

static void test_groups_sessions(void)
{
	struct vmm_result r;

	if (!run_case(&r, NULL, "groups"))
		return;
	CU_ASSERT_STRING_EQUAL(r.out, "me: pgid=pid 1 sid=pid 1\n"
	                              "setsid as group leader: -1 Operation not permitted\n"
	                              "child: pgid is parent's 1\nchild: setsid 1\n"
	                              "child: sid 1 pgid 1\nsetpgid child: 0\nchild's pgid: 1\n"
	                              "group killed: 1\ngetpgid(gone): -1 No such process\n");
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
