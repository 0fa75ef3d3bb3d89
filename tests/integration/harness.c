/* SPDX-License-Identifier: MIT */
#include "harness.h"

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

const char *write_tmpfile(const void *data, size_t n)
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

static void child(const char *out, const char *err, const char *const *argv)
{
	const char *vmm = itest_vmm();
	size_t n = 0;
	const char **args;

	while (argv[n])
		n++;
	args = calloc(n + 2, sizeof(*args));
	args[0] = vmm;
	memcpy(args + 1, argv, n * sizeof(*args));
	if (!freopen(out, "w", stdout) || !freopen(err, "w", stderr))
		_exit(127);
	freopen("/dev/null", "r", stdin);
	execv(vmm, (char *const *)args);
	fprintf(stderr, "exec %s: %s\n", vmm, strerror(errno));
	_exit(127);
}

/* Wait for PID, sending SIGNO once after SIGNAL_AFTER s; kill if it hangs. */
static int wait_child(pid_t pid, double start, double signal_after, int signo, bool *hung)
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
		if (t > ITEST_KILL_AFTER_S && !*hung) {
			*hung = true;
			kill(pid, SIGKILL);
		}
		usleep(2000);
	}
}

void run_vmm_signal(struct vmm_result *r, double signal_after, int signo, const char *const *argv)
{
	const char *out = itest_tmpfile(".out"), *err = itest_tmpfile(".err");
	double start = now_s();
	pid_t pid;

	memset(r, 0, sizeof(*r));
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		abort();
	}
	if (pid == 0)
		child(out, err, argv);
	r->status = wait_child(pid, start, signal_after, signo, &r->hung);
	r->seconds = now_s() - start;
	r->out = slurp(out);
	r->err = slurp(err);
	unlink(out);
	unlink(err);
}

void vmm_result_free(struct vmm_result *r)
{
	free(r->out);
	free(r->err);
	memset(r, 0, sizeof(*r));
}

json_t *trace_select(json_t *trace, const char *type)
{
	json_t *out = json_array(), *rec;
	size_t i;

	json_array_foreach(trace, i, rec)
		if (strcmp(jstr(rec, "type"), type) == 0)
			json_array_append(out, rec);
	return out;
}

bool contains(const char *haystack, const char *needle)
{
	if (haystack && strstr(haystack, needle))
		return true;
	fprintf(stderr, "\n  expected to find: '%s'\n  in: '%s'\n", needle,
	        haystack ? haystack : "(null)");
	return false;
}
