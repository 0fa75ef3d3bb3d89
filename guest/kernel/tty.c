// SPDX-License-Identifier: MIT
/*
 * The console's input queue, its readers and its terminal state (see
 * tty.h); the line discipline itself is ldisc.c.  Readers block on the
 * queue (sched_block(&tty)); input or its end wakes them and poll's
 * waiters.  Interrupts are off in the kernel (sched.h), so a reader that
 * finds nothing and blocks cannot miss the interrupt that brings input:
 * that one is taken only once this task has left the CPU.
 */
#include "tty.h"

#include "com1_rx.h"
#include "file.h"
#include "sched.h"
#include "signal.h"
#include "string.h"
#include "task.h"
#include "uaccess.h"
#include "uapi/lde_sys.h"

struct winsize_k {
	uint16_t rows, cols, xpixel, ypixel;
};

static void no_echo(const char *s, size_t n)
{
	(void)s;
	(void)n;
}

static void to_foreground(int sig);

static struct {
	struct tty_queue q;
	bool ended;
	bool terminal;
	struct termios_k termios;
	struct winsize_k winsize;
	uint32_t pgrp; /* the foreground process group */
	struct ldisc_ops ops;
} tty = {
	.winsize = { 24, 80, 0, 0 },
	.pgrp = 1,
	.ops = { no_echo, to_foreground },
};

/* Input that is not a terminal's: bytes as they come, whatever TCSETS on fd 1 or 2 set. */
static const struct termios_k pipe_like = { .c_cc = { [VMIN] = 1 } };

static const struct termios_k *input_termios(void)
{
	return tty.terminal ? &tty.termios : &pipe_like;
}

void tty_set_terminal(bool terminal, void (*echo)(const char *s, size_t n))
{
	tty.terminal = terminal;
	ldisc_default_termios(&tty.termios);
	tty.ops.echo = terminal && echo ? echo : no_echo;
}

/* ISIG: sig to every process of the foreground group (on their way back to ring 3). */
static void to_foreground(int sig)
{
	for (unsigned i = 0; i < task_count(); i++) {
		struct task *t = task_at(i);

		if (t->pid && t->pgid == tty.pgrp && t->state != TASK_FREE)
			signal_post(t, sig, (struct sig_origin){ SI_KERNEL, 0, 0 });
	}
}

/* Bytes a read of len could take now (*eof: it reads an end of file). */
static size_t readable(size_t len, bool *eof)
{
	const struct termios_k *t = input_termios();
	size_t n = ldisc_readable(&tty.q, t, len, tty.ended, eof);

	if (!(t->c_lflag & ICANON) && !n && !t->c_cc[VMIN]) /* VMIN 0: a read never waits */
		*eof = true;
	return n;
}

bool tty_readable(void)
{
	bool eof;

	com1_rx_start();
	return readable(1, &eof) || eof || tty.ended;
}

/* Copies n queued bytes at rd (in at most two pieces) to user memory. */
static int copy_out(struct addrspace *as, uint64_t buf, size_t n)
{
	size_t head = tty.q.rd % TTY_BUF_SIZE, first = TTY_BUF_SIZE - head;

	if (first > n)
		first = n;
	if (copy_to_user(as, buf, tty.q.buf + head, first) ||
	    copy_to_user(as, buf + first, tty.q.buf, n - first))
		return -EFAULT;
	return 0;
}

int64_t tty_read(struct addrspace *as, uint64_t buf, uint64_t len, bool nonblock)
{
	size_t n;
	bool eof;

	if (!len)
		return 0;
	com1_rx_start();
	while (!(n = readable(len, &eof)) && !eof && !tty.ended) {
		if (nonblock)
			return -EAGAIN;
		if (signal_pending(current))
			return -EINTR;
		sched_block(&tty);
	}
	if (n && copy_out(as, buf, n))
		return -EFAULT;
	ldisc_consumed(&tty.q, n, eof);
	com1_rx_resume();
	return (int64_t)n;
}

/* TCSETS*: the new termios; a switch of ICANON completes the line. */
static int64_t set_termios(struct addrspace *as, uint64_t arg, bool flush)
{
	struct termios_k t;

	if (copy_from_user(as, &t, arg, sizeof(t)))
		return -EFAULT;
	if (tty.terminal && ((t.c_lflag ^ tty.termios.c_lflag) & ICANON))
		ldisc_commit_line(&tty.q);
	tty.termios = t;
	if (flush && tty.terminal)
		ldisc_flush(&tty.q);
	tty_wake(); /* a reader may have what it waits for now */
	return 0;
}

/* TIOCSPGRP: a process group of the caller's session. */
static int64_t set_pgrp(struct addrspace *as, uint64_t arg)
{
	int32_t pgrp;

	if (copy_from_user(as, &pgrp, arg, sizeof(pgrp)))
		return -EFAULT;
	if (pgrp <= 0)
		return -EINVAL;
	for (unsigned i = 0; i < task_count(); i++) {
		const struct task *t = task_at(i);

		if (t->state != TASK_FREE && t->pgid == (uint32_t)pgrp && t->sid == current->sid) {
			tty.pgrp = (uint32_t)pgrp;
			return 0;
		}
	}
	return -EPERM;
}

static int64_t put_u32(struct addrspace *as, uint64_t arg, uint32_t v)
{
	return copy_to_user(as, arg, &v, sizeof(v)) ? -EFAULT : 0;
}

int64_t tty_ioctl(struct addrspace *as, uint64_t cmd, uint64_t arg)
{
	bool eof;

	switch (cmd) {
	case TCGETS:
		return copy_to_user(as, arg, &tty.termios, sizeof(tty.termios)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW: /* output is written at once: nothing to drain */
	case TCSETSF:
		return set_termios(as, arg, cmd == TCSETSF);
	case TIOCGWINSZ:
		return copy_to_user(as, arg, &tty.winsize, sizeof(tty.winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return copy_from_user(as, &tty.winsize, arg, sizeof(tty.winsize)) ? -EFAULT : 0;
	case TIOCGPGRP:
		return put_u32(as, arg, tty.pgrp);
	case TIOCSPGRP:
		return set_pgrp(as, arg);
	case TIOCGSID:
		return put_u32(as, arg, current->sid);
	case FIONREAD:
		return put_u32(as, arg, (uint32_t)readable(TTY_BUF_SIZE, &eof));
	case TCFLSH:
		if (arg == TCIFLUSH || arg == TCIOFLUSH)
			ldisc_flush(&tty.q);
		return arg <= TCIOFLUSH ? 0 : -EINVAL;
	case TIOCSCTTY: /* the console is every session's terminal */
	case TIOCNOTTY:
	case TCSBRK:
	case TCXONC:
		return 0;
	default:
		return -ENOTTY;
	}
}

char *tty_space(size_t *n)
{
	size_t tail = tty.q.wr % TTY_BUF_SIZE;
	size_t room = tty_room();

	*n = room < TTY_BUF_SIZE - tail ? room : TTY_BUF_SIZE - tail;
	return tty.q.buf + tail;
}

void tty_commit(size_t n)
{
	ldisc_receive(&tty.q, input_termios(), n, &tty.ops);
}

size_t tty_room(void)
{
	return TTY_BUF_SIZE - (size_t)(tty.q.wr - tty.q.rd);
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
