/* SPDX-License-Identifier: MIT */
/*
 * A small streaming JSON writer into a growable buffer: one object per
 * trace record.  Commas are placed automatically; strings are escaped per
 * RFC 8259 and invalid UTF-8 is replaced by U+FFFD, so the output is always
 * valid JSON whatever bytes come in.  (Hand-written rather than jansson's
 * json_dumps: the trace writer emits one record per exit on the hot path,
 * and building a tree per record would cost allocations for nothing.)
 */
#ifndef LDE_JSON_H
#define LDE_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JSON_MAX_DEPTH 16

struct json {
	char *buf;                     /* output, NUL-terminated */
	size_t len, cap;               /* bytes used / allocated */
	bool oom;                      /* an allocation failed; output is incomplete */
	unsigned depth;                /* nesting level */
	bool after_key;                /* the next value follows "key": */
	bool nonempty[JSON_MAX_DEPTH]; /* this level has an element already */
};

void json_init(struct json *j);
void json_free(struct json *j);
void json_reset(struct json *j); /* empty the buffer, keep its memory */

void json_obj_begin(struct json *j);
void json_obj_end(struct json *j);
void json_arr_begin(struct json *j);
void json_arr_end(struct json *j);
void json_key(struct json *j, const char *key);

void json_str(struct json *j, const char *s);
void json_strn(struct json *j, const char *s, size_t n);
void json_u64(struct json *j, uint64_t v);
void json_i64(struct json *j, int64_t v);
void json_bool(struct json *j, bool v);
void json_null_value(struct json *j);
void json_hex(struct json *j, uint64_t v);                   /* "0x1f" */
void json_hexbytes(struct json *j, const void *p, size_t n); /* "1f2e" */

/* A value already formatted as JSON (e.g. a decimal "12.345"). */
void json_raw(struct json *j, const char *literal);

/* key + value in one call */
void json_kv_str(struct json *j, const char *k, const char *v);
void json_kv_u64(struct json *j, const char *k, uint64_t v);
void json_kv_i64(struct json *j, const char *k, int64_t v);
void json_kv_bool(struct json *j, const char *k, bool v);
void json_kv_hex(struct json *j, const char *k, uint64_t v);

/* Append the JSON string escape of S[0..N) (without quotes). */
void json_escape(struct json *j, const char *s, size_t n);

#endif
