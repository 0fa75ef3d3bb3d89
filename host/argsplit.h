/* SPDX-License-Identifier: MIT */
/*
 * Splits a -r/--run string into an argv, the way a shell splits a simple
 * command, without expansions: blanks (spaces and tabs) separate words;
 * '...' takes everything up to the next ' literally; "..." everything up to
 * the next " literally; quoted and unquoted pieces next to each other make
 * one word ('' alone is an empty word).  No backslash escapes, no
 * variables, no globbing.  An unclosed quote, or a string with no word, is
 * an error.
 */
#ifndef LDE_ARGSPLIT_H
#define LDE_ARGSPLIT_H

#include <stddef.h>

/*
 * Returns a malloc'd NULL-terminated argv (free with argsplit_free), or NULL
 * with one line in ERR.
 */
char **argsplit(const char *s, char *err, size_t errlen);

void argsplit_free(char **argv);

#endif
