/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the host side of the trace ring (host/trace_ring.c): the
 * records a guest writes become the right JSON records, and a ring the
 * guest corrupted is reported as corrupt (the vmm then ends the run as a
 * crash) with the records before the bad one kept.  The ring lives in real guest memory (guest_mem), written here
 * as a guest would; the trace is read back with jansson.
 */
#include <CUnit/CUnit.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../host/trace.h"
#include "../../host/trace_ring.h"
#include "suites.h"
#include "trace_readback.h"

#define CAPACITY 16
#define TSC_KHZ 1000000      /* 1 GHz: one TSC tick per ns */
#define NOW_NS 1000000000ULL /* the trace clock when the tests drain: >= 1 s */

static struct guest_mem mem;
static struct trace out; /* the trace being written */
static struct trace_ring ring;
static int drained; /* what the last trace_ring_drain() returned */
static const char *const path = "/tmp/lde-unit-trace-ring.jsonl";

/* Fresh guest RAM with an empty ring, and an open trace. */
static void setup(void)
{
	CU_ASSERT_EQUAL_FATAL(guest_mem_init(&mem, 64 << 20), 0);
	CU_ASSERT_EQUAL_FATAL(trace_open(&out, path, TRACE_JSONL), 0);
	out.t0 -= NOW_NS; /* the VM "started" NOW_NS ago */
	CU_ASSERT_EQUAL_FATAL(trace_ring_setup(&ring, &mem, CAPACITY), 0);
	trace_ring_clock(&ring, 0, 0, TSC_KHZ);
	drained = 0;
}

static void teardown(void)
{
	guest_mem_free(&mem);
}

/* Writes REC into the next slot as the guest does, and publishes it. */
static void produce(struct lde_trace_record rec)
{
	struct lde_ring_header *h = ring.hdr;

	rec.seq = h->head;
	memcpy(ring.slots + (h->head % CAPACITY) * sizeof(rec), &rec, sizeof(rec));
	h->head++;
}

/* Drains the ring, closes the trace and returns its records. */
static json_t *drain(void)
{
	drained = trace_ring_drain(&ring, &out, NULL);
	CU_ASSERT_EQUAL(trace_close(&out), 0);
	return load_and_remove(path);
}

static const struct lde_trap_regs user_context = {
	.cs = 0x33,
	.rip = 0x8000001000,
	.rsp = 0x80003ff000,
	.rflags = 0x202,
};

static void test_syscall_record(void)
{
	struct lde_trap_regs g = user_context;
	json_t *trace, *r, *args;

	g.rdi = 1, g.rsi = 2, g.rdx = 3, g.r10 = 4, g.r8 = 5, g.r9 = 6;
	g.rax = (uint64_t)-38, g.vector = 14, g.error_code = 5;
	produce((struct lde_trace_record){ .kind = LDE_REC_SYSCALL,
	                                   .tsc = 5000,
	                                   .entry_tsc = 3000,
	                                   .mech = LDE_MECH_SYSCALL_EMULATED,
	                                   .task = 7,
	                                   .nr = 99,
	                                   .regs = g });
	trace = drain();
	CU_ASSERT_EQUAL(drained, 0);
	CU_ASSERT_EQUAL_FATAL(json_array_size(trace), 1);
	r = json_array_get(trace, 0);
	CU_ASSERT_STRING_EQUAL(jstr(r, "type"), "syscall");
	CU_ASSERT_EQUAL(jint(r, "t_ns"), 5000);
	CU_ASSERT_EQUAL(jint(r, "dur_ns"), 2000);
	CU_ASSERT_EQUAL(jint(r, "task"), 7);
	CU_ASSERT_EQUAL(jint(r, "cpl"), 3);
	CU_ASSERT_STRING_EQUAL(jstr(r, "rip"), "0x8000001000");
	CU_ASSERT_EQUAL(jint(r, "vector"), 14);
	CU_ASSERT_STRING_EQUAL(jstr(r, "error_code"), "0x5");
	CU_ASSERT_EQUAL(jint(r, "nr"), 99);
	CU_ASSERT_STRING_EQUAL(jstr(r, "mech"), "syscall-emulated");
	CU_ASSERT_EQUAL(jint(r, "ret"), -38);
	/* the System V order: rdi, rsi, rdx, r10, r8, r9 */
	args = json_object_get(r, "args");
	CU_ASSERT_EQUAL_FATAL(json_array_size(args), 6);
	for (size_t i = 0; i < 6; i++) {
		char want[8];

		snprintf(want, sizeof(want), "0x%zu", i + 1);
		CU_ASSERT_STRING_EQUAL(json_string_value(json_array_get(args, i)), want);
	}
	CU_ASSERT_EQUAL(ring.per_mech[LDE_MECH_SYSCALL_EMULATED], 1);
	json_decref(trace);
}

