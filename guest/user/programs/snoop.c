// SPDX-License-Identifier: MIT
/*
 * snoop [PID]: tries to read another task's memory: the top of task PID's
 * stack (default: task 2, the first demo, or task 3 if it is task 2), an address
 * that is mapped in that task.  In this task's address space nothing is
 * there, so the read is a page fault (not present, user read) and the
 * kernel kills snoop; the other task never notices.
 */
#include <lde.h>

int main(int argc, char **argv)
{
	long me = getpid();
	long victim = parse_long(argc > 1 ? argv[1] : NULL, me == 2 ? 3 : 2);
	volatile uint64_t *p = (volatile uint64_t *)(LDE_USER_STACK_TOP(victim) - 8);

	printf("snoop: task %ld reads task %ld's stack at %p\n", me, victim, (void *)p);
	printf("snoop: read 0x%lx: isolation is broken!\n", *p);
	return 1;
}
