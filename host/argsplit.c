/* SPDX-License-Identifier: MIT */
#include "argsplit.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Copies the word starting at *sp into out (room for strlen(s) + 1) and
 * advances *sp past it.  Returns false on an unclosed quote.
 */
static bool take_word(const char **sp, char *out, char *quote)
{
	const char *s = *sp;

	while (*s && !blank(*s)) {
		if (*s == '\'' || *s == '"') {
			const char *end = strchr(s + 1, *s);

			if (!end) {
				*quote = *s;
				return false;
			}
			memcpy(out, s + 1, (size_t)(end - s - 1));
			out += end - s - 1;
			s = end + 1;
		} else {
			*out++ = *s++;
		}
	}
	*out = '\0';
	*sp = s;
	return true;
}

void argsplit_free(char **argv)
{
	if (!argv)
		return;
	for (char **a = argv; *a; a++)
		free(*a);
	free(argv);
}

char **argsplit(const char *s, char *err, size_t errlen)
{
	size_t n = 0, max = strlen(s) / 2 + 2; /* words need a blank between them */
	char **argv = calloc(max, sizeof(*argv));
	char quote = 0;

	if (!argv) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	for (;;) {
		while (blank(*s))
			s++;
		if (!*s)
			break;
		argv[n] = malloc(strlen(s) + 1);
		if (!argv[n]) {
			snprintf(err, errlen, "out of memory");
			break;
		}
		if (!take_word(&s, argv[n++], &quote)) {
			snprintf(err, errlen, "unclosed %c quote", quote);
			break;
		}
	}
	if (*s || n == 0) {
		if (!*s && n == 0)
			snprintf(err, errlen, "no program given");
		argsplit_free(argv);
		return NULL;
	}
	return argv;
}
