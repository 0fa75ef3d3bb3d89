/* SPDX-License-Identifier: MIT */
/*
 * Booting real guests on /dev/kvm: console, exit statuses, command line,
 * memory size, both entry modes, and a trace that accounts for every exit.
 */
#include <stdlib.h>
#include <string.h>

#include "generated/kconfig_digest.h" /* LDE_KCONFIG_DIGEST, as the kernel has it */
#include "harness.h"
#include "itests.h"
#include "lde/abi.h"

#define BANNER "lde kernel (x86_64): booted via PVH"

static void assert_status(const struct vmm_result *r, int status)
{
	CU_ASSERT_EQUAL(r->status, status);
	if (r->status != status)
		fprintf(stderr, "\n  status %d, expected %d\n  stdout: %s\n  stderr: %s\n",
		        r->status, status, r->out, r->err);
}

static void test_default_guest(void)
{
	struct vmm_result r;

	RUN_VMM(&r, "--quiet", itest_guest());
	assert_status(&r, 0);
	CU_ASSERT_TRUE(itest_contains(r.out, BANNER));
	CU_ASSERT_STRING_EQUAL(r.err, ""); /* --quiet: nothing but errors */
	itest_result_free(&r);
}

/* --console FILE: the console goes there, stdout stays empty; --console
 * none with -q: a silent run that still exits with the guest's status. */
static void test_console_option(void)
{
	const char *path = itest_tmpfile(".txt");
	struct vmm_result r;
	char *text;

	RUN_VMM(&r, "--quiet", "--console", path, "--cmdline", "exit=5", itest_guest());
	assert_status(&r, 5);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	text = slurp(path);
	CU_ASSERT_TRUE(itest_contains(text, BANNER));
	free(text);
	remove(path);
	itest_result_free(&r);
	RUN_VMM(&r, "--quiet", "--console", "none", "--cmdline", "exit=5", itest_guest());
	assert_status(&r, 5);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	CU_ASSERT_STRING_EQUAL(r.err, "");
	itest_result_free(&r);
}

static void test_messages_without_quiet(void)
{
	struct vmm_result r;

	RUN_VMM(&r, itest_guest());
	assert_status(&r, 0);
	CU_ASSERT_TRUE(itest_contains(r.err, "pvh entry at 0x"));
	CU_ASSERT_TRUE(itest_contains(r.err, "vmm: guest exited with status 0"));
	itest_result_free(&r);
}

/* Concatenate the data bytes of every OUT to PORT in TRACE. */
static char *console_from_trace(json_t *exits, unsigned port)
{
	size_t i, len = 0;
	json_t *e;
	char *text = calloc(1, json_array_size(exits) * 8 + 1);

	json_array_foreach(exits, i, e) {
		const char *data = jstr(e, "data");

		if (jint(e, "port") != port || strcmp(jstr(e, "dir"), "out") != 0)
			continue;
		for (size_t k = 0; data[k] && data[k + 1]; k += 2) {
			unsigned byte;

			sscanf(data + k, "%2x", &byte);
			text[len++] = (char)byte;
		}
	}
	return text;
}

static void check_summary_counts(json_t *summary, json_t *exits)
{
	json_t *per_reason = json_object_get(summary, "exits"), *e;
	long long sum = 0;
	size_t i;
	const char *name;
	json_t *count;

	CU_ASSERT_EQUAL(jint(summary, "exits_total"), (long long)json_array_size(exits));
	json_object_foreach(per_reason, name, count) {
		long long seen = 0;

		json_array_foreach(exits, i, e)
			seen += strcmp(jstr(e, "reason_name"), name) == 0;
		CU_ASSERT_EQUAL(json_integer_value(count), seen);
		sum += json_integer_value(count);
	}
	CU_ASSERT_EQUAL(sum, (long long)json_array_size(exits));
}

