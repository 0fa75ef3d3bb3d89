// SPDX-License-Identifier: MIT
/*
 * probe: the kernel's boot-time question to the platform.  One getpid
 * through each trap instruction; the kernel watches how each arrives
 * (natively, or as #GP/#UD to be emulated) and prints what it found
 * (kernel/probe.c).  It is the first task, so both calls must return 1.
 */
#include <lde.h>

int main(void)
{
	long by_int80 = sys_call(VIA_INT80, SYS_getpid, 0, 0, 0);
	long by_syscall = sys_call(VIA_SYSCALL, SYS_getpid, 0, 0, 0);

	return by_int80 == 1 && by_syscall == 1 ? 0 : 1;
}