/* `syscall` has no IDT vector: LDE_VECTOR_NONE, shown as 0. */
static void test_syscall_without_vector(void)
{
	struct lde_trap_regs g = user_context;
	json_t *trace;

	g.vector = LDE_VECTOR_NONE;
	produce((struct lde_trace_record){ .kind = LDE_REC_SYSCALL,
	                                   .tsc = 10,
	                                   .mech = LDE_MECH_SYSCALL,
	                                   .regs = g });
	trace = drain();
	CU_ASSERT_EQUAL(drained, 0);
	CU_ASSERT_EQUAL(jint(json_array_get(trace, 0), "vector"), 0);
	json_decref(trace);
}

/* Created/exited records have no trapped context: whatever the guest left
 * in regs (here the name runs into it) is not reported. */
static void test_task_records(void)
{
	struct lde_trace_record created = { .kind = LDE_REC_TASK,
		                            .task = 3,
		                            .reason = LDE_TASK_CREATED };
	struct lde_trap_regs g = user_context;
	json_t *trace, *r;

	memset(created.name, 'x', sizeof(created.name)); /* no NUL */
	produce(created);
	produce((struct lde_trace_record){ .kind = LDE_REC_TASK,
	                                   .task = 3,
	                                   .reason = LDE_TASK_EXITED,
	                                   .status = -1 });
	g.vector = 13;
	produce((struct lde_trace_record){ .kind = LDE_REC_TASK,
	                                   .task = 4,
	                                   .reason = LDE_TASK_KILLED,
	                                   .regs = g });
	trace = drain();
	CU_ASSERT_EQUAL(drained, 0);
	CU_ASSERT_EQUAL_FATAL(json_array_size(trace), 3);
	r = json_array_get(trace, 0);
	CU_ASSERT_EQUAL(strlen(jstr(r, "name")), sizeof(created.name) - 1);
	CU_ASSERT_PTR_NULL(json_object_get(r, "cpl"));
	CU_ASSERT_PTR_NULL(json_object_get(r, "rip"));
	r = json_array_get(trace, 1);
	CU_ASSERT_EQUAL(jint(r, "status"), -1);
	CU_ASSERT_PTR_NULL(json_object_get(r, "cpl"));
	r = json_array_get(trace, 2);
	CU_ASSERT_STRING_EQUAL(jstr(r, "event"), "killed");
	CU_ASSERT_EQUAL(jint(r, "vector"), 13);
	CU_ASSERT_STRING_EQUAL(jstr(r, "name"), "#GP");
	CU_ASSERT_EQUAL(jint(r, "cpl"), 3);
	CU_ASSERT_STRING_EQUAL(ring.tasks[0].ended, "exit(-1)");
	CU_ASSERT_STRING_EQUAL(ring.tasks[1].ended, "killed: vector 13");
	json_decref(trace);
}

