// SPDX-License-Identifier: MIT
/* Argument lists from the vmm (see argv.h). */
#include "argv.h"

static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int argv_decode(char *s, char sep, char **words, int max)
{
	char *out = s, end;
	int n = 0;

	if (!*s)
		return 0;
	for (;;) { /* one word per pass; a separator always starts another, empty or not */
		if (n == max)
			return -1;
		words[n++] = out;
		while (*s && *s != sep) {
			if (*s == '%') {
				int hi = hex(s[1]), lo = hi < 0 ? -1 : hex(s[2]);

				if (lo < 0)
					return -1;
				*out++ = (char)(hi << 4 | lo);
				s += 3;
			} else {
				*out++ = *s++;
			}
		}
		end = *s++; /* the separator or the NUL; out <= s - 1 from here */
		*out++ = '\0';
		if (!end)
			return n;
	}
}

int argv_strings(char *s, size_t size, char **words, int max)
{
	int n = 0;
	size_t start = 0;

	for (size_t i = 0; i < size; i++) {
		if (s[i])
			continue;
		if (n == max)
			return -1;
		words[n++] = s + start;
		start = i + 1;
	}
	return n;
}
