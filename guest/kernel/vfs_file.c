// SPDX-License-Identifier: MIT
/* Open files of the file system (see vfs_file.h). */
#include "vfs_file.h"

#include "uapi/lde_sys.h"

#include "kheap.h"
#include "paging.h"
#include "uaccess.h"

int vfs_copy_to_user(void *arg, uint64_t at, void *kbuf, size_t n)
{
	const struct user_buf *u = arg;

	return copy_to_user(u->as, u->buf + at, kbuf, n);
}

int vfs_copy_from_user(void *arg, uint64_t at, void *kbuf, size_t n)
{
	const struct user_buf *u = arg;

	return copy_from_user(u->as, kbuf, u->buf + at, n);
}

bool vfs_file_readable(const struct file *f)
{
	return (f->flags & O_ACCMODE) != O_WRONLY;
}

bool vfs_file_writable(const struct file *f)
{
	return (f->flags & O_ACCMODE) == O_WRONLY || (f->flags & O_ACCMODE) == O_RDWR;
}

static struct vfs_file *vf_of(struct file *f)
{
	return f->priv;
}

/* A read or write at the offset (O_APPEND: a write at the end), which moves on. */
static int64_t reg_io(struct file *f, struct addrspace *as, uint64_t buf, uint64_t len, bool write)
{
	struct vfs_file *vf = vf_of(f);
	struct user_buf u = { as, buf };
	int64_t n;

	if (!(write ? vfs_file_writable(f) : vfs_file_readable(f)))
		return -EBADF;
	if (write && (f->flags & O_APPEND))
		vf->pos = vf->ino->size;
	n = write ? vfs_write(vf->ino, vf->pos, len, vfs_copy_from_user, &u) :
	            vfs_read(vf->ino, vf->pos, len, vfs_copy_to_user, &u);
	if (n > 0)
		vf->pos += (uint64_t)n;
	return n;
}

static int64_t reg_read(struct file *f, struct addrspace *as, uint64_t buf, uint64_t len)
{
	return reg_io(f, as, buf, len, false);
}

static int64_t reg_write(struct file *f, struct addrspace *as, uint64_t buf, uint64_t len)
{
	return reg_io(f, as, buf, len, true);
}

static int64_t dir_read(struct file *f, struct addrspace *as, uint64_t buf, uint64_t len)
{
	(void)f;
	(void)as;
	(void)buf;
	(void)len;
	return -EISDIR;
}

/* /dev/null: end of file, and every byte taken. */
static int64_t null_read(struct file *f, struct addrspace *as, uint64_t buf, uint64_t len)
{
	(void)as;
	(void)buf;
	(void)len;
	return vfs_file_readable(f) ? 0 : -EBADF;
}

static int64_t null_write(struct file *f, struct addrspace *as, uint64_t buf, uint64_t len)
{
	(void)as;
	(void)buf;
	return vfs_file_writable(f) ? (int64_t)len : -EBADF;
}

/* /dev/zero: zeros, and every byte taken. */
static int64_t zero_read(struct file *f, struct addrspace *as, uint64_t buf, uint64_t len)
{
	uint64_t done = 0;

	if (!vfs_file_readable(f))
		return -EBADF;
	while (done < len) { /* a page at a time: each copy costs a walk of the page tables */
		size_t n = len - done < PAGE_SIZE ? len - done : PAGE_SIZE;

		if (copy_to_user(as, buf + done, vfs_zero_page, n))
			return done ? (int64_t)done : -EFAULT;
		done += n;
	}
	return (int64_t)done;
}

/* /dev/console: the console's input and output, as fds 0 and 1 have them. */
static int64_t console_read(struct file *f, struct addrspace *as, uint64_t buf, uint64_t len)
{
	return vfs_file_readable(f) ? file_console_ops.read(f, as, buf, len) : -EBADF;
}

static int64_t console_write(struct file *f, struct addrspace *as, uint64_t buf, uint64_t len)
{
	return vfs_file_writable(f) ? file_console_ops.write(f, as, buf, len) : -EBADF;
}

static void release(struct file *f)
{
	struct vfs_file *vf = vf_of(f);

	vfs_release(vf->ino);
	kheap_free(vf, sizeof(*vf));
}

static const struct file_ops reg_ops = { reg_read, reg_write, NULL, release };
static const struct file_ops dir_ops = { dir_read, file_no_io, NULL, release };
static const struct file_ops null_ops = { null_read, null_write, NULL, release };
static const struct file_ops zero_ops = { zero_read, null_write, NULL, release };
static unsigned console_poll(struct file *f)
{
	return file_console_ops.poll(f);
}
static const struct file_ops console_ops = { console_read, console_write, console_poll, release };

/* The operations for ino's kind, or NULL (-ENXIO: no such device). */
static const struct file_ops *ops_for(const struct inode *ino)
{
	switch (ino->mode & S_IFMT) {
	case S_IFREG:
		return &reg_ops;
	case S_IFDIR:
		return &dir_ops;
	case S_IFCHR:
		return ino->rdev == VFS_RDEV_NULL    ? &null_ops :
		       ino->rdev == VFS_RDEV_ZERO    ? &zero_ops :
		       ino->rdev == VFS_RDEV_CONSOLE ? &console_ops :
		                                       NULL;
	default:
		return NULL;
	}
}

struct file *vfs_file_open(struct inode *ino, uint32_t flags, int *err)
{
	const struct file_ops *ops = ops_for(ino);
	struct vfs_file *vf;

	*err = -ENXIO;
	if (!ops)
		return NULL;
	*err = -ENOMEM;
	vf = kheap_alloc(sizeof(*vf));
	if (!vf)
		return NULL;
	vf->file.ops = ops;
	vf->file.mode = ino->mode;
	vf->file.rdev = ino->rdev;
	vf->file.name = "";
	vf->file.tty = ops == &console_ops ? file_console_tty() : 0;
	vf->file.flags = flags & (O_ACCMODE | O_APPEND | O_NONBLOCK);
	vf->file.priv = vf;
	vf->ino = ino;
	vfs_hold(ino);
	return &vf->file;
}

struct vfs_file *vfs_file_of(struct file *f)
{
	return f && f->ops->release == release ? f->priv : NULL;
}
