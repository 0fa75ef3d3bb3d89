// SPDX-License-Identifier: MIT
/* The console's line discipline (see ldisc.h). */
#include "ldisc.h"

#include "string.h"

#define CTRL(c) ((c)&0x1f)
#define DEL 0x7f

static char *at(struct tty_queue *q, uint64_t pos)
{
	return &q->buf[pos % TTY_BUF_SIZE];
}

static bool lflag(const struct termios_k *t, uint32_t flag)
{
	return t->c_lflag & flag;
}

/* A byte ECHOCTL shows as ^X: a control byte but tab and newline, or DEL. */
static bool shown_as_ctl(const struct termios_k *t, unsigned char c)
{
	return lflag(t, ECHOCTL) && ((c < 0x20 && c != '\t' && c != '\n') || c == DEL);
}

static void echo_byte(const struct termios_k *t, unsigned char c, const struct ldisc_ops *ops)
{
	char s[2] = { '^', (char)(c == DEL ? '?' : c ^ 0x40) };

	if (!lflag(t, ECHO)) {
		if (c == '\n' && lflag(t, ECHONL) && lflag(t, ICANON))
			ops->echo("\n", 1);
		return;
	}
	if (shown_as_ctl(t, c))
		ops->echo(s, 2);
	else
		ops->echo((const char *)&c, 1);
}

