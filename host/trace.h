/* SPDX-License-Identifier: MIT */
/*
 * The trace writer: records, each with a contiguous sequence number "seq",
 * a "type", "t_ns" (nanoseconds since the VM was created, CLOCK_MONOTONIC)
 * and its own fields.  docs/trace.md describes the records.
 *
 *	struct json *j = trace_begin(t, "exit");
 *	if (j) { json_kv_u64(j, "port", 0xe9); trace_end(t); }
 *
 * Callers describe records; the output format, chosen once by trace_open(),
 * decides how they reach the file (trace_format.h: JSON Lines in
 * trace_jsonl.c, Chrome's Trace Event format in trace_chrome.c).
 */
#ifndef LDE_TRACE_H
#define LDE_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "json.h"

/* --trace-format */
enum trace_format {
	TRACE_JSONL,  /* one record per line (the default) */
	TRACE_CHROME, /* Chrome Trace Event format: {"traceEvents":[...]} */
};

/*
 * The timeline (track) a record belongs to: the vmm's own two (its VM exits,
 * and the vCPU's: which task ran when), or one per guest task.  A task id
 * is the guest's to choose, any 32-bit value: it only ever selects a track
 * in the guests' range, above 2^32, never one of the vmm's.
 */
#define TRACE_TRACK_VMM 1
#define TRACE_TRACK_CPU 2
#define TRACE_TRACK_GUESTS (1ULL << 32)
#define TRACE_TRACK_GUEST(task) (TRACE_TRACK_GUESTS | (uint32_t)(task))

struct trace_format_ops;

struct trace {
	FILE *f;                            /* NULL: tracing disabled */
	const struct trace_format_ops *ops; /* the output format */
	const char *path;                   /* as given; "-" is stdout */
	char *iobuf;                        /* stdio buffer of CONFIG_TRACE_BUFFER_KB */
	struct json j;                      /* the record being built */
	uint64_t seq;                       /* sequence number of the next record */
	uint64_t t0;                        /* CLOCK_MONOTONIC ns at VM creation */
	uint64_t last_ns;                   /* t_ns of the last record: t_ns never decreases */
	int error;                          /* errno of the first failed write, or 0 */
	uint64_t bytes;                     /* written so far (--trace-max counts these) */
	/* The record being built, beyond its fields (trace_name(), trace_span()): */
	char name[64];                 /* a short name; its type unless named */
	const char *type;              /* its type (a string literal) */
	uint64_t track;                /* TRACE_TRACK_* */
	uint64_t span_start, span_dur; /* the time it covers (trace_span()) */
	bool span;                     /* it is a span, even of 0 ns; else an instant at t_ns */
};

/* Start the clock; open PATH (NULL = disabled) for records in FORMAT.
 * Prints and returns -1 on error. */
int trace_open(struct trace *t, const char *path, enum trace_format format);

/* Begin a record of TYPE; NULL when tracing is disabled or has failed. */
struct json *trace_begin(struct trace *t, const char *type);

/* The same, with the record's time and track given (guest records). */
struct json *trace_begin_at(struct trace *t, const char *type, uint64_t t_ns, uint64_t track);

/* A short name for the record being built (printf-style), for the formats
 * that show one; the default is its type. */
void trace_name(struct trace *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The record being built covers DUR_NS from START_NS (default: an instant). */
void trace_span(struct trace *t, uint64_t start_ns, uint64_t dur_ns);

/* Name track TRACK, for the formats that show tracks. */
void trace_track_name(struct trace *t, uint64_t track, const char *name);

/* Finish and write the record begun last. */
void trace_end(struct trace *t);

/* Flush and close.  Returns -1 (after printing why) if any write failed. */
int trace_close(struct trace *t);

/* Nanoseconds since trace_open(). */
uint64_t trace_now_ns(const struct trace *t);

#endif
