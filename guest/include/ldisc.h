/* SPDX-License-Identifier: MIT */
/*
 * The console's line discipline: what a terminal does with the bytes
 * typed at it before a program reads them, as POSIX's "general terminal
 * interface" and Linux's n_tty do it, for the flags in a struct termios
 * (uapi/lde_sys.h).
 *
 * In canonical mode (ICANON) input is edited a line at a time: VERASE
 * takes back a byte, VWERASE a word (IEXTEN), VKILL the line; a line is
 * complete at '\n', VEOL or VEOL2, or at VEOF (which is not stored), and
 * only complete lines can be read.  VEOF on an empty line is an end of
 * file for one read.  Otherwise (raw) every byte can be read at once.
 * With ISIG, VINTR, VQUIT and VSUSP send SIGINT, SIGQUIT and SIGTSTP to
 * the terminal's foreground process group instead, and (unless NOFLSH)
 * flush the input.  ICRNL, IGNCR, INLCR and ISTRIP translate input.  With
 * ECHO every byte kept is echoed (ECHOCTL: a control byte as ^X), ECHOE
 * and ECHOKE erase on the screen, ECHOK and ECHONL echo a newline.
 *
 * The queue is a ring of TTY_BUF_SIZE bytes between two counters that
 * only grow: rd (bytes read) and wr (bytes queued).  ldisc_receive works
 * in place on bytes the driver has just put at wr, so it needs no second
 * buffer; it only ever drops or rewrites bytes at or after `edit`.
 */
#ifndef LDE_GUEST_LDISC_H
#define LDE_GUEST_LDISC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "uapi/lde_sys.h"

#define TTY_BUF_SIZE 16384 /* bytes of input the kernel holds, at most */
#define TTY_LINE_MAX 4095  /* canonical mode: a longer line drops bytes, as Linux */
#define TTY_MARKS 64       /* VEOF line ends the queue remembers */

struct tty_queue {
	char buf[TTY_BUF_SIZE]; /* byte at position p is buf[p % TTY_BUF_SIZE] */
	uint64_t rd;            /* positions before rd have been read */
	uint64_t wr;            /* positions before wr are queued */
	uint64_t edit;          /* [rd, edit) can be read; [edit, wr) is the line being edited */
	struct {
		uint64_t pos; /* a read stops here */
		bool eof;     /* VEOF on an empty line: the read there returns 0 */
	} mark[TTY_MARKS];    /* VEOF line ends, oldest first */
	unsigned marks;
};

/* Where the line discipline's effects go. */
struct ldisc_ops {
	void (*echo)(const char *s, size_t n); /* to the terminal's screen */
	void (*signal)(int sig);               /* to the foreground process group */
};

/* The n bytes the driver put at q->wr (room for them was checked):
 * edited, translated, echoed, queued (q->wr and q->edit move on). */
void ldisc_receive(struct tty_queue *q, const struct termios_k *t, size_t n,
                   const struct ldisc_ops *ops);

/* Bytes a read(len) may take now, at q->rd: a canonical read stops after
 * a line's end or at a VEOF mark; *eof says the read is an end of file
 * (0 bytes).  ended: the input has ended, so a partial line can be read. */
size_t ldisc_readable(const struct tty_queue *q, const struct termios_k *t, size_t len, bool ended,
                      bool *eof);

/* A read took n bytes (or was the end of file *eof said): rd moves on. */
void ldisc_consumed(struct tty_queue *q, size_t n, bool eof);

/* ICANON was switched on or off: the line being edited is complete. */
void ldisc_commit_line(struct tty_queue *q);

/* Everything queued is dropped (TCFLSH, TCSETSF). */
void ldisc_flush(struct tty_queue *q);

/* The termios of a terminal as Linux sets one up (stty sane). */
void ldisc_default_termios(struct termios_k *t);

#endif
