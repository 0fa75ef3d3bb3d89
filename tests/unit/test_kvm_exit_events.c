/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the kvm:kvm_exit perf buffer reader (host/kvm_exit_events.c)
 * on a synthetic perf buffer: records that wrap around its end, lost
 * records, records that cannot be right, the time-bounded drain, exit
 * names, and the format-file parser.  The trace it writes is read back with
 * jansson.
 */
#include <CUnit/CUnit.h>
#include <jansson.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../host/kvm_exit_events.h"
#include "../../host/trace.h"
#include "suites.h"
#include "trace_readback.h"

#define TP_ID 103
#define PAGE 4096
#define DATA_SIZE 4096
#define T0 1000000 /* the trace's t0 (CLOCK_MONOTONIC ns) */

/* Linux 6.18's kvm_exit format file (the print fmt line shortened). */
static const char format_6_18[] =
	"name: kvm_exit\n"
	"ID: 103\n"
	"format:\n"
	"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
	"\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
	"\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
	"\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n"
	"\n"
	"\tfield:unsigned int exit_reason;\toffset:8;\tsize:4;\tsigned:0;\n"
	"\tfield:unsigned long guest_rip;\toffset:16;\tsize:8;\tsigned:0;\n"
	"\tfield:u32 isa;\toffset:24;\tsize:4;\tsigned:0;\n"
	"\tfield:u64 info1;\toffset:32;\tsize:8;\tsigned:0;\n"
	"\tfield:u64 info2;\toffset:40;\tsize:8;\tsigned:0;\n"
	"\tfield:u32 intr_info;\toffset:48;\tsize:4;\tsigned:0;\n"
	"\tfield:u32 error_code;\toffset:52;\tsize:4;\tsigned:0;\n"
	"\tfield:unsigned int vcpu_id;\toffset:56;\tsize:4;\tsigned:0;\n"
	"\tfield:u64 requests;\toffset:64;\tsize:8;\tsigned:0;\n"
	"\n"
	"print fmt: \"vcpu %u reason %s%s%s rip 0x%lx ...\", REC->vcpu_id\n";

static struct trace out; /* the trace being written */
static struct kvm_exit_events kx;
static uint8_t *perfbuf; /* metadata page + DATA_SIZE */
static uint64_t head;    /* where the next synthetic record goes */
static const char *path;

static struct perf_event_mmap_page *meta(void)
{
	return (struct perf_event_mmap_page *)perfbuf;
}

static void put(uint64_t pos, const void *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		perfbuf[PAGE + ((pos + i) & (DATA_SIZE - 1))] = ((const uint8_t *)src)[i];
}

static void put_record(const void *rec, size_t n)
{
	put(head, rec, n);
	head += n;
}

struct sample {
	struct perf_event_header h;
	uint64_t time;
	uint32_t raw_size;
	uint8_t raw[76]; /* 72 bytes of payload, padded: the record is 8-aligned */
};

static void put_sample(uint64_t time, uint16_t type, uint32_t isa, uint32_t reason, uint64_t rip,
                       uint64_t info1, uint64_t info2)
{
	struct sample s;
	uint32_t vcpu = 0, intr = 0x80000020, err = 7;

	memset(&s, 0, sizeof(s));
	s.h = (struct perf_event_header){ PERF_RECORD_SAMPLE, 0, sizeof(s) };
	s.time = time;
	s.raw_size = sizeof(s.raw);
	memcpy(s.raw + 0, &type, 2);
	memcpy(s.raw + 8, &reason, 4);
	memcpy(s.raw + 16, &rip, 8);
	memcpy(s.raw + 24, &isa, 4);
	memcpy(s.raw + 32, &info1, 8);
	memcpy(s.raw + 40, &info2, 8);
	memcpy(s.raw + 48, &intr, 4);
	memcpy(s.raw + 52, &err, 4);
	memcpy(s.raw + 56, &vcpu, 4);
	put_record(&s, sizeof(s));
}

static void put_lost(uint64_t n)
{
	struct {
		struct perf_event_header h;
		uint64_t id, lost;
	} l = { { PERF_RECORD_LOST, 0, sizeof(l) }, 1, n };

	put_record(&l, sizeof(l));
}

static void publish(void)
{
	__atomic_store_n(&meta()->data_head, head, __ATOMIC_RELEASE);
}

/* A fresh trace, perf buffer (empty, positions starting at START) and reader. */
static void fresh(uint64_t start)
{
	path = "/tmp/lde-unit-kvm-exits.jsonl";
	CU_ASSERT_EQUAL_FATAL(trace_open(&out, path, TRACE_JSONL), 0);
	out.t0 = T0;
	memset(perfbuf, 0, PAGE + DATA_SIZE);
	meta()->data_offset = PAGE;
	meta()->data_size = DATA_SIZE;
	meta()->data_head = meta()->data_tail = head = start;
	kvm_exit_events_init(&kx, true);
	CU_ASSERT_EQUAL_FATAL(
		kvm_exit_events_attach(&kx, perfbuf, PAGE + DATA_SIZE, format_6_18, TP_ID), 0);
	CU_ASSERT_PTR_NULL(kx.unavailable);
}

