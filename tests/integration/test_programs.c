/* SPDX-License-Identifier: MIT */
/*
 * Suite "programs": ./vmm guest.elf PROGRAM [ARG...] with static Linux
 * binaries nobody wrote for lde: the suite's own (tests/programs/, built
 * with musl-gcc) and Debian's /bin/busybox.  Output streams, argv, envp and
 * auxv as Linux gives them, memory, floating point across context switches,
 * exit statuses and signals, several programs at once, every refusal.
 * Without the programs (no musl-gcc) or busybox, a test says SKIP, and
 * fails with CI=true.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "itests.h"
#include "lde/abi.h"

#define BUSYBOX "/bin/busybox"

static const char *program(const char *name)
{
	return itest_program(name);
}

static bool have(const char *path)
{
	return itest_have(path);
}

/* How often needle occurs in s. */
static int count(const char *s, const char *needle)
{
	int n = 0;

	for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static void assert_status(const struct vmm_result *r, int want)
{
	itest_assert_status(r, want);
}

/* The program's fd 1 is the vmm's stdout, exactly; the kernel's log is on stderr. */
static void test_hello_streams(void)
{
	struct vmm_result r;

	if (!have(BUSYBOX))
		return;
	RUN_VMM(&r, itest_guest(), BUSYBOX, "echo", "hello");
	assert_status(&r, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "hello\n");
	CU_ASSERT_TRUE(itest_contains(r.err, "lde kernel (x86_64): booted"));
	CU_ASSERT_TRUE(itest_contains(r.err, "task 1 (busybox): started /bin/busybox"));
	itest_result_free(&r);
	/* -q: nothing but the program's own output anywhere */
	RUN_VMM(&r, "-q", itest_guest(), BUSYBOX, "sh", "-c", "echo out; echo err >&2; exit 3");
	assert_status(&r, 3);
	CU_ASSERT_STRING_EQUAL(r.out, "out\n");
	CU_ASSERT_STRING_EQUAL(r.err, "err\n");
	itest_result_free(&r);
}

static void test_busybox_seq(void)
{
	struct vmm_result r;

	if (!have(BUSYBOX))
		return;
	RUN_VMM(&r, "-q", itest_guest(), BUSYBOX, "seq", "3");
	assert_status(&r, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "1\n2\n3\n");
	itest_result_free(&r);
}

/* argv exactly as given, the default environment and --env, the auxv. */
static void test_args_env_auxv(void)
{
	struct vmm_result r;
	const char *args = program("args");

	if (!have(args))
		return;
	RUN_VMM(&r, "-q", "--env", "GREETING=hi there", itest_guest(), args, "a", "b c", "", "-q");
	assert_status(&r, 4);
	CU_ASSERT_TRUE(itest_contains(r.out, "argc=5\n"));
	CU_ASSERT_TRUE(itest_contains(r.out, "argv[1]=a\nargv[2]=b c\nargv[3]=\nargv[4]=-q\n"));
	CU_ASSERT_TRUE(itest_contains(r.out, "argv[argc]=NULL\n"));
	CU_ASSERT_TRUE(itest_contains(r.out, "env PATH=/usr/local/bin:/usr/bin:/bin\nenv HOME=/\n"
	                                     "env TERM=dumb\nenv GREETING=hi there\n"));
	CU_ASSERT_PTR_NULL(strstr(r.out, "present=0"));
	CU_ASSERT_TRUE(itest_contains(r.out, "AT_PAGESZ=4096 AT_CLKTCK=100 AT_PHENT=56\n"));
	CU_ASSERT_TRUE(itest_contains(r.out, "AT_PLATFORM=x86_64 AT_EXECFN="));
	CU_ASSERT_PTR_NULL(strstr(r.out, "16 of 16 are zero"));
	itest_result_free(&r);
	/* an empty last argument is an argument too */
	RUN_VMM(&r, "-q", itest_guest(), args, "a", "");
	CU_ASSERT_TRUE(itest_contains(r.out, "argc=3\n"));
	CU_ASSERT_TRUE(itest_contains(r.out, "argv[1]=a\nargv[2]=\nargv[argc]=NULL\n"));
	itest_result_free(&r);
}

/* malloc small and large, a stack that grows 1 MiB on demand, mprotect. */
static void test_memory(void)
{
	struct vmm_result r;
	const char *path = itest_tmpfile(".jsonl");
	json_t *trace;
	size_t i, handled = 0;
	json_t *rec;

	if (!have(program("memory")))
		return;
	RUN_VMM(&r, "-q", "--trace", path, itest_guest(), program("memory"));
	assert_status(&r, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "memory: ok\n");
	trace = trace_load(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	/* the page faults that made the heap and stack are in the trace, handled */
	json_array_foreach(trace, i, rec) {
		if (!strcmp(jstr(rec, "type"), "trap") && jint(rec, "vector") == 14 &&
		    json_object_get(rec, "outcome") && !strcmp(jstr(rec, "outcome"), "handled"))
			handled++;
	}
	CU_ASSERT_TRUE(handled > 256);
	json_decref(trace);
	itest_result_free(&r);
	remove(path);
}

/* Exit statuses and signals, as a shell reports a child's. */
static void test_statuses(void)
{
	static const struct {
		const char *how;
		int status;
	} cases[] = {
		{ "0", 0 },           { "7", 7 },          { "255", 255 },
		{ "abort", 128 + 6 }, { "hlt", 128 + 11 }, { "segv", 128 + 11 },
		{ "ud2", 128 + 4 },   { "int3", 128 + 5 }, { "div", 128 + 8 },
	};
	const char *status = program("status");

	if (!have(status))
		return;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vmm_result r;

		RUN_VMM(&r, "-q", itest_guest(), status, cases[i].how);
		assert_status(&r, cases[i].status);
		itest_result_free(&r);
	}
}

/* Several programs: 0 if all exited 0, else the first (in order) that did not. */
static void test_several(void)
{
	struct vmm_result r;
	char run1[4200], run2[4200], run3[4200];
	const char *status = program("status");

	if (!have(status))
		return;
	snprintf(run1, sizeof(run1), "%s 0", status);
	snprintf(run2, sizeof(run2), "%s segv", status);
	snprintf(run3, sizeof(run3), "%s 5", status);
	RUN_VMM(&r, "-q", "-r", run1, "-r", run2, itest_guest(), status, "5");
	assert_status(&r, 139); /* the second, killed; the third's 5 comes later */
	itest_result_free(&r);
	RUN_VMM(&r, "-q", "-r", run1, "-r", run3, itest_guest(), status, "0");
	assert_status(&r, 5);
	itest_result_free(&r);
	RUN_VMM(&r, "-q", "-r", run1, "-r", run1, itest_guest());
	assert_status(&r, 0);
	itest_result_free(&r);
}

/* Two FPU programs and a compute-bound one at once: the timer interleaves
 * them, each keeps its own FPU state; a faulting one does not stop them. */
static void test_fpu_and_spin_together(void)
{
	struct vmm_result r;
	const char *path = itest_tmpfile(".jsonl");
	char fpu[4200], spin[4200], segv[4200];
	json_t *trace, *rec;
	size_t i, preempted[8] = { 0 };

	if (!have(program("fpu")) || !have(program("spin")))
		return;
	snprintf(fpu, sizeof(fpu), "%s 30000000", program("fpu"));
	snprintf(spin, sizeof(spin), "%s 400000000", program("spin"));
	snprintf(segv, sizeof(segv), "%s segv", program("status"));
	RUN_VMM(&r, "-q", "--trace", path, "-r", fpu, "-r", fpu, "-r", segv, itest_guest(),
	        program("spin"), "400000000");
	assert_status(&r, 139);
	CU_ASSERT_EQUAL(count(r.out, "fpu: ok\n"), 2);
	CU_ASSERT_PTR_NULL(strstr(r.out, "WRONG"));
	CU_ASSERT_TRUE(itest_contains(r.out, "spin: 400000000 rounds: "));
	trace = trace_load(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	json_array_foreach(trace, i, rec) {
		if (!strcmp(jstr(rec, "type"), "switch") &&
		    !strcmp(jstr(rec, "reason"), "preempted") && jint(rec, "task") < 8)
			preempted[jint(rec, "task")]++;
	}
	/* tasks 1, 2 (fpu) and 4 (spin) never yield, yet each was preempted */
	CU_ASSERT_TRUE(preempted[1] > 0 && preempted[2] > 0 && preempted[4] > 0);
	json_decref(trace);
	itest_result_free(&r);
	remove(path);
}

/*
 * The FPU mechanism the kernel picked, said on its "fpu:" line, and two FPU
 * programs switched with it, both right.  By default xsave wherever it
 * works, fxsave where it cannot (PVM: ring 0 emulated; QEMU TCG's nested
 * SVM: XCR0 does not hold across a VM exit); fpu=fxsave forces fxsave.
 */
static void check_fpu_pair(const char *cmdline, const char *want_line)
{
	struct vmm_result r;
	char fpu[4200];
	const char *line;

	snprintf(fpu, sizeof(fpu), "%s 10000000", program("fpu"));
	RUN_VMM(&r, "--cmdline", cmdline, "-r", fpu, itest_guest(), program("fpu"), "10000000");
	assert_status(&r, 0);
	CU_ASSERT_EQUAL(count(r.out, "fpu: ok\n"), 2);
	line = strstr(r.err, "\nfpu: fxsave/fxrstor, ");
	CU_ASSERT_TRUE(line || strstr(r.err, "\nfpu: xsave/xrstor, "));
	if (want_line) {
		CU_ASSERT_TRUE(itest_contains(r.err, want_line));
	} else if (strstr(r.err, "KVM backend pvm")) {
		CU_ASSERT_TRUE(itest_contains(r.err, "\nfpu: fxsave/fxrstor, x87+SSE state saved "
		                                     "per task on each switch (xsave cannot be "
		                                     "emulated (PVM); ring 0 emulated: "));
	} else if (line) {
		/* hardware KVM without XSAVE, or one that lost XCR0 (said how) */
		CU_ASSERT_TRUE(strstr(line, "(no XSAVE in CPUID; ") ||
		               (strstr(line, "(XCR0 did not hold across a VM exit") &&
		                strstr(r.err, ", after a VM exit XCR0=0x")));
	} else {
		CU_ASSERT_TRUE(itest_contains(r.err, "\nfpu: xsave/xrstor, XCR0=0x"));
	}
	itest_result_free(&r);
}

static void test_fpu_mechanism(void)
{
	if (!have(program("fpu")))
		return;
	check_fpu_pair("", NULL);
	check_fpu_pair("fpu=fxsave", "\nfpu: fxsave/fxrstor, x87+SSE state saved per task on each "
	                             "switch (fpu=fxsave; ring 0 ");
}

/* Refusals before boot, one line naming the file, and by the kernel's loader. */
static void test_refusals(void)
{
	struct vmm_result r;

	RUN_VMM(&r, itest_guest(), "/nonexistent/prog");
	assert_status(&r, LDE_VMM_NOT_FOUND);
	CU_ASSERT_TRUE(itest_contains(
		r.err, "vmm: /nonexistent/prog: cannot run the program: No such file"));
	CU_ASSERT_STRING_EQUAL(r.out, "");
	itest_result_free(&r);
	RUN_VMM(&r, itest_guest(), "/");
	assert_status(&r, LDE_VMM_CANNOT_RUN);
	CU_ASSERT_TRUE(itest_contains(r.err, "vmm: /: cannot run the program: it is a directory"));
	itest_result_free(&r);
	if (have(BUSYBOX)) {
		RUN_VMM(&r, "--mem", "4M", itest_guest(), BUSYBOX, "true");
		assert_status(&r, LDE_VMM_CANNOT_RUN);
		CU_ASSERT_TRUE(itest_contains(r.err,
		                              "vmm: /bin/busybox: does not fit in --mem 4M: it "
		                              "needs about "));
		CU_ASSERT_TRUE(itest_contains(r.err, "; use --mem "));
		itest_result_free(&r);
	}
	RUN_VMM(&r, itest_guest(), itest_write_tmpfile("#!/bin/sh\necho hi\n", 18));
	assert_status(&r, LDE_VMM_CANNOT_RUN);
	CU_ASSERT_TRUE(itest_contains(r.err, ": not an ELF file"));
	itest_result_free(&r);
	RUN_VMM(&r, itest_guest(), itest_write_tmpfile("", 0));
	assert_status(&r, LDE_VMM_CANNOT_RUN);
	CU_ASSERT_TRUE(itest_contains(r.err, ": empty file"));
	itest_result_free(&r);
	/* a dynamically linked program: the vmm itself */
	RUN_VMM(&r, itest_guest(), itest_vmm());
	assert_status(&r, LDE_VMM_CANNOT_RUN);
	CU_ASSERT_TRUE(itest_contains(r.err, ": dynamically linked: build with -static"));
	itest_result_free(&r);
}

/* The summary record says whose status it was. */
static void test_summary_status_kind(void)
{
	struct vmm_result r;
	const char *path = itest_tmpfile(".jsonl");
	json_t *trace, *s;

	if (!have(program("status")))
		return;
	RUN_VMM(&r, "-q", "--trace", path, itest_guest(), program("status"), "abort");
	assert_status(&r, 134);
	trace = trace_load(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(trace);
	s = json_array_get(trace, json_array_size(trace) - 1);
	CU_ASSERT_STRING_EQUAL(jstr(s, "end"), "program-signal");
	CU_ASSERT_STRING_EQUAL(jstr(s, "status_kind"), "program");
	CU_ASSERT_EQUAL(jint(s, "program_signal"), 6);
	json_decref(trace);
	itest_result_free(&r);
	remove(path);
}

int suite_programs(CU_pSuite *out)
{
	static const struct itest tests[] = {
		{ "busybox echo: stdout exact, kernel log on stderr, -q", test_hello_streams },
		{ "busybox seq 3", test_busybox_seq },
		{ "argv, envp, --env and auxv as Linux gives them", test_args_env_auxv },
		{ "malloc small/large, stack growth, handled #PF in the trace", test_memory },
		{ "exit statuses and signals (hlt 139, abort 134, ...)", test_statuses },
		{ "several programs: the first non-zero status", test_several },
		{ "two FPU programs, a spinner and a fault at once", test_fpu_and_spin_together },
		{ "FPU mechanism picked and said; fpu=fxsave forces it", test_fpu_mechanism },
		{ "refusals: missing, directory, too big, not ELF, empty, dynamic", test_refusals },
		{ "summary end/status_kind for a program's signal", test_summary_status_kind },
		{ NULL, NULL },
	};
	return itest_add_suite("programs", tests, out);
}
