/* SPDX-License-Identifier: MIT */
/*
 * Open files and a task's file table.  A file is an object with
 * operations: the console's input (always at end of file), output and
 * error output, which every root task starts with as fds 0, 1 and 2, and
 * the two ends of a pipe (pipe.c).  A file table holds pointers to open
 * files: fork copies it (both processes then share each open file), dup
 * fills another slot with the same file; a file whose last slot closes is
 * released.
 */
#ifndef LDE_GUEST_FILE_H
#define LDE_GUEST_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm.h"

#define TASK_FDS 16

/* fstat's mode bits for a character device (S_IFCHR | 0620), a pipe (S_IFIFO | 0600) */
#define FILE_MODE_CHR 0020620
#define FILE_MODE_FIFO 0010600

struct file;

struct file_ops {
	/* Bytes from/to user memory [buf, buf + len): count, or -errno. */
	int64_t (*read)(struct file *f, struct addrspace *as, uint64_t buf, uint64_t len);
	int64_t (*write)(struct file *f, struct addrspace *as, uint64_t buf, uint64_t len);
	/* poll: which of POLLIN, POLLOUT, POLLHUP, POLLERR hold now (NULL: in and out) */
	unsigned (*poll)(struct file *f);
	/* the last file-table slot holding it closed (NULL: nothing to do) */
	void (*release)(struct file *f);
};

struct file {
	const struct file_ops *ops;
	uint32_t mode;    /* for fstat */
	uint32_t rdev;    /* for fstat: the device number */
	unsigned refs;    /* file-table slots pointing here */
	const char *name; /* for readlink of /proc/self/fd/N */
	int tty;          /* a terminal: ioctl(TCGETS, TIOCGWINSZ) answer */
	uint32_t flags;   /* O_ACCMODE and O_NONBLOCK (fcntl F_GETFL/F_SETFL) */
	void *priv;       /* the kind's own data (a pipe's) */
};

struct file_table {
	struct file *fd[TASK_FDS];
	bool cloexec[TASK_FDS]; /* FD_CLOEXEC: closed by execve */
};

/* The console's files, fds 0, 1, 2 of a new task. */
void file_table_init(struct file_table *ft);

/* fork: dst gets src's open files (the same ones: one offset between them). */
void file_table_fork(struct file_table *dst, const struct file_table *src);

/* execve: closes the fds marked close-on-exec. */
void file_table_close_on_exec(struct file_table *ft);

/* Closes every fd (the task has ended). */
void file_table_close_all(struct file_table *ft);

/* The file at fd, or NULL (-EBADF). */
struct file *file_get(const struct file_table *ft, int64_t fd);

/* close(fd): 0 or -EBADF. */
int file_close(struct file_table *ft, int64_t fd);

/* The read or write of a file not open for it: -EBADF. */
int64_t file_no_io(struct file *f, struct addrspace *as, uint64_t buf, uint64_t len);

/* fd for f in the lowest free slot (f gains a reference): the fd or -EMFILE. */
int file_install(struct file_table *ft, struct file *f, bool cloexec);

/* Wakes the tasks in poll(): something a file's poll() reports changed. */
void file_poll_wakeup(void);

/* The channel poll() waits on (sched_block). */
extern const char file_poll_chan;

/* dup/F_DUPFD: fd's file in the lowest free slot >= min; the new fd or -errno. */
int file_dup(struct file_table *ft, int64_t fd, int64_t min);

/* dup2: fd's file at newfd too (closing what was there); newfd or -errno. */
int file_dup2(struct file_table *ft, int64_t fd, int64_t newfd);

/* Where user programs' fds 1 and 2 write: the console, or the vmm's user
 * output ports (abi.h section 1) when the vmm passed programs. */
void file_set_user_ports(int on);

/* /dev/console's reads and writes: the console's input and output (fds 0 and 1). */
extern const struct file_ops file_console_ops;

/* True if the console's output is a terminal (for /dev/console's ioctls). */
int file_console_tty(void);

/* Which of the console's fds 0, 1, 2 are terminals ('1') or not, e.g. "011". */
void file_set_ttys(const char *flags);

#endif
