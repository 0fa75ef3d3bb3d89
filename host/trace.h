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

struct trace {
	FILE *f;          /* NULL: tracing disabled */
	const char *path; /* as given; "-" is stdout */
	char *iobuf;      /* stdio buffer of CONFIG_TRACE_BUFFER_KB */
	struct json j;    /* the record being built */
	uint64_t seq;     /* sequence number of the next record */
	uint64_t t0;      /* CLOCK_MONOTONIC ns at VM creation */
	int error;        /* errno of the first failed write, or 0 */
};

/* Start the clock; open PATH (NULL = disabled).  Prints and returns -1 on error. */
int trace_open(struct trace *t, const char *path);

/* Begin a record of TYPE; NULL when tracing is disabled or has failed. */
struct json *trace_begin(struct trace *t, const char *type);

/* The same, with the record's time T_NS given (guest records). */
struct json *trace_begin_at(struct trace *t, const char *type, uint64_t t_ns);

/* Finish and write the record begun last. */
void trace_end(struct trace *t);

/* Flush and close.  Returns -1 (after printing why) if any write failed. */
int trace_close(struct trace *t);

/* Nanoseconds since trace_open(). */
uint64_t trace_now_ns(const struct trace *t);

#endif
