// SPDX-License-Identifier: MIT
/*
 * System calls on fds (syscalls.h), whatever the file: read, write, readv,
 * writev, close, ioctl, fcntl, dup.  Each file's operations do the work
 * (file.h: the console's, pipe.c, vfs_file.c); opening and stat are
 * sys_file.c's and sys_stat.c's.
 */
#include "uapi/lde_sys.h"

#include "file.h"
#include "printf.h"
#include "sched.h"
#include "string.h"
#include "syscalls.h"
#include "task.h"
#include "tty.h"
#include "uaccess.h"

#define IOV_MAX 1024

static struct file *fd_file(uint64_t fd)
{
	return file_get(&current->files, (int64_t)fd);
}

int64_t sys_read(struct trap_frame *f)
{
	struct file *file = fd_file(f->rdi);

	if (!file)
		return -EBADF;
	if (!user_access_ok(&current->as, f->rsi, f->rdx, true))
		return -EFAULT;
	return file->ops->read(file, &current->as, f->rsi, f->rdx);
}

int64_t sys_write(struct trap_frame *f)
{
	struct file *file = fd_file(f->rdi);

	if (!file)
		return -EBADF;
	return file->ops->write(file, &current->as, f->rsi, f->rdx);
}

struct iovec_user {
	uint64_t base, len;
};

/* readv/writev: the pieces one after the other, stopping at a short one,
 * and a read before a piece that would sleep once it has something. */
static int64_t vector_io(struct trap_frame *f, bool write)
{
	struct file *file = fd_file(f->rdi);
	int64_t total = 0;

	if (!file)
		return -EBADF;
	if (f->rdx > IOV_MAX)
		return -EINVAL;
	for (uint64_t i = 0; i < f->rdx; i++) {
		struct iovec_user v;
		int64_t n;

		if (copy_from_user(&current->as, &v, f->rsi + i * sizeof(v), sizeof(v)))
			return total ? total : -EFAULT;
		if (!write && !user_access_ok(&current->as, v.base, v.len, true))
			return total ? total : -EFAULT;
		if (!write && total && file->ops->poll &&
		    !(file->ops->poll(file) & (POLLIN | POLLHUP)))
			break;
		n = write ? file->ops->write(file, &current->as, v.base, v.len) :
		            file->ops->read(file, &current->as, v.base, v.len);
		if (n < 0)
			return total ? total : n;
		total += n;
		if ((uint64_t)n < v.len)
			break;
	}
	return total;
}

int64_t sys_readv(struct trap_frame *f)
{
	return vector_io(f, false);
}

int64_t sys_writev(struct trap_frame *f)
{
	return vector_io(f, true);
}

int64_t sys_close(struct trap_frame *f)
{
	return file_close(&current->files, (int64_t)f->rdi);
}

/* ioctl: the console's terminal ioctls (tty.c); nothing else has any. */
int64_t sys_ioctl(struct trap_frame *f)
{
	struct file *file = fd_file(f->rdi);

	if (!file)
		return -EBADF;
	if (!file->tty)
		return -ENOTTY;
	return tty_ioctl(&current->as, f->rsi, f->rdx);
}

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030

#define FD_CLOEXEC 1

int64_t sys_fcntl(struct trap_frame *f)
{
	struct file_table *ft = &current->files;
	int fd;

	if (!fd_file(f->rdi))
		return -EBADF;
	switch (f->rsi) {
	case F_DUPFD:
		return file_dup(ft, (int64_t)f->rdi, (int64_t)f->rdx);
	case F_DUPFD_CLOEXEC:
		fd = file_dup(ft, (int64_t)f->rdi, (int64_t)f->rdx);
		if (fd >= 0)
			ft->cloexec[fd] = true;
		return fd;
	case F_GETFD:
		return ft->cloexec[f->rdi] ? FD_CLOEXEC : 0;
	case F_SETFD:
		ft->cloexec[f->rdi] = f->rdx & FD_CLOEXEC;
		return 0;
	case F_SETFL: /* O_NONBLOCK; the access mode stays */
		fd_file(f->rdi)->flags = (fd_file(f->rdi)->flags & ~(uint32_t)O_NONBLOCK) |
		                         ((uint32_t)f->rdx & O_NONBLOCK);
		return 0;
	case F_GETFL:
		return fd_file(f->rdi)->flags;
	default:
		return -EINVAL;
	}
}

int64_t sys_dup(struct trap_frame *f)
{
	return file_dup(&current->files, (int64_t)f->rdi, 0);
}

int64_t sys_dup2(struct trap_frame *f)
{
	return file_dup2(&current->files, (int64_t)f->rdi, (int64_t)f->rsi);
}

int64_t sys_dup3(struct trap_frame *f)
{
	int fd;

	if (f->rdi == f->rsi || (f->rdx & ~(uint64_t)O_CLOEXEC))
		return -EINVAL;
	fd = file_dup2(&current->files, (int64_t)f->rdi, (int64_t)f->rsi);
	if (fd >= 0)
		current->files.cloexec[fd] = f->rdx & O_CLOEXEC;
	return fd;
}
