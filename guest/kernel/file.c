// SPDX-License-Identifier: MIT
/* The console's files and the file table (see file.h). */
#include "file.h"

#include <lde/abi.h>

#include "console.h"
#include "sched.h"
#include "tty.h"
#include "uaccess.h"
#include "uapi/lde_sys.h"

static int user_ports;

void file_set_user_ports(int on)
{
	user_ports = on;
}

static int64_t stdin_read(struct file *f, struct addrspace *as, uint64_t buf, uint64_t len)
{
	return tty_read(as, buf, len, f->flags & O_NONBLOCK);
}

int64_t file_no_io(struct file *f, struct addrspace *as, uint64_t buf, uint64_t len)
{
	(void)f;
	(void)as;
	(void)buf;
	(void)len;
	return -EBADF;
}

static void to_console(const char *piece, size_t n, void *arg)
{
	(void)arg;
	console_write(piece, n);
}

static void to_port(const char *piece, size_t n, void *arg)
{
	console_write_port((uint16_t)(uintptr_t)arg, piece, n);
}

static int64_t console_out(struct file *f, struct addrspace *as, uint64_t buf, uint64_t len,
                           uint16_t port)
{
	int err;

	(void)f;
	if (user_ports)
		err = user_read_pieces(as, buf, len, to_port, (void *)(uintptr_t)port);
	else
		err = user_read_pieces(as, buf, len, to_console, NULL);
	return err ? err : (int64_t)len;
}

static int64_t stdout_write(struct file *f, struct addrspace *as, uint64_t buf, uint64_t len)
{
	return console_out(f, as, buf, len, LDE_PORT_STDOUT);
}

static int64_t stderr_write(struct file *f, struct addrspace *as, uint64_t buf, uint64_t len)
{
	return console_out(f, as, buf, len, LDE_PORT_STDERR);
}

/* The console's input (tty.h): POLLIN once input is there or has ended. */
static unsigned stdin_poll(struct file *f)
{
	(void)f;
	return tty_readable() ? POLLIN : 0;
}

static unsigned writable(struct file *f)
{
	(void)f;
	return POLLOUT;
}

/* /dev/console opened: the input's poll, and always writable. */
static unsigned console_poll(struct file *f)
{
	return stdin_poll(f) | POLLOUT;
}

const struct file_ops file_console_ops = { stdin_read, stdout_write, console_poll, NULL };

static const struct file_ops stdin_ops = { stdin_read, file_no_io, stdin_poll, NULL };
static const struct file_ops stdout_ops = { file_no_io, stdout_write, writable, NULL };
static const struct file_ops stderr_ops = { file_no_io, stderr_write, writable, NULL };

/* /dev/console is character device 5:1 */
#define CONSOLE_RDEV (5 << 8 | 1)
static struct file console_in = { &stdin_ops, FILE_MODE_CHR, CONSOLE_RDEV, 0, "/dev/console",
	                          0,          O_RDWR,        NULL };
static struct file console_out_file = { &stdout_ops, FILE_MODE_CHR, CONSOLE_RDEV, 0, "/dev/console",
	                                0,           O_RDWR,        NULL };
static struct file console_err = { &stderr_ops, FILE_MODE_CHR, CONSOLE_RDEV, 0, "/dev/console",
	                           0,           O_RDWR,        NULL };
const char file_poll_chan;

void file_poll_wakeup(void)
{
	sched_wakeup(&file_poll_chan);
}

int file_install(struct file_table *ft, struct file *f, bool cloexec)
{
	for (int i = 0; i < TASK_FDS; i++) {
		if (ft->fd[i])
			continue;
		ft->fd[i] = f;
		ft->cloexec[i] = cloexec;
		f->refs++;
		return i;
	}
	return -EMFILE;
}

int file_console_tty(void)
{
	return console_out_file.tty;
}

/* The terminal's echo (tty.h): to the first of fds 1 and 2 that is a terminal too. */
static void echo(const char *s, size_t n)
{
	uint16_t port = console_out_file.tty ? LDE_PORT_STDOUT : LDE_PORT_STDERR;

	if (!console_out_file.tty && !console_err.tty)
		return;
	if (user_ports)
		console_write_port(port, s, n);
	else
		console_write(s, n);
}

void file_set_ttys(const char *flags)
{
	struct file *f[3] = { &console_in, &console_out_file, &console_err };

	for (int i = 0; i < 3 && flags[i]; i++)
		f[i]->tty = flags[i] == '1';
	tty_set_terminal(console_in.tty, echo);
}

void file_table_init(struct file_table *ft)
{
	for (int i = 0; i < TASK_FDS; i++) {
		ft->fd[i] = NULL;
		ft->cloexec[i] = false;
	}
	ft->fd[0] = &console_in;
	ft->fd[1] = &console_out_file;
	ft->fd[2] = &console_err;
	console_in.refs++;
	console_out_file.refs++;
	console_err.refs++;
}

struct file *file_get(const struct file_table *ft, int64_t fd)
{
	return fd >= 0 && fd < TASK_FDS ? ft->fd[fd] : NULL;
}

int file_dup(struct file_table *ft, int64_t fd, int64_t min)
{
	struct file *f = file_get(ft, fd);

	if (!f)
		return -EBADF;
	if (min < 0 || min >= TASK_FDS)
		return -EINVAL;
	for (int64_t i = min; i < TASK_FDS; i++) {
		if (ft->fd[i])
			continue;
		ft->fd[i] = f;
		ft->cloexec[i] = false;
		f->refs++;
		return (int)i;
	}
	return -EMFILE;
}

int file_dup2(struct file_table *ft, int64_t fd, int64_t newfd)
{
	struct file *f = file_get(ft, fd);

	if (!f || newfd < 0 || newfd >= TASK_FDS)
		return -EBADF;
	if (fd == newfd)
		return (int)newfd;
	if (ft->fd[newfd])
		file_close(ft, newfd);
	ft->fd[newfd] = f;
	ft->cloexec[newfd] = false;
	f->refs++;
	return (int)newfd;
}

int file_close(struct file_table *ft, int64_t fd)
{
	struct file *f = file_get(ft, fd);

	if (!f)
		return -EBADF;
	ft->fd[fd] = NULL;
	ft->cloexec[fd] = false;
	if (!--f->refs && f->ops->release)
		f->ops->release(f);
	return 0;
}

void file_table_fork(struct file_table *dst, const struct file_table *src)
{
	for (int i = 0; i < TASK_FDS; i++) {
		dst->fd[i] = src->fd[i];
		dst->cloexec[i] = src->cloexec[i];
		if (dst->fd[i])
			dst->fd[i]->refs++;
	}
}

void file_table_close_all(struct file_table *ft)
{
	for (int i = 0; i < TASK_FDS; i++)
		if (ft->fd[i])
			file_close(ft, i);
}

void file_table_close_on_exec(struct file_table *ft)
{
	for (int i = 0; i < TASK_FDS; i++)
		if (ft->fd[i] && ft->cloexec[i])
			file_close(ft, i);
}
