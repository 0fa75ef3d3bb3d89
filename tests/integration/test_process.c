/* SPDX-License-Identifier: MIT */
/*
 * Suite "process": the process API on the lde kernel, with the suite's own
 * static musl program tests/programs/fork.c, one case per run: fork with
 * a wait that orders the output, copy-on-write, wait statuses, zombies,
 * an orphan reparented to process 1, a fork bomb stopped at the process
 * limit, process groups and sessions, fork + execve of another program
 * with argv and execve's errors, pipes (end of file, SIGPIPE and EPIPE,
 * poll), fd flags; busybox sh running a pipeline; and the trace records
 * of it all.
 */
#include <stdio.h>
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
		        "zombie", "orphan", "groups", "execerr", "pipe", "sigpipe", "poll",
		        "fdflags", "exec", "/bin/fork", "argv", "one", "two words");
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
		CU_ASSERT_TRUE(itest_contains(r->out, "child reaped\nthe orphan's parent became 1; "
		                                      "we reaped it: 1\n"));
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

/* execve's errors, as Linux returns them (the caller goes on). */
static void test_exec_errors(void)
{
	json_t *trace;
	const struct vmm_result *r = all_cases(&trace);

	if (r)
		CU_ASSERT_TRUE(itest_contains(r->out, "missing: -1 No such file or directory\n"
		                                      "directory: -1 Permission denied\n"
		                                      "long argument: -1 Argument list too long\n"
		                                      "many arguments: -1 Argument list too long\n"
		                                      "bad path pointer: -1 Bad address\n"));
}

