/* SPDX-License-Identifier: MIT */
/*
 * Open files of the file system (vfs.h) as file-table files (file.h):
 * one open file description per open(), with its offset and flags, shared
 * by dup and fork as on Linux.  A regular file reads and writes at the
 * offset (O_APPEND: at the end), a directory is listed (getdents64) and
 * refuses read with EISDIR, /dev/console reads the console's input and
 * writes its output, /dev/null reads end of file and takes every write,
 * /dev/zero reads zeros and takes every write.
 */
#ifndef LDE_GUEST_VFS_FILE_H
#define LDE_GUEST_VFS_FILE_H

#include <stdint.h>

#include "file.h"
#include "vfs.h"

/* An open file of the file system. */
struct vfs_file {
	struct file file;  /* first: the file table points here */
	struct inode *ino; /* held while open */
	uint64_t pos;      /* the offset; a directory's getdents64 position */
};

/* A new open file of ino with open()'s flags (one reference, for file_install): NULL and *err. */
struct file *vfs_file_open(struct inode *ino, uint32_t flags, int *err);

/* f as an open file of the file system, or NULL (a pipe, the console's fds 0-2). */
struct vfs_file *vfs_file_of(struct file *f);

/* True if f was opened for reading (O_RDONLY, O_RDWR) or writing (O_WRONLY, O_RDWR). */
bool vfs_file_readable(const struct file *f);
bool vfs_file_writable(const struct file *f);

/* The user-memory sides of vfs_read / vfs_write: [buf, buf + len) in as. */
struct user_buf {
	struct addrspace *as;
	uint64_t buf;
};
int vfs_copy_to_user(void *arg, uint64_t at, void *kbuf, size_t n);
int vfs_copy_from_user(void *arg, uint64_t at, void *kbuf, size_t n);

#endif
