/* SPDX-License-Identifier: MIT */
/*
 * The demos: which user programs the kernel starts, chosen by the
 * command line (demos=..., syscall=...) or CONFIG_DEMOS_DEFAULT.
 */
#ifndef LDE_GUEST_DEMOS_H
#define LDE_GUEST_DEMOS_H

#include <stdbool.h>

/*
 * Starts the demo tasks (pids 2, 3, ...: the boot probe was task 1).  Returns how many it started,
 * or -1 after printing what is wrong with the list.
 */
int demos_start(void);

/* Prints the summary lines; returns true if every task went as planned. */
bool demos_report(void);

#endif
