/* SPDX-License-Identifier: MIT */
/*
 * printf family for the kernel.  Conversions: %s %c %d %i %u %x %X %p %%;
 * length modifiers l, ll, z; flags '-' (left-justify) and '0' (zero-pad);
 * a field width (digits or '*'); precision ('.N' or '.*') for %s only.
 */
#ifndef LDE_GUEST_PRINTF_H
#define LDE_GUEST_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

#include "kernel.h"

/* Both return the number of characters the full output has. */
int kprintf(const char *fmt, ...) printf_like(1, 2);
int vkprintf(const char *fmt, va_list ap) printf_like(1, 0);

/*
 * Like C's: writes at most size bytes including the NUL, and returns the
 * length the full output would have had.
 */
int snprintf(char *buf, size_t size, const char *fmt, ...) printf_like(3, 4);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) printf_like(3, 0);

#endif
