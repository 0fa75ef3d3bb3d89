/* SPDX-License-Identifier: MIT */
#include "harness.h"

#include <CUnit/CUnit.h>
#include "lde/abi.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *env_or(const char *name, const char *dflt)
{
	const char *v = getenv(name);

	return v && *v ? v : dflt;
}

const char *itest_vmm(void)
{
	return env_or("LDE_VMM", "./vmm");
}
const char *itest_guest(void)
{
	return env_or("LDE_GUEST", "./guest.elf");
}

const char *itest_test_guest(const char *name)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s/%s.elf", env_or("LDE_TEST_GUESTS", "build/tests/guests"),
	         name);
	return path;
}

const char *itest_tmpfile(const char *suffix)
{
	static char names[8][4096];
	static unsigned next, counter;
	char *p = names[next++ % 8];

	snprintf(p, sizeof(names[0]), "%s/lde-itest-%d-%u%s", env_or("TMPDIR", "/tmp"),
	         (int)getpid(), counter++, suffix);
	return p;
}

const char *itest_write_tmpfile(const void *data, size_t n)
{
	const char *path = itest_tmpfile(".bin");
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		abort();
	}
	return path;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

double itest_timeout_s(void)
{
	const char *v = getenv("LDE_ITEST_TIMEOUT");
	char *end;
	double t = v && *v ? strtod(v, &end) : 0;

	return v && *v && !*end && t > 0 ? t : ITEST_TIMEOUT_S;
}

/* The --timeout ARGV gives the vmm itself (seconds), or 0 for none. */
static double own_timeout(const char *const *argv)
{
	for (size_t i = 0; argv[i]; i++) {
		if (!strncmp(argv[i], "--timeout=", 10))
			return strtod(argv[i] + 10, NULL);
		if ((!strcmp(argv[i], "--timeout") || !strcmp(argv[i], "-T")) && argv[i + 1])
			return strtod(argv[i + 1], NULL);
	}
	return 0;
}

/*
 * The vmm's argv: ARGV after the vmm's path, with `--timeout BOUND` in
 * front when BOUND is set (the test gave none of its own).
 */
static const char **vmm_argv(const char *const *argv, const char *bound)
{
	size_t n = 0, k = 0;
	const char **args;

	while (argv[n])
		n++;
	args = calloc(n + 4, sizeof(*args));
	if (!args)
		abort();
	args[k++] = itest_vmm();
	if (bound) {
		args[k++] = "--timeout";
		args[k++] = bound;
	}
	memcpy(args + k, argv, n * sizeof(*args));
	return args;
}

static void child(const char *out, const char *err, int in_fd, const char *const *args)
{
	if (!freopen(out, "w", stdout) || !freopen(err, "w", stderr))
		_exit(127);
	if (in_fd >= 0 ? dup2(in_fd, STDIN_FILENO) < 0 : !freopen("/dev/null", "r", stdin))
		_exit(127);
	if (in_fd > STDIN_FILENO)
		close(in_fd);
	execv(args[0], (char *const *)args);
	fprintf(stderr, "exec %s: %s\n", args[0], strerror(errno));
	_exit(127);
}

/*
 * Wait for PID, sending SIGNO once after SIGNAL_AFTER s; SIGKILL it at
 * KILL_AFTER s (it hung).
 */
