// SPDX-License-Identifier: MIT
/*
 * Pipes (see pipe.h): a ring of PIPE_SIZE bytes between two open files,
 * the read end and the write end.  A read waits while the pipe is empty
 * and some write end is open, and returns 0 (end of file) once none is; a
 * write waits for room, all of it for at most PIPE_SIZE bytes (so such
 * writes are never interleaved, as POSIX's PIPE_BUF promises), and with
 * no read end open fails with EPIPE after SIGPIPE.  O_NONBLOCK: EAGAIN
 * instead of waiting.  Waiters block on the pipe; every change wakes them,
 * and poll's waiters (file_poll_wakeup).
 */
#include "pipe.h"

#include "uapi/lde_sys.h"

#include "kalloc.h"
#include "paging.h"
#include "sched.h"
#include "signal.h"
#include "string.h"
#include "syscalls.h"
#include "task.h"
#include "uaccess.h"

#define PIPE_SIZE PAGE_SIZE

struct pipe {
	struct file ends[2]; /* [0]: the read end, [1]: the write end */
	char *buf;           /* PIPE_SIZE bytes, a ring */
	size_t head, count;  /* the oldest byte, and how many there are */
};

static struct pipe *pipe_of(const struct file *f)
{
	return f->priv;
}

static void changed(struct pipe *p)
{
	sched_wakeup(p);
	file_poll_wakeup();
}

/* The ring's bytes [from, from + n) <-> user memory, in at most two pieces. */
static int ring_copy(struct pipe *p, size_t from, struct addrspace *as, uint64_t buf, size_t n,
                     bool to_user)
{
	while (n) {
		size_t at = from % PIPE_SIZE, piece = PIPE_SIZE - at;
		int err;

		if (piece > n)
			piece = n;
		err = to_user ? copy_to_user(as, buf, p->buf + at, piece) :
		                copy_from_user(as, p->buf + at, buf, piece);
		if (err)
			return err;
		from += piece;
		buf += piece;
		n -= piece;
	}
	return 0;
}

static int64_t pipe_read(struct file *f, struct addrspace *as, uint64_t buf, uint64_t len)
{
	struct pipe *p = pipe_of(f);
	size_t n;
	int err;

	while (!p->count) {
		if (!p->ends[1].refs || !len)
			return 0;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (signal_pending(current))
			return -EINTR;
		sched_block(p);
	}
	n = len < p->count ? len : p->count;
	err = ring_copy(p, p->head, as, buf, n, true);
	if (err)
		return err;
	p->head = (p->head + n) % PIPE_SIZE;
	p->count -= n;
	changed(p);
	return (int64_t)n;
}

static int64_t pipe_write(struct file *f, struct addrspace *as, uint64_t buf, uint64_t len)
{
	struct pipe *p = pipe_of(f);
	uint64_t done = 0;

	while (done < len) {
		size_t room = PIPE_SIZE - p->count, n = len - done;
		int err;

		if (!p->ends[0].refs) {
			signal_send(current, SIGPIPE); /* ends the writer unless ignored */
			return done ? (int64_t)done : -EPIPE;
		}
		if (!room || (len <= PIPE_SIZE && room < len - done)) {
			if (f->flags & O_NONBLOCK)
				return done ? (int64_t)done : -EAGAIN;
			if (signal_pending(current))
				return done ? (int64_t)done : -EINTR;
			sched_block(p);
			continue;
		}
		if (n > room)
			n = room;
		err = ring_copy(p, p->head + p->count, as, buf + done, n, false);
		if (err)
			return done ? (int64_t)done : err;
		p->count += n;
		done += n;
		changed(p);
	}
	return (int64_t)done;
}

static unsigned pipe_poll(struct file *f)
{
	struct pipe *p = pipe_of(f);

	if (f == &p->ends[0])
		return (p->count ? POLLIN : 0) | (p->ends[1].refs ? 0 : POLLHUP);
	return (p->count < PIPE_SIZE ? POLLOUT : 0) | (p->ends[0].refs ? 0 : POLLERR);
}

/* The last fd of one end is gone; with both gone, the pipe goes. */
static void pipe_release(struct file *f)
{
	struct pipe *p = pipe_of(f);

	changed(p); /* EOF for readers, EPIPE for writers */
	if (p->ends[0].refs || p->ends[1].refs)
		return;
	kfree(p->buf);
	kfree(p);
}

static const struct file_ops read_end_ops = { pipe_read, file_no_io, pipe_poll, pipe_release };
static const struct file_ops write_end_ops = { file_no_io, pipe_write, pipe_poll, pipe_release };

_Static_assert(sizeof(struct pipe) <= PAGE_SIZE, "a pipe fits in a page");

int pipe_create(struct file **read_end, struct file **write_end, uint32_t flags)
{
	struct pipe *p = kzalloc();

	if (!p)
		return -ENOMEM;
	p->buf = kalloc();
	if (!p->buf) {
		kfree(p);
		return -ENOMEM;
	}
	for (int i = 0; i < 2; i++) {
		p->ends[i].ops = i ? &write_end_ops : &read_end_ops;
		p->ends[i].mode = FILE_MODE_FIFO;
		p->ends[i].name = "pipe";
		p->ends[i].flags = (flags & O_NONBLOCK) | (i ? O_WRONLY : O_RDONLY);
		p->ends[i].priv = p;
	}
	*read_end = &p->ends[0];
	*write_end = &p->ends[1];
	return 0;
}

/* pipe2(fds, flags): flags O_CLOEXEC, O_NONBLOCK. */
int64_t sys_pipe2(struct trap_frame *f)
{
	struct file_table *ft = &current->files;
	struct file *r, *w;
	int fds[2], err;
	bool cloexec = f->rsi & O_CLOEXEC;

	if (f->rsi & ~(uint64_t)(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	if (!user_access_ok(&current->as, f->rdi, sizeof(fds), true))
		return -EFAULT;
	err = pipe_create(&r, &w, (uint32_t)f->rsi);
	if (err)
		return err;
	fds[0] = file_install(ft, r, cloexec);
	fds[1] = fds[0] < 0 ? fds[0] : file_install(ft, w, cloexec);
	if (fds[1] < 0) {
		if (fds[0] >= 0)
			file_close(ft, fds[0]); /* the pipe goes with it */
		else
			pipe_release(r);
		return -EMFILE;
	}
	return copy_to_user(&current->as, f->rdi, fds, sizeof(fds));
}

int64_t sys_pipe(struct trap_frame *f)
{
	f->rsi = 0;
	return sys_pipe2(f);
}
