/* SPDX-License-Identifier: MIT */
/*
 * The trace writer: one JSON object per line (JSON Lines), each with a
 * contiguous sequence number "seq", a "type" and "t_ns", nanoseconds since
 * the VM was created (CLOCK_MONOTONIC).  docs/trace.md describes the records.
 *
 *	struct json *j = trace_begin(t, "exit");
 *	if (j) { json_kv_u64(j, "port", 0xe9); trace_end(t); }
 */
#ifndef LDE_TRACE_H
#define LDE_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "json.h"

enum trace_format {
	TRACE_JSONL,  /* one record per line (the default) */
	TRACE_CHROME, /* Chrome Trace Event format: {"traceEvents":[...]} */
};

/* Chrome tracks: the vmm's, one per guest task (1 + task id), and the vCPU's. */
#define TRACE_TRACK_VMM 0
#define TRACE_TRACK_GUEST(task) (1 + (task))
#define TRACE_TRACK_CPU 0x7fffffff /* the vCPU: which task ran when */

struct trace {
	FILE *f; /* NULL: tracing disabled */
	enum trace_format format;
	uint32_t track;         /* Chrome: track (tid) of the record being built */
	char label[64];         /* Chrome: event name (default: the type) */
	uint64_t events;        /* Chrome: events written, metadata included */
	uint64_t ev_ts, ev_dur; /* Chrome: the event's start and duration */
	bool ev_span;           /* Chrome: a span (trace_span()), else an instant */
	const char *path;       /* as given; "-" is stdout */
	char *iobuf;            /* stdio buffer of CONFIG_TRACE_BUFFER_KB */
	struct json j;          /* the record being built */
	uint64_t seq;           /* sequence number of the next record */
	uint64_t t0;            /* CLOCK_MONOTONIC ns at VM creation */
	uint64_t last_ns;       /* t_ns of the last record: t_ns never decreases */
	int error;              /* errno of the first failed write, or 0 */
};

/* Start the clock; open PATH (NULL = disabled) for records in FORMAT.
 * Prints and returns -1 on error. */
int trace_open(struct trace *t, const char *path, enum trace_format format);

/* Begin a record of TYPE; NULL when tracing is disabled or has failed. */
struct json *trace_begin(struct trace *t, const char *type);

/* The same, with the record's time and Chrome track given (guest records). */
struct json *trace_begin_at(struct trace *t, const char *type, uint64_t t_ns, uint32_t track);

/* Chrome: the event's name (printf-style); ignored for JSON Lines. */
void trace_label(struct trace *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Chrome: make the record a span from START_NS lasting DUR_NS ("X"). */
void trace_span(struct trace *t, uint64_t start_ns, uint64_t dur_ns);

/* Chrome: name track TRACK (a metadata event); ignored for JSON Lines. */
void trace_name_track(struct trace *t, uint32_t track, const char *name);

/* Finish and write the record begun last. */
void trace_end(struct trace *t);

/* Flush and close.  Returns -1 (after printing why) if any write failed. */
int trace_close(struct trace *t);

/* Nanoseconds since trace_open(). */
uint64_t trace_now_ns(const struct trace *t);

#endif
