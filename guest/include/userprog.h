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

/* True if the vmm passed programs or an initrd (then the kernel runs them, not the demos). */
bool userprog_present(void);

/*
 * Unpacks the initrd, if any (initrd.h), then starts a task for each
 * program, or with an initrd alone process 1 (initproc.h); they run once
 * the scheduler does.
 */
void userprog_start(void);

/* Prints each program's end and exits with the programs' result. */
noreturn void userprog_finish(void);

#endif
