/* SPDX-License-Identifier: MIT */
/*
 * An output format of the trace, as trace.c drives it; nothing outside
 * trace*.c sees this.  Each record is one JSON object built in t->j:
 * trace.c opens it, the format's begin() may add members first, trace.c
 * adds seq, type and t_ns, the caller its own fields, the format's finish()
 * may add more, trace.c closes it and the format's write() puts it in the
 * file.  Hooks that are NULL do nothing.
 */
#ifndef LDE_TRACE_FORMAT_H
#define LDE_TRACE_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trace.h"

struct trace_format_ops {
	bool names;                    /* shows record names: trace_name() formats them */
	void (*open)(struct trace *t); /* after the file is opened: its header */
	void (*begin)(struct trace *t, const char *type); /* t->track: its track */
	void (*finish)(struct trace *t);
	void (*write)(struct trace *t); /* the complete record in t->j */
	void (*track_name)(struct trace *t, uint64_t track, const char *name);
	void (*close)(struct trace *t); /* before the flush: the file's footer */
};

extern const struct trace_format_ops trace_jsonl;  /* trace_jsonl.c */
extern const struct trace_format_ops trace_chrome; /* trace_chrome.c */

/* Write N bytes at S to the trace file; the first failure stays in t->error. */
void trace_write(struct trace *t, const void *s, size_t n);

#endif