/* Close the trace and load it; the reader's state is freed. */
static json_t *finish(void)
{
	kvm_exit_events_stop(&kx);
	CU_ASSERT_EQUAL(trace_close(&out), 0);
	return load_and_remove(path);
}

static void test_wrap_lost_and_order(void)
{
	json_t *trace, *r;

	/* The first sample starts 40 bytes before the end of the buffer. */
	fresh(5 * DATA_SIZE - 40);
	put_sample(T0 + 100, TP_ID, 2, 0x400, 0x100000, 0x6, 0xfee00030); /* npf */
	put_lost(5);
	put_sample(T0 + 200, TP_ID, 1, 48, 0xffffffff80001000, 0x181, 0x1000); /* EPT */
	put_sample(T0 + 250, 999, 2, 0x78, 1, 2, 3);            /* another tracepoint's id */
	put_sample(T0 + 300, TP_ID, 2, 0x78, 0x100010, 0, 0);   /* hlt */
	put_sample(T0 + 400, TP_ID, 2, 0x9999, 0x100020, 0, 0); /* no name */
	publish();

	kvm_exit_events_drain_until(&kx, &out, 200); /* the first two samples */
	CU_ASSERT_EQUAL(kx.events, 2);
	CU_ASSERT_EQUAL(kx.lost, 5);
	CU_ASSERT(meta()->data_tail < head);
	kvm_exit_events_drain_until(&kx, &out, 200); /* nothing more */
	CU_ASSERT_EQUAL(kx.events, 2);
	kvm_exit_events_drain(&kx, &out);
	CU_ASSERT_EQUAL(kx.events, 4);
	CU_ASSERT_EQUAL(meta()->data_tail, head);

	trace = finish();
	CU_ASSERT_EQUAL_FATAL(json_array_size(trace), 4);
	r = json_array_get(trace, 0);
	CU_ASSERT_STRING_EQUAL(jstr(r, "type"), "kvm_exit");
	CU_ASSERT_EQUAL(jint(r, "seq"), 0);
	CU_ASSERT_EQUAL(jint(r, "t_ns"), 100);
	CU_ASSERT_EQUAL(jint(r, "reason"), 0x400);
	CU_ASSERT_STRING_EQUAL(jstr(r, "reason_name"), "npf");
	CU_ASSERT_STRING_EQUAL(jstr(r, "isa"), "svm");
	CU_ASSERT_STRING_EQUAL(jstr(r, "guest_rip"), "0x100000");
	CU_ASSERT_STRING_EQUAL(jstr(r, "info1"), "0x6");
	CU_ASSERT_STRING_EQUAL(jstr(r, "info2"), "0xfee00030");
	CU_ASSERT_STRING_EQUAL(jstr(r, "intr_info"), "0x80000020");
	CU_ASSERT_STRING_EQUAL(jstr(r, "error_code"), "0x7");
	CU_ASSERT_EQUAL(jint(r, "vcpu"), 0);
	r = json_array_get(trace, 1);
	CU_ASSERT_EQUAL(jint(r, "t_ns"), 200);
	CU_ASSERT_STRING_EQUAL(jstr(r, "reason_name"), "EPT_VIOLATION");
	CU_ASSERT_STRING_EQUAL(jstr(r, "isa"), "vmx");
	CU_ASSERT_STRING_EQUAL(jstr(r, "guest_rip"), "0xffffffff80001000");
	r = json_array_get(trace, 2);
	CU_ASSERT_EQUAL(jint(r, "t_ns"), 300);
	CU_ASSERT_STRING_EQUAL(jstr(r, "reason_name"), "hlt");
	r = json_array_get(trace, 3);
	CU_ASSERT_EQUAL(jint(r, "seq"), 3);
	CU_ASSERT_EQUAL(jint(r, "reason"), 0x9999);
	CU_ASSERT_TRUE(json_is_null(json_object_get(r, "reason_name")));
	json_decref(trace);
}

/* Positions need not be 8-aligned for the reader: a header split in two. */
static void test_header_split_across_end(void)
{
	json_t *trace;

	fresh(3 * DATA_SIZE - 4);
	put_sample(T0 + 1, TP_ID, 2, 0x7b, 0x1000, 0xf40210, 0x1005);
	put_sample(T0 + 2, TP_ID, 2, 0x60, 0x1010, 0, 0);
	publish();
	kvm_exit_events_drain(&kx, &out);
	CU_ASSERT_EQUAL(kx.events, 2);
	trace = finish();
	CU_ASSERT_EQUAL_FATAL(json_array_size(trace), 2);
	CU_ASSERT_STRING_EQUAL(jstr(json_array_get(trace, 0), "reason_name"), "io");
	CU_ASSERT_STRING_EQUAL(jstr(json_array_get(trace, 1), "reason_name"), "interrupt");
	json_decref(trace);
}

