/* SPDX-License-Identifier: MIT */
/*
 * The user's programs: the PVH modules the vmm passed (abi.h section 7),
 * each run as a task with its argv and the vmm's environment, in module
 * (command-line) order; then their result for the exit port (abi.h
 * section 5): 0 if every program exited 0, else the status of the first
 * that did not, and how it ended.
 */
#ifndef LDE_GUEST_USERPROG_H
#define LDE_GUEST_USERPROG_H

#include "kernel.h"

/* True if the vmm passed programs (then the kernel runs them, not the demos). */
bool userprog_present(void);

/* Starts a task for each program; they run once the scheduler does. */
void userprog_start(void);

struct exec_file;

/*
 * The program at path, for execve: /bin/NAME for a program the vmm passed
 * whose path's last component is NAME (the first of that name), or that
 * path exactly as given; /proc/self/exe is the caller's own program.  0,
 * -ENOENT, or -EACCES (/bin, a directory).
 */
int userprog_lookup(const char *path, struct exec_file *file);

/* Prints each program's end and exits with the programs' result. */
noreturn void userprog_finish(void);

#endif
