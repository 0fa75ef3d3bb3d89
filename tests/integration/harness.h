/* SPDX-License-Identifier: MIT */
/*
 * Integration-test harness: runs the real vmm as a child process and loads
 * its JSON Lines trace with jansson.  Environment:
 *   LDE_VMM          the vmm to test (default ./vmm)
 *   LDE_GUEST        the default guest (default ./guest.elf)
 *   LDE_TEST_GUESTS  folder of the small test guests (build/tests/guests)
 * Every function here is itest_*; RUN_VMM() is the shorthand the tests use.
 */
#ifndef LDE_ITEST_HARNESS_H
#define LDE_ITEST_HARNESS_H

#include <jansson.h>
#include <stdbool.h>
#include <sys/types.h>

#include "../common/trace_load.h" /* trace_load, slurp, jstr, jint */

/*
 * Every run of the vmm is bounded twice.  Unless the test passes its own
 * --timeout, the harness adds `--timeout LDE_ITEST_TIMEOUT` (seconds,
 * default ITEST_TIMEOUT_S: sized for the slowest lane, nested SVM under
 * TCG, where the longest run takes a few seconds); and a vmm still running
 * ITEST_KILL_GRACE_S after its own timeout is killed by the harness (and left
 * behind if even SIGKILL cannot end it within ITEST_REAP_GRACE_S).  A run
 * that hits either bound fails the test that made it, naming the test, with
 * the command, the console output and the vmm's messages (its register
 * dump) in the log.
 */
#define ITEST_TIMEOUT_S 60
#define ITEST_KILL_GRACE_S 20
#define ITEST_REAP_GRACE_S 10 /* after SIGKILL, before the harness stops waiting */

struct vmm_result {
	int status;     /* exit status, or 128 + signal */
	char *out;      /* everything it wrote to stdout (NUL-terminated) */
	char *err;      /* ... and to stderr */
	double seconds; /* wall-clock run time */
	bool timed_out; /* the vmm's watchdog fired on the harness's --timeout */
	bool hung;      /* the vmm outlived its timeout: killed by the harness */
};

/* The lane says its timing is emulated (LDE_ITEST_TIMING=emulated: nested
 * SVM under QEMU TCG, where a second of the host clock follows the load):
 * time-based figures are then printed, not checked. */
bool itest_timing_emulated(void);

/* The bound the harness adds to every run, in seconds. */
double itest_timeout_s(void);

const char *itest_vmm(void);
const char *itest_guest(void);
/* Path of test guest NAME.elf (static buffer). */
const char *itest_test_guest(const char *name);
/* A fresh temporary file name under $TMPDIR (static buffer, rotating). */
const char *itest_tmpfile(const char *suffix);

/*
 * Run the vmm with ARGV (NULL-terminated, without argv[0]); if SIGNAL_AFTER
 * is > 0, send SIGNO after that many seconds.  Fills R; free with
 * itest_result_free().
 */
void itest_run_vmm_signal(struct vmm_result *r, double signal_after, int signo,
                          const char *const *argv);
#define RUN_VMM(r, ...) itest_run_vmm_signal((r), 0, 0, (const char *const[]){ __VA_ARGS__, NULL })
void itest_result_free(struct vmm_result *r);

/* The vmm's stdin for itest_run_vmm_stdin(): a pipe into which a feeder
 * process writes DATA[0..N), then closes it; if AFTER is not NULL, only
 * once the vmm's stderr contains AFTER (so the guest waits for it). */
struct itest_input {
	const void *data;
	size_t n;
	const char *after;
};
void itest_run_vmm_stdin(struct vmm_result *r, const struct itest_input *in,
                         const char *const *argv);
#define RUN_VMM_STDIN(r, in, ...) \
	itest_run_vmm_stdin((r), (in), (const char *const[]){ __VA_ARGS__, NULL })

/* Records of TYPE in TRACE (a new array; decref it). */
json_t *itest_trace_select(json_t *trace, const char *type);

/* Does HAYSTACK contain NEEDLE?  Prints both when not, for the log. */
bool itest_contains(const char *haystack, const char *needle);

/* The path of test program NAME (LDE_TEST_PROGRAMS, default build/tests/programs). */
const char *itest_program(const char *name);

/* False (after saying SKIP, or failing in CI) if the program PATH is not there. */
bool itest_have(const char *path);

/* Asserts the run's status, showing the vmm's stderr when it differs. */
void itest_assert_status(const struct vmm_result *r, int want);

/* Write N bytes of DATA to a new temporary file; returns its name. */
const char *itest_write_tmpfile(const void *data, size_t n);

#endif