/* Switch records: who ran how long, and how often the timer took the CPU. */
static void test_switches(void)
{
	json_t *trace, *r;

	produce((struct lde_trace_record){ .kind = LDE_REC_SWITCH,
	                                   .tsc = 1000,
	                                   .task = 0,
	                                   .reason = LDE_SWITCH_IDLE,
	                                   .next_task = 1 });
	produce((struct lde_trace_record){ .kind = LDE_REC_TASK,
	                                   .tsc = 1100,
	                                   .task = 1,
	                                   .reason = LDE_TASK_CREATED });
	produce((struct lde_trace_record){ .kind = LDE_REC_SWITCH,
	                                   .tsc = 3000,
	                                   .task = 1,
	                                   .reason = LDE_SWITCH_PREEMPTED,
	                                   .next_task = 2 });
	produce((struct lde_trace_record){ .kind = LDE_REC_SWITCH,
	                                   .tsc = 3500,
	                                   .task = 2,
	                                   .reason = LDE_SWITCH_SLEEPING,
	                                   .next_task = 1 });
	trace = drain();
	CU_ASSERT_EQUAL(drained, 0);
	CU_ASSERT_EQUAL_FATAL(json_array_size(trace), 4);
	r = json_array_get(trace, 2);
	CU_ASSERT_STRING_EQUAL(jstr(r, "type"), "switch");
	CU_ASSERT_EQUAL(jint(r, "task"), 1);
	CU_ASSERT_EQUAL(jint(r, "next"), 2);
	CU_ASSERT_STRING_EQUAL(jstr(r, "reason"), "preempted");
	CU_ASSERT_EQUAL(jint(r, "ran_ns"), 2000);
	CU_ASSERT_PTR_NULL(json_object_get(r, "cpl")); /* no trapped context */
	CU_ASSERT_EQUAL(ring.tasks[0].run_ns, 2000);
	CU_ASSERT_EQUAL(ring.tasks[0].preempted, 1);
	CU_ASSERT_EQUAL(ring.tasks[1].run_ns, 500);
	CU_ASSERT_EQUAL(ring.tasks[1].preempted, 0);
	CU_ASSERT_EQUAL(ring.running, 1); /* on the CPU since t = 3500 */
	json_decref(trace);
}

/* Guest times are clamped into [the previous record's, the drain's]. */
static void test_times_ordered(void)
{
	struct lde_trap_regs g = user_context;
	json_t *trace;

	g.vector = 32;
	produce((struct lde_trace_record){ .kind = LDE_REC_INTERRUPT, .tsc = 500, .regs = g });
	produce((struct lde_trace_record){ .kind = LDE_REC_INTERRUPT, .tsc = 400, .regs = g });
	produce((struct lde_trace_record){ .kind = LDE_REC_SYSCALL,
	                                   .tsc = 100 * NOW_NS,
	                                   .entry_tsc = 99 * NOW_NS,
	                                   .regs = g });
	trace = drain();
	CU_ASSERT_EQUAL_FATAL(json_array_size(trace), 3);
	CU_ASSERT_EQUAL(jint(json_array_get(trace, 0), "t_ns"), 500);
	CU_ASSERT_EQUAL(jint(json_array_get(trace, 1), "t_ns"), 500); /* not 400 */
	/* from the future: now, which is well before 99 s */
	CU_ASSERT(jint(json_array_get(trace, 2), "t_ns") >= (long long)NOW_NS);
	CU_ASSERT(jint(json_array_get(trace, 2), "t_ns") < 99 * (long long)NOW_NS);
	CU_ASSERT_EQUAL(jint(json_array_get(trace, 2), "dur_ns"), 0);
	json_decref(trace);
}

/* One good record, then BAD: the drain reports the ring corrupt, naming
 * WHY, and the good record is in the trace; the ring is not read again. */
static void expect_corrupt(struct lde_trace_record bad, const char *why)
{
	struct lde_trap_regs g = user_context;
	json_t *trace;

	g.vector = 32;
	produce((struct lde_trace_record){ .kind = LDE_REC_INTERRUPT, .regs = g });
	produce(bad);
	trace = drain();
	CU_ASSERT_EQUAL(drained, -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(ring.corrupt, "corrupt trace ring: "));
	CU_ASSERT_PTR_NOT_NULL(strstr(ring.corrupt, why));
	CU_ASSERT_PTR_NOT_NULL(strstr(ring.corrupt, "after 1 records"));
	CU_ASSERT_EQUAL(json_array_size(trace), 1);
	CU_ASSERT_EQUAL(trace_ring_drain(&ring, &out, NULL), -1);
	CU_ASSERT_EQUAL(ring.records, 1);
	json_decref(trace);
}

