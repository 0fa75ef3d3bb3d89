// SPDX-License-Identifier: MIT
/*
 * status HOW: ends the way HOW says, so the vmm's exit status can be
 * checked: a number N exits with N; abort, hlt (privileged: #GP), segv
 * (a NULL write), ud2, int3, div (integer division by zero) die of the
 * signal Linux would send.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "0";
	volatile int zero = 0, seven = 7;

	if (!strcmp(how, "abort"))
		abort();
	if (!strcmp(how, "hlt"))
		__asm__ volatile("hlt");
	if (!strcmp(how, "segv"))
		*(volatile int *)0 = 1;
	if (!strcmp(how, "ud2"))
		__asm__ volatile("ud2");
	if (!strcmp(how, "int3"))
		__asm__ volatile("int3");
	if (!strcmp(how, "div"))
		printf("%d\n", seven / zero);
	return atoi(how);
}
