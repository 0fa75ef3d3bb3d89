// SPDX-License-Identifier: MIT
/*
 * fork: the process API, the cases named by the arguments in order (one
 * run can do several), each printing what it saw so the test can compare
 * it with what Linux gives:
 *   order   - fork; the child prints, the parent waits for it, then prints
 *   cow     - both sides write the same variable after fork, each sees its own
 *   status  - wait statuses: exit(3), abort(), kill(SIGKILL) of a sleeper
 *   zombie  - children that ended stay until reaped; WNOHANG; ECHILD
 *   orphan  - a child's child outlives it and gets process 1 as parent
 *   bomb    - fork until EAGAIN, then reap them all
 *   groups  - getpgid/setpgid/getsid/setsid
 *   execerr - execve's errors: ENOENT, EACCES, E2BIG, EFAULT
 *   pipe    - a pipe between two processes: the child writes (through
 *             fd 1, dup2'd), the parent reads to end of file
 *   sigpipe - a write with no reader: SIGPIPE, or EPIPE when it is ignored
 *   poll    - poll on a pipe: nothing, then POLLIN, then POLLHUP
 *   fdflags - dup, F_DUPFD, FD_CLOEXEC, O_NONBLOCK (EAGAIN), one offset
 *   exec    - fork, execve the arguments after it (a path and its argv),
 *             wait: its status (it ends the list of cases)
 *   argv    - prints its arguments after "argv", one per line
 *   spawn   - posix_spawn (clone CLONE_VM|CLONE_VFORK) of ARGV[2..]
 * Exits 0 unless a step went wrong (then 1, after saying which).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static int fail(const char *what)
{
	printf("FAIL: %s (errno %d)\n", what, errno);
	return 1;
}

static void nap(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&t, NULL);
}

static int order(void)
{
	int st;
	pid_t pid = fork();

	if (pid < 0)
		return fail("fork");
	if (pid == 0) {
		printf("child: pid %d, parent %d\n", getpid() > 1, getppid() == 1);
		_exit(0);
	}
	if (waitpid(pid, &st, 0) != pid)
		return fail("waitpid");
	printf("parent: child %d exited %d\n", pid > 1, WEXITSTATUS(st));
	return 0;
}

static int cow(void)
{
	static char big[3 * 4096] = "parent";
	int local = 1, st;
	pid_t pid = fork();

	if (pid == 0) {
		strcpy(big + 4096, "child");
		local = 2;
		big[0] = 'C';
		printf("child sees %c %s %d\n", big[0], big + 4096, local);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	printf("parent sees %c %s %d\n", big[0], big + 4096, local);
	big[0] = 'P';
	printf("parent wrote %c\n", big[0]);
	return 0;
}

/* A child that ends as `how` says; its wait status, decoded. */
static void one_status(const char *how)
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		if (!strcmp(how, "exit3"))
			exit(3);
		if (!strcmp(how, "abort"))
			abort();
		for (;;)
			pause();
	}
	if (!strcmp(how, "kill")) {
		nap(20);
		kill(pid, SIGKILL);
	}
	if (waitpid(pid, &st, 0) != pid) {
		fail("waitpid");
		return;
	}
	if (WIFEXITED(st))
		printf("%s: exited %d\n", how, WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		printf("%s: signaled %d\n", how, WTERMSIG(st));
}

static int status(void)
{
	one_status("exit3");
	one_status("abort");
	one_status("kill");
	return 0;
}

static int zombie(void)
{
	pid_t kids[3];
	int st, reaped = 0;
	siginfo_t si;

	for (int i = 0; i < 3; i++) {
		kids[i] = fork();
		if (kids[i] == 0)
			_exit(10 + i);
	}
	/* WNOWAIT: wait until each has ended, leaving it a zombie */
	for (int i = 0; i < 3; i++) {
		memset(&si, 0, sizeof(si));
		if (waitid(P_PID, kids[i], &si, WEXITED | WNOWAIT) == 0 && i == 1)
			printf("waitid WNOWAIT: pid ok %d, code %d, status %d\n",
			       si.si_pid == kids[1], si.si_code == CLD_EXITED, si.si_status);
	}
	for (int i = 2; i >= 0; i--)
		if (waitpid(kids[i], &st, WNOHANG) == kids[i] && WEXITSTATUS(st) == 10 + i)
			reaped++;
	printf("reaped %d with WNOHANG\n", reaped);
	st = waitpid(-1, &st, WNOHANG);
	printf("then: %d %s\n", st, strerror(errno));
	int go[2];
	char c;

	pipe(go);
	pid_t sleeper = fork();
	if (sleeper == 0) { /* runs until the parent says so */
		read(go[0], &c, 1);
		_exit(0);
	}
	printf("running child, WNOHANG: %d\n", waitpid(sleeper, &st, WNOHANG));
	write(go[1], "!", 1);
	close(go[0]);
	close(go[1]);
	printf("blocking wait: %d\n", waitpid(-1, &st, 0) == sleeper);
	return 0;
}