static void test_corrupt_records(void)
{
	struct lde_trap_regs g = user_context;

	g.vector = LDE_VECTOR_NONE; /* only a syscall may have no vector */
	expect_corrupt((struct lde_trace_record){ .kind = LDE_REC_EXCEPTION, .regs = g },
	               "vector above 255");
	teardown(), setup();
	g.vector = 13, g.cs = 0x10033;
	expect_corrupt((struct lde_trace_record){ .kind = LDE_REC_TASK,
	                                          .reason = LDE_TASK_KILLED,
	                                          .regs = g },
	               "CS above 0xffff");
	teardown(), setup();
	expect_corrupt((struct lde_trace_record){ .kind = 9 }, "unknown record kind");
	teardown(), setup();
	expect_corrupt((struct lde_trace_record){ .kind = LDE_REC_SYSCALL,
	                                          .tsc = 1,
	                                          .entry_tsc = 2,
	                                          .regs = user_context },
	               "returned before it arrived");
	teardown(), setup();
	expect_corrupt((struct lde_trace_record){ .kind = LDE_REC_TASK, .reason = 8 },
	               "unknown task event");
	teardown(), setup();
	expect_corrupt((struct lde_trace_record){ .kind = LDE_REC_TASK,
	                                          .reason = LDE_TASK_SIGNAL,
	                                          .signal = 65 },
	               "signal outside 1..64");
	teardown(), setup();
	expect_corrupt((struct lde_trace_record){ .kind = LDE_REC_TASK,
	                                          .reason = LDE_TASK_FORKED,
	                                          .parent = 1ULL << 32 },
	               "parent task id above 2^32");
	teardown(), setup();
	expect_corrupt((struct lde_trace_record){ .kind = LDE_REC_TASK,
	                                          .reason = LDE_TASK_WAITED,
	                                          .child = 1ULL << 32 },
	               "child task id above 2^32");
	teardown(), setup();
	expect_corrupt((struct lde_trace_record){ .kind = LDE_REC_SWITCH, .reason = 6 },
	               "unknown switch reason");
	teardown(), setup();
	expect_corrupt((struct lde_trace_record){ .kind = LDE_REC_SWITCH,
	                                          .reason = 1,
	                                          .next_task = 1ULL << 32 },
	               "next task id above 2^32");
}

static void test_corrupt_head_and_seq(void)
{
	json_t *trace;
	char *text;

	ring.hdr->head = CAPACITY + 1; /* more than a ring's worth */
	CU_ASSERT_EQUAL(trace_ring_drain(&ring, &out, NULL), -1);
	CU_ASSERT_EQUAL(trace_close(&out), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(ring.corrupt, "head outside"));
	text = slurp(path);
	CU_ASSERT_STRING_EQUAL(text, ""); /* no record */
	free(text);
	unlink(path);
	teardown(), setup();
	produce((struct lde_trace_record){ .kind = LDE_REC_INTERRUPT, .regs = { .vector = 32 } });
	ring.hdr->head = 2; /* slot 1 still holds seq 0 (all zero) */
	trace = drain();
	CU_ASSERT_EQUAL(drained, -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(ring.corrupt, "sequence number out of order"));
	json_decref(trace);
}

/* Counts go into the summary as JSON integers: one past INT64_MAX would
 * make the trace unreadable for int64 JSON readers (jansson, for one). */
static void test_corrupt_dropped(void)
{
	ring.hdr->dropped = (1ULL << 63) - 1;
	CU_ASSERT_EQUAL(trace_ring_drain(&ring, &out, NULL), 0);
	ring.hdr->dropped = 1ULL << 63;
	CU_ASSERT_EQUAL(trace_ring_drain(&ring, &out, NULL), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(ring.corrupt, "dropped count above 2^63 - 1"));
	CU_ASSERT_EQUAL(trace_close(&out), 0);
	unlink(path);
}

int suite_trace_ring(void)
{
	static const struct unit_test tests[] = {
		{ "syscall record", test_syscall_record },
		{ "syscall without a vector", test_syscall_without_vector },
		{ "task records", test_task_records },
		{ "times stay in order", test_times_ordered },
		{ "switches", test_switches },
		{ "corrupt records", test_corrupt_records },
		{ "corrupt head and seq", test_corrupt_head_and_seq },
		{ "corrupt dropped count", test_corrupt_dropped },
	};

	return add_suite("trace_ring", NULL, NULL, setup, teardown, tests,
	                 sizeof(tests) / sizeof(tests[0]));
}
