/* SPDX-License-Identifier: MIT */
/*
 * Argument lists as the vmm encodes them (abi.h section 7): words
 * separated by one separator byte, each byte outside '!'..'~', and '%' and
 * ',', written %XX.  Decoded in place.  Pure logic (unit-tested).
 */
#ifndef LDE_GUEST_ARGV_H
#define LDE_GUEST_ARGV_H

#include <stddef.h>

/*
 * Decodes the NUL-terminated s in place into at most max words, separated
 * by sep; stores a pointer to each (NUL-terminated, inside s) in words[].
 * Every separator ends one word and starts the next, so "a,,b" is three
 * words and "a," two (the second empty); "" is none.  Returns the number
 * of words, or -1 if there are more than max or an escape is malformed.
 */
int argv_decode(char *s, char sep, char **words, int max);

/*
 * Splits [s, s + size), strings each followed by a NUL (the environment
 * module), into at most max pointers.  A last string without its NUL is
 * left out.  Returns the count, or -1 if there are more than max.
 */
int argv_strings(char *s, size_t size, char **words, int max);

#endif
