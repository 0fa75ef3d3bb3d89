/* SPDX-License-Identifier: MIT */
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void json_init(struct json *j)
{
	memset(j, 0, sizeof(*j));
}

void json_free(struct json *j)
{
	free(j->buf);
	json_init(j);
}

void json_reset(struct json *j)
{
	j->len = 0;
	j->oom = false;
	j->depth = 0;
	j->after_key = false;
	j->nonempty[0] = false;
	if (j->buf)
		j->buf[0] = '\0';
}

static bool grow(struct json *j, size_t need)
{
	size_t cap = j->cap ? j->cap : 256;
	char *p;

	if (j->oom)
		return false;
	while (cap < need)
		cap *= 2;
	p = realloc(j->buf, cap);
	if (!p) {
		j->oom = true;
		return false;
	}
	j->buf = p;
	j->cap = cap;
	return true;
}

/* Room for N more bytes and the NUL (the fast path is inlined). */
static inline bool reserve(struct json *j, size_t n)
{
	return j->len + n + 1 <= j->cap ? !j->oom : grow(j, j->len + n + 1);
}

static inline void put(struct json *j, const char *s, size_t n)
{
	if (!reserve(j, n))
		return;
	memcpy(j->buf + j->len, s, n);
	j->len += n;
	j->buf[j->len] = '\0';
}

static inline void putc_(struct json *j, char c)
{
	if (!reserve(j, 1))
		return;
	j->buf[j->len++] = c;
	j->buf[j->len] = '\0';
}

/* Separator before a value or key at the current level. */
static void sep(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->nonempty[j->depth])
		putc_(j, ',');
	j->nonempty[j->depth] = true;
}

static void open_(struct json *j, char c)
{
	sep(j);
	putc_(j, c);
	if (j->depth + 1 < JSON_MAX_DEPTH)
		j->depth++;
	j->nonempty[j->depth] = false;
}

static void close_(struct json *j, char c)
{
	putc_(j, c);
	if (j->depth > 0)
		j->depth--;
}

void json_obj_begin(struct json *j)
{
	open_(j, '{');
}
void json_obj_end(struct json *j)
{
	close_(j, '}');
}
void json_arr_begin(struct json *j)
{
	open_(j, '[');
}
void json_arr_end(struct json *j)
{
	close_(j, ']');
}

static size_t plain_run(const unsigned char *s, size_t n);

void json_key(struct json *j, const char *key)
{
	size_t n = strlen(key);

	if (plain_run((const unsigned char *)key, n) == n) { /* the usual key: one copy */
		sep(j);
		if (!reserve(j, n + 3))
			return;
		j->buf[j->len++] = '"';
		memcpy(j->buf + j->len, key, n);
		j->len += n;
		memcpy(j->buf + j->len, "\":", 3); /* and the NUL */
		j->len += 2;
	} else {
		json_str(j, key);
		putc_(j, ':');
	}
	j->after_key = true;
}

/* Length of the valid UTF-8 sequence at S (at most N bytes), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	/* reject overlong forms, surrogates and code points past U+10FFFF */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return len;
}

static void escape_ctrl(struct json *j, unsigned char c)
{
	static const char short_esc
		[] = { ['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n', ['\r'] = 'r', ['\t'] = 't' };
	char tmp[8];

	if (c < sizeof(short_esc) && short_esc[c]) {
		tmp[0] = '\\';
		tmp[1] = short_esc[c];
		put(j, tmp, 2);
		return;
	}
	snprintf(tmp, sizeof(tmp), "\\u%04x", c);
	put(j, tmp, 6);
}

/* Length of the run at S of printable ASCII that needs no escape. */
static size_t plain_run(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= 0x20 && s[i] < 0x80 && s[i] != '"' && s[i] != '\\')
		i++;
	return i;
}

void json_escape(struct json *j, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; i < n;) {
		size_t len = plain_run(u + i, n - i);

		if (len) {
			put(j, s + i, len);
			i += len;
		} else if (u[i] == '"' || u[i] == '\\') {
			putc_(j, '\\');
			putc_(j, (char)u[i++]);
		} else if (u[i] < 0x20) {
			escape_ctrl(j, u[i++]);
		} else if ((len = utf8_len(u + i, n - i)) == 0) {
			put(j, "\\ufffd", 6);
			i++;
		} else {
			put(j, s + i, len);
			i += len;
		}
	}
}

void json_strn(struct json *j, const char *s, size_t n)
{
	sep(j);
	putc_(j, '"');
	json_escape(j, s, n);
	putc_(j, '"');
}

void json_str(struct json *j, const char *s)
{
	if (!s) {
		json_null_value(j);
		return;
	}
	json_strn(j, s, strlen(s));
}

static void raw_value(struct json *j, const char *s, size_t n)
{
	sep(j);
	put(j, s, n);
}

void json_raw(struct json *j, const char *literal)
{
	raw_value(j, literal, strlen(literal));
}

/* Digits of V in BASE, written backwards from END; returns the start. */
static char *format_u64(char *end, uint64_t v, unsigned base)
{
	static const char digits[] = "0123456789abcdef";

	do {
		*--end = digits[v % base];
		v /= base;
	} while (v);
	return end;
}

void json_u64(struct json *j, uint64_t v)
{
	char tmp[24], *end = tmp + sizeof(tmp), *p = format_u64(end, v, 10);

	raw_value(j, p, (size_t)(end - p));
}

void json_i64(struct json *j, int64_t v)
{
	char tmp[24], *end = tmp + sizeof(tmp);
	char *p = format_u64(end, v < 0 ? -(uint64_t)v : (uint64_t)v, 10);

	if (v < 0)
		*--p = '-';
	raw_value(j, p, (size_t)(end - p));
}

void json_bool(struct json *j, bool v)
{
	raw_value(j, v ? "true" : "false", v ? 4 : 5);
}

void json_null_value(struct json *j)
{
	raw_value(j, "null", 4);
}

void json_hex(struct json *j, uint64_t v)
{
	char tmp[24], *end = tmp + sizeof(tmp) - 1, *p = format_u64(end, v, 16);

	*end = '"';
	*--p = 'x';
	*--p = '0';
	*--p = '"';
	raw_value(j, p, (size_t)(end + 1 - p));
}

void json_hexbytes(struct json *j, const void *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *b = p;

	sep(j);
	if (!reserve(j, 2 * n + 2))
		return;
	j->buf[j->len++] = '"';
	for (size_t i = 0; i < n; i++) {
		j->buf[j->len++] = digits[b[i] >> 4];
		j->buf[j->len++] = digits[b[i] & 15];
	}
	j->buf[j->len++] = '"';
	j->buf[j->len] = '\0';
}

void json_kv_str(struct json *j, const char *k, const char *v)
{
	json_key(j, k);
	json_str(j, v);
}

void json_kv_u64(struct json *j, const char *k, uint64_t v)
{
	json_key(j, k);
	json_u64(j, v);
}

void json_kv_i64(struct json *j, const char *k, int64_t v)
{
	json_key(j, k);
	json_i64(j, v);
}

void json_kv_bool(struct json *j, const char *k, bool v)
{
	json_key(j, k);
	json_bool(j, v);
}

void json_kv_hex(struct json *j, const char *k, uint64_t v)
{
	json_key(j, k);
	json_hex(j, v);
}
