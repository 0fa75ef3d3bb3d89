// SPDX-License-Identifier: MIT
/*
 * getppid-bench: the host's own null system call, for comparison with the
 * guest kernel's (tools/bench).  Prints "getppid: N calls, X ns/call,
 * Y TSC cycles/call".  The raw syscall(2), so no library caching.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <x86intrin.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 2000000;
	struct timespec a, b;
	uint64_t t0, t1;
	double ns;

	for (long i = 0; i < n / 10; i++) /* warm up */
		syscall(SYS_getppid);
	clock_gettime(CLOCK_MONOTONIC, &a);
	t0 = __rdtsc();
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	t1 = __rdtsc();
	clock_gettime(CLOCK_MONOTONIC, &b);
	ns = (b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec);
	printf("getppid: %ld calls, %.1f ns/call, %.0f TSC cycles/call\n", n, ns / n,
	       (double)(t1 - t0) / n);
	return 0;
}
