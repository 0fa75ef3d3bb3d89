// SPDX-License-Identifier: MIT
/*
 * printf for user programs.  The formatting is the kernel's own
 * (guest/lib/printf.c, compiled again for ring 3); printf formats into a
 * buffer and hands it to one write(), so a line of output is one system
 * call and never interleaves with another task's.
 */
#include <lde.h>

#define PRINTF_BUFFER 256

int printf(const char *fmt, ...)
{
	char buf[PRINTF_BUFFER];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	write(1, buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
	return n;
}

/*
 * printf.c's kprintf writes through console_putc; in ring 3 that is a
 * one-byte write().  Nothing here uses kprintf, this keeps the link whole.
 */
void console_putc(char c)
{
	write(1, &c, 1);
}

long parse_long(const char *s, long def)
{
	long v = 0, base = 10;

	if (!s || !*s)
		return def;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (; *s; s++) {
		int d = *s >= '0' && *s <= '9' ? *s - '0' :
		        *s >= 'a' && *s <= 'f' ? *s - 'a' + 10 :
		                                 99;

		if (d >= base)
			return def;
		v = v * base + d;
	}
	return v;
}
