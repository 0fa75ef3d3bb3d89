// SPDX-License-Identifier: MIT
/*
 * compute [ROUNDS]: the compute-bound program of `make bench`'s direct
 * execution benchmark (tools/bench-direct).  A static Linux binary, built
 * with musl-gcc, run unchanged on the host and inside lde.  It makes no
 * system call between its two clock readings: ROUNDS rounds of a xorshift
 * generator feeding a 4 KiB table (L1-resident), so the loop measures the
 * CPU and nothing else.  Prints one line:
 *
 *   compute: rounds=N result=HEX loop_ns=NS user_ns=NS
 *
 * loop_ns is CLOCK_MONOTONIC around the loop; user_ns is the user time
 * getrusage() reports for the whole process, or -1 where the kernel does
 * not offer getrusage (lde: -ENOSYS).  The result is the same wherever it
 * runs: tools/bench-direct checks it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#define TABLE 512

static int64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static uint64_t work(long rounds)
{
	static uint64_t table[TABLE];
	uint64_t x = 88172645463325252ULL, acc = 0;

	for (long i = 0; i < rounds; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		acc += table[x % TABLE] * (x | 1);
		table[(x >> 9) % TABLE] ^= acc;
	}
	return acc ^ x;
}

int main(int argc, char **argv)
{
	long rounds = argc > 1 ? atol(argv[1]) : 200000000;
	struct rusage ru;
	int64_t t0, t1, user_ns = -1;
	uint64_t result;

	t0 = now_ns();
	result = work(rounds);
	t1 = now_ns();
	if (getrusage(RUSAGE_SELF, &ru) == 0)
		user_ns = (int64_t)ru.ru_utime.tv_sec * 1000000000 + ru.ru_utime.tv_usec * 1000;
	printf("compute: rounds=%ld result=%016llx loop_ns=%lld user_ns=%lld\n", rounds,
	       (unsigned long long)result, (long long)(t1 - t0), (long long)user_ns);
	return 0;
}
