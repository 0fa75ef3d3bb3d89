/* SPDX-License-Identifier: MIT */
/*
 * Suite "fork_modes": the lde kernel's two ways to fork (fork=cow, the
 * default, and fork=eager, which `make bench` compares with it).  Both
 * must be correct: the process API's own cases (tests/programs/fork.c)
 * pass under each.  And copy-on-write must really defer the copies: with
 * tests/programs/forkcopy.c (64 pages written by the parent, one of them
 * by the child), the copy-on-write fork copies nothing at fork and the
 * child's one write copies exactly the page it wrote, where the eager
 * fork copies every page at once and no write faults.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "itests.h"

#define FORKCOPY_PAGES 64
#define PAGE 4096

/* The parts of a forkcopy run's trace these tests look at. */
struct fork_copies {
	int forks;              /* forked records */
	long long copied;       /* their "copied" pages, summed */
	int cow_faults;         /* traps with outcome "cow", anyone's */
	int child_cow_faults;   /* ... the child's */
	int child_buffer_cows;  /* ... the child's in the 64-page buffer */
	int child_written_cows; /* ... the child's at the page it wrote */
};

static unsigned long long hex_of(json_t *rec, const char *key)
{
	return strtoull(jstr(rec, key), NULL, 16);
}

static void count_copies(json_t *trace, unsigned long long buf, unsigned long long written,
                         struct fork_copies *c)
{
	long long child = -1;
	size_t i;
	json_t *rec;

	memset(c, 0, sizeof(*c));
	json_array_foreach(trace, i, rec) {
		const char *type = jstr(rec, "type");
		unsigned long long cr2;

		if (!strcmp(type, "task") && !strcmp(jstr(rec, "event"), "forked")) {
			c->forks++;
			c->copied += jint(rec, "copied");
			child = jint(rec, "task");
		}
		if (strcmp(type, "trap") || !json_object_get(rec, "outcome") ||
		    strcmp(jstr(rec, "outcome"), "cow"))
			continue;
		c->cow_faults++;
		if (jint(rec, "task") != child)
			continue;
		cr2 = hex_of(rec, "cr2");
		c->child_cow_faults++;
		c->child_buffer_cows += cr2 >= buf && cr2 < buf + FORKCOPY_PAGES * PAGE;
		c->child_written_cows += cr2 >= written && cr2 < written + PAGE;
	}
}

/* forkcopy under fork=MODE: its output checked, its trace counted into C. */
static bool run_forkcopy(const char *mode, struct fork_copies *c)
{
	const char *prog = itest_program("forkcopy"), *path = itest_tmpfile(".jsonl");
	unsigned long long buf = 0, written = 0;
	char cmdline[32], pages[16];
	struct vmm_result r;
	const char *line;
	json_t *trace;

	if (!itest_have(prog))
		return false;
	snprintf(cmdline, sizeof(cmdline), "fork=%s", mode);
	snprintf(pages, sizeof(pages), "%d", FORKCOPY_PAGES);
	RUN_VMM(&r, "-q", "--trace", path, "--cmdline", cmdline, itest_guest(), prog, pages);
	itest_assert_status(&r, 0);
	CU_ASSERT_TRUE(itest_contains(r.out, "forkcopy: the child saw its own write and the "
	                                     "parent's pages\n"
	                                     "forkcopy: the parent's pages are unchanged\n"));
	line = strstr(r.out, " pages at ");
	CU_ASSERT_PTR_NOT_NULL(line);
	if (line)
		CU_ASSERT_EQUAL(sscanf(line, " pages at %llx, the child writes the page at %llx",
		                       &buf, &written),
		                2);
	trace = trace_load(path);
	CU_ASSERT_PTR_NOT_NULL(trace);
	if (trace)
		count_copies(trace, buf, written, c);
	json_decref(trace);
	itest_result_free(&r);
	remove(path);
	return trace && written;
}

/* Copy-on-write: nothing copied at fork; the child's write copies its one page. */
static void test_cow_defers_copies(void)
{
	struct fork_copies c;

	if (!run_forkcopy("cow", &c))
		return;
	CU_ASSERT_EQUAL(c.forks, 1);
	CU_ASSERT_EQUAL(c.copied, 0);
	CU_ASSERT_EQUAL(c.child_written_cows, 1);
	CU_ASSERT_EQUAL(c.child_buffer_cows, 1); /* none of the 63 it only read */
	/* its stack and the C library's data are all else it writes */
	CU_ASSERT_TRUE(c.child_cow_faults >= 1 && c.child_cow_faults <= 8);
}

/* Eager: every page of the parent's copied at fork, no write faults after. */
static void test_eager_copies_at_fork(void)
{
	struct fork_copies c;

	if (!run_forkcopy("eager", &c))
		return;
	CU_ASSERT_EQUAL(c.forks, 1);
	CU_ASSERT_TRUE(c.copied >= FORKCOPY_PAGES); /* the buffer, stack, data */
	CU_ASSERT_EQUAL(c.cow_faults, 0);
}

/* The process API's cases under fork=eager: the same results as with copy-on-write. */
static void test_eager_fork_cases(void)
{
	const char *fork = itest_program("fork");
	struct vmm_result r;

	if (!itest_have(fork))
		return;
	RUN_VMM(&r, "-q", "--cmdline", "fork=eager", itest_guest(), fork, "order", "cow", "status",
	        "zombie", "orphan", "pipe", "fdflags", "exec", "/bin/fork", "argv", "one");
	itest_assert_status(&r, 0);
	CU_ASSERT_TRUE(itest_contains(r.out, "child: pid 1, parent 1\nparent: child 1 exited 0\n"));
	CU_ASSERT_TRUE(itest_contains(r.out, "child sees C child 2\nparent sees p  1\n"
	                                     "parent wrote P\n"));
	CU_ASSERT_TRUE(itest_contains(r.out, "exit3: exited 3\nabort: signaled 6\n"
	                                     "kill: signaled 9\n"));
	CU_ASSERT_TRUE(itest_contains(r.out, "argv: one\n/bin/fork: exited 0\n"));
	itest_result_free(&r);
}

/* fork= with another value: said, and the run refused. */
static void test_bad_fork_mode(void)
{
	const char *prog = itest_program("forkcopy");
	struct vmm_result r;

	if (!itest_have(prog))
		return;
	RUN_VMM(&r, "--cmdline", "fork=lazy", itest_guest(), prog);
	CU_ASSERT_NOT_EQUAL(r.status, 0);
	CU_ASSERT_TRUE(itest_contains(r.err, "fork=lazy: expected cow or eager\n"));
	CU_ASSERT_PTR_NULL(strstr(r.out, "forkcopy:"));
	itest_result_free(&r);
}

int suite_fork_modes(CU_pSuite *out)
{
	static const struct itest tests[] = {
		{ "fork=cow: nothing copied at fork, a write copies its one page",
		  test_cow_defers_copies },
		{ "fork=eager: every page copied at fork, no write faults",
		  test_eager_copies_at_fork },
		{ "fork=eager: the process API's cases pass as with copy-on-write",
		  test_eager_fork_cases },
		{ "fork=lazy: refused, said", test_bad_fork_mode },
		{ NULL, NULL },
	};

	return itest_add_suite("fork_modes", tests, out);
}
