// SPDX-License-Identifier: MIT
/*
 * The console's line discipline (guest/kernel/ldisc.c), compiled for the
 * host: what a program reads and what the screen shows for keys typed at
 * a terminal in canonical mode (erase, word erase, kill, end of file,
 * lines), in raw mode, with the signal keys, and the input translations.
 */
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "ldisc.h"
#include "suites.h"

static char screen[1024];
static size_t shown;
static int signals[8], nsignals;

static void echo(const char *s, size_t n)
{
	memcpy(screen + shown, s, n);
	shown += n;
	screen[shown] = '\0';
}

static void on_signal(int sig)
{
	signals[nsignals++] = sig;
}

static const struct ldisc_ops ops = { echo, on_signal };
static struct tty_queue *q;
static struct termios_k t;

static int setup(void)
{
	q = calloc(1, sizeof(*q));
	return q ? 0 : -1;
}

static int teardown(void)
{
	free(q);
	return 0;
}

/* A fresh terminal as Linux sets one up. */
static void fresh(void)
{
	memset(q, 0, sizeof(*q));
	ldisc_default_termios(&t);
	shown = 0;
	screen[0] = '\0';
	nsignals = 0;
}

/* The keys typed arrive as the driver puts them: at the queue's end. */
static void type(const char *keys)
{
	size_t n = strlen(keys);

	for (size_t i = 0; i < n; i++)
		q->buf[(q->wr + i) % TTY_BUF_SIZE] = keys[i];
	ldisc_receive(q, &t, n, &ops);
}

/* One read(len): what it returns, NUL-terminated; *n its count (-1: would block). */
static const char *read_once(size_t len, long *n)
{
	static char out[TTY_BUF_SIZE + 1];
	bool eof;
	size_t k = ldisc_readable(q, &t, len, false, &eof);

	for (size_t i = 0; i < k; i++)
		out[i] = q->buf[(q->rd + i) % TTY_BUF_SIZE];
	out[k] = '\0';
	*n = k || eof ? (long)k : -1;
	ldisc_consumed(q, k, eof);
	return out;
}

static void test_line_at_a_time(void)
{
	long n;

	fresh();
	type("hello");
	read_once(100, &n);
	CU_ASSERT_EQUAL(n, -1); /* no line yet: a reader waits */
	type("\r");             /* Enter: ICRNL makes it '\n' */
	CU_ASSERT_STRING_EQUAL(read_once(100, &n), "hello\n");
	CU_ASSERT_STRING_EQUAL(screen, "hello\n");
	type("one\ntwo\n");
	CU_ASSERT_STRING_EQUAL(read_once(100, &n), "one\n"); /* a line per read */
	CU_ASSERT_STRING_EQUAL(read_once(2, &n), "tw");      /* or less */
	CU_ASSERT_STRING_EQUAL(read_once(100, &n), "o\n");
}

static void test_erase_kill_werase(void)
{
	long n;

	fresh();
	type("ab\x7f"
	     "c\n");
	CU_ASSERT_STRING_EQUAL(read_once(100, &n), "ac\n");
	CU_ASSERT_STRING_EQUAL(screen, "ab\b \bc\n");
	fresh();
	type("x\x01\x7f\x7f\x7fy\n"); /* a control byte shown as ^A takes two columns */
	CU_ASSERT_STRING_EQUAL(read_once(100, &n), "y\n");
	CU_ASSERT_STRING_EQUAL(screen, "x^A\b \b\b \b\b \by\n");
	fresh();
	type("rm -rf /tmp/x\x17\x17"
	     "ls\n"); /* ^W twice: "/tmp/x", then "-rf " */
	CU_ASSERT_STRING_EQUAL(read_once(100, &n), "rm ls\n");
	fresh();
	type("typo line\x15"
	     "fixed\n"); /* ^U */
	CU_ASSERT_STRING_EQUAL(read_once(100, &n), "fixed\n");
	fresh();
	type("done\n\x7f\x7f\x7f"
	     "x\n"); /* erase stops at a completed line */
	CU_ASSERT_STRING_EQUAL(read_once(100, &n), "done\n");
	CU_ASSERT_STRING_EQUAL(read_once(100, &n), "x\n");
}

static void test_end_of_file(void)
{
	long n;

	fresh();
	type("abc\x04"); /* ^D after text: the line so far, no newline */
	CU_ASSERT_STRING_EQUAL(read_once(100, &n), "abc");
	CU_ASSERT_EQUAL(n, 3);
	read_once(100, &n);
	CU_ASSERT_EQUAL(n, -1); /* and nothing more: not an end of file */
	type("\x04");           /* ^D on an empty line: one read returns 0 */
	read_once(100, &n);
	CU_ASSERT_EQUAL(n, 0);
	read_once(100, &n);
	CU_ASSERT_EQUAL(n, -1);
	fresh();
	type("last\n\x04"
	     "more\n"); /* ^D after a complete line is an end of file */
	CU_ASSERT_STRING_EQUAL(read_once(100, &n), "last\n");
	read_once(100, &n);
	CU_ASSERT_EQUAL(n, 0);
	CU_ASSERT_STRING_EQUAL(read_once(100, &n), "more\n");
	CU_ASSERT_STRING_EQUAL(screen, "last\nmore\n"); /* ^D is not echoed */
}

