/* SPDX-License-Identifier: MIT */
/*
 * The sandbox of a real run: while the guest runs, the vmm is under a
 * seccomp filter (/proc/PID/status says "Seccomp: 2"), unless
 * --no-seccomp.  (Every other integration test runs with the filter on;
 * tests/unit/test_sandbox.c shows that a forbidden call is stopped.)
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "itests.h"
#include "lde/abi.h"

/* The "Seccomp:" value in /proc/PID/status, or -1. */
static int seccomp_mode(pid_t pid)
{
	char path[64], line[256];
	int mode = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "Seccomp: %d", &mode) == 1)
			break;
	if (f)
		fclose(f);
	return mode;
}

/*
 * Start a spinning guest with EXTRA (or NULL); once its first console line
 * arrives (so the exit loop runs: the sandbox is in place), read the
 * vmm's seccomp mode, then stop it with SIGTERM.
 */
static int mode_during_run(const char *extra)
{
	const char *argv[] = { itest_vmm(),
		               "--quiet",
		               "--timeout",
		               "60",
		               "--cmdline",
		               "test=spin",
		               extra ? extra : itest_guest(),
		               extra ? itest_guest() : NULL,
		               NULL };
	int p[2], status, mode = -1;
	char c = 0;
	pid_t pid;

	CU_ASSERT_FATAL(pipe(p) == 0);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		dup2(p[1], STDOUT_FILENO);
		close(p[0]);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(p[1]);
	while (read(p[0], &c, 1) == 1 && c != '\n')
		;
	if (c == '\n')
		mode = seccomp_mode(pid);
	kill(pid, SIGTERM);
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == LDE_VMM_SIGNAL_BASE + SIGTERM);
	close(p[0]);
	return mode;
}

static void test_seccomp_on(void)
{
	CU_ASSERT_EQUAL(mode_during_run(NULL), 2); /* SECCOMP_MODE_FILTER */
}

static void test_no_seccomp(void)
{
	CU_ASSERT_EQUAL(mode_during_run("--no-seccomp"), 0);
}

int suite_sandbox(CU_pSuite *out)
{
	static const struct itest tests[] = {
		{ "a run is sandboxed: Seccomp: 2", test_seccomp_on },
		{ "--no-seccomp: Seccomp: 0", test_no_seccomp },
		{ NULL, NULL },
	};
	return itest_add_suite("sandbox", tests, out);
}
