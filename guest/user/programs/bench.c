// SPDX-License-Identifier: MIT
/*
 * bench MODE [N]: a fixed amount of one kind of kernel work, for
 * tools/bench.  On PVM, tools/bench divides the kernel's emulated
 * instructions (the vCPU statistic insn_emulation) by N; everywhere, this
 * program also times the work itself with the TSC, which is what counts on
 * hardware.  Modes:
 *   syscall N  N getpid calls through `syscall`
 *   int80 N    N getpid calls through `int $0x80`
 *   yield N    N yields (two such tasks: N context switches each)
 *   ticks N    N million reads of the TSC in a tight ring-3 loop; a timer
 *              interrupt shows up as a gap between two reads, and the
 *              gaps as long as the kernel's tick count give the cost of a
 *              tick as ring 3 sees it
 *   none       nothing (the baseline: boot, load, exit)
 * Output: one "bench: ..." line of key=value pairs.
 */
#include <lde.h>

#define MAX_GAPS 4096
#define GAP_CYCLES 1000 /* a pause this long between two reads: interrupted */

static uint64_t gaps[MAX_GAPS];

/* Sorts gaps[0..n) in decreasing order (insertion sort: n is small). */
static void sort_down(uint64_t *a, int n)
{
	for (int i = 1; i < n; i++) {
		uint64_t v = a[i];
		int j = i;

		for (; j > 0 && a[j - 1] < v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

/* Returns the number of gaps seen; the longest `ticks` of them describe
 * the ticks (the rest are interruptions of the host's own). */
static int collect_gaps(long millions)
{
	uint64_t prev = rdtsc(), now;
	int n = 0;

	for (long i = 0; i < millions * 1000000; i++) {
		now = rdtsc();
		if (now - prev > GAP_CYCLES && n < MAX_GAPS)
			gaps[n++] = now - prev;
		prev = now;
	}
	return n;
}

static void ticks(long millions)
{
	struct lde_taskinfo a, b;
	uint64_t sum = 0, k;
	int n;

	taskinfo(&a);
	n = collect_gaps(millions);
	taskinfo(&b);
	k = b.ticks - a.ticks;
	if (k > (uint64_t)n)
		k = n;
	sort_down(gaps, n);
	for (uint64_t i = 0; i < k; i++)
		sum += gaps[i];
	printf("bench: ticks n=%lu gaps=%d tick-median=%lu tick-mean=%lu\n", k, n,
	       k ? gaps[k / 2] : 0, k ? sum / k : 0);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "none";
	long n = parse_long(argc > 2 ? argv[2] : NULL, 1000);
	struct lde_taskinfo ti;
	uint64_t t0, t1;
	unsigned mech = 0;

	if (!strcmp(mode, "ticks")) {
		ticks(n);
		return 0;
	}
	t0 = rdtsc();
	if (!strcmp(mode, "syscall") || !strcmp(mode, "int80")) {
		enum sys_mech_choice via = mode[0] == 's' ? VIA_SYSCALL : VIA_INT80;

		for (long i = 0; i < n; i++)
			sys_call(via, SYS_getpid, 0, 0, 0);
	} else if (!strcmp(mode, "yield")) {
		for (long i = 0; i < n; i++)
			yield();
	} else {
		n = 0;
	}
	t1 = rdtsc();
	taskinfo(&ti);
	/* How the benchmarked calls arrived: the path most calls took. */
	for (unsigned m = 1; m < SYS_MECHS; m++)
		if (ti.syscalls[m] > ti.syscalls[mech])
			mech = m;
	printf("bench: %s n=%ld tsc=%lu per-op=%lu mech=%s preempted=%lu\n", mode, n, t1 - t0,
	       n ? (t1 - t0) / n : 0, sys_mech_name(mech), ti.preempted);
	return 0;
}
