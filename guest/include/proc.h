/* SPDX-License-Identifier: MIT */
/*
 * Processes and their relations, as Linux has them: fork (fork.c) makes a
 * child of the current task; when a task ends (proc_exit, wait.c) its
 * children go to process 1 (or, with no process 1 left, to nobody: they
 * are reaped as they end), its parent is woken, and it stays a zombie
 * until the parent reaps it with wait4 or waitid.  Tasks the kernel
 * started (roots) have no parent and are never reaped.
 */
#ifndef LDE_GUEST_PROC_H
#define LDE_GUEST_PROC_H

#include "task.h"

/*
 * Reads fork=cow|eager from the kernel command line (default cow) and
 * says on the console which mode runs; false (said) for another value.
 */
bool fork_setup(void);

/* t has ended (its end recorded): children reparented, parent woken. */
void proc_exit(struct task *t);

/* t's wait status as wait4 gives it: code << 8, or the signal. */
int proc_wait_status(const struct task *t);

/* The ended child z as its SIGCHLD's and waitid's siginfo tell it. */
struct sig_origin proc_child_origin(const struct task *z);

#endif
