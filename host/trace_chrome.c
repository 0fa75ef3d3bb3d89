/* SPDX-License-Identifier: MIT */
/*
 * The trace in Chrome's Trace Event format, for Perfetto UI and
 * chrome://tracing: {"traceEvents":[...]}, one event per record.  The record
 * itself becomes the event's "args"; its name (trace_name()), track and span
 * (trace_span()) become the event's "name", "tid", "ts" and "dur".  An
 * event with a span is complete ("X"), one without is an instant ("i").
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "trace_format.h"

/* Events are comma-separated; the first one is the process name, written
 * by chrome_open(), so every later one starts with a separator. */
static void put_event(struct trace *t, const struct json *ev, const char *sep)
{
	if (ev->oom) {
		t->error = ENOMEM;
		return;
	}
	trace_write(t, sep, strlen(sep));
	trace_write(t, ev->buf, ev->len);
}

/* A metadata event ("M") named WHAT, giving TRACK the name NAME. */
static void put_meta(struct trace *t, uint32_t track, const char *what, const char *name,
                     const char *sep)
{
	struct json m;

	json_init(&m);
	json_obj_begin(&m);
	json_kv_str(&m, "name", what);
	json_kv_str(&m, "ph", "M");
	json_kv_u64(&m, "pid", 1);
	json_kv_u64(&m, "tid", track);
	json_key(&m, "args");
	json_obj_begin(&m);
	json_kv_str(&m, "name", name);
	json_obj_end(&m);
	json_obj_end(&m);
	put_event(t, &m, sep);
	json_free(&m);
}

static void chrome_track_name(struct trace *t, uint32_t track, const char *name)
{
	put_meta(t, track, "thread_name", name, ",\n");
}

static void chrome_open(struct trace *t)
{
	static const char header[] = "{\"traceEvents\":[\n";

	trace_write(t, header, sizeof(header) - 1);
	put_meta(t, 0, "process_name", "lde", "");
	chrome_track_name(t, TRACE_TRACK_VMM, "vmm (VM exits)");
	chrome_track_name(t, TRACE_TRACK_GUEST(0), "guest kernel / idle");
	chrome_track_name(t, TRACE_TRACK_CPU, "vCPU 0: task running");
}

/* The event around the record, which becomes its "args"; the event's
 * name, phase and times follow the args in chrome_finish(). */
static void chrome_begin(struct trace *t, const char *type, uint32_t track)
{
	snprintf(t->name, sizeof(t->name), "%s", type);
	json_kv_str(&t->j, "cat", type);
	json_kv_u64(&t->j, "pid", 1);
	json_kv_u64(&t->j, "tid", track);
	json_key(&t->j, "args");
	json_obj_begin(&t->j);
}

/* Microseconds with three decimals, as Chrome's "ts" and "dur" want. */
static void put_us(struct json *j, const char *key, uint64_t ns)
{
	char us[32];

	snprintf(us, sizeof(us), "%llu.%03llu", (unsigned long long)(ns / 1000),
	         (unsigned long long)(ns % 1000));
	json_key(j, key);
	json_raw(j, us);
}

static void chrome_finish(struct trace *t)
{
	json_obj_end(&t->j); /* args */
	json_kv_str(&t->j, "name", t->name);
	/* a span of 0 ns (two records one clock tick apart) is still a span */
	json_kv_str(&t->j, "ph", t->span ? "X" : "i");
	if (!t->span)
		json_kv_str(&t->j, "s", "t");
	put_us(&t->j, "ts", t->span_start);
	if (t->span)
		put_us(&t->j, "dur", t->span_dur);
}

static void chrome_write(struct trace *t)
{
	put_event(t, &t->j, ",\n");
}

static void chrome_close(struct trace *t)
{
	static const char footer[] = "\n],\"displayTimeUnit\":\"ns\"}\n";

	trace_write(t, footer, sizeof(footer) - 1);
}

const struct trace_format_ops trace_chrome = {
	.names = true,
	.open = chrome_open,
	.begin = chrome_begin,
	.finish = chrome_finish,
	.write = chrome_write,
	.track_name = chrome_track_name,
	.close = chrome_close,
};
