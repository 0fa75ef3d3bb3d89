// SPDX-License-Identifier: MIT
/*
 * System calls on paths (syscalls.h): the working directory (chdir,
 * fchdir, getcwd), making and removing names (mkdir, rmdir, unlink,
 * rename, symlink), readlink, access, truncate, chmod, chown, umask,
 * utimensat and sync.  All tasks are root (vfs.h).  The *at forms take AT_FDCWD or
 * a directory's fd; the older calls are them with AT_FDCWD.
 */
#include "sys_path.h"

#include "uapi/lde_sys.h"

#include "kalloc.h"
#include "paging.h"
#include "sched.h"
#include "string.h"
#include "syscalls.h"
#include "task.h"
#include "uaccess.h"
#include "vfs_file.h"

char *path_get(uint64_t upath, int *err)
{
	char *p = kalloc();
	int64_t n;

	*err = -ENOMEM;
	if (!p)
		return NULL;
	n = strncpy_from_user(&current->as, p, upath, VFS_PATH_MAX);
	*err = n < 0 ? (int)n : n == VFS_PATH_MAX ? -ENAMETOOLONG : 0;
	if (*err) {
		kfree(p);
		return NULL;
	}
	return p;
}

void path_free(char *path)
{
	if (path)
		kfree(path);
}

int fd_inode(int64_t fd, struct inode **ino)
{
	struct file *f = file_get(&current->files, fd);
	struct vfs_file *vf = vfs_file_of(f);

	if (!f)
		return -EBADF;
	*ino = vf ? vf->ino : NULL;
	return 0;
}

int path_base(int64_t dirfd, const char *path, struct inode **out)
{
	int err;

	*out = current->cwd;
	if (path[0] == '/' || (int)dirfd == AT_FDCWD)
		return 0;
	err = fd_inode((int)dirfd, out);
	if (err)
		return err;
	return *out && S_ISDIR((*out)->mode) ? 0 : -ENOTDIR;
}

int path_lookup_at(int64_t dirfd, uint64_t upath, bool follow, struct inode **out)
{
	struct inode *base;
	int err;
	char *path = path_get(upath, &err);

	if (path)
		err = path_base(dirfd, path, &base);
	if (path && !err)
		err = vfs_lookup(base, path, follow ? VFS_FOLLOW : 0, out);
	path_free(path);
	return err;
}

int path_parent_at(int64_t dirfd, const char *path, struct vfs_name *n)
{
	struct inode *base;
	int err = path_base(dirfd, path, &base);

	return err ? err : vfs_lookup_parent(base, path, n);
}

/* -------------------------------------------------- working directory */

static void set_cwd(struct inode *dir)
{
	vfs_hold(dir);
	vfs_release(current->cwd);
	current->cwd = dir;
}

int64_t sys_chdir(struct trap_frame *f)
{
	struct inode *dir;
	int err = path_lookup_at(AT_FDCWD, f->rdi, true, &dir);

	if (err)
		return err;
	if (!S_ISDIR(dir->mode))
		return -ENOTDIR;
	set_cwd(dir);
	return 0;
}

int64_t sys_fchdir(struct trap_frame *f)
{
	struct inode *dir;
	int err = fd_inode((int64_t)f->rdi, &dir);

	if (err)
		return err;
	if (!dir || !S_ISDIR(dir->mode))
		return -ENOTDIR;
	set_cwd(dir);
	return 0;
}

/* getcwd: the path and its NUL; its length with the NUL, as Linux's call returns. */
int64_t sys_getcwd(struct trap_frame *f)
{
	char *buf = kalloc();
	int64_t n;

	if (!buf)
		return -ENOMEM;
	n = vfs_path_of(current->cwd ? current->cwd : vfs_root(), buf, PAGE_SIZE);
	if (n >= 0 && (uint64_t)n + 1 > f->rsi)
		n = -ERANGE;
	if (n >= 0)
		n = copy_to_user(&current->as, f->rdi, buf, (size_t)n + 1) ? -EFAULT : n + 1;
	kfree(buf);
	return n;
}

