// SPDX-License-Identifier: MIT
/*
 * poll and ppoll (syscalls.h).  Writes never sleep here, so POLLOUT is
 * always ready; POLLIN is ready unless the file says a read would sleep
 * (file_ops.readable: the console's input).  Waiting: with no timeout,
 * until console input arrives (tty_wait); with a timeout, tick by tick
 * until something is ready or the time is up.  No signal is ever
 * delivered, so neither returns -EINTR and ppoll's mask is moot.
 */
#include "uapi/lde_sys.h"

#include "file.h"
#include "sched.h"
#include "syscalls.h"
#include "task.h"
#include "tty.h"
#include "uaccess.h"

#define POLLIN 0x001
#define POLLOUT 0x004
#define POLLNVAL 0x020
#define POLL_MAX TASK_FDS * 4 /* pollfd entries at most (Linux: RLIMIT_NOFILE) */
#define NO_TIMEOUT UINT64_MAX

struct pollfd_user {
	int32_t fd;
	int16_t events, revents;
};

/* Fills each entry's revents; how many have some, or -EFAULT.  *TTY: the
 * console's input is among those waited for. */
static int64_t scan(struct pollfd_user *p, uint64_t n, bool *tty)
{
	int64_t ready = 0;

	for (uint64_t i = 0; i < n; i++) {
		struct file *f = p[i].fd >= 0 ? file_get(&current->files, p[i].fd) : NULL;

		p[i].revents = 0;
		if (p[i].fd < 0)
			continue;
		if (!f) {
			p[i].revents = POLLNVAL;
		} else {
			if (p[i].events & POLLIN && (!f->ops->readable || f->ops->readable(f)))
				p[i].revents |= POLLIN;
			if (p[i].events & POLLIN && f->ops->readable && !p[i].revents)
				*tty = true;
			p[i].revents |= p[i].events & POLLOUT;
		}
		ready += p[i].revents != 0;
	}
	return ready;
}

/* poll's work: the array at UFDS, N entries, waiting TICKS at most. */
static int64_t do_poll(uint64_t ufds, uint64_t n, uint64_t ticks)
{
	struct pollfd_user p[POLL_MAX];
	uint64_t waited = 0;
	int64_t ready;

	if (n > POLL_MAX)
		return -EINVAL;
	if (copy_from_user(&current->as, p, ufds, n * sizeof(p[0])))
		return -EFAULT;
	for (;;) {
		bool tty = false;

		ready = scan(p, n, &tty);
		if (ready || waited >= ticks)
			break;
		if (ticks == NO_TIMEOUT && tty) {
			tty_wait();
		} else {
			sched_sleep(1);
			waited++;
		}
	}
	return copy_to_user(&current->as, ufds, p, n * sizeof(p[0])) ? -EFAULT : ready;
}

/* Milliseconds (negative: none) as whole ticks, rounded up. */
static uint64_t ms_ticks(int64_t ms)
{
	if (ms < 0)
		return NO_TIMEOUT;
	return ((uint64_t)ms * CONFIG_HZ + 999) / 1000;
}

int64_t sys_poll(struct trap_frame *f)
{
	return do_poll(f->rdi, f->rsi, ms_ticks((int32_t)f->rdx));
}

int64_t sys_ppoll(struct trap_frame *f)
{
	int64_t ts[2];

	if (!f->rdx)
		return do_poll(f->rdi, f->rsi, NO_TIMEOUT);
	if (copy_from_user(&current->as, ts, f->rdx, sizeof(ts)))
		return -EFAULT;
	if (ts[0] < 0 || ts[1] < 0 || ts[1] >= 1000000000)
		return -EINVAL;
	if (ts[0] > (int64_t)(UINT32_MAX / 1000))
		return do_poll(f->rdi, f->rsi, NO_TIMEOUT - 1);
	return do_poll(f->rdi, f->rsi, ms_ticks(ts[0] * 1000 + (ts[1] + 999999) / 1000000));
}
