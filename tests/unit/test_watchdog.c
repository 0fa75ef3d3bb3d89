/* SPDX-License-Identifier: MIT */
/*
 * The --timeout watchdog (host/watchdog.c): it kicks the vCPU thread at the
 * deadline, and when that thread does not stop it says where it was and
 * ends the process, so a timeout always bounds the run.  Each case runs in
 * a forked child, since the give-up path ends the process.
 */
#include <CUnit/CUnit.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../../host/watchdog.h"
#include "lde/abi.h"
#include "suites.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Runs FN in a child with stderr on a pipe; its status, stderr and time. */
static int in_child(void (*fn)(void), char *err, size_t size, double *seconds)
{
	int fds[2], st;
	double t0 = now_s();
	ssize_t n, got = 0;
	pid_t pid;

	CU_ASSERT_FATAL(pipe(fds) == 0);
	fflush(NULL);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		fn();
		_exit(0);
	}
	close(fds[1]);
	while (got < (ssize_t)size - 1 && (n = read(fds[0], err + got, size - 1 - got)) > 0)
		got += n;
	err[got] = '\0';
	close(fds[0]);
	waitpid(pid, &st, 0);
	*seconds = now_s() - t0;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* A vCPU thread that takes the kick: the signal interrupts its wait. */
static void kicked(void)
{
	if (watchdog_install() < 0 || watchdog_arm(0.2) < 0)
		_exit(90);
	watchdog_spot(true, 7, "IO");
	pause(); /* like KVM_RUN: returns on the kick */
	watchdog_spot(false, 8, "INTR");
	if (watchdog_pending() != WATCHDOG_TIMEOUT)
		_exit(91);
	watchdog_arm(0);
	fprintf(stderr, "fired in: %s\n", watchdog_fired_where());
	_exit(0);
}

static void test_kick(void)
{
	char err[1024];
	double s;

	CU_ASSERT_EQUAL(in_child(kicked, err, sizeof(err), &s), 0);
	CU_ASSERT(s >= 0.2 && s < WATCHDOG_GRACE_S);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "fired in: in KVM_RUN for 0."));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "after 7 exits (the last: IO)"));
}

/* A vCPU thread the kick cannot reach (it blocks the signal). */
static void stuck(void)
{
	sigset_t alrm;

	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	if (watchdog_install() < 0)
		_exit(90);
	pthread_sigmask(SIG_BLOCK, &alrm, NULL);
	if (watchdog_arm(0.2) < 0)
		_exit(90);
	watchdog_spot(true, 42, "HLT");
	sleep(30);
	_exit(92); /* the watchdog should have ended us long before */
}

static void test_gives_up(void)
{
	char err[1024];
	double s;

	CU_ASSERT_EQUAL(in_child(stuck, err, sizeof(err), &s), LDE_VMM_TIMEOUT);
	CU_ASSERT(s >= 0.2 + WATCHDOG_GRACE_S - 0.5 && s < 0.2 + WATCHDOG_GRACE_S + 5);
	CU_ASSERT_PTR_NOT_NULL(
		strstr(err, "did not stop 5 s after the deadline: it is in KVM_RUN"));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "after 42 exits (the last: HLT)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "kernel wait channel"));
}

/* Disarmed before the deadline: nothing fires. */
static void disarmed(void)
{
	if (watchdog_install() < 0 || watchdog_arm(0.3) < 0)
		_exit(90);
	watchdog_arm(0);
	usleep(600000);
	_exit(watchdog_pending() ? 93 : 0);
}

static void test_disarm(void)
{
	char err[256];
	double s;

	CU_ASSERT_EQUAL(in_child(disarmed, err, sizeof(err), &s), 0);
}

int suite_watchdog(void)
{
	static const struct unit_test tests[] = {
		{ "the deadline kicks the vCPU thread, which says where it was", test_kick },
		{ "a vCPU thread that does not stop: report, exit with the timeout status",
		  test_gives_up },
		{ "disarmed before the deadline: nothing fires", test_disarm },
	};

	return add_suite("watchdog", NULL, NULL, NULL, NULL, tests,
	                 sizeof(tests) / sizeof(tests[0]));
}
