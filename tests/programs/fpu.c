// SPDX-License-Identifier: MIT
/*
 * fpu [N]: floating point (SSE) that must survive context switches: a
 * sum of N terms of a series computed in a loop that never yields, so
 * the timer interrupts it with other programs running, their own FPU
 * state in between.  Prints the sum, and "fpu: ok" if it is right.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 20000000;
	double sum = 0, want;

	for (long k = 1; k <= n; k++)
		sum += 1.0 / ((double)k * (double)k);
	want = M_PI * M_PI / 6 - 1.0 / (double)n; /* the tail is about 1/n */
	printf("fpu: sum of 1/k^2 for k=1..%ld = %.9f\n", n, sum);
	printf("fpu: %s\n", fabs(sum - want) < 1e-9 + 1.0 / ((double)n * n) ? "ok" : "WRONG");
	return fabs(sum - want) < 1e-6 ? 0 : 1;
}
