/* SPDX-License-Identifier: MIT */
/*
 * The trace in Chrome's Trace Event format, for Perfetto UI, chrome://tracing
 * and the DevTools Performance panel: {"traceEvents":[...]}, one event per
 * record (two for a span).  The record itself becomes the event's "args";
 * its name (trace_name()), track and span (trace_span()) the event's
 * "name", "pid"/"tid" and times.
 *
 * Tracks: process 1 is the vmm's own (thread 1 its VM exits, thread 2 the
 * vCPU: which task ran when); process 2 the guest's tasks, task N on
 * thread N.  No value the guest writes can name or reach process 1.
 *
 * The vCPU's spans abut: one run ends where the next begins.  Each is a
 * "B" event with the record and an "E" event at its end, not an "X" with a
 * duration: a reader computes an X's end as ts + dur in floating point,
 * which can land past the next run's start and nest it in the one before.
 * A run's "E" and the next one's "B" carry the same ts string, so every
 * reader sees them tile exactly.  (Only these: the DevTools engine pairs
 * B/E on one stack for all threads, so spans that cross a switch, like a
 * sched_yield's, would break it.)  Other spans (system calls, never
 * abutting) are "X"; an event without a span is an instant ("i").
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "trace_format.h"

#define PID_VMM 1
#define PID_GUEST 2

static unsigned pid_of(uint64_t track)
{
	return track >= TRACE_TRACK_GUESTS ? PID_GUEST : PID_VMM;
}

static uint32_t tid_of(uint64_t track)
{
	return (uint32_t)track;
}

/* Events are comma-separated; the first one is the vmm's process name,
 * written by chrome_open(), so every later one starts with a separator. */
static void put_event(struct trace *t, const struct json *ev, const char *sep)
{
	if (ev->oom) {
		t->error = ENOMEM;
		return;
	}
	trace_write(t, sep, strlen(sep));
	trace_write(t, ev->buf, ev->len);
}

/* A metadata event ("M") named WHAT, giving process PID (thread TID) the
 * name NAME. */
static void put_meta(struct trace *t, unsigned pid, uint32_t tid, const char *what,
                     const char *name, const char *sep)
{
	struct json m;

	json_init(&m);
	json_obj_begin(&m);
	json_kv_str(&m, "name", what);
	json_kv_str(&m, "ph", "M");
	json_kv_u64(&m, "pid", pid);
	json_kv_u64(&m, "tid", tid);
	json_key(&m, "args");
	json_obj_begin(&m);
	json_kv_str(&m, "name", name);
	json_obj_end(&m);
	json_obj_end(&m);
	put_event(t, &m, sep);
	json_free(&m);
}

static void chrome_track_name(struct trace *t, uint64_t track, const char *name)
{
	put_meta(t, pid_of(track), tid_of(track), "thread_name", name, ",\n");
}

static void chrome_open(struct trace *t)
{
	static const char header[] = "{\"traceEvents\":[\n";

	trace_write(t, header, sizeof(header) - 1);
	put_meta(t, PID_VMM, 0, "process_name", "lde vmm", "");
	put_meta(t, PID_GUEST, 0, "process_name", "lde guest: tasks", ",\n");
	chrome_track_name(t, TRACE_TRACK_VMM, "vmm: VM exits");
	chrome_track_name(t, TRACE_TRACK_CPU, "vCPU 0: task running");
	chrome_track_name(t, TRACE_TRACK_GUEST(0), "task 0: kernel / idle");
}

/* The event around the record, which becomes its "args"; the event's
 * name, phase and times follow the args in chrome_finish(). */
static void chrome_begin(struct trace *t, const char *type)
{
	snprintf(t->name, sizeof(t->name), "%s", type);
	json_kv_str(&t->j, "cat", type);
	json_kv_u64(&t->j, "pid", pid_of(t->track));
	json_kv_u64(&t->j, "tid", tid_of(t->track));
	json_key(&t->j, "args");
	json_obj_begin(&t->j);
}

/* Microseconds with three decimals, as Chrome's "ts" wants: exact, and the
 * same string for the same nanosecond. */
static void put_us(struct json *j, const char *key, uint64_t ns)
{
	char us[32];

	snprintf(us, sizeof(us), "%llu.%03llu", (unsigned long long)(ns / 1000),
	         (unsigned long long)(ns % 1000));
	json_key(j, key);
	json_raw(j, us);
}

/* Is the record being built a span that its track's next one starts at? */
static bool abutting(const struct trace *t)
{
	return t->span && t->track == TRACE_TRACK_CPU;
}

static void chrome_finish(struct trace *t)
{
	json_obj_end(&t->j); /* args */
	json_kv_str(&t->j, "name", t->name);
	/* a span of 0 ns (two records one clock tick apart) is still a span */
	json_kv_str(&t->j, "ph", !t->span ? "i" : abutting(t) ? "B" : "X");
	if (!t->span)
		json_kv_str(&t->j, "s", "t");
	put_us(&t->j, "ts", t->span_start);
	if (t->span && !abutting(t))
		put_us(&t->j, "dur", t->span_dur);
}

/* The end of the span just written: on its track, at start + duration,
 * with its name (which some readers want on both ends). */
static void put_span_end(struct trace *t)
{
	struct json e;

	json_init(&e);
	json_obj_begin(&e);
	json_kv_str(&e, "name", t->name);
	json_kv_str(&e, "cat", t->type);
	json_kv_str(&e, "ph", "E");
	json_kv_u64(&e, "pid", pid_of(t->track));
	json_kv_u64(&e, "tid", tid_of(t->track));
	put_us(&e, "ts", t->span_start + t->span_dur);
	json_obj_end(&e);
	put_event(t, &e, ",\n");
	json_free(&e);
}

static void chrome_write(struct trace *t)
{
	put_event(t, &t->j, ",\n");
	if (abutting(t))
		put_span_end(t);
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