static int orphan(void)
{
	int st;
	pid_t pid = fork();
	if (pid == 0) {
		if (fork() == 0) {
			/* until its parent has ended: then process 1 is its parent */
			for (int i = 0; i < 400 && getppid() != 1; i++)
				nap(5);
			_exit(getppid());
		}
		_exit(0);
	}
	waitpid(pid, &st, 0);
	printf("child reaped\n");
	/* the orphan is ours now (we are process 1): wait for it too */
	pid = wait(&st);
	printf("the orphan's parent became %d; we reaped it: %d\n", WEXITSTATUS(st), pid > 0);
	return 0;
}

static int bomb(void)
{
	pid_t kids[256];
	int n = 0, st;

	while (n < 256) {
		pid_t pid = fork();

		if (pid == 0) {
			pause();
			_exit(0);
		}
		if (pid < 0)
			break;
		kids[n++] = pid;
	}
	printf("fork failed after %d children: %s\n", n > 4, strerror(errno));
	for (int i = 0; i < n; i++)
		kill(kids[i], SIGTERM);
	for (int i = 0; i < n; i++)
		if (wait(&st) < 0 || !WIFSIGNALED(st))
			return fail("wait");
	printf("reaped %s\n", n > 4 ? "all" : "too few");
	/* and the table has room again */
	pid_t pid = fork();
	if (pid == 0)
		_exit(5);
	waitpid(pid, &st, 0);
	printf("fork again: exited %d\n", WEXITSTATUS(st));
	return 0;
}

static int groups(void)
{
	int st;
	pid_t pid;

	printf("me: pgid=pid %d sid=pid %d\n", getpgid(0) == getpid(), getsid(0) == getpid());
	st = setsid();
	printf("setsid as group leader: %d %s\n", st, strerror(errno));
	pid = fork();
	if (pid == 0) {
		printf("child: pgid is parent's %d\n", getpgrp() == getppid());
		printf("child: setsid %d\n", setsid() == getpid());
		printf("child: sid %d pgid %d\n", getsid(0) == getpid(), getpgid(0) == getpid());
		_exit(0);
	}
	waitpid(pid, &st, 0);
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	printf("setpgid child: %d\n", setpgid(pid, pid));
	printf("child's pgid: %d\n", getpgid(pid) == pid);
	kill(-pid, SIGKILL);
	waitpid(pid, &st, 0);
	printf("group killed: %d\n", WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	st = getpgid(pid);
	printf("getpgid(gone): %d %s\n", st, strerror(errno));
	return 0;
}

/* fork + execve(argv[0], argv) + wait: the child's status. */
static int exec_case(char **argv)
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		execve(argv[0], argv, environ);
		printf("execve %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	waitpid(pid, &st, 0);
	printf("%s: exited %d\n", argv[0], WEXITSTATUS(st));
	return 0;
}

static void one_error(const char *what, const char *path, char **argv)
{
	int r = execve(path, argv, environ);

	printf("%s: %d %s\n", what, r, strerror(errno));
}

static const char *volatile bad_path = (const char *)8; /* unmapped */

static int exec_errors(void)
{
	static char big[5000], *many[1000];
	char *argv[] = { "x", NULL }, *huge[] = { "x", big, NULL };

	memset(big, 'a', sizeof(big) - 1);
	for (int i = 0; i < 999; i++)
		many[i] = "word";
	one_error("missing", "/bin/no-such-program", argv);
	one_error("directory", "/bin", argv);
	one_error("long argument", "/bin/fork", huge);
	one_error("many arguments", "/bin/fork", many);
	one_error("bad path pointer", bad_path, argv);
	return 0;
}

static int pipe_case(void)
{
	char buf[256];
	int p[2], st, n, total = 0;
	pid_t pid;

	if (pipe(p))
		return fail("pipe");
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		dup2(p[1], 1);
		close(p[1]);
		for (int i = 0; i < 300; i++) /* 300 lines: more than the pipe holds */
			printf("line %03d through the pipe\n", i);
		_exit(0);
	}
	close(p[1]);
	while ((n = read(p[0], buf, sizeof(buf))) > 0)
		total += n;
	printf("pipe: read %d bytes, then %d (end of file)\n", total, n);
	waitpid(pid, &st, 0);
	close(p[0]);
	return 0;
}

