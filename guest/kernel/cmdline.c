// SPDX-License-Identifier: MIT
/* The kernel command line: a private copy and word lookup. */
#include <lde/abi.h>

#include "cmdline.h"
#include "string.h"

static char cmdline[LDE_BOOT_CMDLINE_MAX];

void cmdline_init(const char *boot_cmdline)
{
	const char *src = boot_cmdline && *boot_cmdline ? boot_cmdline : CONFIG_CMDLINE_DEFAULT;
	size_t n = strnlen(src, sizeof(cmdline) - 1);

	memcpy(cmdline, src, n);
	cmdline[n] = '\0';
}

const char *cmdline_get(void)
{
	return cmdline;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/*
 * Returns the word starting at or after *pos and its length in *len,
 * and moves *pos past it; NULL when there are no more words.
 */
static const char *next_word(const char **pos, size_t *len)
{
	const char *p = *pos, *start;

	while (is_space(*p))
		p++;
	if (!*p)
		return NULL;
	start = p;
	while (*p && !is_space(*p))
		p++;
	*len = p - start;
	*pos = p;
	return start;
}

bool cmdline_flag(const char *flag)
{
	size_t n = strlen(flag), len;
	const char *pos = cmdline, *w;

	while ((w = next_word(&pos, &len)))
		if (len == n && !memcmp(w, flag, n))
			return true;
	return false;
}

const char *cmdline_value(const char *key, size_t *len)
{
	size_t n = strlen(key), wlen;
	const char *pos = cmdline, *w, *found = NULL;

	while ((w = next_word(&pos, &wlen))) {
		if (wlen > n && w[n] == '=' && !memcmp(w, key, n)) {
			found = w + n + 1; /* keep looking: last one wins */
			*len = wlen - n - 1;
		}
	}
	return found;
}

/* Value of one digit in base 16, or 16 if c is not a hex digit. */
static unsigned digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 16;
}

/* Parses s[0..len) as decimal or 0x-hex into *out; false if invalid. */
static bool parse_u32(const char *s, size_t len, uint32_t *out)
{
	unsigned base = 10;
	uint64_t v = 0;

	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		len -= 2;
	}
	if (!len)
		return false;
	for (; len; len--, s++) {
		unsigned d = digit_value(*s);

		if (d >= base)
			return false;
		v = v * base + d;
		if (v > UINT32_MAX)
			return false;
	}
	*out = (uint32_t)v;
	return true;
}

int cmdline_u32(const char *key, uint32_t *out)
{
	size_t len;
	const char *v = cmdline_value(key, &len);

	if (!v)
		return 0;
	return parse_u32(v, len, out) ? 1 : -1;
}

bool cmdline_is(const char *key, const char *value)
{
	size_t len;
	const char *v = cmdline_value(key, &len);

	return v && len == strlen(value) && !memcmp(v, value, len);
}
