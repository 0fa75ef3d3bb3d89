/* SPDX-License-Identifier: MIT */
/*
 * The kernel's file system: one in-memory tree (a tmpfs) that every task
 * shares, built at boot and gone at the end of the run.  vfs.c keeps the
 * tree (inodes, directories, path lookup, create, unlink, rename),
 * tmpfs.c a regular file's bytes (in kalloc'd pages, or in place
 * read-only until the first write), sys_file.c and sys_path.c the system
 * calls on top of both.
 *
 * Kinds: directories, regular files, symbolic links (followed during
 * lookup, at most VFS_MAX_LINKS per lookup and VFS_MAX_NESTING inside one
 * another: ELOOP) and character devices (/dev/console, /dev/null).  Every
 * inode keeps its mode (S_IF* type and permission bits) for stat.  All
 * tasks run as root: reads and writes are never refused for want of a
 * permission bit, executing needs one of the x bits, as on Linux.
 *
 * Limits (a guest program cannot exhaust the kernel through files):
 * VFS_MAX_INODES inodes (ENOSPC past it), data pages up to the limit given
 * to vfs_init (ENOSPC), a file at most VFS_FILE_MAX bytes (EFBIG), a name
 * at most VFS_NAME_MAX bytes and a path VFS_PATH_MAX - 1 (ENAMETOOLONG).
 *
 * Pure logic: the unit tests run it on the host.  Nothing here sleeps, and
 * the kernel does not preempt itself, so a pointer a lookup returns stays
 * valid until the caller returns to ring 3; whoever keeps one longer (an
 * open file, a working directory, a running program) holds a reference
 * (vfs_hold / vfs_release).
 */
#ifndef LDE_GUEST_VFS_H
#define LDE_GUEST_VFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elf.h"
#include "exec.h"

#define VFS_NAME_MAX 255                          /* bytes of one path component */
#define VFS_PATH_MAX 4096                         /* bytes of a path, its NUL included */
#define VFS_MAX_LINKS 40                          /* symbolic links followed in one lookup */
#define VFS_MAX_NESTING 8                         /* symbolic links inside one another's targets */
#define VFS_MAX_INODES 4096                       /* inodes at once */
#define VFS_FILE_MAX ((uint64_t)512 * 512 * 4096) /* 1 GiB: the page index's reach */

/* Character devices' numbers (st_rdev, as Linux's makedev(major, minor)). */
#define VFS_RDEV_NULL (1 << 8 | 3)    /* /dev/null, 1:3 */
#define VFS_RDEV_ZERO (1 << 8 | 5)    /* /dev/zero, 1:5 */
#define VFS_RDEV_CONSOLE (5 << 8 | 1) /* /dev/console, 5:1 */

struct inode;

/* One name in a directory. */
struct vfs_dentry {
	struct vfs_dentry *next; /* the directory's next entry, in creation order */
	struct inode *ino;       /* what the name names */
	uint64_t cookie;         /* getdents64's position of this entry (increasing) */
	uint16_t len;            /* bytes of name */
	char name[];             /* len bytes and a NUL */
};

struct inode {
	uint64_t ino;      /* its number (st_ino): 1 is the root */
	uint32_t mode;     /* S_IF* type | permission bits (S_IALLUGO) */
	uint32_t nlink;    /* names of it; a directory's "." and its subdirectories' ".." too */
	uint32_t refs;     /* holders besides names: open files, working directories, programs */
	uint32_t rdev;     /* a character device's number */
	uint32_t uid, gid; /* its owner (chown; 0, root, unless changed) */
	uint64_t size;     /* bytes (a symbolic link: its target's length) */
	uint64_t atime, mtime, ctime; /* nanoseconds of the kernel's clock (vfs_set_clock) */
	int module;                   /* the PVH module its bytes lie in, or -1 */

	/* regular files and symbolic links */
	const char *inplace; /* all its bytes, read-only (populated), or NULL */
	void **index;        /* regular: 512 pointers to pages of 512 data-page pointers */
	char *target;        /* a link made at run time: its own copy (size + 1 bytes) */
	uint64_t pages;      /* data and index pages it holds */

	struct inode *parent; /* the directory its name is in (the root's is itself; NULL: removed) */

	/* directories */
	struct vfs_dentry *entries, *last;
	uint64_t next_cookie; /* the next entry's cookie (2 up: 0 is ".", 1 is "..") */
};

/* ------------------------------------------------------- setup (vfs.c) */

/*
 * An empty tree: /, /dev (console, null, zero), /bin, /tmp (mode 1777), /proc.
 * data_pages: at most so many pages of file data (and their indexes).
 * 0 or -ENOMEM.
 */
int vfs_init(uint64_t data_pages);

/* The clock mtime and ctime come from (nanoseconds); without one, 0. */
void vfs_set_clock(uint64_t (*now_ns)(void));

/* The root directory. */
struct inode *vfs_root(void);

/*
 * Creates path (absolute, its parent directories already there) as a
 * directory (mode & S_IFMT == S_IFDIR; data, size ignored), a regular file
 * whose contents are data[0..size) (referenced in place, read-only: the
 * caller keeps those bytes for the whole run; the file copies them on its
 * first write), or a symbolic link to the target data[0..size) (not
 * NUL-terminated).  mode's low 12 bits are the permissions.  A regular file
 * replaces an existing regular file of that path; a directory that exists
 * already (/, /dev, /bin, /tmp...) just takes the mode.  0 or -errno:
 * -ENOENT (no parent), -ENOTDIR, -EEXIST, -ENAMETOOLONG, -ENOMEM, -EINVAL
 * (other types, an empty link target).
 */
