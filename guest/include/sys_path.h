/* SPDX-License-Identifier: MIT */
/*
 * What the file system's system calls share (sys_file.c, sys_path.c,
 * sys_stat.c): a user path copied in, the directory a relative path
 * starts from (AT_FDCWD or a dirfd), and a path's directory and name.
 */
#ifndef LDE_GUEST_SYS_PATH_H
#define LDE_GUEST_SYS_PATH_H

#include <stdint.h>

#include "vfs.h"

/* The user path at upath in a kalloc'd page (free it with path_free): NULL and *err. */
char *path_get(uint64_t upath, int *err);
void path_free(char *path);

/* Where path starts when relative: the working directory (AT_FDCWD) or dirfd's directory. */
int path_base(int64_t dirfd, const char *path, struct inode **out);

/* What (dirfd, upath) names: 0 and *out, or -errno (follow: a last symlink is followed). */
int path_lookup_at(int64_t dirfd, uint64_t upath, bool follow, struct inode **out);

/* (dirfd, path)'s directory and last name into *n: 0 or -errno. */
int path_parent_at(int64_t dirfd, const char *path, struct vfs_name *n);

/* The inode of fd, or NULL (-EBADF: not open; a pipe or the console's fds: *ino NULL, 0). */
int fd_inode(int64_t fd, struct inode **ino);

#endif
