// SPDX-License-Identifier: MIT
/*
 * stat, fstat, lstat, newfstatat and statx (syscalls.h), in Linux
 * x86-64's layouts.  A file of the file system reports its inode; a pipe
 * or one of the console's fds 0-2 what its open file keeps (file.h).
 * Every inode of the tree is on device 0:1.
 */
#include "uapi/lde_sys.h"

#include "sched.h"
#include "string.h"
#include "sys_path.h"
#include "syscalls.h"
#include "task.h"
#include "uaccess.h"
#include "vfs_file.h"

#define NS 1000000000ull
#define BLKSIZE 4096
#define VFS_DEV 1 /* st_dev: makedev(0, 1) */

/* What stat tells about a file, before either layout. */
struct kstat {
	uint64_t ino, nlink, size, blocks, atime, mtime, ctime;
	uint32_t mode, rdev, dev, uid, gid;
};

/* struct stat as Linux x86-64 lays it out (144 bytes). */
struct stat_user {
	uint64_t dev, ino, nlink;
	uint32_t mode, uid, gid, pad0;
	uint64_t rdev;
	int64_t size, blksize, blocks;
	uint64_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
	int64_t reserved[3];
};
_Static_assert(sizeof(struct stat_user) == 144, "Linux's struct stat");

struct statx_time_user {
	int64_t sec;
	uint32_t nsec;
	int32_t reserved;
};

/* struct statx (256 bytes). */
struct statx_user {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, pad0;
	uint64_t ino, size, blocks, attributes_mask;
	struct statx_time_user atime, btime, ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t spare[14];
};
_Static_assert(sizeof(struct statx_user) == 256, "Linux's struct statx");

#define STATX_BASIC_STATS 0x7ff

static void kstat_inode(const struct inode *ino, struct kstat *k)
{
	*k = (struct kstat){ ino->ino,   ino->nlink, ino->size,  (ino->size + 511) / 512,
		             ino->atime, ino->mtime, ino->ctime, ino->mode,
		             ino->rdev,  VFS_DEV,    ino->uid,   ino->gid };
	if (!ino->inplace && (ino->mode & S_IFMT) == S_IFREG)
		k->blocks = ino->pages * (BLKSIZE / 512);
}

/* A file without an inode: a pipe, the console's fds (device 0:6, as before). */
static void kstat_file(const struct file *f, struct kstat *k)
{
	*k = (struct kstat){ .ino = 1, .nlink = 1, .mode = f->mode, .rdev = f->rdev, .dev = 6 };
}

static int put_stat(const struct kstat *k, uint64_t buf)
{
	struct stat_user st;

	memset(&st, 0, sizeof(st));
	st.dev = k->dev;
	st.ino = k->ino;
	st.nlink = k->nlink;
	st.mode = k->mode;
	st.uid = k->uid;
	st.gid = k->gid;
	st.rdev = k->rdev;
	st.size = (int64_t)k->size;
	st.blksize = BLKSIZE;
	st.blocks = (int64_t)k->blocks;
	st.atime = k->atime / NS;
	st.atime_ns = k->atime % NS;
	st.mtime = k->mtime / NS;
	st.mtime_ns = k->mtime % NS;
	st.ctime = k->ctime / NS;
	st.ctime_ns = k->ctime % NS;
	return copy_to_user(&current->as, buf, &st, sizeof(st));
}

static struct statx_time_user statx_time(uint64_t ns)
{
	return (struct statx_time_user){ (int64_t)(ns / NS), (uint32_t)(ns % NS), 0 };
}

static int put_statx(const struct kstat *k, uint64_t buf)
{
	struct statx_user sx;

	memset(&sx, 0, sizeof(sx));
	sx.mask = STATX_BASIC_STATS;
	sx.blksize = BLKSIZE;
	sx.nlink = (uint32_t)k->nlink;
	sx.mode = (uint16_t)k->mode;
	sx.uid = k->uid;
	sx.gid = k->gid;
	sx.ino = k->ino;
	sx.size = k->size;
	sx.blocks = k->blocks;
	sx.atime = statx_time(k->atime);
	sx.mtime = statx_time(k->mtime);
	sx.ctime = statx_time(k->ctime);
	sx.rdev_major = k->rdev >> 8;
	sx.rdev_minor = k->rdev & 0xff;
	sx.dev_major = k->dev >> 8;
	sx.dev_minor = k->dev & 0xff;
	return copy_to_user(&current->as, buf, &sx, sizeof(sx));
}

/* What fd is: 0 and *k, or -EBADF. */
static int stat_fd(int64_t fd, struct kstat *k)
{
	struct file *f = file_get(&current->files, fd);
	struct vfs_file *vf = vfs_file_of(f);

	if (!f)
		return -EBADF;
	if (vf)
		kstat_inode(vf->ino, k);
	else
		kstat_file(f, k);
	return 0;
}

/* (dirfd, upath) with the *at flags: AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH ("": dirfd itself). */
static int stat_at(int64_t dirfd, uint64_t upath, uint64_t flags, struct kstat *k)
{
	struct inode *ino;
	char c;
	int err;

	if (flags & AT_EMPTY_PATH) {
		if (copy_from_user(&current->as, &c, upath, 1))
			return -EFAULT;
		if (!c && (int)dirfd == AT_FDCWD) {
			kstat_inode(current->cwd ? current->cwd : vfs_root(), k);
			return 0;
		}
		if (!c)
			return stat_fd(dirfd, k);
	}
	err = path_lookup_at(dirfd, upath, !(flags & AT_SYMLINK_NOFOLLOW), &ino);
	if (!err)
		kstat_inode(ino, k);
	return err;
}

int64_t sys_fstat(struct trap_frame *f)
{
	struct kstat k;
	int err = stat_fd((int64_t)f->rdi, &k);

	return err ? err : put_stat(&k, f->rsi);
}

int64_t sys_stat(struct trap_frame *f)
{
	struct kstat k;
	int err = stat_at(AT_FDCWD, f->rdi, 0, &k);

	return err ? err : put_stat(&k, f->rsi);
}

int64_t sys_lstat(struct trap_frame *f)
{
	struct kstat k;
	int err = stat_at(AT_FDCWD, f->rdi, AT_SYMLINK_NOFOLLOW, &k);

	return err ? err : put_stat(&k, f->rsi);
}

#define AT_STAT_FLAGS (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT)

int64_t sys_newfstatat(struct trap_frame *f)
{
	struct kstat k;
	int err;

	if (f->r10 & ~(uint64_t)AT_STAT_FLAGS)
		return -EINVAL;
	err = stat_at((int64_t)f->rdi, f->rsi, f->r10, &k);
	return err ? err : put_stat(&k, f->rdx);
}

/* statx(dirfd, path, flags, mask, buf): every basic field, whatever the mask. */
int64_t sys_statx(struct trap_frame *f)
{
	struct kstat k;
	int err;

	if (f->rdx & ~(uint64_t)(AT_STAT_FLAGS | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	err = stat_at((int64_t)f->rdi, f->rsi, f->rdx, &k);
	return err ? err : put_statx(&k, f->r8);
}