int vfs_populate(const char *path, uint32_t mode, const void *data, uint64_t size);

/* vfs_populate, the file's bytes lying in PVH module `module` (its index). */
int vfs_populate_module(const char *path, uint32_t mode, const void *data, uint64_t size,
                        int module);

/*
 * The regular file at path (symlinks followed) as an exec_file (exec.h) for
 * execve and for starting the first process: 0, -ENOENT, -EACCES (not a
 * regular file, or no execute permission), -ENOTDIR, -ELOOP.  To start a
 * task on it: task_exec(t, &file->src, path, ...), and t->exe_ino =
 * file->ino with vfs_hold() (its /proc/self/exe).
 */
int vfs_exec_lookup(const char *path, struct exec_file *file);

/* vfs_exec_lookup with a relative path starting at cwd. */
int vfs_exec_lookup_at(struct inode *cwd, const char *path, struct exec_file *file);

/* A file's bytes for the ELF loader (elf.h): in place, or page by page. */
void vfs_elf_src(struct inode *ino, struct elf_src *src);

/* ------------------------------------------------------ lookup (vfs.c) */

/* vfs_lookup's flags */
#define VFS_FOLLOW 1 /* a symbolic link as the last component is followed */

/* What path (from cwd unless absolute) names: 0 and *out, or -errno. */
int vfs_lookup(struct inode *cwd, const char *path, unsigned flags, struct inode **out);

/* A path's last component and the directory it is to be in. */
struct vfs_name {
	struct inode *dir; /* the directory (found, symlinks followed) */
	const char *name;  /* the last component (not NUL-terminated), or "." for "/" */
	size_t len;
	bool slash; /* the path ended in '/' */
};

/* Splits path (from cwd unless absolute) into its directory and last name: 0 or -errno. */
int vfs_lookup_parent(struct inode *cwd, const char *path, struct vfs_name *n);

/* The entry name[0..len) in dir, or NULL. */
struct vfs_dentry *vfs_find(const struct inode *dir, const char *name, size_t len);

/* The absolute path of ino into buf[0..size): its length, -ERANGE or -ENOENT (removed). */
int64_t vfs_path_of(const struct inode *dir, char *buf, size_t size);

/* ----------------------------------------------------- changes (vfs.c) */

/*
 * A new inode named n->name in n->dir: type and permissions in mode, a
 * directory ready for entries, a link to target[0..size) (copied).  0 and
 * *out, or -EEXIST, -ENOENT (the directory was removed), -ENOSPC, -ENOMEM,
 * -ENAMETOOLONG.
 */
int vfs_create(const struct vfs_name *n, uint32_t mode, const char *target, uint64_t size,
               struct inode **out);

/* unlink (dir false) or rmdir (dir true) of n: 0 or -errno as Linux's. */
int vfs_unlink(const struct vfs_name *n, bool dir);

/* rename(from, to): 0 or -errno as Linux's (flags 0). */
int vfs_rename(const struct vfs_name *from, const struct vfs_name *to);

/* One more holder of ino. */
void vfs_hold(struct inode *ino);

/* A holder is done with ino: freed once it has neither holders nor names. */
void vfs_release(struct inode *ino);

/* Inodes in use (for the tests and the limits). */
unsigned vfs_inodes_used(void);

/*
 * Directory entries from position *pos on ("." at 0, ".." at 1, then each
 * entry's cookie): each to fill(arg, ...) until it returns non-zero (no
 * room: that entry is not consumed); *pos is then the next position.
 * Returns fill's last non-zero result, or 0 at the end.
 */
typedef int (*vfs_fill_fn)(void *arg, const char *name, size_t len, const struct inode *ino,
                           uint64_t next_pos);
int vfs_readdir(const struct inode *dir, uint64_t *pos, vfs_fill_fn fill, void *arg);

/* The inode changed now (mtime and ctime), or only its metadata (ctime). */
void vfs_touch(struct inode *ino, bool data);

/* --------------------------------------------------- file data (tmpfs.c) */

/*
 * Moves n bytes between the file and the caller's buffer: at is where in
 * the transfer they go (0 for the first byte), kbuf the file's side (for a
 * read of a hole, zeros).  0 or -errno (the transfer stops).
 */
typedef int (*vfs_copy_fn)(void *arg, uint64_t at, void *kbuf, size_t n);

/* Reads up to len bytes at off: the count (0 at or past the end), or -errno. */
int64_t vfs_read(struct inode *ino, uint64_t off, uint64_t len, vfs_copy_fn out, void *arg);

/* Writes len bytes at off (the file grows): the count, or -EFBIG, -ENOSPC, -ENOMEM, -EFAULT. */
int64_t vfs_write(struct inode *ino, uint64_t off, uint64_t len, vfs_copy_fn in, void *arg);

/* Sets a regular file's size (shorter: the bytes go; longer: zeros): 0 or -errno. */
int vfs_truncate(struct inode *ino, uint64_t size);

/* A regular file's or link's bytes go (the inode is being freed). */
void vfs_data_free(struct inode *ino);

/* Data pages the files hold, and the limit. */
uint64_t vfs_pages_used(void);

/* A page of zeros (a hole's bytes, /dev/zero's). */
extern const char vfs_zero_page[];

/* tmpfs.c's page budget (vfs_init sets it). */
void vfs_data_init(uint64_t data_pages);

/* Room for a link target of size bytes and a NUL, charged to ino: NULL and *err (-ENOSPC, -ENOMEM). */
char *vfs_target_alloc(struct inode *ino, uint64_t size, int *err);

/* A link's target (size bytes, not NUL-terminated). */
const char *vfs_link_target(const struct inode *ino);

#endif
