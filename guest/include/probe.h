/* SPDX-License-Identifier: MIT */
/*
 * The boot-time platform probe: how do `syscall` and `int $0x80` from
 * ring 3 actually reach this kernel?
 */
#ifndef LDE_GUEST_PROBE_H
#define LDE_GUEST_PROBE_H

#include <stdbool.h>

/*
 * Runs the probe program as task 0 and prints the "syscall mechanism:"
 * line.  Returns false (after saying so) if a system call got lost.
 */
bool probe_syscall_mechanisms(void);

#endif