/* The boot record's config: the kernel's note, this build's Kconfig. */
static void check_boot_config(json_t *config)
{
	CU_ASSERT_TRUE_FATAL(json_is_object(config));
	CU_ASSERT_EQUAL(jint(config, "hz"), CONFIG_HZ);
	CU_ASSERT_EQUAL(jint(config, "slice_ticks"), CONFIG_SCHED_SLICE_TICKS);
#if defined(CONFIG_TIMER_TSC_DEADLINE)
	CU_ASSERT_STRING_EQUAL(jstr(config, "timer"), "TSC-deadline");
#elif defined(CONFIG_TIMER_ONESHOT)
	CU_ASSERT_STRING_EQUAL(jstr(config, "timer"), "one-shot");
#else
	CU_ASSERT_STRING_EQUAL(jstr(config, "timer"), "periodic");
#endif
	CU_ASSERT_STRING_EQUAL(jstr(config, "sched"), "round-robin");
	CU_ASSERT_STRING_EQUAL(jstr(config, "kconfig_digest"), LDE_KCONFIG_DIGEST);
}

static void test_trace_accounts_for_every_exit(void)
{
	const char *path = itest_tmpfile(".jsonl");
	struct vmm_result r;
	json_t *trace, *exits, *boot, *summary, *last_exit, *ring;
	char *console;

	RUN_VMM(&r, "--quiet", "--trace", path, itest_guest());
	assert_status(&r, 0);
	trace = trace_load(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	boot = json_array_get(trace, 0);
	summary = json_array_get(trace, json_array_size(trace) - 1);
	CU_ASSERT_STRING_EQUAL(jstr(boot, "type"), "boot");
	CU_ASSERT_STRING_EQUAL(jstr(boot, "entry_mode"), "pvh");
	CU_ASSERT_EQUAL(jint(boot, "abi_version"), LDE_ABI_VERSION);
	check_boot_config(json_object_get(boot, "config"));
	CU_ASSERT_STRING_EQUAL(jstr(summary, "type"), "summary");
	CU_ASSERT_STRING_EQUAL(jstr(summary, "end"), "guest-exit");
	CU_ASSERT_EQUAL(jint(summary, "status"), 0);
	exits = itest_trace_select(trace, "exit");
	ring = json_object_get(summary, "ring");
	/* boot + exits + the guest's own records (trap/syscall/task) + summary */
	CU_ASSERT_TRUE(jint(ring, "records") > 0);
	CU_ASSERT_EQUAL(jint(ring, "dropped"), 0);
	CU_ASSERT_EQUAL(json_array_size(exits) + 2 + jint(ring, "records"), json_array_size(trace));
	check_summary_counts(summary, exits);
	/* The console bytes in the trace are exactly what reached stdout. */
	console = console_from_trace(exits, LDE_PORT_DEBUGCON);
	CU_ASSERT_STRING_EQUAL(console, r.out);
	/* The run ends with the guest's write of 0 to the exit port. */
	last_exit = json_array_get(exits, json_array_size(exits) - 1);
	CU_ASSERT_STRING_EQUAL(jstr(last_exit, "reason_name"), "IO");
	CU_ASSERT_EQUAL(jint(last_exit, "port"), LDE_PORT_EXIT);
	CU_ASSERT_STRING_EQUAL(jstr(last_exit, "device"), "exit");
	CU_ASSERT_STRING_EQUAL(jstr(last_exit, "data"), "00000000");
	CU_ASSERT_EQUAL(strncmp(jstr(last_exit, "rip"), "0x", 2), 0);
	free(console);
	json_decref(exits);
	json_decref(trace);
	itest_result_free(&r);
	remove(path);
}

static void test_timestamps_monotonic(void)
{
	const char *path = itest_tmpfile(".jsonl");
	struct vmm_result r;
	json_t *trace, *rec;
	long long prev = -1;
	size_t i;

	RUN_VMM(&r, "--quiet", "--trace", path, itest_guest());
	trace = trace_load(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	json_array_foreach(trace, i, rec) {
		CU_ASSERT(jint(rec, "t_ns") >= prev);
		prev = jint(rec, "t_ns");
	}
	json_decref(trace);
	itest_result_free(&r);
	remove(path);
}

static void test_trace_to_stdout(void)
{
	const char *path = itest_tmpfile(".jsonl");
	struct vmm_result r;
	json_t *trace;
	FILE *f;

	RUN_VMM(&r, "--quiet", "--trace", "-", itest_guest());
	assert_status(&r, 0);
	CU_ASSERT_TRUE(itest_contains(r.err, BANNER)); /* console moved to stderr */
	f = fopen(path, "w");
	fputs(r.out, f);
	fclose(f);
	trace = trace_load(path);
	CU_ASSERT_PTR_NOT_NULL(trace);
	json_decref(trace);
	itest_result_free(&r);
	remove(path);
}

/* Every event of a Chrome Trace Event file has the fields viewers need. */
static void check_chrome_event(json_t *ev)
{
	const char *ph = jstr(ev, "ph");
	int pid = (int)jint(ev, "pid");

	CU_ASSERT(strcmp(ph, "i") == 0 || strcmp(ph, "X") == 0 || strcmp(ph, "M") == 0 ||
	          strcmp(ph, "B") == 0 || strcmp(ph, "E") == 0);
	if (strcmp(ph, "X") == 0) /* a span: system calls */
		CU_ASSERT(json_is_number(json_object_get(ev, "dur")));
	CU_ASSERT(strlen(jstr(ev, "name")) > 0);
	CU_ASSERT(pid == 1 || pid == 2); /* the vmm's process, the guest's */
	CU_ASSERT(jint(ev, "tid") >= 0);
	if (strcmp(ph, "E") != 0)
		CU_ASSERT_PTR_NOT_NULL(json_object_get(ev, "args"));
	if (strcmp(ph, "M") != 0)
		CU_ASSERT(json_is_number(json_object_get(ev, "ts")));
}

/*
 * The export in Chrome's format: the records in order, the task runs as
 * B/E pairs on the vCPU's track (process 1, thread 2) that tile it, each
 * B's ts the same number as the E before it.  tests/browser/
 * chrome-export.test.mjs reads it with the DevTools engine itself.
 */
static void test_chrome_format(void)
{
	const char *path = itest_tmpfile(".json");
	struct vmm_result r;
	json_error_t e;
	json_t *doc, *events, *ev, *last = NULL;
	long long seq = 0, runs = 0;
	double run_end = -1; /* where the vCPU track's last span ended (us) */
	size_t i;

	RUN_VMM(&r, "--quiet", "--trace", path, "--trace-format", "chrome", itest_guest());
	assert_status(&r, 0);
	doc = json_load_file(path, 0, &e);
	if (!doc)
		fprintf(stderr, "\n  %s:%d: %s\n", path, e.line, e.text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	events = json_object_get(doc, "traceEvents");
	CU_ASSERT_TRUE_FATAL(json_is_array(events) && json_array_size(events) > 3);
	json_array_foreach(events, i, ev) {
		check_chrome_event(ev);
		if (strcmp(jstr(ev, "ph"), "E") == 0) {
			CU_ASSERT_EQUAL(jint(ev, "pid"), 1);
			CU_ASSERT_EQUAL(jint(ev, "tid"), 2);
			run_end = json_number_value(json_object_get(ev, "ts"));
			continue;
		}
		if (strcmp(jstr(ev, "ph"), "M") == 0)
			continue;
		last = json_object_get(ev, "args");
		CU_ASSERT_EQUAL(jint(last, "seq"), seq++); /* the JSONL records, in order */
		if (strcmp(jstr(ev, "cat"), "switch") != 0) {
			if (json_object_get(last, "task")) /* task N on thread N of the guest's */
				CU_ASSERT(jint(ev, "pid") == 2 &&
				          jint(ev, "tid") == jint(last, "task"));
			continue;
		}
		CU_ASSERT(jint(ev, "pid") == 1 && jint(ev, "tid") == 2);
		CU_ASSERT_STRING_EQUAL(jstr(ev, "ph"), "B");
		if (run_end >= 0) /* exactly where the last run ended */
			CU_ASSERT(json_number_value(json_object_get(ev, "ts")) == run_end);
		runs++;
	}
	CU_ASSERT(runs >= 8); /* the probe and seven demos each ran at least once */
	CU_ASSERT_STRING_EQUAL(jstr(last, "type"), "summary");
	json_decref(doc);
	itest_result_free(&r);
	remove(path);
}

static void test_guest_exit_status(void)
{
	static const struct {
		const char *cmdline;
		int status;
	} cases[] = {
		{ "exit=0", 0 },
		{ "exit=5", 5 },
		{ "exit=63", 63 },
		{ "exit=64", 64 },
		{ "exit=255", 255 },
		{ "exit=256", LDE_VMM_BAD_STATUS },
		{ "exit=4000000000", LDE_VMM_BAD_STATUS },
		/* a programs' result (LDE_EXIT_EXITED, status 0) when none were given */
		{ "exit=1812004864", LDE_VMM_BAD_STATUS },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vmm_result r;

		RUN_VMM(&r, "--quiet", "--cmdline", cases[i].cmdline, itest_guest());
		assert_status(&r, cases[i].status);
		itest_result_free(&r);
	}
}

static void test_cmdline_reaches_guest(void)
{
	struct vmm_result r;

	RUN_VMM(&r, "--quiet", "--cmdline", "exit=7 hello \"world\"", itest_guest());
	assert_status(&r, 7);
	CU_ASSERT_TRUE(itest_contains(r.out, "cmdline: exit=7 hello \"world\""));
	itest_result_free(&r);
}

static void test_mem_size(void)
{
	const char *path = itest_tmpfile(".jsonl");
	struct vmm_result r;
	json_t *trace;

	RUN_VMM(&r, "--quiet", "--mem", "128M", "--trace", path, itest_guest());
	assert_status(&r, 0);
	/* 128 MiB less the vmm's 64 KiB boot area */
	CU_ASSERT_TRUE(itest_contains(r.out, "memory: 127 MiB usable"));
	trace = trace_load(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	CU_ASSERT_EQUAL(jint(json_array_get(trace, 0), "mem_bytes"), 128LL << 20);
	json_decref(trace);
	itest_result_free(&r);
	remove(path);
}

static void test_mem_above_4g(void)
{
	struct vmm_result r;

	/* 5 GiB: 3 GiB below the MMIO hole, 2 GiB above 4 GiB, two memory slots */
	RUN_VMM(&r, "--quiet", "--mem", "5G", itest_guest());
	assert_status(&r, 0);
	CU_ASSERT_TRUE(itest_contains(r.out, "mem: 0x0000000000010000 - 0x00000000c0000000 ram"));
	CU_ASSERT_TRUE(itest_contains(r.out, "mem: 0x0000000100000000 - 0x0000000180000000 ram"));
	CU_ASSERT_TRUE(itest_contains(r.out, "memory: 5119 MiB usable"));
	itest_result_free(&r);
}

static void test_elf64_entry(void)
{
	const char *path = itest_tmpfile(".jsonl");
	struct vmm_result r;
	json_t *trace;

	RUN_VMM(&r, "--quiet", "--trace", path, itest_test_guest("elf64-entry"));
	assert_status(&r, 0);
	CU_ASSERT_TRUE(itest_contains(r.out, "elf64-entry: long mode ok"));
	trace = trace_load(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	CU_ASSERT_STRING_EQUAL(jstr(json_array_get(trace, 0), "entry_mode"), "elf64");
	json_decref(trace);
	itest_result_free(&r);
	remove(path);
}

/* A kernel built by gcc -fcf-protection=full carries 8-byte aligned notes. */
static void test_gcc_cet_notes(void)
{
	struct vmm_result r;

	RUN_VMM(&r, "--quiet", itest_test_guest("cet-note"));
	assert_status(&r, 0);
	CU_ASSERT_TRUE(
		itest_contains(r.out, "cet-note: booted from a gcc -fcf-protection=full image"));
	CU_ASSERT_STRING_EQUAL(r.err, "");
	itest_result_free(&r);
}

/* A segment above 4 GiB leaves low RAM free: the trace ring goes there. */
static void test_traced_high_segment(void)
{
	const char *path = itest_tmpfile(".jsonl");
	struct vmm_result r;
	json_t *trace, *ring;

	RUN_VMM(&r, "--quiet", "--mem", "5G", "--trace", path, itest_test_guest("high-segment"));
	assert_status(&r, 10); /* it found its ring */
	trace = trace_load(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	ring = json_object_get(json_array_get(trace, 0), "ring");
	CU_ASSERT_TRUE(json_is_object(ring));
	CU_ASSERT_TRUE(strtoull(jstr(ring, "gpa"), NULL, 16) < LDE_MMIO_HOLE_START);
	json_decref(trace);
	itest_result_free(&r);
	remove(path);
}

/*
 * An image that fills the top of RAM: the trace ring goes in the largest
 * free range, here between the image's two segments.
 */
static void test_traced_top_segment(void)
{
	const char *path = itest_tmpfile(".jsonl");
	struct vmm_result r;
	json_t *trace, *ring;
	uint64_t gpa;

	RUN_VMM(&r, "--quiet", "--mem", "16M", "--trace", path, itest_test_guest("top-segment"));
	assert_status(&r, 10); /* it found its ring */
	itest_result_free(&r);
	trace = trace_load(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	ring = json_object_get(json_array_get(trace, 0), "ring");
	CU_ASSERT_TRUE(json_is_object(ring));
	gpa = strtoull(jstr(ring, "gpa"), NULL, 16);
	CU_ASSERT_TRUE(gpa > 0x100000);
	CU_ASSERT_TRUE(gpa + sizeof(struct lde_ring_header) +
	                       jint(ring, "capacity") * sizeof(struct lde_trace_record) <=
	               0xff0000);
	CU_ASSERT_EQUAL(gpa % 4096, 0);
	json_decref(trace);
	remove(path);
}

static void test_status_guest(void)
{
	struct vmm_result r;

	RUN_VMM(&r, "--quiet", itest_test_guest("status"));
	assert_status(&r, 42);
	itest_result_free(&r);
}

int suite_boot(CU_pSuite *out)
{
	static const struct itest tests[] = {
		{ "default guest prints banner, exits 0", test_default_guest },
		{ "--console FILE and --console none", test_console_option },
		{ "vmm messages on stderr without --quiet", test_messages_without_quiet },
		{ "trace accounts for every exit", test_trace_accounts_for_every_exit },
		{ "trace timestamps never go back", test_timestamps_monotonic },
		{ "--trace - keeps stdout pure JSON", test_trace_to_stdout },
		{ "--trace-format chrome is Chrome trace JSON", test_chrome_format },
		{ "guest exit status maps to vmm status", test_guest_exit_status },
		{ "--cmdline reaches the guest", test_cmdline_reaches_guest },
		{ "--mem sets guest RAM", test_mem_size },
		{ "--mem above 4 GiB uses a second slot", test_mem_above_4g },
		{ "ELF64 without PVH note: 64-bit entry", test_elf64_entry },
		{ "gcc -fcf-protection kernel (8-byte aligned notes) boots", test_gcc_cet_notes },
		{ "an image with a segment above 4 GiB is traced", test_traced_high_segment },
		{ "an image that fills the top of RAM is traced", test_traced_top_segment },
		{ "test guest status 42", test_status_guest },
		{ NULL, NULL },
	};
	return itest_add_suite("boot", tests, out);
}
