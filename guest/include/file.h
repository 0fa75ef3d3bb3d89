/* SPDX-License-Identifier: MIT */
/*
 * Open files and a task's file table.  For now there are three files, the
 * console's input (tty.h: reads sleep until input arrives), output and error output, which
 * every task starts with as fds 0, 1 and 2; a file is an object with
 * operations, so pipes and real files can come as more kinds of file, and
 * a table of pointers is what fork would copy and dup would fill.
 */
#ifndef LDE_GUEST_FILE_H
#define LDE_GUEST_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm.h"

#define TASK_FDS 16

/* fstat's mode bits for a character device (S_IFCHR | 0620) */
#define FILE_MODE_CHR 0020620

struct file;

struct file_ops {
	/* Bytes from/to user memory [buf, buf + len): count, or -errno. */
	int64_t (*read)(struct file *f, struct addrspace *as, uint64_t buf, uint64_t len);
	int64_t (*write)(struct file *f, struct addrspace *as, uint64_t buf, uint64_t len);
	/* A read would not sleep now (NULL: reads never sleep). */
	bool (*readable)(struct file *f);
};

struct file {
	const struct file_ops *ops;
	uint32_t mode;    /* for fstat */
	uint32_t rdev;    /* for fstat: the device number */
	unsigned refs;    /* file-table slots pointing here (never freed yet) */
	const char *name; /* for readlink of /proc/self/fd/N */
	int tty;          /* a terminal: ioctl(TCGETS, TIOCGWINSZ) answer */
};

struct file_table {
	struct file *fd[TASK_FDS];
};

/* The console's files, fds 0, 1, 2 of a new task. */
void file_table_init(struct file_table *ft);

/* The file at fd, or NULL (-EBADF). */
struct file *file_get(const struct file_table *ft, int64_t fd);

/* close(fd): 0 or -EBADF. */
int file_close(struct file_table *ft, int64_t fd);

/* dup/F_DUPFD: fd's file in the lowest free slot >= min; the new fd or -errno. */
int file_dup(struct file_table *ft, int64_t fd, int64_t min);

/* dup2: fd's file at newfd too (closing what was there); newfd or -errno. */
int file_dup2(struct file_table *ft, int64_t fd, int64_t newfd);

/* Where user programs' fds 1 and 2 write: the console, or the vmm's user
 * output ports (abi.h section 1) when the vmm passed programs. */
void file_set_user_ports(int on);

/* Which of the console's fds 0, 1, 2 are terminals ('1') or not, e.g. "011". */
void file_set_ttys(const char *flags);

#endif
