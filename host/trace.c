/* SPDX-License-Identifier: MIT */
#include "trace.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"

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

static void write_out(struct trace *t, const char *s, size_t n)
{
	if (!t->error && fwrite(s, 1, n, t->f) != n)
		t->error = errno ? errno : EIO;
}

static void write_str(struct trace *t, const char *s)
{
	write_out(t, s, strlen(s));
}

/* Chrome: one event of the traceEvents array, comma-separated. */
static void put_event(struct trace *t, const char *buf, size_t len)
{
	if (t->events++)
		write_str(t, ",\n");
	write_out(t, buf, len);
}

static void chrome_meta(struct trace *t, uint32_t track, const char *what, const char *name)
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
	if (m.oom)
		t->error = ENOMEM;
	else
		put_event(t, m.buf, m.len);
	json_free(&m);
}

void trace_name_track(struct trace *t, uint32_t track, const char *name)
{
	if (t->f && t->format == TRACE_CHROME)
		chrome_meta(t, track, "thread_name", name);
}

static void chrome_open(struct trace *t)
{
	write_str(t, "{\"traceEvents\":[\n");
	chrome_meta(t, 0, "process_name", "lde");
	trace_name_track(t, TRACE_TRACK_VMM, "vmm (VM exits)");
	trace_name_track(t, TRACE_TRACK_GUEST(0), "guest kernel / idle");
	trace_name_track(t, TRACE_TRACK_CPU, "vCPU 0: task running");
}

int trace_open(struct trace *t, const char *path, enum trace_format format)
{
	const size_t bufsize = (size_t)CONFIG_TRACE_BUFFER_KB << 10;

	memset(t, 0, sizeof(*t));
	json_init(&t->j);
	t->t0 = mono_ns();
	t->path = path;
	t->format = format;
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
	if (format == TRACE_CHROME)
		chrome_open(t);
	return 0;
}

/* Chrome: the event around the record, which becomes its "args"; the
 * event's name, phase and times follow the args in trace_end(). */
static void chrome_begin(struct trace *t, const char *type, uint64_t t_ns, uint32_t track)
{
	t->ev_ts = t_ns;
	t->ev_dur = 0;
	t->ev_span = false;
	json_kv_str(&t->j, "cat", type);
	json_kv_u64(&t->j, "pid", 1);
	json_kv_u64(&t->j, "tid", track);
	json_key(&t->j, "args");
	json_obj_begin(&t->j);
}

/* Microseconds with three decimals, as Chrome's "ts" and "dur" want. */
static void chrome_us(struct json *j, const char *key, uint64_t ns)
{
	char us[32];

	snprintf(us, sizeof(us), "%llu.%03llu", (unsigned long long)(ns / 1000),
	         (unsigned long long)(ns % 1000));
	json_key(j, key);
	json_raw(j, us);
}

static void chrome_end(struct trace *t)
{
	json_obj_end(&t->j); /* args */
	json_kv_str(&t->j, "name", t->label);
	json_kv_str(&t->j, "ph", t->ev_span ? "X" : "i");
	if (!t->ev_span)
		json_kv_str(&t->j, "s", "t");
	chrome_us(&t->j, "ts", t->ev_ts);
	if (t->ev_span) /* a span of 0 ns is still a span (two records one clock tick apart) */
		chrome_us(&t->j, "dur", t->ev_dur);
}

void trace_span(struct trace *t, uint64_t start_ns, uint64_t dur_ns)
{
	t->ev_ts = start_ns;
	t->ev_dur = dur_ns;
	t->ev_span = true;
}

struct json *trace_begin_at(struct trace *t, const char *type, uint64_t t_ns, uint32_t track)
{
	if (!t->f || t->error)
		return NULL;
	if (t_ns < t->last_ns) /* a guest time a little behind (another clock) */
		t_ns = t->last_ns;
	t->last_ns = t_ns;
	json_reset(&t->j);
	json_obj_begin(&t->j);
	if (t->format == TRACE_CHROME) {
		snprintf(t->label, sizeof(t->label), "%s", type);
		chrome_begin(t, type, t_ns, track);
	}
	json_kv_u64(&t->j, "seq", t->seq);
	json_kv_str(&t->j, "type", type);
	json_kv_u64(&t->j, "t_ns", t_ns);
	return &t->j;
}

struct json *trace_begin(struct trace *t, const char *type)
{
	return t->f ? trace_begin_at(t, type, trace_now_ns(t), TRACE_TRACK_VMM) : NULL;
}

void trace_label(struct trace *t, const char *fmt, ...)
{
	va_list ap;

	if (t->format != TRACE_CHROME)
		return;
	va_start(ap, fmt);
	vsnprintf(t->label, sizeof(t->label), fmt, ap);
	va_end(ap);
}

void trace_end(struct trace *t)
{
	if (!t->f || t->error)
		return;
	if (t->format == TRACE_CHROME)
		chrome_end(t);
	json_obj_end(&t->j);
	if (t->j.oom) {
		t->error = ENOMEM;
		return;
	}
	if (t->format == TRACE_CHROME) {
		put_event(t, t->j.buf, t->j.len);
	} else {
		t->j.buf[t->j.len] = '\n'; /* replaces the NUL; the buffer has room */
		write_out(t, t->j.buf, t->j.len + 1);
		t->j.buf[t->j.len] = '\0';
	}
	t->seq++;
}

int trace_close(struct trace *t)
{
	int err;

	if (t->f && t->format == TRACE_CHROME)
		write_str(t, "\n],\"displayTimeUnit\":\"ns\"}\n");
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
