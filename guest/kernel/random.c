// SPDX-License-Identifier: MIT
/* Random bytes (see random.h). */
#include "random.h"

#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"

#define CPUID1_ECX_RDRAND (1u << 30)

static uint64_t state;

static bool rdrand(uint64_t *v)
{
	unsigned char ok;

	__asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
	return ok;
}

static uint64_t next(void)
{
	static int has_rdrand = -1;
	uint64_t r = 0;

	if (has_rdrand < 0) {
		uint32_t c[4];

		cpuid(1, 0, c);
		has_rdrand = !!(c[2] & CPUID1_ECX_RDRAND);
	}
	if (has_rdrand)
		rdrand(&r);
	state ^= rdtsc() ^ r ^ 0x9e3779b97f4a7c15ULL;
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

void random_bytes(void *buf, size_t n)
{
	unsigned char *p = buf;

	while (n) {
		uint64_t v = next();

		for (int i = 0; i < 8 && n; i++, n--, v >>= 8)
			*p++ = (unsigned char)v;
	}
}
