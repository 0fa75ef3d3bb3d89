/* SPDX-License-Identifier: MIT */
/*
 * The vmm's stdin, read on a thread of its own into a bounded buffer, for
 * COM1's receiver (com1.c).  The thread reads nothing until the guest
 * first enables the receiver's interrupts (stdin_feed_want()), so a guest
 * that never reads its console leaves stdin alone.  When the buffer is
 * full the thread stops reading until the guest has taken bytes: a fast
 * producer on stdin is throttled by the pipe, never buffered without
 * limit.  A terminal goes into raw input mode when the guest first reads
 * (term.h): the guest's line discipline edits, echoes and turns Ctrl-C
 * into SIGINT, and Ctrl-A x, seen here, stops the vmm.  End of file, or a
 * read error (reported once on stderr), ends the input.
 *
 * One mutex guards the buffer and whatever the consumer keeps with it:
 * the consumer calls stdin_feed_lock()/unlock() around its own state, and
 * the thread calls the consumer's notify() with the lock held whenever
 * bytes arrive or the input ends.
 */
#ifndef LDE_STDIN_FEED_H
#define LDE_STDIN_FEED_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STDIN_FEED_SIZE (64 * 1024) /* bytes read ahead of the guest, at most */

struct stdin_feed {
	pthread_mutex_t lock;
	pthread_cond_t cond; /* wanted, room, started, stopped */
	pthread_t thread;
	int fd;                       /* the vmm's stdin */
	pthread_t owner;              /* the thread that started it: Ctrl-A x signals it */
	bool raw;                     /* fd is a terminal in raw mode (term.h) */
	bool escape;                  /* the last byte read was a Ctrl-A (term.h) */
	bool started;                 /* the thread runs (set by it) */
	bool wanted;                  /* the guest enabled the receiver: read */
	bool stopped;                 /* the run is over: notify no more */
	bool ended;                   /* end of file (or error): nothing more comes */
	uint8_t buf[STDIN_FEED_SIZE]; /* a ring from head */
	size_t head, count;
	uint64_t bytes; /* read from fd so far */
	void (*notify)(void *arg);
	void *arg;
};

/* The mutex, statically initialised (stdin_feed_start() not needed). */
#define STDIN_FEED_INIT                                                                        \
	{                                                                                      \
		.lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER, .fd = -1, \
	}

/*
 * Starts the reader thread on FD; it calls NOTIFY(ARG), with the lock
 * held, after each read.  Returns once the thread runs (so that nothing
 * of its start-up falls under the sandbox), 0, or -1 after saying why.
 */
int stdin_feed_start(struct stdin_feed *f, int fd, void (*notify)(void *arg), void *arg);

void stdin_feed_lock(struct stdin_feed *f);
void stdin_feed_unlock(struct stdin_feed *f);

/* With the lock held: from now on, read stdin. */
void stdin_feed_want(struct stdin_feed *f);

/* With the lock held: move up to N buffered bytes to OUT; how many. */
size_t stdin_feed_take(struct stdin_feed *f, uint8_t *out, size_t n);

/* With the lock held: bytes buffered. */
size_t stdin_feed_count(const struct stdin_feed *f);

/* With the lock held: the input has ended and every byte has been taken. */
bool stdin_feed_done(const struct stdin_feed *f);

/* No more notify() calls after this returns (the run is over). */
void stdin_feed_stop(struct stdin_feed *f);

#endif
