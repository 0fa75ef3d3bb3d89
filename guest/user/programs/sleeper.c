// SPDX-License-Identifier: MIT
/*
 * sleeper [NAPS [TICKS]]: sleeps NAPS times (default 5) for TICKS timer
 * ticks (default 10) each.  While it sleeps it is in the kernel's sleep
 * queue, not the run queue; the timer interrupt wakes it.  Checks that
 * every nap lasted at least what it asked for.
 */
#include <lde.h>

int main(int argc, char **argv)
{
	long naps = parse_long(argc > 1 ? argv[1] : NULL, 5);
	long ticks = parse_long(argc > 2 ? argv[2] : NULL, 10);
	char log[128];
	size_t used = 0;
	int bad = 0;

	for (long i = 0; i < naps; i++) {
		uint64_t before = uptime(), after;

		sleep_ticks(ticks);
		after = uptime();
		bad += after - before < (uint64_t)ticks;
		if (used < sizeof(log))
			used += snprintf(log + used, sizeof(log) - used, " %lu", after - before);
	}
	printf("sleeper: %ld naps of %ld ticks, woke after%s ticks: %s\n", naps, ticks, log,
	       bad ? "TOO EARLY" : "ok");
	return bad ? 1 : 0;
}