static int sigpipe(void)
{
	int p[2], st;
	pid_t pid;

	pipe(p);
	close(p[0]);
	pid = fork();
	if (pid == 0) {
		write(p[1], "x", 1);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	printf("no reader: signaled %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	signal(SIGPIPE, SIG_IGN);
	st = (int)write(p[1], "x", 1);
	printf("no reader, SIGPIPE ignored: %d %s\n", st, strerror(errno));
	signal(SIGPIPE, SIG_DFL);
	close(p[1]);
	return 0;
}

static int poll_case(void)
{
	struct pollfd pf;
	int p[2], st;
	char c;
	pid_t pid;

	pipe(p);
	pf = (struct pollfd){ p[0], POLLIN, 0 };
	printf("poll, empty: %d\n", poll(&pf, 1, 0));
	pid = fork();
	if (pid == 0) {
		nap(20);
		write(p[1], "!", 1);
		_exit(0);
	}
	close(p[1]);
	st = poll(&pf, 1, -1);
	printf("poll, written: %d in=%d\n", st, !!(pf.revents & POLLIN));
	read(p[0], &c, 1);
	waitpid(pid, &st, 0);
	st = poll(&pf, 1, 1000);
	printf("poll, writer gone: %d hup=%d\n", st, !!(pf.revents & POLLHUP));
	close(p[0]);
	return 0;
}

static int fdflags(void)
{
	int p[2], d, st;
	char c;
	pid_t pid;

	pipe2(p, O_CLOEXEC);
	printf("pipe2 O_CLOEXEC: %d\n", fcntl(p[0], F_GETFD) == FD_CLOEXEC);
	d = fcntl(p[1], F_DUPFD, 10);
	printf("F_DUPFD 10: %d, cloexec %d\n", d, fcntl(d, F_GETFD));
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	st = (int)read(p[0], &c, 1);
	printf("O_NONBLOCK, empty: %d %s\n", st, strerror(errno));
	printf("F_GETFL: %d\n", fcntl(p[0], F_GETFL) == (O_RDONLY | O_NONBLOCK));
	/* the child's writes and ours share one pipe: both arrive */
	pid = fork();
	if (pid == 0) {
		write(d, "c", 1);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	write(p[1], "p", 1);
	char two[3] = { 0 };
	st = (int)read(p[0], two, 2);
	printf("read %d: %s\n", st, two);
	close(d);
	close(p[0]);
	close(p[1]);
	st = fcntl(d, F_GETFD);
	printf("closed: %d %s\n", st, strerror(errno));
	return 0;
}

static int spawn(char **argv)
{
	pid_t pid;
	int st, err = posix_spawn(&pid, argv[0], NULL, NULL, argv, environ);

	if (err) {
		printf("posix_spawn: %s\n", strerror(err));
		return 1;
	}
	waitpid(pid, &st, 0);
	printf("spawned %s: exited %d\n", argv[0], WEXITSTATUS(st));
	return 0;
}

static int one_case(const char *name)
{
	static const struct {
		const char *name;
		int (*fn)(void);
	} cases[] = {
		{ "order", order },    { "cow", cow },
		{ "status", status },  { "zombie", zombie },
		{ "orphan", orphan },  { "bomb", bomb },
		{ "groups", groups },  { "execerr", exec_errors },
		{ "pipe", pipe_case }, { "sigpipe", sigpipe },
		{ "poll", poll_case }, { "fdflags", fdflags },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (!strcmp(name, cases[i].name))
			return cases[i].fn();
	return fail(name);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0); /* no buffer for a child to inherit */
	if (argc < 2)
		return fail("usage: fork CASE... | fork exec|spawn PROGRAM [ARG...]");
	if (!strcmp(argv[1], "spawn") && argc > 2)
		return spawn(argv + 2);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "exec") && i + 1 < argc)
			return exec_case(argv + i + 1);
		if (!strcmp(argv[i], "argv")) {
			for (int k = i + 1; k < argc; k++)
				printf("argv: %s\n", argv[k]);
			return 0;
		}
		if (one_case(argv[i]))
			return 1;
	}
	return 0;
}
