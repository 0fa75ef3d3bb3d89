/* SPDX-License-Identifier: MIT */
/*
 * The kernel's own <string.h>: the freestanding subset it implements in
 * guest/lib/string.c.  gcc may emit calls to memset/memcpy/memmove/memcmp
 * by itself (struct copies, zeroing), so those must always exist.
 */
#ifndef LDE_GUEST_STRING_H
#define LDE_GUEST_STRING_H

#include <stddef.h>

void *memset(void *dst, int c, size_t n);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

/*
 * Copies N 8-byte words, inline: one `rep movsq`, for hot paths where
 * memcpy's call and byte tail would cost more (on PVM each kernel
 * instruction is emulated).
 */
static inline void copy_qwords(void *restrict dst, const void *restrict src, size_t n)
{
	__asm__ volatile("rep movsq" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
}

size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

#endif
