/* SPDX-License-Identifier: MIT */
/*
 * The console's input: a kernel buffer that COM1's interrupt handler
 * (com1_rx.h) fills and read(2) on the console empties.  A reader with
 * nothing to read sleeps until input or the end of input arrives; a read
 * returns what there is, up to its count (a short read, as from a pipe),
 * and 0 once the input has ended and every byte was read.
 *
 * When the vmm's stdin is a terminal, the console is one too: the bytes
 * go through a line discipline (ldisc.h) with a struct termios that
 * programs read and set with ioctl (TCGETS, TCSETS...), and ^C sends
 * SIGINT to the terminal's foreground process group (TIOCGPGRP,
 * TIOCSPGRP).  Otherwise bytes pass as they come, as from a pipe.
 */
#ifndef LDE_GUEST_TTY_H
#define LDE_GUEST_TTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm.h"

#include "ldisc.h"

/* read(2) on the console's input: up to LEN bytes to user memory at BUF
 * (checked writable by the caller).  Blocks while there is nothing yet
 * (NONBLOCK: -EAGAIN instead; a signal: -EINTR); the count, 0 at the end
 * of input, or -EFAULT. */
int64_t tty_read(struct addrspace *as, uint64_t buf, uint64_t len, bool nonblock);

/* A read would not block now: input is there, or it has ended (poll's
 * POLLIN).  The first call starts the receiver. */
bool tty_readable(void);

/* The console is a terminal (the vmm's stdin is one) or not; echo: where
 * its echo goes (the terminal's screen). */
void tty_set_terminal(bool terminal, void (*echo)(const char *s, size_t n));

/* ioctl(cmd, arg) on the console, a terminal: 0, a count, or -errno. */
int64_t tty_ioctl(struct addrspace *as, uint64_t cmd, uint64_t arg);

/* --- for the driver (com1_rx.c) */

/* Where the next input bytes go: a contiguous free piece of the buffer,
 * its length in *N (0: the buffer is full). */
char *tty_space(size_t *n);

/* N bytes were put at tty_space(): they go through the line discipline. */
void tty_commit(size_t n);

/* Free bytes in the buffer. */
size_t tty_room(void);

/* The input has ended: readers get what is left, then 0. */
void tty_end(void);

/* Wakes every reader and poll's waiters (after tty_commit() or tty_end()). */
void tty_wake(void);

#endif