/* fork + execve of a program with argv (the program itself, a fresh image), wait. */
static void test_fork_exec_argv(void)
{
	json_t *trace;
	const struct vmm_result *r = all_cases(&trace);
	size_t i;
	json_t *rec;
	int execs = 0;

	if (!r)
		return;
	CU_ASSERT_TRUE(itest_contains(r->out, "argv: one\nargv: two words\n/bin/fork: exited 0\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	json_array_foreach(trace, i, rec) {
		json_t *argv = json_object_get(rec, "argv");

		if (strcmp(jstr(rec, "type"), "task") || strcmp(jstr(rec, "event"), "exec"))
			continue;
		execs++;
		CU_ASSERT_STRING_EQUAL(jstr(rec, "path"), "/bin/fork");
		CU_ASSERT_EQUAL(json_array_size(argv), 4);
		CU_ASSERT_STRING_EQUAL(json_string_value(json_array_get(argv, 3)), "two words");
	}
	CU_ASSERT_EQUAL(execs, 1);
}

/* fork + execve of another program the vmm was given (/bin/NAME, run too: silent). */
static void test_fork_exec_other(void)
{
	const char *fork = itest_program("fork"), *status = itest_program("status");
	char run[4200];
	struct vmm_result r;

	if (!itest_have(fork) || !itest_have(status))
		return;
	snprintf(run, sizeof(run), "%s 0", status);
	RUN_VMM(&r, "-q", "-r", run, itest_guest(), fork, "exec", "/bin/status", "7");
	itest_assert_status(&r, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "/bin/status: exited 7\n");
	itest_result_free(&r);
}

/* 300 lines through a pipe (more than it holds), dup2'd onto the child's fd 1. */
static void test_pipe_between_processes(void)
{
	json_t *trace;
	const struct vmm_result *r = all_cases(&trace);

	if (r)
		CU_ASSERT_TRUE(
			itest_contains(r->out, "pipe: read 7800 bytes, then 0 (end of file)\n"));
}

static void test_sigpipe_epipe(void)
{
	json_t *trace;
	const struct vmm_result *r = all_cases(&trace);

	if (r)
		CU_ASSERT_TRUE(itest_contains(r->out,
		                              "no reader: signaled 13\n"
		                              "no reader, SIGPIPE ignored: -1 Broken pipe\n"));
}

static void test_poll_pipe(void)
{
	json_t *trace;
	const struct vmm_result *r = all_cases(&trace);

	if (r)
		CU_ASSERT_TRUE(itest_contains(r->out, "poll, empty: 0\npoll, written: 1 in=1\n"
		                                      "poll, writer gone: 1 hup=1\n"));
}

static void test_fd_flags(void)
{
	json_t *trace;
	const struct vmm_result *r = all_cases(&trace);

	if (r)
		CU_ASSERT_TRUE(itest_contains(r->out,
		                              "pipe2 O_CLOEXEC: 1\nF_DUPFD 10: 10, cloexec 0\n"
		                              "O_NONBLOCK, empty: -1 Resource temporarily "
		                              "unavailable\nF_GETFL: 1\nread 2: cp\n"
		                              "closed: -1 Bad file descriptor\n"));
}

/* busybox sh: a pipeline of two forked children, wc exec'd as /proc/self/exe. */
static void test_busybox_pipeline(void)
{
	struct vmm_result r;

	if (!itest_have("/bin/busybox"))
		return;
	RUN_VMM(&r, "-q", itest_guest(), "/bin/busybox", "sh", "-c",
	        "echo one | wc -c; false || echo or; true && echo and");
	itest_assert_status(&r, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "4\nor\nand\n");
	itest_result_free(&r);
}

/* busybox sh reading its commands from piped stdin: pipes, a for loop, $(...), exit. */
static void test_busybox_sh_stdin(void)
{
	static const char script[] = "echo one | wc -c\nfor i in 1 2 3; do echo $i; done\n"
				     "echo $(echo sub)\nexit 3\n";
	struct itest_input in = { script, sizeof(script) - 1, NULL };
	struct vmm_result r;

	if (!itest_have("/bin/busybox"))
		return;
	RUN_VMM_STDIN(&r, &in, "-q", itest_guest(), "/bin/busybox", "sh");
	itest_assert_status(&r, 3);
	CU_ASSERT_STRING_EQUAL(r.out, "4\n1\n2\n3\nsub\n");
	itest_result_free(&r);
}

/*
 * Signal handlers (tests/programs/sig.c): a SIGSEGV handler that fixes the
 * fault and returns, raise() with blocking and SA_RESETHAND and SIG_IGN, a
 * SIGCHLD handler, siginfo's sender (si_pid, si_code, si_status), SA_RESTART;
 * the trace has the deliveries.
 */
static void test_signal_handlers(void)
{
	const char *path = itest_tmpfile(".jsonl"), *sig = itest_program("sig");
	struct vmm_result r;
	json_t *trace;
	size_t i;
	json_t *rec;
	int segv_deliveries = 0, fault_outcomes = 0;

	if (!itest_have(sig))
		return;
	RUN_VMM(&r, "-q", "--trace", path, itest_guest(), sig, "segv", "usr1", "chld", "sender",
	        "restart");
	itest_assert_status(&r, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "segv: handler ran 1, address ok 1, write done 1\n"
	                              "usr1: handled 1, FPU kept 1\nusr1 blocked: handled 0\n"
	                              "usr1 unblocked: handled 1\n"
	                              "resethand: handled 1, now default 1\nignored: 0\n"
	                              "chld: handled 1, status 3, si_pid ok 1, CLD_EXITED 1, "
	                              "si_status 3\n"
	                              "sender kill: SI_USER 1, si_pid ok 1\n"
	                              "sender raise: SI_TKILL 1, si_pid ok 1\n"
	                              "restart 0: read -1 Interrupted system call, handled 1\n"
	                              "restart 1: read 1 , handled 1\n");
	trace = trace_load(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	json_array_foreach(trace, i, rec) {
		const char *outcome = json_string_value(json_object_get(rec, "outcome"));

		segv_deliveries += !strcmp(jstr(rec, "type"), "task") &&
		                   !strcmp(jstr(rec, "event"), "signal") &&
		                   jint(rec, "signal") == 11;
		fault_outcomes += outcome && !strcmp(outcome, "signal");
	}
	CU_ASSERT_EQUAL(segv_deliveries, 1);
	CU_ASSERT_EQUAL(fault_outcomes, 1);
	CU_ASSERT_TRUE(count_events(trace, "signal", "signal", 17) >= 1); /* SIGCHLD */
	json_decref(trace);
	itest_result_free(&r);
	remove(path);
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
		{ "execve errors: ENOENT, EACCES, E2BIG, EFAULT", test_exec_errors },
		{ "fork + execve with argv, wait; exec record", test_fork_exec_argv },
		{ "fork + execve of another program (/bin/status 7), wait", test_fork_exec_other },
		{ "a pipe between two processes, end of file", test_pipe_between_processes },
		{ "no reader: SIGPIPE, or EPIPE when ignored", test_sigpipe_epipe },
		{ "poll on a pipe: empty, readable, hung up", test_poll_pipe },
		{ "fd flags: cloexec, F_DUPFD, O_NONBLOCK, shared pipe", test_fd_flags },
		{ "busybox sh -c 'echo one | wc -c' (and ||, &&)", test_busybox_pipeline },
		{ "busybox sh reading piped stdin: pipe, for, $(...), exit 3",
		  test_busybox_sh_stdin },
		{ "signal handlers: SIGSEGV fixed and returned, SIGCHLD, masks, SA_RESTART",
		  test_signal_handlers },
		{ NULL, NULL },
	};

	return itest_add_suite("process", tests, out);
}
