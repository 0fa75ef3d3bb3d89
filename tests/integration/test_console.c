/* SPDX-License-Identifier: MIT */
/*
 * Suite "console": the vmm's stdin reaches ring-3 programs through COM1's
 * receive interrupt.  Debian's busybox reads a pipe: cat, wc -l, md5sum
 * of more input than every buffer between stdin and the program holds,
 * the end of input with and without a last newline, a reader waiting for
 * late input beside a compute-bound program, and the trace's record of
 * the UART's interrupts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "itests.h"

#define BUSYBOX "/bin/busybox"
/* More than the vmm's read-ahead (64 KiB) and the kernel's buffer (16 KiB) together. */
#define BIG (300 * 1024)
#define CAT_BYTES (20 * 1024)

static bool have_busybox(void)
{
	return itest_have(BUSYBOX);
}

static void run_with(struct vmm_result *r, const char *input, const char *applet, const char *arg)
{
	struct itest_input in = { input, strlen(input), NULL };

	if (arg)
		RUN_VMM_STDIN(r, &in, "-q", itest_guest(), BUSYBOX, applet, arg);
	else
		RUN_VMM_STDIN(r, &in, "-q", itest_guest(), BUSYBOX, applet);
}

/* The issue's own example, and the end of input with and without a last newline. */
static void test_wc_cat_eof(void)
{
	static const struct {
		const char *input, *applet, *arg, *want;
	} cases[] = {
		{ "x\ny\n", "wc", "-l", "2\n" },
		{ "x\ny", "wc", "-l", "1\n" }, /* no newline after the last line */
		{ "", "wc", "-c", "0\n" },     /* end of input at once */
		{ "abc\n", "cat", NULL, "abc\n" },
		{ "abc", "cat", NULL, "abc" },
	};
	struct vmm_result r;

	if (!have_busybox())
		return;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run_with(&r, cases[i].input, cases[i].applet, cases[i].arg);
		CU_ASSERT_EQUAL(r.status, 0);
		if (strcmp(r.out, cases[i].want))
			fprintf(stderr, "\n  busybox %s on %zu bytes: got '%s', expected '%s'\n",
			        cases[i].applet, strlen(cases[i].input), r.out, cases[i].want);
		CU_ASSERT_STRING_EQUAL(r.out, cases[i].want);
		itest_result_free(&r);
	}
}

/* BIG bytes of lines, deterministic: "line N <letters>\n". */
static char *big_text(size_t *n)
{
	char *t = malloc(BIG + 64);
	size_t len = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	for (unsigned i = 0; len < BIG; i++)
		len += (size_t)sprintf(t + len, "line %u %.*s\n", i, (int)(i % 40),
		                       "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN");
	*n = len;
	return t;
}

/* What the host's md5sum says of DATA (as "HASH  -\n"). */
static void host_md5(const char *data, size_t n, char *out, size_t size)
{
	const char *path = itest_write_tmpfile(data, n);
	char cmd[4200];
	FILE *p;

	snprintf(cmd, sizeof(cmd), "md5sum < '%s'", path);
	p = popen(cmd, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	if (!fgets(out, (int)size, p))
		out[0] = '\0';
	pclose(p);
	remove(path);
}

/* More input than every buffer: md5sum agrees with the host's, wc -l
 * counts every line; cat gives back its first CAT_BYTES byte for byte
 * (more than the kernel's buffer, fewer than all: on nested SVM, KVM
 * emulates cat's `rep outsb` to the output port one exit per byte). */
static void test_big_input(void)
{
	size_t n;
	char *text = big_text(&n), want[128], lines[32];
	struct itest_input in = { text, n, NULL };
	struct vmm_result r;
	unsigned nl = 0;

	if (!have_busybox()) {
		free(text);
		return;
	}
	in.n = CAT_BYTES;
	RUN_VMM_STDIN(&r, &in, "-q", itest_guest(), BUSYBOX, "cat");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(strlen(r.out), CAT_BYTES);
	CU_ASSERT(strlen(r.out) == CAT_BYTES && memcmp(r.out, text, CAT_BYTES) == 0);
	itest_result_free(&r);
	in.n = n;
	host_md5(text, n, want, sizeof(want));
	CU_ASSERT(strlen(want) == 32 + 4);
	RUN_VMM_STDIN(&r, &in, "-q", itest_guest(), BUSYBOX, "md5sum");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, want);
	itest_result_free(&r);
	for (size_t i = 0; i < n; i++)
		nl += text[i] == '\n';
	snprintf(lines, sizeof(lines), "%u\n", nl);
	RUN_VMM_STDIN(&r, &in, "-q", itest_guest(), BUSYBOX, "wc", "-l");
	CU_ASSERT_STRING_EQUAL(r.out, lines);
	itest_result_free(&r);
	free(text);
}