/* --------------------------------------------------------- names */

/* mode less the task's umask, as a new inode of type `type` gets it. */
static uint32_t new_mode(uint32_t type, uint64_t mode)
{
	return type | ((uint32_t)mode & S_IALLUGO & ~current->umask);
}

static int64_t mkdir_at(int64_t dirfd, uint64_t upath, uint64_t mode)
{
	struct vfs_name n;
	struct inode *ino;
	int err;
	char *path = path_get(upath, &err);

	if (path)
		err = path_parent_at(dirfd, path, &n);
	if (path && !err)
		err = vfs_create(&n, new_mode(S_IFDIR, mode & 01777), NULL, 0, &ino);
	path_free(path);
	return err;
}

int64_t sys_mkdir(struct trap_frame *f)
{
	return mkdir_at(AT_FDCWD, f->rdi, f->rsi);
}

int64_t sys_mkdirat(struct trap_frame *f)
{
	return mkdir_at((int64_t)f->rdi, f->rsi, f->rdx);
}

static int64_t unlink_at(int64_t dirfd, uint64_t upath, bool dir)
{
	struct vfs_name n;
	int err;
	char *path = path_get(upath, &err);

	if (path)
		err = path_parent_at(dirfd, path, &n);
	if (path && !err)
		err = vfs_unlink(&n, dir);
	path_free(path);
	return err;
}

int64_t sys_unlink(struct trap_frame *f)
{
	return unlink_at(AT_FDCWD, f->rdi, false);
}

int64_t sys_rmdir(struct trap_frame *f)
{
	return unlink_at(AT_FDCWD, f->rdi, true);
}

int64_t sys_unlinkat(struct trap_frame *f)
{
	if (f->rdx & ~(uint64_t)AT_REMOVEDIR)
		return -EINVAL;
	return unlink_at((int64_t)f->rdi, f->rsi, f->rdx & AT_REMOVEDIR);
}

static int64_t rename_at(int64_t olddirfd, uint64_t uold, int64_t newdirfd, uint64_t unew)
{
	struct vfs_name from, to;
	int err, err2;
	char *old = path_get(uold, &err), *new = path_get(unew, &err2);

	if (!err)
		err = err2;
	if (!err)
		err = path_parent_at(olddirfd, old, &from);
	if (!err)
		err = path_parent_at(newdirfd, new, &to);
	if (!err)
		err = vfs_rename(&from, &to);
	path_free(old);
	path_free(new);
	return err;
}

int64_t sys_rename(struct trap_frame *f)
{
	return rename_at(AT_FDCWD, f->rdi, AT_FDCWD, f->rsi);
}

int64_t sys_renameat(struct trap_frame *f)
{
	return rename_at((int64_t)f->rdi, f->rsi, (int64_t)f->rdx, f->r10);
}

/* renameat2: flags 0 only (RENAME_NOREPLACE, _EXCHANGE: EINVAL). */
int64_t sys_renameat2(struct trap_frame *f)
{
	if (f->r8)
		return -EINVAL;
	return sys_renameat(f);
}

static int64_t symlink_at(uint64_t utarget, int64_t dirfd, uint64_t upath)
{
	struct vfs_name n;
	struct inode *ino;
	int err, err2;
	char *target = path_get(utarget, &err), *path = path_get(upath, &err2);

	if (!err)
		err = err2;
	if (!err && !target[0])
		err = -ENOENT;
	if (!err)
		err = path_parent_at(dirfd, path, &n);
	if (!err)
		err = vfs_create(&n, S_IFLNK | 0777, target, strlen(target), &ino);
	path_free(target);
	path_free(path);
	return err;
}

int64_t sys_symlink(struct trap_frame *f)
{
	return symlink_at(f->rdi, AT_FDCWD, f->rsi);
}

int64_t sys_symlinkat(struct trap_frame *f)
{
	return symlink_at(f->rdi, (int64_t)f->rsi, f->rdx);
}

