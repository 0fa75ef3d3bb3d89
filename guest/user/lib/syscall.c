// SPDX-License-Identifier: MIT
/*
 * System calls from ring 3, Linux's numbers and the lde extensions
 * (<lde_sys.h>).  Both trap instructions take the same registers: number in
 * rax, arguments in rdi, rsi, rdx.
 * `syscall` overwrites rcx and r11 (return RIP and RFLAGS); `int $0x80`
 * leaves them alone, but listing them costs nothing.
 */
#include <lde.h>
#include <lde/trace_names.h>

int lde_prefer_int80;

static long via_syscall(long nr, long a1, long a2, long a3)
{
	long ret;

	__asm__ volatile("syscall"
	                 : "=a"(ret)
	                 : "a"(nr), "D"(a1), "S"(a2), "d"(a3)
	                 : "rcx", "r11", "memory");
	return ret;
}

static long via_int80(long nr, long a1, long a2, long a3)
{
	long ret;

	__asm__ volatile("int $0x80"
	                 : "=a"(ret)
	                 : "a"(nr), "D"(a1), "S"(a2), "d"(a3)
	                 : "rcx", "r11", "memory");
	return ret;
}

long sys_call(enum sys_mech_choice via, long nr, long a1, long a2, long a3)
{
	if (via == VIA_INT80 || (via == VIA_PREFERRED && lde_prefer_int80))
		return via_int80(nr, a1, a2, a3);
	return via_syscall(nr, a1, a2, a3);
}

/* SYS_MECH_* are the trace's LDE_MECH_* (the kernel asserts it), so their
 * names are the trace's too. */
const char *sys_mech_name(unsigned mech)
{
	const char *name = lde_mech_name(mech);

	return name ? name : "?";
}

#define CALL0(nr) sys_call(VIA_PREFERRED, (nr), 0, 0, 0)

noreturn void exit(int status)
{
	sys_call(VIA_PREFERRED, SYS_exit_group, status, 0, 0);
	for (;;) /* the kernel never comes back */
		;
}

long write(int fd, const void *buf, size_t len)
{
	return sys_call(VIA_PREFERRED, SYS_write, fd, (long)buf, (long)len);
}

long getpid(void)
{
	return CALL0(SYS_getpid);
}

long yield(void)
{
	return CALL0(SYS_sched_yield);
}

long sleep_ticks(uint64_t ticks)
{
	struct lde_taskinfo ti;
	struct timespec ts;

	taskinfo(&ti);
	ts.tv_sec = (long)(ticks / ti.hz);
	ts.tv_nsec = (long)(ticks % ti.hz * (1000000000 / ti.hz));
	return nanosleep(&ts);
}

long nanosleep(const struct timespec *ts)
{
	return sys_call(VIA_PREFERRED, SYS_nanosleep, (long)ts, 0, 0);
}

uint64_t uptime(void)
{
	return (uint64_t)CALL0(LDE_SYS_uptime);
}

long taskinfo(struct lde_taskinfo *out)
{
	return sys_call(VIA_PREFERRED, LDE_SYS_taskinfo, (long)out, 0, 0);
}
