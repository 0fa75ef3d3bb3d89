/* SPDX-License-Identifier: MIT */
#include "trace.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "trace_format.h"

static const struct trace_format_ops *const formats[] = {
	[TRACE_JSONL] = &trace_jsonl,
	[TRACE_CHROME] = &trace_chrome,
};

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

uint64_t trace_now_ns(const struct trace *t)
{
	return mono_ns() - t->t0;
}

void trace_write(struct trace *t, const void *s, size_t n)
{
	if (!t->error && fwrite(s, 1, n, t->f) != n)
		t->error = errno ? errno : EIO;
	t->bytes += n;
}

int trace_open(struct trace *t, const char *path, enum trace_format format)
{
	const size_t bufsize = (size_t)CONFIG_TRACE_BUFFER_KB << 10;

	memset(t, 0, sizeof(*t));
	json_init(&t->j);
	t->t0 = mono_ns();
	t->path = path;
	t->ops = formats[format];
	if (!path)
		return 0;
	t->f = strcmp(path, "-") == 0 ? stdout : fopen(path, "we");
	if (!t->f) {
		vmm_error("%s: cannot create trace file: %s", path, strerror(errno));
		return -1;
	}
	t->iobuf = malloc(bufsize);
	if (t->iobuf)
		setvbuf(t->f, t->iobuf, _IOFBF, bufsize);
	if (t->ops->open)
		t->ops->open(t);
	return 0;
}

struct json *trace_begin_at(struct trace *t, const char *type, uint64_t t_ns, uint64_t track)
{
	if (!t->f || t->error)
		return NULL;
	if (t_ns < t->last_ns) /* a guest time a little behind (another clock) */
		t_ns = t->last_ns;
	t->last_ns = t_ns;
	t->type = type;
	t->track = track;
	t->span_start = t_ns;
	t->span_dur = 0;
	t->span = false;
	json_reset(&t->j);
	json_obj_begin(&t->j);
	if (t->ops->begin)
		t->ops->begin(t, type);
	json_kv_u64(&t->j, "seq", t->seq);
	json_kv_str(&t->j, "type", type);
	json_kv_u64(&t->j, "t_ns", t_ns);
	return &t->j;
}

struct json *trace_begin(struct trace *t, const char *type)
{
	return t->f ? trace_begin_at(t, type, trace_now_ns(t), TRACE_TRACK_VMM) : NULL;
}

void trace_name(struct trace *t, const char *fmt, ...)
{
	va_list ap;

	if (!t->ops->names)
		return;
	va_start(ap, fmt);
	vsnprintf(t->name, sizeof(t->name), fmt, ap);
	va_end(ap);
}

void trace_span(struct trace *t, uint64_t start_ns, uint64_t dur_ns)
{
	t->span_start = start_ns;
	t->span_dur = dur_ns;
	t->span = true;
}

void trace_track_name(struct trace *t, uint64_t track, const char *name)
{
	if (t->f && t->ops->track_name)
		t->ops->track_name(t, track, name);
}

void trace_end(struct trace *t)
{
	if (!t->f || t->error)
		return;
	if (t->ops->finish)
		t->ops->finish(t);
	json_obj_end(&t->j);
	if (t->j.oom) {
		t->error = ENOMEM;
		return;
	}
	t->ops->write(t);
	t->seq++;
}

int trace_close(struct trace *t)
{
	int err;

	if (t->f && t->ops->close)
		t->ops->close(t);
	err = t->error;

	if (t->f && fflush(t->f) != 0 && !err)
		err = errno;
	if (t->f && t->f != stdout && fclose(t->f) != 0 && !err)
		err = errno;
	t->f = NULL;
	free(t->iobuf);
	t->iobuf = NULL;
	json_free(&t->j);
	if (err) {
		vmm_error("%s: writing trace: %s", t->path, strerror(err));
		return -1;
	}
	return 0;
}
