// SPDX-License-Identifier: MIT
/* A vmm run on a pseudo-terminal (pty_session.h). */
#include "pty_session.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static _Noreturn void child(const char *slave, const char *const *argv)
{
	size_t n = 0;
	const char **args;
	int fd;

	while (argv[n])
		n++;
	args = calloc(n + 2, sizeof(*args));
	args[0] = itest_vmm();
	memcpy(args + 1, argv, n * sizeof(*argv));
	setsid();
	fd = open(slave, O_RDWR); /* the session's controlling terminal */
	if (fd < 0 || ioctl(fd, TIOCSCTTY, 0) < 0)
		_exit(126);
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
	execv(args[0], (char *const *)args);
	_exit(127);
}

bool pty_start(struct pty_session *s, const char *const *argv)
{
	const char *slave;

	memset(s, 0, sizeof(*s));
	s->master = posix_openpt(O_RDWR | O_NOCTTY);
	if (s->master < 0 || grantpt(s->master) < 0 || unlockpt(s->master) < 0 ||
	    !(slave = ptsname(s->master)) || tcgetattr(s->master, &s->initial) < 0) {
		perror("pty_start: posix_openpt");
		return false;
	}
	s->cap = 4096;
	s->screen = calloc(1, s->cap);
	fflush(NULL);
	s->pid = fork();
	if (s->pid < 0) {
		perror("pty_start: fork");
		return false;
	}
	if (s->pid == 0)
		child(slave, argv);
	return true;
}

/* What the terminal shows within WAIT_S seconds, appended; false: the vmm closed it. */
static bool read_screen(struct pty_session *s, double wait_s)
{
	struct pollfd p = { s->master, POLLIN, 0 };
	char buf[4096];
	ssize_t n;

	if (poll(&p, 1, (int)(wait_s * 1000)) <= 0)
		return true;
	n = read(s->master, buf, sizeof(buf));
	if (n <= 0)
		return false; /* EIO: every slave fd closed */
	if (s->len + (size_t)n + 1 > s->cap) {
		s->cap = (s->len + (size_t)n + 1) * 2;
		s->screen = realloc(s->screen, s->cap);
	}
	memcpy(s->screen + s->len, buf, (size_t)n);
	s->len += (size_t)n;
	s->screen[s->len] = '\0';
	return true;
}

bool pty_expect(struct pty_session *s, const char *text, double timeout_s)
{
	double end = now_s() + timeout_s;
	bool open = true;

	while (open && now_s() < end) {
		char *at = strstr(s->screen + s->mark, text);

		if (at) {
			s->mark = (size_t)(at - s->screen) + strlen(text);
			return true;
		}
		open = read_screen(s, 0.05);
	}
	if (strstr(s->screen + s->mark, text)) {
		s->mark = (size_t)(strstr(s->screen + s->mark, text) - s->screen) + strlen(text);
		return true;
	}
	fprintf(stderr, "\npty: the screen never showed \"%s\"; it shows:\n%s\n", text, s->screen);
	return false;
}

void pty_type(struct pty_session *s, const char *keys)
{
	size_t n = strlen(keys);

	if (write(s->master, keys, n) != (ssize_t)n)
		perror("pty_type: write");
}

int pty_finish(struct pty_session *s, double timeout_s)
{
	double end = now_s() + timeout_s;
	int st;

	while (waitpid(s->pid, &st, WNOHANG) == 0) {
		if (now_s() > end) {
			fprintf(stderr,
			        "\npty: the vmm did not end in %.0f s; killed. Screen:\n%s\n",
			        timeout_s, s->screen);
			kill(s->pid, SIGKILL);
			waitpid(s->pid, &st, 0);
			break;
		}
		read_screen(s, 0.05);
	}
	while (read_screen(s, 0.05) && s->len < (1u << 20)) {
		struct pollfd p = { s->master, POLLIN, 0 };

		if (poll(&p, 1, 0) <= 0)
			break;
	}
	s->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	return s->status;
}

bool pty_restored(const struct pty_session *s)
{
	struct termios now;

	if (tcgetattr(s->master, &now) < 0)
		return false;
	return now.c_lflag == s->initial.c_lflag && now.c_iflag == s->initial.c_iflag &&
	       now.c_oflag == s->initial.c_oflag &&
	       !memcmp(now.c_cc, s->initial.c_cc, sizeof(now.c_cc));
}

void pty_free(struct pty_session *s)
{
	if (s->master >= 0)
		close(s->master);
	free(s->screen);
	memset(s, 0, sizeof(*s));
	s->master = -1;
}
