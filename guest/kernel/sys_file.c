// SPDX-License-Identifier: MIT
/*
 * System calls on open files of the file system (syscalls.h): open,
 * openat, creat, lseek, pread64, pwrite64, ftruncate, fsync, fdatasync
 * and getdents64.  read, write, readv, writev and close are sys_fs.c's,
 * through each file's operations (vfs_file.c for these).
 */
#include "uapi/lde_sys.h"

#include "sched.h"
#include "string.h"
#include "sys_path.h"
#include "syscalls.h"
#include "task.h"
#include "uaccess.h"
#include "vfs_file.h"

/* The flags open() knows; any other bit is ignored, as Linux ignores unknown ones. */
#define OPEN_FLAGS                                                                                 \
	(O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | O_NONBLOCK | O_LARGEFILE | \
	 O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)

/* O_CREAT: the existing file n names, or a new regular one. */
static int open_create(const struct vfs_name *n, const char *path, struct inode *base,
                       uint64_t flags, uint64_t mode, struct inode **out)
{
	struct vfs_dentry *d = vfs_find(n->dir, n->name, n->len);

	if (d && (flags & O_EXCL))
		return -EEXIST;
	if (d && S_ISLNK(d->ino->mode) && !(flags & O_NOFOLLOW))
		return vfs_lookup(base, path, VFS_FOLLOW, out);
	if (d) {
		*out = d->ino;
		return 0;
	}
	if (n->slash || (n->name[0] == '.' && n->len <= 2 && (n->len == 1 || n->name[1] == '.')))
		return -EISDIR;
	return vfs_create(n, S_IFREG | ((uint32_t)mode & S_IALLUGO & ~current->umask), NULL, 0,
	                  out);
}

/* What open(path, flags) opens, created if it must be: 0 and *out, or -errno. */
static int open_inode(int64_t dirfd, const char *path, uint64_t flags, uint64_t mode,
                      struct inode **out)
{
	struct inode *base;
	struct vfs_name n;
	int err = path_base(dirfd, path, &base);

	if (err)
		return err;
	if (!(flags & O_CREAT))
		return vfs_lookup(base, path, flags & O_NOFOLLOW ? 0 : VFS_FOLLOW, out);
	err = vfs_lookup_parent(base, path, &n);
	return err ? err : open_create(&n, path, base, flags, mode, out);
}

/* May ino be opened with flags? 0 or -errno, after O_TRUNC. */
static int open_check(struct inode *ino, uint64_t flags)
{
	bool write = (flags & O_ACCMODE) == O_WRONLY || (flags & O_ACCMODE) == O_RDWR;

	if (S_ISLNK(ino->mode))
		return -ELOOP; /* O_NOFOLLOW */
	if ((flags & O_DIRECTORY) && !S_ISDIR(ino->mode))
		return -ENOTDIR;
	if (S_ISDIR(ino->mode) && (write || (flags & O_CREAT)))
		return -EISDIR;
	if ((flags & O_TRUNC) && write && S_ISREG(ino->mode))
		return vfs_truncate(ino, 0);
	return 0;
}

static int64_t open_at(int64_t dirfd, uint64_t upath, uint64_t flags, uint64_t mode)
{
	struct inode *ino;
	struct file *file = NULL;
	int err, fd;
	char *path = path_get(upath, &err);

	flags &= OPEN_FLAGS;
	if (path)
		err = open_inode(dirfd, path, flags, mode, &ino);
	path_free(path);
	if (!err)
		err = open_check(ino, flags);
	if (!err)
		file = vfs_file_open(ino, (uint32_t)flags, &err);
	if (!file)
		return err;
	fd = file_install(&current->files, file, flags & O_CLOEXEC);
	if (fd < 0)
		file->ops->release(file);
	return fd;
}

int64_t sys_open(struct trap_frame *f)
{
	return open_at(AT_FDCWD, f->rdi, f->rsi, f->rdx);
}

int64_t sys_openat(struct trap_frame *f)
{
	return open_at((int64_t)f->rdi, f->rsi, f->rdx, f->r10);
}

int64_t sys_creat(struct trap_frame *f)
{
	return open_at(AT_FDCWD, f->rdi, O_CREAT | O_WRONLY | O_TRUNC, f->rsi);
}

/* fd as an open file of the file system: 0 and *vf, -EBADF, or `other` (a pipe, the console). */
static int fd_vfs(uint64_t fd, struct vfs_file **vf, int other)
{
	struct file *file = file_get(&current->files, (int64_t)fd);

	if (!file)
		return -EBADF;
	*vf = vfs_file_of(file);
	return *vf ? 0 : other;
}