static void test_signal_keys(void)
{
	long n;

	fresh();
	type("half a line\x03");
	CU_ASSERT_EQUAL(nsignals, 1);
	CU_ASSERT_EQUAL(signals[0], SIGINT);
	CU_ASSERT_STRING_EQUAL(screen, "half a line^C");
	type("new\n"); /* the half line was flushed */
	CU_ASSERT_STRING_EQUAL(read_once(100, &n), "new\n");
	type("\x1c\x1a");
	CU_ASSERT_EQUAL(nsignals, 3);
	CU_ASSERT_EQUAL(signals[1], SIGQUIT);
	CU_ASSERT_EQUAL(signals[2], SIGTSTP);
	fresh();
	t.c_lflag &= ~(uint32_t)ISIG; /* no ISIG: ^C is a byte like others */
	type("\x03\n");
	CU_ASSERT_EQUAL(nsignals, 0);
	CU_ASSERT_STRING_EQUAL(read_once(100, &n), "\x03\n");
}

static void test_raw(void)
{
	long n;

	fresh();
	t.c_lflag &= ~(uint32_t)(ICANON | ECHO);
	type("a\x7f\x04");
	CU_ASSERT_STRING_EQUAL(read_once(1, &n), "a"); /* at once, no line needed */
	CU_ASSERT_STRING_EQUAL(read_once(100, &n), "\x7f\x04");
	CU_ASSERT_EQUAL(shown, 0u); /* no echo */
	fresh();
	t.c_lflag &= ~(uint32_t)ICANON; /* raw with echo: bytes as they are, ^X for control */
	type("q\x1b");
	CU_ASSERT_STRING_EQUAL(screen, "q^[");
}

static void test_translations(void)
{
	long n;

	fresh();
	t.c_iflag = IGNCR;
	type("a\rb\n");
	CU_ASSERT_STRING_EQUAL(read_once(100, &n), "ab\n");
	fresh();
	t.c_iflag = 0;
	t.c_lflag &= ~(uint32_t)ICANON;
	type("\r");
	CU_ASSERT_STRING_EQUAL(read_once(100, &n), "\r");
	fresh();
	t.c_lflag &= ~(uint32_t)ECHO;
	t.c_lflag |= ECHONL; /* a password prompt's newline still shows */
	type("secret\r");
	CU_ASSERT_STRING_EQUAL(screen, "\n");
	CU_ASSERT_STRING_EQUAL(read_once(100, &n), "secret\n");
}

/* A canonical line longer than TTY_LINE_MAX keeps its first bytes and its end. */
static void test_long_line(void)
{
	static char keys[TTY_LINE_MAX + 101];
	long n;

	fresh();
	t.c_lflag &= ~(uint32_t)ECHO;
	memset(keys, 'x', sizeof(keys) - 1);
	type(keys);
	type("\n");
	read_once(TTY_BUF_SIZE, &n);
	CU_ASSERT_EQUAL(n, TTY_LINE_MAX + 1);
}

/* Not a terminal (a pipe), or raw with nothing to do: every byte as it came, at once. */
static void test_pass_through(void)
{
	long n;

	fresh();
	memset(&t, 0, sizeof(t));
	t.c_cc[VMIN] = 1;
	type("a\r\x03\x7f\x04\n");
	CU_ASSERT_EQUAL(nsignals, 0);
	CU_ASSERT_STRING_EQUAL(read_once(100, &n), "a\r\x03\x7f\x04\n");
	CU_ASSERT_EQUAL(shown, 0u);
}

/* The ring wraps: a long session of lines reads back whole. */
static void test_wraps(void)
{
	long n;

	fresh();
	t.c_lflag &= ~(uint32_t)ECHO;
	for (int i = 0; i < 3000; i++) {
		type("line of text\n");
		CU_ASSERT_STRING_EQUAL(read_once(100, &n), "line of text\n");
	}
	CU_ASSERT_TRUE(q->rd > TTY_BUF_SIZE);
}

int suite_kernel_ldisc(void)
{
	static const struct unit_test tests[] = {
#define T(fn) { #fn, fn }
		T(test_line_at_a_time),
		T(test_erase_kill_werase),
		T(test_end_of_file),
		T(test_signal_keys),
		T(test_raw),
		T(test_translations),
		T(test_long_line),
		T(test_pass_through),
		T(test_wraps),
#undef T
	};
	return add_suite("kernel_ldisc", setup, teardown, NULL, NULL, tests,
	                 sizeof(tests) / sizeof(tests[0]));
}
