/* SPDX-License-Identifier: MIT */
/*
 * Process 1 with an initrd and no programs (abi.h section 7): --init's
 * program, else /init, else /bin/sh, as Linux chooses it, checked in the
 * file system first; started through the built-in runinit, which execs
 * it, so that a `#!` script is run as any execve runs it.
 */
#ifndef LDE_GUEST_INITPROC_H
#define LDE_GUEST_INITPROC_H

struct task;

/*
 * Starts process 1 with the environment envp[0..envc): the task, or NULL
 * if it could not be started (said why).  When the program is not in the
 * file system, ends the run (LDE_EXIT_INITRD_REFUSED: 127, or 126 for a
 * file that cannot be executed).
 */
struct task *initproc_start(int envc, char *const envp[]);

#endif