/* Takes back the byte before *w on the screen and in the queue. */
static void erase_one(struct tty_queue *q, const struct termios_k *t, uint64_t *w,
                      const struct ldisc_ops *ops)
{
	unsigned char c = (unsigned char)*at(q, --*w);

	if (!lflag(t, ECHO))
		return;
	if (!lflag(t, ECHOE)) {
		echo_byte(t, t->c_cc[VERASE], ops);
		return;
	}
	for (int cols = shown_as_ctl(t, c) ? 2 : 1; cols; cols--)
		ops->echo("\b \b", 3);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* VWERASE: the spaces before *w, then the word before them. */
static void erase_word(struct tty_queue *q, const struct termios_k *t, uint64_t *w,
                       const struct ldisc_ops *ops)
{
	while (*w > q->edit && is_space(*at(q, *w - 1)))
		erase_one(q, t, w, ops);
	while (*w > q->edit && !is_space(*at(q, *w - 1)))
		erase_one(q, t, w, ops);
}

/* VKILL: the whole line being edited. */
static void erase_line(struct tty_queue *q, const struct termios_k *t, uint64_t *w,
                       const struct ldisc_ops *ops)
{
	if (lflag(t, ECHO) && !lflag(t, ECHOKE) && *w > q->edit) {
		echo_byte(t, t->c_cc[VKILL], ops);
		if (lflag(t, ECHOK))
			ops->echo("\n", 1);
		*w = q->edit;
		return;
	}
	while (*w > q->edit)
		erase_one(q, t, w, ops);
}

/* A signal character: 0, or the signal it sends. */
static int signal_of(const struct termios_k *t, unsigned char c)
{
	if (!lflag(t, ISIG) || !c)
		return 0;
	if (c == t->c_cc[VINTR])
		return SIGINT;
	if (c == t->c_cc[VQUIT])
		return SIGQUIT;
	if (c == t->c_cc[VSUSP])
		return SIGTSTP;
	return 0;
}

/* input translation: the byte to go on with, or -1 to drop it (IGNCR) */
static int translate(const struct termios_k *t, unsigned char c)
{
	if (t->c_iflag & ISTRIP)
		c &= 0x7f;
	if (c == '\r') {
		if (t->c_iflag & IGNCR)
			return -1;
		if (t->c_iflag & ICRNL)
			return '\n';
	} else if (c == '\n' && (t->c_iflag & INLCR)) {
		return '\r';
	}
	return c;
}

static bool is_cc(const struct termios_k *t, unsigned char c, int index)
{
	return c && c == t->c_cc[index];
}

static bool line_end(const struct termios_k *t, unsigned char c)
{
	return c == '\n' || is_cc(t, c, VEOL) || is_cc(t, c, VEOL2);
}

static void add_mark(struct tty_queue *q, uint64_t pos, bool eof)
{
	if (q->marks < TTY_MARKS) {
		q->mark[q->marks].pos = pos;
		q->mark[q->marks++].eof = eof;
	}
}

static void drop_mark(struct tty_queue *q)
{
	memmove(q->mark, q->mark + 1, --q->marks * sizeof(q->mark[0]));
}

/* Canonical mode: c, at *w, edits the line or goes into it. */
static void canonical(struct tty_queue *q, const struct termios_k *t, unsigned char c, uint64_t *w,
                      const struct ldisc_ops *ops)
{
	if (is_cc(t, c, VERASE)) {
		if (*w > q->edit)
			erase_one(q, t, w, ops);
	} else if (is_cc(t, c, VWERASE) && lflag(t, IEXTEN)) {
		erase_word(q, t, w, ops);
	} else if (is_cc(t, c, VKILL)) {
		erase_line(q, t, w, ops);
	} else if (is_cc(t, c, VEOF)) {
		add_mark(q, *w, *w == q->edit); /* an empty line reads as an end of file */
		q->edit = *w;
	} else if (line_end(t, c) || *w - q->edit < TTY_LINE_MAX) {
		*at(q, (*w)++) = (char)c;
		echo_byte(t, c, ops);
		if (line_end(t, c))
			q->edit = *w;
	}
}

/* Nothing to do byte by byte: no editing, echo, signal keys or translation. */
static bool passes_as_is(const struct termios_k *t)
{
	return !(t->c_lflag & (ICANON | ECHO | ECHONL | ISIG)) &&
	       !(t->c_iflag & (ISTRIP | INLCR | IGNCR | ICRNL));
}

void ldisc_receive(struct tty_queue *q, const struct termios_k *t, size_t n,
                   const struct ldisc_ops *ops)
{
	uint64_t w = q->wr; /* where the next kept byte goes: never after the byte read */

	if (passes_as_is(t)) { /* a pipe, or raw mode: at once, whatever n (kernel code is
	                          emulated instruction by instruction on PVM) */
		q->wr = q->edit = q->wr + n;
		return;
	}
	for (uint64_t p = q->wr; p < q->wr + n; p++) {
		int c = translate(t, (unsigned char)*at(q, p)), sig;

		if (c < 0)
			continue;
		if ((sig = signal_of(t, (unsigned char)c))) {
			if (lflag(t, ECHO))
				echo_byte(t, (unsigned char)c, ops);
			if (!lflag(t, NOFLSH)) {
				w = q->rd;
				q->edit = q->rd;
				q->marks = 0;
			}
			ops->signal(sig);
		} else if (lflag(t, ICANON)) {
			canonical(q, t, (unsigned char)c, &w, ops);
		} else {
			*at(q, w++) = (char)c;
			echo_byte(t, (unsigned char)c, ops);
			q->edit = w;
		}
	}
	q->wr = w;
}

size_t ldisc_readable(const struct tty_queue *q, const struct termios_k *t, size_t len, bool ended,
                      bool *eof)
{
	uint64_t end = lflag(t, ICANON) && !ended ? q->edit : q->wr;
	size_t n = 0;

	*eof = false;
	if (q->marks && q->mark[0].pos <= end)
		end = q->mark[0].pos;
	if (q->marks && q->mark[0].pos == q->rd && q->mark[0].eof) {
		*eof = true;
		return 0;
	}
	if (!lflag(t, ICANON) || ended) /* no lines: all there is, at once */
		return end - q->rd < len ? (size_t)(end - q->rd) : len;
	while (q->rd + n < end && n < len) {
		char c = q->buf[(q->rd + n++) % TTY_BUF_SIZE];

		if (line_end(t, (unsigned char)c))
			break; /* one line per read */
	}
	return n;
}

void ldisc_consumed(struct tty_queue *q, size_t n, bool eof)
{
	q->rd += n;
	if (q->marks && q->mark[0].pos == q->rd && q->mark[0].eof == eof)
		drop_mark(q); /* the end of file read, or the end of a line VEOF ended */
}

void ldisc_commit_line(struct tty_queue *q)
{
	q->edit = q->wr;
}

void ldisc_flush(struct tty_queue *q)
{
	q->wr = q->edit = q->rd;
	q->marks = 0;
}

void ldisc_default_termios(struct termios_k *t)
{
	static const uint8_t cc[NCCS] = {
		[VINTR] = CTRL('C'), [VQUIT] = CTRL('\\'),  [VERASE] = DEL,
		[VKILL] = CTRL('U'), [VEOF] = CTRL('D'),    [VMIN] = 1,
		[VSUSP] = CTRL('Z'), [VWERASE] = CTRL('W'), [VLNEXT] = CTRL('V'),
	};

	memset(t, 0, sizeof(*t));
	t->c_iflag = ICRNL | IXON | IUTF8;
	t->c_oflag = OPOST | ONLCR;
	t->c_cflag = B38400 | CS8 | CREAD | HUPCL;
	t->c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	memcpy(t->c_cc, cc, sizeof(cc));
}
