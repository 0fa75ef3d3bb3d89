// SPDX-License-Identifier: MIT
/*
 * process-bench: the process API's round trips, timed from ring 3 (make
 * bench, tools/bench-process).  A static Linux binary, built with
 * musl-gcc, run unchanged on the host and as a program inside lde:
 *
 *   process-bench fork N [KIB]    N x (fork; the child writes one byte and
 *                                 _exits; wait4).  With KIB, the parent
 *                                 first writes every page of a KIB KiB
 *                                 buffer, and the child's byte lands in it:
 *                                 copy-on-write copies one page, an eager
 *                                 fork all of them.
 *   process-bench exec N PATH     N x (fork; the child execve's PATH with no
 *                                 arguments; wait4): PATH should exit 0
 *                                 at once (tools/nop.c).
 *   process-bench pipe KIB CHUNK  a child writes KIB KiB into a pipe in
 *                                 CHUNK-byte writes, the parent reads it
 *                                 all (CHUNK-byte reads) and waits.
 *   process-bench spin M          ring 3 only: M million rounds of an empty
 *                                 loop, no system call (for what the timer
 *                                 ticks meanwhile cost).
 *
 * Prints one line, with the totals between the two clock readings:
 *
 *   process-bench: op=OP n=N ns=NS cycles=TSC [kib=K] [bytes=B chunk=C]
 *
 * n is the number of round trips (fork, exec), of writes (pipe), or the
 * millions of rounds (spin).
 * Exits 0, or 1 after one line saying which step failed.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <x86intrin.h>

#define PAGE 4096

static int64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static int fail(const char *what)
{
	printf("process-bench: %s failed: %s\n", what, strerror(errno));
	return 1;
}

static long arg(int argc, char **argv, int i, long dflt)
{
	return argc > i ? atol(argv[i]) : dflt;
}

/* Waits for pid, which must end with exit(0). */
static int reap(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return fail("wait4");
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		printf("process-bench: child ended with status 0x%x\n", st);
		return 1;
	}
	return 0;
}

struct timing {
	int64_t ns;
	uint64_t cycles;
};

static void start(struct timing *t)
{
	t->ns = now_ns();
	t->cycles = __rdtsc();
}

static void stop(struct timing *t)
{
	t->cycles = __rdtsc() - t->cycles;
	t->ns = now_ns() - t->ns;
}

static void report(const char *op, long n, const struct timing *t, const char *extra)
{
	printf("process-bench: op=%s n=%ld ns=%lld cycles=%llu%s\n", op, n, (long long)t->ns,
	       (unsigned long long)t->cycles, extra);
}

/* N x (fork; the child calls child(arg), which must not return; wait4), timed. */
static int round_trips(long n, void (*child)(const void *), const void *arg, struct timing *t)
{
	start(t);
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0)
			return fail("fork");
		if (pid == 0)
			child(arg);
		if (reap(pid))
			return 1;
	}
	stop(t);
	return 0;
}

struct buffer {
	char *p;
	size_t len;
};

/* fork's child: one byte into the middle of the parent's buffer, if any. */
static void write_and_exit(const void *arg)
{
	const struct buffer *b = arg;

	if (b->p)
		b->p[b->len / 2] = 2;
	_exit(0);
}

static int bench_fork(long n, long kib)
{
	struct buffer b = { NULL, (size_t)kib * 1024 };
	struct timing t;
	char extra[32];

	b.p = b.len ? malloc(b.len) : NULL;
	if (b.len && !b.p)
		return fail("malloc");
	for (size_t i = 0; i < b.len; i += PAGE) /* every page the parent's own */
		b.p[i] = 1;
	if (round_trips(n, write_and_exit, &b, &t))
		return 1;
	snprintf(extra, sizeof(extra), " kib=%ld", kib);
	report("fork", n, &t, extra);
	return 0;
}

/* exec's child: execve(path) with no arguments and no environment. */
static void exec_path(const void *arg)
{
	char *const argv[] = { (char *)arg, NULL }, *const envp[] = { NULL };

	execve(arg, argv, envp);
	_exit(127);
}

static int bench_exec(long n, const char *path)
{
	struct timing t;

	if (round_trips(n, exec_path, path, &t))
		return 1;
	report("exec", n, &t, "");
	return 0;
}

/* Writes all of buf to fd; false on an error. */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t w = write(fd, buf, len);

		if (w < 0)
			return 0;
		buf += w;
		len -= (size_t)w;
	}
	return 1;
}

static int bench_pipe(long kib, long chunk)
{
	size_t total = (size_t)kib << 10, got = 0;
	char *buf = chunk > 0 ? malloc((size_t)chunk) : NULL, extra[64];
	struct timing t;
	int fds[2];
	pid_t pid;

	if (!buf)
		return fail("malloc of the chunk");
	memset(buf, 'x', (size_t)chunk);
	if (pipe(fds))
		return fail("pipe");
	start(&t);
	pid = fork();
	if (pid < 0)
		return fail("fork");
	if (pid == 0) {
		close(fds[0]);
		for (size_t sent = 0; sent < total; sent += (size_t)chunk) {
			size_t n = total - sent < (size_t)chunk ? total - sent : (size_t)chunk;

			if (!write_all(fds[1], buf, n))
				_exit(1);
		}
		_exit(0);
	}
	close(fds[1]);
	for (;;) {
		ssize_t r = read(fds[0], buf, (size_t)chunk);

		if (r < 0)
			return fail("read");
		if (r == 0)
			break;
		got += (size_t)r;
	}
	if (reap(pid))
		return 1;
	stop(&t);
	if (got != total) {
		printf("process-bench: read %zu bytes of %zu\n", got, total);
		return 1;
	}
	snprintf(extra, sizeof(extra), " bytes=%zu chunk=%ld", total, chunk);
	report("pipe", (long)((total + (size_t)chunk - 1) / (size_t)chunk), &t, extra);
	return 0;
}

static int bench_spin(long millions)
{
	struct timing t;

	start(&t);
	for (long i = 0; i < millions; i++)
		for (volatile int j = 0; j < 1000000; j++)
			;
	stop(&t);
	report("spin", millions, &t, "");
	return 0;
}

int main(int argc, char **argv)
{
	const char *op = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IONBF, 0); /* nothing buffered for the children to copy */
	if (!strcmp(op, "fork"))
		return bench_fork(arg(argc, argv, 2, 1000), arg(argc, argv, 3, 0));
	if (!strcmp(op, "exec") && argc > 3)
		return bench_exec(arg(argc, argv, 2, 100), argv[3]);
	if (!strcmp(op, "pipe"))
		return bench_pipe(arg(argc, argv, 2, 16384), arg(argc, argv, 3, 65536));
	if (!strcmp(op, "spin"))
		return bench_spin(arg(argc, argv, 2, 1000));
	fprintf(stderr, "usage: process-bench fork N [KIB] | exec N PATH | pipe KIB CHUNK | "
	                "spin M\n");
	return 2;
}
