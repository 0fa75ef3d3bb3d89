/* SPDX-License-Identifier: MIT */
/* The stdin reader thread and its bounded buffer (stdin_feed.h). */
#include "stdin_feed.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "term.h"

#define CTRL_A 0x01

/*
 * A raw terminal's escape: Ctrl-A x ends the run (SIGINT to the thread
 * that started the feed, as Ctrl-C did in cooked mode), Ctrl-A Ctrl-A is
 * one Ctrl-A, Ctrl-A and any other key is that key.  Filters the n bytes
 * at p in place (never more come out than went in); the count left.
 */
static size_t escape(struct stdin_feed *f, uint8_t *p, size_t n)
{
	size_t w = 0;

	for (size_t i = 0; i < n; i++) {
		uint8_t c = p[i];

		if (!f->escape) {
			if (c == CTRL_A)
				f->escape = true;
			else
				p[w++] = c;
			continue;
		}
		f->escape = false;
		if (c == 'x' || c == 'X') {
			pthread_kill(f->owner, SIGINT);
			return w;
		}
		p[w++] = c;
	}
	return w;
}

/* Read once into the free part of the ring after its bytes; the lock is
 * released around read(2), which only this thread does.  false: ended. */
static bool read_some(struct stdin_feed *f)
{
	size_t tail = (f->head + f->count) % STDIN_FEED_SIZE;
	size_t len = STDIN_FEED_SIZE - f->count;
	ssize_t n, got;

	if (len > STDIN_FEED_SIZE - tail)
		len = STDIN_FEED_SIZE - tail;
	pthread_mutex_unlock(&f->lock);
	n = read(f->fd, f->buf + tail, len);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
		/* someone made the shared stdin non-blocking: wait a little */
		nanosleep(&(struct timespec){ 0, 10 * 1000 * 1000 }, NULL);
		pthread_mutex_lock(&f->lock);
		return true;
	}
	if (n < 0)
		vmm_error("stdin: read: %s; the guest sees the end of its input", strerror(errno));
	got = n;
	if (n > 0 && f->raw)
		n = (ssize_t)escape(f, f->buf + tail, (size_t)n);
	pthread_mutex_lock(&f->lock);
	if (n > 0) {
		f->count += (size_t)n;
		f->bytes += (uint64_t)n;
	} else if (got <= 0) {
		f->ended = true;
	}
	if (!f->stopped)
		f->notify(f->arg);
	return got > 0;
}

static void *reader(void *arg)
{
	struct stdin_feed *f = arg;

	pthread_mutex_lock(&f->lock);
	f->started = true;
	pthread_cond_broadcast(&f->cond);
	for (;;) {
		while (!f->stopped && (!f->wanted || f->count == STDIN_FEED_SIZE))
			pthread_cond_wait(&f->cond, &f->lock);
		if (f->stopped || !read_some(f))
			break;
	}
	pthread_mutex_unlock(&f->lock);
	return NULL;
}

int stdin_feed_start(struct stdin_feed *f, int fd, void (*notify)(void *arg), void *arg)
{
	sigset_t all, old;
	int r;

	f->fd = fd;
	f->owner = pthread_self();
	f->notify = notify;
	f->arg = arg;
	/* Signals are for the vCPU thread (watchdog.h): this one blocks them. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	r = pthread_create(&f->thread, NULL, reader, f);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (r) {
		vmm_error("stdin: pthread_create: %s", strerror(r));
		return -1;
	}
	pthread_detach(f->thread); /* it may be blocked in read(2) at the end */
	pthread_mutex_lock(&f->lock);
	while (!f->started)
		pthread_cond_wait(&f->cond, &f->lock);
	pthread_mutex_unlock(&f->lock);
	return 0;
}

void stdin_feed_lock(struct stdin_feed *f)
{
	pthread_mutex_lock(&f->lock);
}

void stdin_feed_unlock(struct stdin_feed *f)
{
	pthread_mutex_unlock(&f->lock);
}

void stdin_feed_want(struct stdin_feed *f)
{
	if (!f->wanted) {
		f->wanted = true;
		/* on the vCPU thread, before the guest goes on: the guest's line
		 * discipline edits and echoes from now on */
		if (term_is_terminal() && (f->raw = term_raw()) && !log_quiet)
			vmm_info("stdin: the terminal is the guest's console now (raw input); "
			         "Ctrl-A x ends the run");
		pthread_cond_broadcast(&f->cond);
	}
}

size_t stdin_feed_take(struct stdin_feed *f, uint8_t *out, size_t n)
{
	size_t done = 0;
	bool was_full = f->count == STDIN_FEED_SIZE;

	while (done < n && f->count) {
		size_t piece = STDIN_FEED_SIZE - f->head;

		if (piece > f->count)
			piece = f->count;
		if (piece > n - done)
			piece = n - done;
		memcpy(out + done, f->buf + f->head, piece);
		f->head = (f->head + piece) % STDIN_FEED_SIZE;
		f->count -= piece;
		done += piece;
	}
	if (was_full && done)
		pthread_cond_broadcast(&f->cond);
	return done;
}

size_t stdin_feed_count(const struct stdin_feed *f)
{
	return f->count;
}

bool stdin_feed_done(const struct stdin_feed *f)
{
	return f->ended && !f->count;
}

void stdin_feed_stop(struct stdin_feed *f)
{
	pthread_mutex_lock(&f->lock);
	f->stopped = true;
	pthread_cond_broadcast(&f->cond);
	pthread_mutex_unlock(&f->lock);
}
