// SPDX-License-Identifier: MIT
/*
 * The console's input buffer and its readers (see tty.h).  Readers block
 * on the buffer (sched_block(&tty)); input or its end wakes them and
 * poll's waiters.  Interrupts are off in the kernel (sched.h), so a reader
 * that finds the buffer empty and blocks cannot miss the interrupt that
 * fills it: that one is taken only once this task has left the CPU.
 */
#include "tty.h"

#include "com1_rx.h"
#include "file.h"
#include "sched.h"
#include "signal.h"
#include "task.h"
#include "uaccess.h"
#include "uapi/lde_sys.h"

static struct {
	char buf[TTY_BUF_SIZE]; /* a ring from head */
	size_t head, count;
	bool ended;
} tty;

bool tty_readable(void)
{
	com1_rx_start();
	return tty.count || tty.ended;
}

/* Copies n buffered bytes (in at most two pieces) to user memory. */
static int copy_out(struct addrspace *as, uint64_t buf, size_t n)
{
	size_t first = TTY_BUF_SIZE - tty.head;

	if (first > n)
		first = n;
	if (copy_to_user(as, buf, tty.buf + tty.head, first) ||
	    copy_to_user(as, buf + first, tty.buf, n - first))
		return -EFAULT;
	return 0;
}

int64_t tty_read(struct addrspace *as, uint64_t buf, uint64_t len, bool nonblock)
{
	size_t n;

	if (!len)
		return 0;
	while (!tty_readable()) {
		if (nonblock)
			return -EAGAIN;
		if (signal_pending(current))
			return -EINTR;
		sched_block(&tty);
	}
	n = len < tty.count ? len : tty.count;
	if (n && copy_out(as, buf, n))
		return -EFAULT;
	tty.head = (tty.head + n) % TTY_BUF_SIZE;
	tty.count -= n;
	com1_rx_resume();
	return (int64_t)n;
}

char *tty_space(size_t *n)
{
	size_t tail = (tty.head + tty.count) % TTY_BUF_SIZE;
	size_t room = TTY_BUF_SIZE - tty.count;

	*n = room < TTY_BUF_SIZE - tail ? room : TTY_BUF_SIZE - tail;
	return tty.buf + tail;
}

void tty_commit(size_t n)
{
	tty.count += n;
}

size_t tty_room(void)
{
	return TTY_BUF_SIZE - tty.count;
}

void tty_end(void)
{
	tty.ended = true;
}

void tty_wake(void)
{
	sched_wakeup(&tty);
	file_poll_wakeup();
}
