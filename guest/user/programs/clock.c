// SPDX-License-Identifier: MIT
/*
 * clock [TICKS]: prints the uptime, sleeps TICKS ticks (default: 3
 * seconds' worth), prints it again.  The host can time the two lines with
 * its own clock (the vmm trace stamps each console byte): the kernel's
 * tick rate, measured from outside.
 */
#include <lde.h>

int main(int argc, char **argv)
{
	struct lde_taskinfo ti;
	long ticks;

	taskinfo(&ti);
	ticks = parse_long(argc > 1 ? argv[1] : NULL, 3 * ti.hz);
	printf("clock: start uptime=%lu hz=%u\n", uptime(), ti.hz);
	sleep_ticks(ticks);
	printf("clock: end uptime=%lu\n", uptime());
	return 0;
}