static int wait_child(pid_t pid, double start, double signal_after, int signo, double kill_after,
                      bool *hung)
{
	int st;
	bool signalled = false;

	for (;;) {
		pid_t w = waitpid(pid, &st, WNOHANG);
		double t = now_s() - start;

		if (w == pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		if (signal_after > 0 && !signalled && t >= signal_after) {
			kill(pid, signo);
			signalled = true;
		}
		if (t > kill_after && !*hung) {
			*hung = true;
			kill(pid, SIGKILL);
		}
		if (t > kill_after + ITEST_REAP_GRACE_S) {
			/* Still not gone: stuck in the host kernel.  Leave it. */
			fprintf(stderr, "\nitest: vmm %d not reaped %d s after SIGKILL; going on\n",
			        (int)pid, ITEST_REAP_GRACE_S);
			return 128 + SIGKILL;
		}
		usleep(2000);
	}
}

/* Fails the current test for a run that hit a bound, with all it said. */
static void report_bound(const struct vmm_result *r, const char *const *args, double bound)
{
	CU_pTest test = CU_get_current_test();
	CU_pSuite suite = CU_get_current_suite();
	char msg[256];

	snprintf(msg, sizeof(msg), "%s: the vmm %s", test ? test->pName : "?",
	         r->hung ? "outlived its --timeout and was killed by the harness" :
	                   "hit the harness's --timeout");
	fprintf(stderr, "\nitest: FAIL: %s / %s (bound %.0f s, ran %.1f s, status %d)\n",
	        suite ? suite->pName : "?", msg, bound, r->seconds, r->status);
	fprintf(stderr, "itest: command:");
	for (size_t i = 0; args[i]; i++)
		fprintf(stderr, " %s", args[i]);
	fprintf(stderr,
	        "\nitest: --- console (stdout) ---\n%s\nitest: --- vmm (stderr) ---\n%s\n"
	        "itest: --- end ---\n",
	        r->out ? r->out : "", r->err ? r->err : "");
	CU_assertImplementation(CU_FALSE, __LINE__, msg, __FILE__, "", CU_FALSE);
}

static void feed(int wfd, const struct itest_input *in, const char *err);

static void run_vmm(struct vmm_result *r, double signal_after, int signo,
                    const struct itest_input *in, const char *const *argv)
{
	int fds[2] = { -1, -1 };
	pid_t feeder = -1;
	const char *out = itest_tmpfile(".out"), *err = itest_tmpfile(".err");
	double own = own_timeout(argv), bound = own > 0 ? own : itest_timeout_s();
	char bound_arg[32];
	const char **args;
	double start = now_s();
	pid_t pid;

	snprintf(bound_arg, sizeof(bound_arg), "%g", bound);
	args = vmm_argv(argv, own > 0 ? NULL : bound_arg);
	memset(r, 0, sizeof(*r));
	fflush(NULL);
	if (in && pipe(fds) < 0) {
		perror("pipe");
		abort();
	}
	pid = fork();
	if (pid < 0) {
		perror("fork");
		abort();
	}
	if (pid == 0) {
		close(fds[1]);
		child(out, err, fds[0], args);
	}
	if (in && (feeder = fork()) == 0) {
		close(fds[0]);
		feed(fds[1], in, err);
	}
	if (in) {
		close(fds[0]);
		close(fds[1]);
	}
	r->status =
		wait_child(pid, start, signal_after, signo, bound + ITEST_KILL_GRACE_S, &r->hung);
	r->seconds = now_s() - start;
	r->timed_out = own <= 0 && r->status == LDE_VMM_TIMEOUT;
	if (feeder > 0 && waitpid(feeder, NULL, WNOHANG) == 0) { /* input left unread */
		kill(feeder, SIGKILL);
		waitpid(feeder, NULL, 0);
	}
	r->out = slurp(out);
	r->err = slurp(err);
	unlink(out);
	unlink(err);
	if (r->hung || r->timed_out)
		report_bound(r, args, bound);
	free(args);
}

void itest_run_vmm_signal(struct vmm_result *r, double signal_after, int signo,
                          const char *const *argv)
{
	run_vmm(r, signal_after, signo, NULL, argv);
}

/* The feeder: once ERR (the vmm's stderr) contains AFTER (NULL: at
 * once), DATA into the pipe, then end of file. */
static void feed(int wfd, const struct itest_input *in, const char *err)
{
	double start = now_s();

	signal(SIGPIPE, SIG_DFL); /* a vmm that stops reading ends us */
	while (in->after) {
		char *text = slurp(err);
		bool seen = strstr(text, in->after) != NULL;

		free(text);
		if (seen)
			break;
		if (now_s() - start > itest_timeout_s())
			_exit(2);
		usleep(10000);
	}
	for (size_t done = 0; done < in->n;) {
		ssize_t w = write(wfd, (const char *)in->data + done, in->n - done);

		if (w <= 0)
			_exit(1);
		done += (size_t)w;
	}
	_exit(0);
}

void itest_run_vmm_stdin(struct vmm_result *r, const struct itest_input *in,
                         const char *const *argv)
{
	run_vmm(r, 0, 0, in, argv);
}

bool itest_timing_emulated(void)
{
	const char *timing = getenv("LDE_ITEST_TIMING");

	return timing && strcmp(timing, "emulated") == 0;
}

void itest_result_free(struct vmm_result *r)
{
	free(r->out);
	free(r->err);
	memset(r, 0, sizeof(*r));
}

json_t *itest_trace_select(json_t *trace, const char *type)
{
	json_t *out = json_array(), *rec;
	size_t i;

	json_array_foreach(trace, i, rec)
		if (strcmp(jstr(rec, "type"), type) == 0)
			json_array_append(out, rec);
	return out;
}

bool itest_contains(const char *haystack, const char *needle)
{
	if (haystack && strstr(haystack, needle))
		return true;
	fprintf(stderr, "\n  expected to find: '%s'\n  in: '%s'\n", needle,
	        haystack ? haystack : "(null)");
	return false;
}

const char *itest_program(const char *name)
{
	static char paths[8][4096];
	static unsigned next;
	char *p = paths[next++ % 8];
	const char *dir = getenv("LDE_TEST_PROGRAMS");

	snprintf(p, sizeof(paths[0]), "%s/%s", dir ? dir : "build/tests/programs", name);
	return p;
}

bool itest_have(const char *path)
{
	const char *ci = getenv("CI");

	if (access(path, X_OK) == 0)
		return true;
	if (ci && !strcmp(ci, "true"))
		CU_FAIL("a program the tests need is missing in CI");
	printf("SKIP (%s missing: install musl-tools / busybox-static, then make) ", path);
	return false;
}

void itest_assert_status(const struct vmm_result *r, int want)
{
	if (r->status != want)
		fprintf(stderr, "\n  status %d, expected %d; stderr:\n%s\n", r->status, want,
		        r->err);
	CU_ASSERT_EQUAL(r->status, want);
}
