/* SPDX-License-Identifier: MIT */
/*
 * Hostile guests (tests/guests/): kernels that attack the vmm through CPU
 * state, ports, the boot structures, the trace ring, timing and volume.
 * Each must end its own run, never the vmm: with the right status, the
 * right message, and a complete trace (boot record first, summary last,
 * whose end and status agree).  test_devices.c has the unclaimed-access,
 * 65,536-port and console-flood guests, test_crash.c the ud2 one.
 */
#include <string.h>

#include "harness.h"
#include "itests.h"
#include "lde/abi.h"

struct hostile {
	const char *guest;  /* tests/guests/NAME.S */
	const char *extra;  /* one more vmm option, or NULL */
	int status;         /* the vmm's exit status */
	const char *end;    /* the summary's "end" */
	const char *stderr; /* in the vmm's messages ("" = anything) */
};

static const struct hostile cases[] = {
	/* timing */
	{ "spin-cli", "--timeout=1", LDE_VMM_TIMEOUT, "timeout", "vmm: timeout: " },
	{ "hlt-forever", "--timeout=1", LDE_VMM_TIMEOUT, "timeout", "vmm: timeout: " },
	/* ports */
	{ "bad-status", NULL, LDE_VMM_BAD_STATUS, "bad-status",
	  "the guest wrote 0xdeadbeef to the exit port" },
	{ "rep-io", NULL, 6, "guest-exit", "" },
	/* the boot structures */
	{ "scribble-boot", NULL, 5, "guest-exit", "" },
	/* CPU state */
	{ "bad-cr3", NULL, LDE_VMM_CRASH, "crash", "vmm: guest crashed: " },
	{ "bad-msr", NULL, LDE_VMM_CRASH, "crash", "vmm: guest crashed: triple fault" },
	{ "wild-jump", NULL, LDE_VMM_CRASH, "crash", "vmm: guest crashed: " },
	{ "garbage-idt", NULL, LDE_VMM_CRASH, "crash", "vmm: guest crashed: triple fault" },
	{ "paging-off", NULL, LDE_VMM_CRASH, "crash", "vmm: guest crashed: triple fault" },
	{ "bad-stack", NULL, LDE_VMM_CRASH, "crash", "vmm: guest crashed: triple fault" },
	/* the trace ring */
	{ "ring-head", NULL, LDE_VMM_CRASH, "crash",
	  "corrupt trace ring: head outside [tail, tail + capacity]" },
	{ "ring-dropped", NULL, LDE_VMM_CRASH, "crash",
	  "corrupt trace ring: dropped count above 2^63 - 1" },
	{ "ring-garbage", NULL, LDE_VMM_CRASH, "crash", "corrupt trace ring: unknown record kind" },
	{ "ring-header", NULL, 8, "guest-exit", "" },
	/* volume */
	{ "doorbell-storm", NULL, 7, "guest-exit", "" },
};

static void run_case(const struct hostile *c)
{
	const char *path = itest_tmpfile(".jsonl");
	struct vmm_result r;
	json_t *trace, *summary;

	if (c->extra)
		RUN_VMM(&r, "--quiet", c->extra, "--trace", path, itest_test_guest(c->guest));
	else
		RUN_VMM(&r, "--quiet", "--trace", path, itest_test_guest(c->guest));
	CU_ASSERT_FALSE(r.hung);
	CU_ASSERT_EQUAL(r.status, c->status);
	CU_ASSERT_TRUE(itest_contains(r.err, c->stderr));
	if (r.status != c->status)
		fprintf(stderr, "\n  %s: status %d, expected %d; stderr: %s\n", c->guest, r.status,
		        c->status, r.err);
	trace = trace_load(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	summary = json_array_get(trace, json_array_size(trace) - 1);
	CU_ASSERT_STRING_EQUAL(jstr(json_array_get(trace, 0), "type"), "boot");
	CU_ASSERT_STRING_EQUAL(jstr(summary, "type"), "summary");
	CU_ASSERT_STRING_EQUAL(jstr(summary, "end"), c->end);
	CU_ASSERT_EQUAL(jint(summary, "status"), c->status);
	json_decref(trace);
	itest_result_free(&r);
	remove(path);
}

static void test_hostile_guests(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
}

int suite_hostile(CU_pSuite *out)
{
	static const struct itest tests[] = {
		{ "16 hostile guests end their own runs, trace complete", test_hostile_guests },
		{ NULL, NULL },
	};
	return itest_add_suite("hostile", tests, out);
}