/* Records of TRACE with KEY == VALUE (strings) among those of TYPE. */
static size_t count_str(json_t *trace, const char *type, const char *key, const char *value)
{
	json_t *sel = itest_trace_select(trace, type), *rec;
	size_t i, n = 0;

	json_array_foreach(sel, i, rec)
		n += jstr(rec, key) && !strcmp(jstr(rec, key), value);
	json_decref(sel);
	return n;
}

/* The trace: COM1 interrupts as trap records with their source, counted
 * in the summary; the UART's exits, a rep insb among them, and the stdin
 * status port's. */
static void test_trace_shows_interrupts(void)
{
	const char *path = itest_tmpfile(".jsonl");
	struct itest_input in = { "x\ny\n", 4, NULL };
	json_t *trace, *sum, *exits, *rec;
	struct vmm_result r;
	bool bulk = false;
	size_t i;

	if (!have_busybox())
		return;
	RUN_VMM_STDIN(&r, &in, "-q", "--trace", path, itest_guest(), BUSYBOX, "wc", "-l");
	CU_ASSERT_STRING_EQUAL(r.out, "2\n");
	trace = trace_load(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	CU_ASSERT(count_str(trace, "trap", "source", "com1") >= 1);
	sum = json_array_get(trace, json_array_size(trace) - 1);
	CU_ASSERT(json_integer_value(json_object_get(json_object_get(sum, "interrupts"), "com1")) ==
	          (json_int_t)count_str(trace, "trap", "source", "com1"));
	CU_ASSERT(count_str(trace, "exit", "device", "stdin-status") >= 1);
	exits = itest_trace_select(trace, "exit");
	json_array_foreach(exits, i, rec)
		if (jstr(rec, "device") && !strcmp(jstr(rec, "device"), "uart") &&
		    !strcmp(jstr(rec, "dir"), "in") && jint(rec, "count") == 4)
			bulk = true; /* the four bytes in one rep insb */
	CU_ASSERT(bulk);
	json_decref(exits);
	json_decref(trace);
	itest_result_free(&r);
	remove(path);
}

/* The task of TRACE whose "created" record names NAME, or -1. */
static json_int_t task_named(json_t *trace, const char *name)
{
	json_t *sel = itest_trace_select(trace, "task"), *rec;
	json_int_t id = -1;
	size_t i;

	json_array_foreach(sel, i, rec)
		if (!strcmp(jstr(rec, "event"), "created") && jstr(rec, "name") &&
		    strstr(jstr(rec, "name"), name))
			id = jint(rec, "task");
	json_decref(sel);
	return id;
}

/*
 * A reader waiting for late input beside a compute-bound program: the
 * input comes only once the kernel said the reader started (so it waits);
 * it sleeps, the spinner has the CPU meanwhile, and both end right.
 */
static void test_late_input_beside_compute(void)
{
	const char *path = itest_tmpfile(".jsonl");
	const char *spin = getenv("LDE_TEST_PROGRAMS");
	struct itest_input in = { "late\n", 5, "console input:" };
	char spin_run[4200];
	json_t *trace, *sel, *rec;
	json_int_t cat, spinner;
	bool slept_for_spin = false;
	struct vmm_result r;
	size_t i;

	snprintf(spin_run, sizeof(spin_run), "%s/spin", spin ? spin : "build/tests/programs");
	if (!have_busybox() || !itest_have(spin_run))
		return;
	strcat(spin_run, " 300000000");
	RUN_VMM_STDIN(&r, &in, "--trace", path, "-r", spin_run, itest_guest(), BUSYBOX, "cat");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT(strstr(r.out, "late\n") != NULL);
	CU_ASSERT(strstr(r.out, "spin: 300000000 rounds") != NULL);
	trace = trace_load(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	cat = task_named(trace, "busybox");
	spinner = task_named(trace, "spin");
	CU_ASSERT(cat > 0 && spinner > 0);
	sel = itest_trace_select(trace, "switch");
	json_array_foreach(sel, i, rec)
		if (jint(rec, "task") == cat && !strcmp(jstr(rec, "reason"), "sleeping") &&
		    jint(rec, "next") == spinner)
			slept_for_spin = true;
	CU_ASSERT(slept_for_spin);
	json_decref(sel);
	json_decref(trace);
	itest_result_free(&r);
	remove(path);
}

/* The poll records (nr 7) of TRACE: how many returned RET, and the
 * shortest time one of them took. */
static size_t polls(json_t *trace, json_int_t ret, json_int_t *min_ns)
{
	json_t *sel = itest_trace_select(trace, "syscall"), *rec;
	size_t i, n = 0;

	*min_ns = -1;
	json_array_foreach(sel, i, rec)
		if (jint(rec, "nr") == 7 && jint(rec, "ret") == ret) {
			n++;
			if (*min_ns < 0 || jint(rec, "dur_ns") < *min_ns)
				*min_ns = jint(rec, "dur_ns");
		}
	json_decref(sel);
	return n;
}

/* busybox sh's `read -t` polls fd 0: input there, or the timeout when the
 * pipe stays open and silent (the feeder waits for a line that never
 * comes). */
static void test_poll(void)
{
	const char *path = itest_tmpfile(".jsonl");
	struct itest_input hi = { "hi\n", 3, NULL }, silent = { "", 0, "(never said)" };
	struct vmm_result r;
	json_t *trace;
	json_int_t ns;

	if (!have_busybox())
		return;
	RUN_VMM_STDIN(&r, &hi, "-q", "--trace", path, itest_guest(), BUSYBOX, "sh", "-c",
	              "read -t 5 x; echo \"got $x\"");
	CU_ASSERT_STRING_EQUAL(r.out, "got hi\n");
	trace = trace_load(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	CU_ASSERT(polls(trace, 1, &ns) >= 1);
	json_decref(trace);
	itest_result_free(&r);
	RUN_VMM_STDIN(&r, &silent, "-q", "--trace", path, itest_guest(), BUSYBOX, "sh", "-c",
	              "read -t 0.2 x; echo \"status $?\"");
	CU_ASSERT_STRING_EQUAL(r.out, "status 1\n");
	trace = trace_load(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	CU_ASSERT_EQUAL(polls(trace, 0, &ns), 1);
	CU_ASSERT(ns >= 190 * 1000 * 1000); /* 20 ticks at least: guest time, not the host's */
	json_decref(trace);
	itest_result_free(&r);
	remove(path);
}

int suite_console(CU_pSuite *out)
{
	static const struct itest tests[] = {
		{ "printf 'x\\ny\\n' | wc -l is 2; the end of input with and without a last "
		  "newline",
		  test_wc_cat_eof },
		{ "300 KB, more than every buffer: md5sum as the host's, wc -l; cat 20 KB exact",
		  test_big_input },
		{ "the trace: COM1 interrupts with source com1, counted; rep insb; status port",
		  test_trace_shows_interrupts },
		{ "a reader waits for late input, a compute-bound program runs meanwhile",
		  test_late_input_beside_compute },
		{ "poll on fd 0 (busybox read -t): input, and the timeout", test_poll },
		{ NULL, NULL },
	};
	return itest_add_suite("console", tests, out);
}