int64_t sys_lseek(struct trap_frame *f)
{
	struct vfs_file *vf;
	int64_t base, off = (int64_t)f->rsi;
	int err = fd_vfs(f->rdi, &vf, -ESPIPE);

	if (err)
		return err;
	if (!S_ISREG(vf->ino->mode) && !S_ISDIR(vf->ino->mode))
		return -ESPIPE;
	switch (f->rdx) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (int64_t)vf->pos;
		break;
	case SEEK_END:
		base = (int64_t)vf->ino->size;
		break;
	default:
		return -EINVAL;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	vf->pos = (uint64_t)(base + off); /* a directory's: a getdents64 position (d_off) */
	return (int64_t)vf->pos;
}

/* pread64 / pwrite64: at an offset of their own, the file's stays. */
static int64_t positioned_io(struct trap_frame *f, bool write)
{
	struct user_buf u = { &current->as, f->rsi };
	struct vfs_file *vf;
	int err = fd_vfs(f->rdi, &vf, -ESPIPE);

	if (err)
		return err;
	if ((int64_t)f->r10 < 0)
		return -EINVAL;
	if (S_ISDIR(vf->ino->mode))
		return write ? -EBADF : -EISDIR;
	if (!S_ISREG(vf->ino->mode))
		return -ESPIPE;
	if (!(write ? vfs_file_writable(&vf->file) : vfs_file_readable(&vf->file)))
		return -EBADF;
	if (!user_access_ok(&current->as, f->rsi, f->rdx, !write))
		return -EFAULT;
	return write ? vfs_write(vf->ino, f->r10, f->rdx, vfs_copy_from_user, &u) :
	               vfs_read(vf->ino, f->r10, f->rdx, vfs_copy_to_user, &u);
}

int64_t sys_pread64(struct trap_frame *f)
{
	return positioned_io(f, false);
}

int64_t sys_pwrite64(struct trap_frame *f)
{
	return positioned_io(f, true);
}

int64_t sys_ftruncate(struct trap_frame *f)
{
	struct vfs_file *vf;
	int err = fd_vfs(f->rdi, &vf, -EINVAL);

	if (err)
		return err;
	if ((int64_t)f->rsi < 0 || !vfs_file_writable(&vf->file) || !S_ISREG(vf->ino->mode))
		return -EINVAL;
	return vfs_truncate(vf->ino, f->rsi);
}

/* fsync, fdatasync: everything is in memory already. */
int64_t sys_fsync(struct trap_frame *f)
{
	return file_get(&current->files, (int64_t)f->rdi) ? 0 : -EBADF;
}

/* struct linux_dirent64's head; the name and its NUL follow, padded to 8 bytes. */
struct dirent64_user {
	uint64_t ino;
	int64_t off;
	uint16_t reclen;
	uint8_t type;
} __attribute__((packed));

#define DT_CHR 2
#define DT_DIR 4
#define DT_REG 8
#define DT_LNK 10

struct dirents {
	uint64_t buf, room, used;
	int err;
};

static uint8_t dirent_type(uint32_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR:
		return DT_DIR;
	case S_IFREG:
		return DT_REG;
	case S_IFLNK:
		return DT_LNK;
	default:
		return DT_CHR;
	}
}

/* One entry into the user's buffer (vfs_fill_fn): non-zero when it is full. */
static int put_dirent(void *arg, const char *name, size_t len, const struct inode *ino,
                      uint64_t next)
{
	struct dirents *d = arg;
	struct dirent64_user e = { ino->ino, (int64_t)next, 0, dirent_type(ino->mode) };
	size_t head = sizeof(e), size = (head + len + 1 + 7) & ~(size_t)7;
	static const char zeros[8];

	if (size > d->room - d->used)
		return 1;
	e.reclen = (uint16_t)size;
	if (copy_to_user(&current->as, d->buf + d->used, &e, head) ||
	    copy_to_user(&current->as, d->buf + d->used + head, name, len) ||
	    copy_to_user(&current->as, d->buf + d->used + head + len, zeros, size - head - len)) {
		d->err = -EFAULT;
		return 1;
	}
	d->used += size;
	return 0;
}

int64_t sys_getdents64(struct trap_frame *f)
{
	struct dirents d = { f->rsi, f->rdx, 0, 0 };
	struct vfs_file *vf;
	int err = fd_vfs(f->rdi, &vf, -ENOTDIR);

	if (err)
		return err;
	if (!S_ISDIR(vf->ino->mode))
		return -ENOTDIR;
	if (!user_access_ok(&current->as, f->rsi, f->rdx, true))
		return -EFAULT;
	if (vfs_readdir(vf->ino, &vf->pos, put_dirent, &d) && !d.used)
		return d.err ? d.err : -EINVAL; /* not even one entry fits */
	return (int64_t)d.used;
}
