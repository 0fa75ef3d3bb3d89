// SPDX-License-Identifier: MIT
/*
 * spin [TICKS]: a CPU-bound loop that never yields and never sleeps.  It
 * still cannot keep the CPU: the timer interrupt takes it back every tick,
 * and when its time slice is over the kernel runs someone else.  It only
 * asks the time (SYS_uptime) every million iterations, to know when to
 * stop: after TICKS ticks (default: half a second).
 */
#include <lde.h>

#define CHECK_EVERY (1 << 20)

int main(int argc, char **argv)
{
	struct lde_taskinfo ti;
	uint64_t end, rounds = 0, x = 1;

	taskinfo(&ti);
	end = uptime() + (uint64_t)parse_long(argc > 1 ? argv[1] : NULL, ti.hz / 2);
	do {
		/* Pure ring-3 work: a linear congruential generator. */
		for (int i = 0; i < CHECK_EVERY; i++)
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		rounds++;
	} while (uptime() < end);
	taskinfo(&ti);
	printf("spin: %lu M iterations (x=%lx); interrupted in ring 3 %lu times, "
	       "preempted %lu times, never yielded\n",
	       rounds, x >> 48, ti.ticks, ti.preempted);
	return 0;
}
