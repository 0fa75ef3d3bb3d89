// SPDX-License-Identifier: MIT
/*
 * spin [N]: compute-bound, no system call until it prints: N rounds of a
 * xorshift generator.  Several at once must be interleaved by the timer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 300000000;
	uint64_t x = 88172645463325252ULL;

	for (long i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
	}
	printf("spin: %ld rounds: %016llx\n", n, (unsigned long long)x);
	return 0;
}