/*
 * /proc/self/exe's target into buf (a page): the program's absolute path
 * in the tree, or, for one no longer there, the path execve named.
 */
static size_t self_exe(char *buf)
{
	int64_t n = current->exe_ino ? vfs_path_of(current->exe_ino, buf, PAGE_SIZE) : -ENOENT;

	if (n >= 0)
		return (size_t)n;
	n = (int64_t)strnlen(current->path, PAGE_SIZE - 1);
	memcpy(buf, current->path, (size_t)n);
	return (size_t)n;
}

/* The link path names (not followed): its target into buf (a page), its length or -errno. */
static int64_t link_target(int64_t dirfd, const char *path, char *buf)
{
	struct inode *ino;
	int err;

	if (!strcmp(path, "/proc/self/exe"))
		return (int64_t)self_exe(buf);
	err = path_base(dirfd, path, &ino);
	if (!err)
		err = vfs_lookup(ino, path, 0, &ino);
	if (err)
		return err;
	if ((ino->mode & S_IFMT) != S_IFLNK)
		return -EINVAL;
	memcpy(buf, vfs_link_target(ino), ino->size);
	return (int64_t)ino->size;
}

/* readlink: a link's target, cut to size, no NUL. */
static int64_t readlink_at(int64_t dirfd, uint64_t upath, uint64_t buf, uint64_t size)
{
	int err;
	char *path = path_get(upath, &err), *target = path ? kalloc() : NULL;
	int64_t n = path ? -ENOMEM : err;

	if (target)
		n = (int64_t)size <= 0 ? -EINVAL : link_target(dirfd, path, target);
	if (n > (int64_t)size)
		n = (int64_t)size;
	if (n >= 0 && copy_to_user(&current->as, buf, target, (size_t)n))
		n = -EFAULT;
	path_free(path);
	path_free(target);
	return n;
}

int64_t sys_readlink(struct trap_frame *f)
{
	return readlink_at(AT_FDCWD, f->rdi, f->rsi, f->rdx);
}

int64_t sys_readlinkat(struct trap_frame *f)
{
	return readlink_at((int64_t)f->rdi, f->rsi, f->rdx, f->r10);
}

/* ------------------------------------------------------ attributes */

