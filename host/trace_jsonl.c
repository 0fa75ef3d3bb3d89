/* SPDX-License-Identifier: MIT */
/* The trace as JSON Lines (the default): each record on a line of its own. */
#include "trace_format.h"

static void jsonl_write(struct trace *t)
{
	struct json *j = &t->j;

	j->buf[j->len] = '\n'; /* replaces the NUL; the buffer has room */
	trace_write(t, j->buf, j->len + 1);
	j->buf[j->len] = '\0';
}

const struct trace_format_ops trace_jsonl = {
	.write = jsonl_write,
};
