/* SPDX-License-Identifier: MIT */
#include "trace.h"

#include <errno.h>
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

int trace_open(struct trace *t, const char *path)
{
	const size_t bufsize = (size_t)CONFIG_TRACE_BUFFER_KB << 10;

	memset(t, 0, sizeof(*t));
	json_init(&t->j);
	t->t0 = mono_ns();
	t->path = path;
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
	return 0;
}

struct json *trace_begin_at(struct trace *t, const char *type, uint64_t t_ns)
{
	if (!t->f || t->error)
		return NULL;
	json_reset(&t->j);
	json_obj_begin(&t->j);
	json_kv_u64(&t->j, "seq", t->seq);
	json_kv_str(&t->j, "type", type);
	json_kv_u64(&t->j, "t_ns", t_ns);
	return &t->j;
}

struct json *trace_begin(struct trace *t, const char *type)
{
	return t->f ? trace_begin_at(t, type, trace_now_ns(t)) : NULL;
}

void trace_end(struct trace *t)
{
	if (!t->f || t->error)
		return;
	json_obj_end(&t->j);
	if (t->j.oom) {
		t->error = ENOMEM;
		return;
	}
	t->j.buf[t->j.len] = '\n'; /* replaces the NUL; the buffer has room */
	if (fwrite(t->j.buf, 1, t->j.len + 1, t->f) != t->j.len + 1)
		t->error = errno ? errno : EIO;
	t->j.buf[t->j.len] = '\0';
	t->seq++;
}

int trace_close(struct trace *t)
{
	int err = t->error;

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