/* access: root may read and write anything; X_OK needs an x bit or a directory. */
static int64_t access_at(int64_t dirfd, uint64_t upath, uint64_t mode, uint64_t flags)
{
	struct inode *ino;
	int err;

	if (mode & ~(uint64_t)(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(uint64_t)(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = path_lookup_at(dirfd, upath, !(flags & AT_SYMLINK_NOFOLLOW), &ino);
	if (err)
		return err;
	if ((mode & X_OK) && !S_ISDIR(ino->mode) && !(ino->mode & 0111))
		return -EACCES;
	return 0;
}

int64_t sys_access(struct trap_frame *f)
{
	return access_at(AT_FDCWD, f->rdi, f->rsi, 0);
}

int64_t sys_faccessat(struct trap_frame *f)
{
	return access_at((int64_t)f->rdi, f->rsi, f->rdx, 0);
}

int64_t sys_faccessat2(struct trap_frame *f)
{
	return access_at((int64_t)f->rdi, f->rsi, f->rdx, f->r10);
}

int64_t sys_truncate(struct trap_frame *f)
{
	struct inode *ino;
	int err;

	if ((int64_t)f->rsi < 0)
		return -EINVAL;
	err = path_lookup_at(AT_FDCWD, f->rdi, true, &ino);
	return err ? err : vfs_truncate(ino, f->rsi);
}

static int chmod_inode(struct inode *ino, uint64_t mode)
{
	ino->mode = (ino->mode & S_IFMT) | ((uint32_t)mode & S_IALLUGO);
	vfs_touch(ino, false);
	return 0;
}

int64_t sys_chmod(struct trap_frame *f)
{
	struct inode *ino;
	int err = path_lookup_at(AT_FDCWD, f->rdi, true, &ino);

	return err ? err : chmod_inode(ino, f->rsi);
}

int64_t sys_fchmodat(struct trap_frame *f)
{
	struct inode *ino;
	int err = path_lookup_at((int64_t)f->rdi, f->rsi, true, &ino);

	return err ? err : chmod_inode(ino, f->rdx);
}

int64_t sys_fchmod(struct trap_frame *f)
{
	struct inode *ino;
	int err = fd_inode((int64_t)f->rdi, &ino);

	if (err)
		return err;
	return ino ? chmod_inode(ino, f->rsi) : 0; /* a pipe: nothing kept */
}

/* chown: the new owner (-1: unchanged) is kept and reported; root may give files away. */
static int chown_inode(struct inode *ino, uint64_t uid, uint64_t gid)
{
	if ((uint32_t)uid != (uint32_t)-1)
		ino->uid = (uint32_t)uid;
	if ((uint32_t)gid != (uint32_t)-1)
		ino->gid = (uint32_t)gid;
	vfs_touch(ino, false);
	return 0;
}

static int64_t chown_at(int64_t dirfd, uint64_t upath, uint64_t uid, uint64_t gid, bool follow)
{
	struct inode *ino;
	int err = path_lookup_at(dirfd, upath, follow, &ino);

	return err ? err : chown_inode(ino, uid, gid);
}

int64_t sys_chown(struct trap_frame *f)
{
	return chown_at(AT_FDCWD, f->rdi, f->rsi, f->rdx, true);
}

int64_t sys_lchown(struct trap_frame *f)
{
	return chown_at(AT_FDCWD, f->rdi, f->rsi, f->rdx, false);
}

int64_t sys_fchownat(struct trap_frame *f)
{
	if (f->r8 & ~(uint64_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	return chown_at((int64_t)f->rdi, f->rsi, f->rdx, f->r10, !(f->r8 & AT_SYMLINK_NOFOLLOW));
}

int64_t sys_fchown(struct trap_frame *f)
{
	struct inode *ino;
	int err = fd_inode((int64_t)f->rdi, &ino);

	if (err)
		return err;
	return ino ? chown_inode(ino, f->rsi, f->rdx) : 0;
}

/* sync: everything is in memory already. */
int64_t sys_sync(struct trap_frame *f)
{
	(void)f;
	return 0;
}

int64_t sys_umask(struct trap_frame *f)
{
	uint32_t old = current->umask;

	current->umask = (uint32_t)f->rdi & 0777;
	return old;
}

struct timespec_user {
	int64_t sec, nsec;
};

/* One of utimensat's times: *ns set, or left (UTIME_OMIT); -EINVAL. */
static int set_time(uint64_t *ns, const struct timespec_user *t, uint64_t now)
{
	if (!t || t->nsec == UTIME_NOW) {
		*ns = now;
		return 0;
	}
	if (t->nsec == UTIME_OMIT)
		return 0;
	if (t->nsec < 0 || t->nsec >= 1000000000 || t->sec < 0)
		return -EINVAL;
	*ns = (uint64_t)t->sec * 1000000000 + (uint64_t)t->nsec;
	return 0;
}

/* utimensat(dirfd, path, times, flags): atime and mtime (path NULL: dirfd itself). */
int64_t sys_utimensat(struct trap_frame *f)
{
	struct timespec_user t[2];
	struct inode *ino;
	uint64_t now;
	int err;

	if (f->rdx && copy_from_user(&current->as, t, f->rdx, sizeof(t)))
		return -EFAULT;
	if (f->rsi)
		err = path_lookup_at((int64_t)f->rdi, f->rsi, !(f->r10 & AT_SYMLINK_NOFOLLOW),
		                     &ino);
	else if (!(err = fd_inode((int64_t)f->rdi, &ino)) && !ino)
		return 0;
	if (err)
		return err;
	vfs_touch(ino, false);
	now = ino->ctime;
	err = set_time(&ino->atime, f->rdx ? &t[0] : NULL, now);
	return err ? err : set_time(&ino->mtime, f->rdx ? &t[1] : NULL, now);
}
