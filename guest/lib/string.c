// SPDX-License-Identifier: MIT
/*
 * Freestanding string and memory functions.
 *
 * memset/memcpy/memmove use the x86 string instructions: on PVM, where
 * ring-0 code is emulated instruction by instruction, one `rep movs` is
 * far cheaper than a C loop, and on hardware it is fast too (ERMS).  The
 * emulator still pays per iteration (about 0.5 us), so memset and memcpy
 * move 8 bytes per iteration (`rep stosq`/`rep movsq`) and only the tail
 * byte by byte: zeroing a page costs 0.3 ms instead of 2 ms.
 */
#include <stdbool.h>
#include <stdint.h>

#include "string.h"

/*
 * gcc may turn a byte loop into a call to memset/memcpy/strlen, which
 * here would be a call to itself.
 */
#pragma GCC optimize("no-tree-loop-distribute-patterns")

void *memset(void *dst, int c, size_t n)
{
	uint64_t pattern = 0x0101010101010101ULL * (unsigned char)c;
	size_t qwords = n / 8, tail = n % 8;
	void *d = dst;

	__asm__ volatile("rep stosq" : "+D"(d), "+c"(qwords) : "a"(pattern) : "memory");
	__asm__ volatile("rep stosb" : "+D"(d), "+c"(tail) : "a"(pattern) : "memory");
	return dst;
}

/* rep movsb, forwards (DF clear) or backwards (DF set, pointers at the end). */
static void copy_bytes(void *d, const void *s, size_t n, bool backwards)
{
	if (backwards)
		__asm__ volatile("std\n\trep movsb\n\tcld"
		                 : "+D"(d), "+S"(s), "+c"(n)
		                 :
		                 : "memory");
	else
		__asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	size_t qwords = n / 8;
	void *d = dst;
	const void *s = src;

	__asm__ volatile("rep movsq" : "+D"(d), "+S"(s), "+c"(qwords) : : "memory");
	copy_bytes(d, s, n % 8, false);
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	const char *s = src;
	char *d = dst;

	if (!n || d <= s || d >= s + n)
		copy_bytes(d, s, n, false);
	else /* dst overlaps the end of src: copy from the last byte down */
		copy_bytes(d + n - 1, s + n - 1, n, true);
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	for (; *a && *a == *b; a++, b++)
		;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n && *a && *a == *b; n--, a++, b++)
		;
	return n ? (unsigned char)*a - (unsigned char)*b : 0;
}
