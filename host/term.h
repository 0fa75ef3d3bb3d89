/* SPDX-License-Identifier: MIT */
/*
 * The vmm's terminal.  When the vmm's stdin is a terminal and the guest
 * starts reading its console, the terminal goes into raw input mode (no
 * line editing, echo or signal keys on the host: the guest's line
 * discipline does them, guest/include/ldisc.h), output processing kept
 * (the host still turns "\n" into "\r\n").  Ctrl-A x then ends the run as
 * Ctrl-C did before (SIGINT; stdin_feed.c), Ctrl-A Ctrl-A sends one
 * Ctrl-A (Ctrl-A and another key: that key).  The terminal's settings come back when the run ends, however
 * it ends (also on the watchdog's and the sandbox's last-resort exits).
 */
#ifndef LDE_TERM_H
#define LDE_TERM_H

#include <stdbool.h>

/* Remembers fd's settings if it is a terminal (before the sandbox: it
 * reads them).  0, or -1 after saying why. */
int term_save(int fd);

/* True if term_save() found a terminal. */
bool term_is_terminal(void);

/* Raw input mode on the saved terminal; idempotent; true if it is raw now. */
bool term_raw(void);

/* The saved settings back, if raw.  Async-signal-safe. */
void term_restore(void);

#endif
