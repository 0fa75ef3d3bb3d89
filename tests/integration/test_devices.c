/* SPDX-License-Identifier: MIT */
/*
 * The device policy (docs/abi.md): an access no device decodes reads
 * all-ones and drops writes, the guest runs on, the trace marks the exit
 * "unclaimed" and stderr names the port once; --strict-io makes it a
 * crash (test_crash.c).  The exit port and the doorbell decode exactly
 * their documented access.
 */
#include <string.h>
#include <sys/stat.h>

#include "harness.h"
#include "itests.h"
#include "lde/abi.h"

/* Lines of S that contain NEEDLE. */
static int count_lines(const char *s, const char *needle)
{
	int n = 0;

	for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* The last exit record in TRACE at PORT (IO) or ADDR (MMIO, port < 0). */
static json_t *exit_at(json_t *trace, long port, const char *addr)
{
	json_t *exits = itest_trace_select(trace, "exit"), *e, *found = NULL;
	size_t i;

	json_array_foreach(exits, i, e) {
		if (port >= 0 ? jint(e, "port") == port && json_object_get(e, "port") :
		                addr && strcmp(jstr(e, "addr"), addr) == 0)
			found = e;
	}
	json_incref(found);
	json_decref(exits);
	return found;
}

/* The lde kernel's test=port and test=mmio run on: the guest reports the
 * access ignored and exits with its own status (1: the scenario "failed"). */
static void ignored_case(const char *cmdline, const char *console, const char *warning, long port,
                         const char *addr)
{
	const char *path = itest_tmpfile(".jsonl");
	struct vmm_result r;
	json_t *trace, *e, *summary;

	RUN_VMM(&r, "--trace", path, "--cmdline", cmdline, itest_guest());
	CU_ASSERT_EQUAL(r.status, LDE_GUEST_FAILURE);
	CU_ASSERT_TRUE(itest_contains(r.out, console));
	CU_ASSERT_TRUE(itest_contains(r.err, warning));
	CU_ASSERT_FALSE(itest_contains(r.err, "crashed"));
	trace = trace_load(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	e = exit_at(trace, port, addr);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_TRUE(json_is_true(json_object_get(e, "unclaimed")));
	summary = json_array_get(trace, json_array_size(trace) - 1);
	CU_ASSERT_STRING_EQUAL(jstr(summary, "end"), "guest-exit");
	json_decref(e);
	json_decref(trace);
	itest_result_free(&r);
	remove(path);
}

static void test_unclaimed_port_ignored(void)
{
	ignored_case("test=port", "test: port 0x2f0 write was ignored",
	             "vmm: warning: unclaimed I/O port 0x2f0 (out, 1 byte): writes are dropped, "
	             "reads return all-ones",
	             0x2f0, NULL);
}

static void test_unclaimed_mmio_ignored(void)
{
	ignored_case("test=mmio", "test: mmio write to 0xd0000000 was ignored",
	             "vmm: warning: unclaimed MMIO write at 0xd0000000", -1, "0xd0000000");
}

/* Widths and offsets are decoded exactly; reads see all-ones, and the
 * trace's data is what the guest read. */
static void test_exact_decoding(void)
{
	const char *path = itest_tmpfile(".jsonl");
	struct vmm_result r;
	json_t *trace, *e;

	RUN_VMM(&r, "--trace", path, itest_test_guest("unclaimed"));
	CU_ASSERT_EQUAL(r.status, 33);
	CU_ASSERT_TRUE(itest_contains(r.out, "unclaimed: writes dropped, reads all-ones"));
	CU_ASSERT_TRUE(itest_contains(r.err, "unclaimed I/O port 0xf4 (out, 1 byte)"));
	CU_ASSERT_TRUE(itest_contains(r.err, "unclaimed I/O port 0xf5 (out, 4 bytes)"));
	CU_ASSERT_TRUE(itest_contains(r.err, "unclaimed I/O port 0xf8 (out, 1 byte)"));
	trace = trace_load(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	e = exit_at(trace, 0xf9, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_STRING_EQUAL(jstr(e, "data"), "ff"); /* what the guest received */
	json_decref(e);
	e = exit_at(trace, -1, "0xd0000000");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	json_decref(e);
	json_decref(trace);
	itest_result_free(&r);
	remove(path);
}

/* 65,536 ports: the guest's own status, a bounded number of warnings. */
static void test_every_port(void)
{
	struct vmm_result r;

	RUN_VMM(&r, itest_test_guest("allports"));
	CU_ASSERT_EQUAL(r.status, 44);
	CU_ASSERT_FALSE(r.hung);
	CU_ASSERT_TRUE(count_lines(r.err, "vmm: warning: unclaimed") <= 16);
	CU_ASSERT_EQUAL(count_lines(r.err, "no more warnings"), 1);
	CU_ASSERT_TRUE(strlen(r.err) < 4096);
	itest_result_free(&r);
	RUN_VMM(&r, "--quiet", "--strict-io", itest_test_guest("allports"));
	CU_ASSERT_EQUAL(r.status, LDE_VMM_CRASH); /* stopped at port 0 */
	CU_ASSERT_TRUE(itest_contains(r.err, "unclaimed I/O port 0x0 (out, 1 byte)"));
	itest_result_free(&r);
}

/* Sheer volume: a console flood ends at --trace-max with a complete trace
 * whose summary says why (the file may pass SIZE by the last exit record
 * and the summary; this guest has no trace ring to drain). */
static void test_trace_max(void)
{
	const char *path = itest_tmpfile(".jsonl");
	struct vmm_result r;
	json_t *trace, *summary;
	struct stat st;

	RUN_VMM(&r, "--quiet", "--console", "none", "--timeout", "60", "--trace", path,
	        "--trace-max", "1M", itest_test_guest("flood"));
	CU_ASSERT_EQUAL(r.status, LDE_VMM_TRACE_FULL);
	CU_ASSERT_TRUE(itest_contains(r.err, "reached --trace-max (1048576 bytes): the run stops"));
	CU_ASSERT_EQUAL_FATAL(stat(path, &st), 0);
	CU_ASSERT_TRUE(st.st_size >= (1 << 20) && st.st_size < (1 << 20) + (16 << 10));
	trace = trace_load(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	summary = json_array_get(trace, json_array_size(trace) - 1);
	CU_ASSERT_STRING_EQUAL(jstr(summary, "type"), "summary");
	CU_ASSERT_STRING_EQUAL(jstr(summary, "end"), "trace-full");
	CU_ASSERT_EQUAL(jint(summary, "trace_max"), 1 << 20);
	CU_ASSERT_EQUAL(jint(summary, "status"), LDE_VMM_TRACE_FULL);
	json_decref(trace);
	itest_result_free(&r);
	remove(path);
}

int suite_devices(CU_pSuite *out)
{
	static const struct itest tests[] = {
		{ "unclaimed port: write dropped, guest runs on", test_unclaimed_port_ignored },
		{ "unclaimed MMIO: write dropped, guest runs on", test_unclaimed_mmio_ignored },
		{ "exit port and doorbell decode their width and port only", test_exact_decoding },
		{ "all 65,536 ports: the guest's status, bounded warnings", test_every_port },
		{ "--trace-max ends a console flood, trace complete -> 124", test_trace_max },
		{ NULL, NULL },
	};
	return itest_add_suite("devices", tests, out);
}
