// SPDX-License-Identifier: MIT
/*
 * The console as a terminal: the vmm run on a pseudo-terminal, as a user
 * at a terminal runs it (pty_session.h), with tests/programs/tty and
 * busybox sh.  What is typed is edited by the guest's line discipline
 * (one echo, the erase shown), ^D ends a read, raw mode gives a key at
 * once, ^C reaches the program as SIGINT (not the vmm), Ctrl-A x ends the
 * run, and the terminal's settings are back afterwards.
 */
#include <signal.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include <lde/abi.h>

#include "harness.h"
#include "itests.h"
#include "pty_session.h"

#define WAIT_S 30.0 /* for a screen to show something (the SVM lane is slow) */

/* Starts tests/programs/tty with the cases in ARGS on a terminal. */
static bool start_tty(struct pty_session *s, const char *const *args)
{
	const char *prog = itest_program("tty");
	const char *argv[8] = { "-q", itest_guest(), prog };
	size_t n = 3;

	if (!itest_have(prog))
		return false;
	while (*args && n < 7)
		argv[n++] = *args++;
	argv[n] = NULL;
	CU_ASSERT_TRUE_FATAL(pty_start(s, argv));
	return true;
}

static void finish(struct pty_session *s, int want)
{
	CU_ASSERT_EQUAL(pty_finish(s, WAIT_S), want);
	CU_ASSERT_TRUE(pty_restored(s)); /* the terminal as it was */
	pty_free(s);
}

static void test_canonical_line(void)
{
	struct pty_session s;

	if (!start_tty(&s, (const char *[]){ "modes", "canon", NULL }))
		return;
	CU_ASSERT_TRUE(pty_expect(&s,
	                          "modes: isatty 1, ICANON 1, ECHO 1, ISIG 1, ICRNL 1, "
	                          "VINTR 3, VERASE 127",
	                          WAIT_S));
	CU_ASSERT_TRUE(pty_expect(&s, "ready\r\n", WAIT_S));
	pty_type(&s, "ab\x7f"
	             "c\r");
	CU_ASSERT_TRUE(pty_expect(&s, "ab\b \bc\r\n", WAIT_S)); /* one echo, the erase shown */
	CU_ASSERT_TRUE(pty_expect(&s, "canon 3 [ac\\n]", WAIT_S));
	finish(&s, 0);
}

static void test_end_of_file_key(void)
{
	struct pty_session s;

	if (!start_tty(&s, (const char *[]){ "eof", NULL }))
		return;
	CU_ASSERT_TRUE(pty_expect(&s, "ready\r\n", WAIT_S));
	pty_type(&s, "abc\x04");
	CU_ASSERT_TRUE(pty_expect(&s, "eof 3 [abc]", WAIT_S));
	pty_type(&s, "\x04");
	CU_ASSERT_TRUE(pty_expect(&s, "eof 0 []", WAIT_S));
	pty_type(&s, "\x04"); /* the program reads on after an end of file, as from a terminal */
	CU_ASSERT_TRUE(pty_expect(&s, "eof 0 []", WAIT_S));
	finish(&s, 0);
}

static void test_raw_mode(void)
{
	struct pty_session s;

	if (!start_tty(&s, (const char *[]){ "raw", NULL }))
		return;
	CU_ASSERT_TRUE(pty_expect(&s, "ready\r\n", WAIT_S));
	pty_type(&s, "x");
	CU_ASSERT_TRUE(pty_expect(&s, "raw 1 [x]", WAIT_S));
	CU_ASSERT_FALSE(strstr(s.screen, "xraw") != NULL); /* no echo */
	finish(&s, 0);
}

static void test_ctrl_c(void)
{
	struct pty_session s;

	if (!start_tty(&s, (const char *[]){ "sigint", NULL }))
		return;
	CU_ASSERT_TRUE(pty_expect(&s, "ready\r\n", WAIT_S));
	pty_type(&s, "\x03");
	CU_ASSERT_TRUE(pty_expect(&s, "^Csigint: signal 2, si_code 0x80", WAIT_S));
	finish(&s, 0); /* the program handled it and exited 0: the vmm was not stopped */
}

static void test_ctrl_a_x(void)
{
	struct pty_session s;

	if (!start_tty(&s, (const char *[]){ "canon", NULL }))
		return;
	CU_ASSERT_TRUE(pty_expect(&s, "ready\r\n", WAIT_S));
	pty_type(&s, "\x01x");
	CU_ASSERT_TRUE(pty_expect(&s, "stopped by signal 2", WAIT_S));
	finish(&s, LDE_VMM_SIGNAL_BASE + SIGINT);
}

/* busybox sh, typed at: a pipeline, ^C of a foreground sleep, $? after it, exit. */
static void test_busybox_at_a_terminal(void)
{
	struct pty_session s;
	bool back = false;

	if (!itest_have("/bin/busybox"))
		return;
	CU_ASSERT_TRUE_FATAL(
		pty_start(&s, (const char *[]){ "-q", itest_guest(), "/bin/busybox", "sh", NULL }));
	CU_ASSERT_TRUE(pty_expect(&s, "/ # ", WAIT_S));
	pty_type(&s, "echo one | wc -c\r");
	CU_ASSERT_TRUE(pty_expect(&s, "\r\n4\r\n", WAIT_S));
	CU_ASSERT_TRUE(pty_expect(&s, "/ # ", WAIT_S));
	pty_type(&s, "echo started; sleep 100\r");
	CU_ASSERT_TRUE(pty_expect(&s, "started\r\n", WAIT_S));
	for (int i = 0; i < 10 && !back; i++) { /* until sleep runs and ^C ends it */
		pty_type(&s, "\x03");
		back = pty_expect(&s, "/ # ", 3);
	}
	CU_ASSERT_TRUE(back);
	pty_type(&s, "echo status $?\r");
	CU_ASSERT_TRUE(pty_expect(&s, "status 130", WAIT_S));
	pty_type(&s, "exit 7\r");
	finish(&s, 7);
}

int suite_terminal(CU_pSuite *out)
{
	static const struct itest tests[] = {
		{ "a line typed at a terminal: edited, echoed once, read whole",
		  test_canonical_line },
		{ "^D: the line so far, then an end of file per ^D", test_end_of_file_key },
		{ "raw mode (tcsetattr): a key at once, no echo", test_raw_mode },
		{ "^C: SIGINT (SI_KERNEL) to the program, not to the vmm", test_ctrl_c },
		{ "Ctrl-A x: the run ends (SIGINT status), the terminal restored", test_ctrl_a_x },
		{ "busybox sh at a terminal: pipeline, ^C a sleep, $? 130, exit 7",
		  test_busybox_at_a_terminal },
		{ NULL, NULL },
	};
	return itest_add_suite("terminal", tests, out);
}
