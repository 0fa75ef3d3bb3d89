// SPDX-License-Identifier: MIT
/*
 * poll and ppoll: which of a set of fds are ready (file_ops.poll), waiting
 * for one to be, for a timeout or a signal.  Every change a file's poll
 * would report wakes the waiters (file_poll_wakeup), which look again.
 */
#include "uapi/lde_sys.h"

#include "file.h"
#include "sched.h"
#include "signal.h"
#include "syscalls.h"
#include "task.h"
#include "timer.h"
#include "uaccess.h"

#define POLL_MAX 64 /* fds per call (the file table has TASK_FDS) */
#define NS 1000000000ULL
#define FOREVER UINT64_MAX

struct pollfd_user {
	int32_t fd;
	int16_t events, revents;
};

/* Fills in revents; how many fds have any. */
static int scan(struct pollfd_user *p, uint64_t n)
{
	int ready = 0;

	for (uint64_t i = 0; i < n; i++) {
		struct file *f = file_get(&current->files, p[i].fd);
		unsigned m;

		if (p[i].fd < 0) {
			p[i].revents = 0;
			continue;
		}
		if (!f)
			m = POLLNVAL;
		else
			m = f->ops->poll ? f->ops->poll(f) : POLLIN | POLLOUT;
		p[i].revents =
			(int16_t)(m & ((uint16_t)p[i].events | POLLHUP | POLLERR | POLLNVAL));
		ready += p[i].revents != 0;
	}
	return ready;
}

/* poll with a timeout of `ticks` timer ticks (FOREVER: none). */
static int64_t do_poll(uint64_t ufds, uint64_t n, uint64_t ticks)
{
	struct pollfd_user p[POLL_MAX];
	uint64_t deadline = ticks == FOREVER ? FOREVER : timer_ticks() + ticks;
	int ready;

	if (n > POLL_MAX)
		return -EINVAL;
	if (copy_from_user(&current->as, p, ufds, n * sizeof(p[0])))
		return -EFAULT;
	while (!(ready = scan(p, n)) && timer_ticks() < deadline) {
		if (signal_pending(current))
			return -EINTR;
		if (deadline == FOREVER)
			sched_block(&file_poll_chan);
		else
			sched_block_timeout(&file_poll_chan, deadline - timer_ticks());
	}
	return copy_to_user(&current->as, ufds, p, n * sizeof(p[0])) ? -EFAULT : ready;
}

/* Whole ticks for ns nanoseconds, rounded up. */
static uint64_t ticks_for(uint64_t ns)
{
	return (ns / NS) * CONFIG_HZ + ((ns % NS) * CONFIG_HZ + NS - 1) / NS;
}

int64_t sys_poll(struct trap_frame *f)
{
	int32_t ms = (int32_t)f->rdx;

	return do_poll(f->rdi, f->rsi, ms < 0 ? FOREVER : ticks_for((uint64_t)ms * 1000000));
}

struct timespec_user {
	int64_t sec, nsec;
};

/* ppoll: a timespec timeout (NULL: none); the signal mask argument is not applied. */
int64_t sys_ppoll(struct trap_frame *f)
{
	struct timespec_user t;

	if (!f->rdx)
		return do_poll(f->rdi, f->rsi, FOREVER);
	if (copy_from_user(&current->as, &t, f->rdx, sizeof(t)))
		return -EFAULT;
	if (t.sec < 0 || t.nsec < 0 || t.nsec >= (int64_t)NS)
		return -EINVAL;
	if (t.sec > (int64_t)(UINT32_MAX))
		return do_poll(f->rdi, f->rsi, FOREVER); /* beyond the run anyway */
	return do_poll(f->rdi, f->rsi, ticks_for((uint64_t)t.sec * NS + (uint64_t)t.nsec));
}
