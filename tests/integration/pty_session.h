/* SPDX-License-Identifier: MIT */
/*
 * A vmm run on a pseudo-terminal, as a user at a terminal runs it: its
 * stdin, stdout and stderr are the terminal (the pty's slave side), and
 * the test types into the master side and reads what the terminal shows
 * (the guest's output and its echo, merged as on a screen).
 */
#ifndef LDE_PTY_SESSION_H
#define LDE_PTY_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <termios.h>

struct pty_session {
	pid_t pid;
	int master;
	char *screen; /* everything shown so far (NUL-terminated) */
	size_t len, cap;
	size_t mark;            /* pty_expect searches from here */
	struct termios initial; /* the terminal's settings before the vmm ran */
	int status;             /* pty_finish's */
};

/* Starts the vmm with ARGV (NULL-terminated, without argv[0]) on a new
 * pty; false after saying why. */
bool pty_start(struct pty_session *s, const char *const *argv);

/* Reads the screen until it shows TEXT after the last match (true), or
 * TIMEOUT_S seconds pass or the vmm ends (false, after printing the screen). */
bool pty_expect(struct pty_session *s, const char *text, double timeout_s);

/* Types the string KEYS. */
void pty_type(struct pty_session *s, const char *keys);

/* Reads until the vmm ends (killed after TIMEOUT_S): its exit status, or
 * 128 + the signal. */
int pty_finish(struct pty_session *s, double timeout_s);

/* After pty_finish: the terminal's settings are the ones it started with. */
bool pty_restored(const struct pty_session *s);

void pty_free(struct pty_session *s);

#endif
