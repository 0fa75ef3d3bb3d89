// SPDX-License-Identifier: MIT
/*
 * Argument lists from the vmm (guest/kernel/argv.c), compiled for the host:
 * the words and escapes of abi.h section 7 decoded in place, empty words
 * (between separators and at the end) kept, malformed escapes and too many
 * words refused; the environment module's NUL-terminated strings split.
 */
#include <string.h>

#include <CUnit/CUnit.h>

#include "argv.h"
#include "suites.h"

#define MAX 8

static int decode(const char *in, char sep, char **w, int max)
{
	static char buf[256];

	strcpy(buf, in);
	return argv_decode(buf, sep, w, max);
}

static void test_words(void)
{
	char *w[MAX];

	CU_ASSERT_EQUAL(decode("/bin/busybox echo hello", ' ', w, MAX), 3);
	CU_ASSERT_STRING_EQUAL(w[0], "/bin/busybox");
	CU_ASSERT_STRING_EQUAL(w[1], "echo");
	CU_ASSERT_STRING_EQUAL(w[2], "hello");
	CU_ASSERT_EQUAL(decode("prog,a,b", ',', w, MAX), 3);
	CU_ASSERT_STRING_EQUAL(w[2], "b");
	CU_ASSERT_EQUAL(decode("", ' ', w, MAX), 0);
	CU_ASSERT_EQUAL(decode("one", ' ', w, MAX), 1);
	CU_ASSERT_STRING_EQUAL(w[0], "one");
}

/* %XX, either case, for the blank, '%', ',' and any byte outside '!'..'~'. */
static void test_escapes(void)
{
	char *w[MAX];

	CU_ASSERT_EQUAL(decode("a%20b %25%2C%2c x%0Ay%FF", ' ', w, MAX), 3);
	CU_ASSERT_STRING_EQUAL(w[0], "a b");
	CU_ASSERT_STRING_EQUAL(w[1], "%,,");
	CU_ASSERT_STRING_EQUAL(w[2], "x\ny\xff");
	CU_ASSERT_EQUAL(decode("sh,-c,echo%20out;%20exit%203", ',', w, MAX), 3);
	CU_ASSERT_STRING_EQUAL(w[2], "echo out; exit 3");
}

/* Every separator starts a word: empty ones in the middle and at the end. */
static void test_empty_words(void)
{
	char *w[MAX];

	CU_ASSERT_EQUAL(decode("prog  b", ' ', w, MAX), 3);
	CU_ASSERT_STRING_EQUAL(w[1], "");
	CU_ASSERT_STRING_EQUAL(w[2], "b");
	CU_ASSERT_EQUAL(decode("prog a ", ' ', w, MAX), 3); /* the vmm's argv {prog, a, ""} */
	CU_ASSERT_STRING_EQUAL(w[1], "a");
	CU_ASSERT_STRING_EQUAL(w[2], "");
	CU_ASSERT_EQUAL(decode("prog,", ',', w, MAX), 2);
	CU_ASSERT_STRING_EQUAL(w[1], "");
}

static void test_refusals(void)
{
	char *w[MAX];

	CU_ASSERT_EQUAL(decode("a %2", ' ', w, MAX), -1);
	CU_ASSERT_EQUAL(decode("a %", ' ', w, MAX), -1);
	CU_ASSERT_EQUAL(decode("a %zz", ' ', w, MAX), -1);
	CU_ASSERT_EQUAL(decode("a %g0", ' ', w, MAX), -1);
	CU_ASSERT_EQUAL(decode("a b c", ' ', w, 2), -1);
	CU_ASSERT_EQUAL(decode("a b ", ' ', w, 2), -1); /* the empty third word counts */
	CU_ASSERT_EQUAL(decode("a b c", ' ', w, 3), 3);
}

static void test_strings(void)
{
	char env[] = "HOME=/\0LANG=C\0\0TAIL";
	char *w[MAX];

	CU_ASSERT_EQUAL(argv_strings(env, sizeof(env) - 1, w, MAX), 3);
	CU_ASSERT_STRING_EQUAL(w[0], "HOME=/");
	CU_ASSERT_STRING_EQUAL(w[1], "LANG=C");
	CU_ASSERT_STRING_EQUAL(w[2], ""); /* TAIL has no NUL: left out */
	CU_ASSERT_EQUAL(argv_strings(env, 0, w, MAX), 0);
	CU_ASSERT_EQUAL(argv_strings(env, sizeof(env) - 1, w, 2), -1);
	CU_ASSERT_EQUAL(argv_strings(env, 7, w, 1), 1);
}

int suite_kernel_argv(void)
{
	static const struct unit_test tests[] = {
#define T(fn) { #fn, fn }
		T(test_words),    T(test_escapes), T(test_empty_words),
		T(test_refusals), T(test_strings),
#undef T
	};
	return add_suite("kernel_argv", NULL, NULL, NULL, NULL, tests,
	                 sizeof(tests) / sizeof(tests[0]));
}