/* Records that cannot be right are skipped, never read out of bounds. */
static void test_malformed(void)
{
	struct perf_event_header h = { PERF_RECORD_SAMPLE, 0, 4 }; /* < header */
	struct sample s;
	json_t *trace;
	struct json j;

	fresh(0);
	/* A sample whose raw size claims more than the record holds. */
	memset(&s, 0, sizeof(s));
	s.h = (struct perf_event_header){ PERF_RECORD_SAMPLE, 0, sizeof(s) };
	s.raw_size = 4000;
	put_record(&s, sizeof(s));
	/* A sample too short for its payload's exit_reason. */
	s.h.size = 8 + 8 + 4 + 8;
	s.raw_size = 8;
	put_record(&s, s.h.size);
	put_sample(T0 + 5, TP_ID, 2, 0x72, 0x1000, 0, 0); /* cpuid: fine */
	put_record(&h, sizeof(h)); /* size 4: nothing after it can be found */
	put_sample(T0 + 6, TP_ID, 2, 0x72, 0x1000, 0, 0);
	publish();
	kvm_exit_events_drain(&kx, &out);
	CU_ASSERT_EQUAL(kx.events, 1);
	CU_ASSERT_EQUAL(meta()->data_tail, head); /* resynchronised */

	/* A head more than a buffer ahead of the tail: skip to it. */
	head += 2 * DATA_SIZE;
	publish();
	kvm_exit_events_drain(&kx, &out);
	CU_ASSERT_EQUAL(meta()->data_tail, head);
	CU_ASSERT_EQUAL(kx.events, 1);

	json_init(&j);
	json_obj_begin(&j);
	kvm_exit_events_summary(&kx, &j);
	json_obj_end(&j);
	CU_ASSERT_PTR_NOT_NULL(strstr(j.buf, "\"kvm_exit_events\":{\"requested\":true,"
	                                     "\"available\":true,\"events\":1,\"lost\":0,"
	                                     "\"malformed\":4}"));
	json_free(&j);
	trace = finish();
	CU_ASSERT_EQUAL(json_array_size(trace), 1);
	json_decref(trace);
}

static void test_summary_shapes(void)
{
	struct kvm_exit_events e;
	struct json j;

	json_init(&j);
	kvm_exit_events_init(&e, false);
	json_obj_begin(&j);
	kvm_exit_events_summary(&e, &j);
	json_obj_end(&j);
	CU_ASSERT_STRING_EQUAL(j.buf, "{\"kvm_exit_events\":{\"requested\":false}}");
	kvm_exit_events_init(&e, true);
	/* No exit_reason field: not a format we can read. */
	CU_ASSERT_EQUAL(kvm_exit_events_attach(&e, perfbuf, PAGE + DATA_SIZE,
	                                       "format:\n\tfield:int x;\toffset:8;\tsize:4;\n",
	                                       TP_ID),
	                -1);
	json_reset(&j);
	json_obj_begin(&j);
	kvm_exit_events_summary(&e, &j);
	json_obj_end(&j);
	CU_ASSERT_STRING_EQUAL(j.buf, "{\"kvm_exit_events\":{\"requested\":true,"
	                              "\"available\":false,\"why\":\"the kvm_exit tracepoint "
	                              "format has no exit_reason field\"}}");
	kvm_exit_events_stop(&e);
	json_free(&j);
}

static void test_reason_names(void)
{
	CU_ASSERT_STRING_EQUAL(kvm_exit_reason_name(2, 0x400), "npf");
	CU_ASSERT_STRING_EQUAL(kvm_exit_reason_name(2, 0x7c), "msr");
	CU_ASSERT_STRING_EQUAL(kvm_exit_reason_name(2, 0x81), "hypercall");
	CU_ASSERT_STRING_EQUAL(kvm_exit_reason_name(2, 0x4e), "PF excp");
	CU_ASSERT_STRING_EQUAL(kvm_exit_reason_name(1, 30), "IO_INSTRUCTION");
	CU_ASSERT_STRING_EQUAL(kvm_exit_reason_name(1, 0x80000021), "INVALID_STATE");
	CU_ASSERT_PTR_NULL(kvm_exit_reason_name(1, 5));
	CU_ASSERT_PTR_NULL(kvm_exit_reason_name(1, 1000));
	CU_ASSERT_PTR_NULL(kvm_exit_reason_name(2, 0x401 + 0x1000));
	CU_ASSERT_PTR_NULL(kvm_exit_reason_name(0, 0x400));
}

static int setup(void)
{
	perfbuf = aligned_alloc(PAGE, PAGE + DATA_SIZE);
	return perfbuf ? 0 : -1;
}

static int teardown(void)
{
	free(perfbuf);
	return 0;
}

int suite_kvm_exit_events(void)
{
	static const struct unit_test tests[] = {
		{ "wrap, lost, bounded drain", test_wrap_lost_and_order },
		{ "header split across the end", test_header_split_across_end },
		{ "malformed records", test_malformed },
		{ "summary shapes", test_summary_shapes },
		{ "exit reason names", test_reason_names },
	};

	return add_suite("kvm_exit_events", setup, teardown, NULL, NULL, tests,
	                 sizeof(tests) / sizeof(tests[0]));
}
