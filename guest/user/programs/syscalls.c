// SPDX-License-Identifier: MIT
/*
 * syscalls [N]: system calls through each trap instruction, `syscall` and
 * `int $0x80`, N getpid calls each (default 100) and one of everything
 * else, checking every result, bad pointers included: the kernel must
 * refuse them with -EFAULT, not fault itself.  Exits 0 if every check
 * passed.
 */
#include <lde.h>

#define KERNEL_TEXT 0xffffffff80100000L /* mapped, but supervisor-only */
#define UNMAPPED 0x40000000L

static int failures;
static enum sys_mech_choice via;
static const char *via_name;

static void expect(const char *what, long got, long want)
{
	if (got == want)
		return;
	printf("syscalls: via %s: FAIL: %s returned %ld, expected %ld\n", via_name, what, got,
	       want);
	failures++;
}

static long call(long nr, long a1, long a2, long a3)
{
	return sys_call(via, nr, a1, a2, a3);
}

static void good_calls(long n, long pid)
{
	static const char hello[] = "syscalls: hello through write()\n";
	static const struct timespec zero = { 0, 0 };
	struct lde_taskinfo ti;
	uint64_t t0;

	for (long i = 0; i < n; i++)
		expect("getpid", call(SYS_getpid, 0, 0, 0), pid);
	t0 = (uint64_t)call(LDE_SYS_uptime, 0, 0, 0);
	expect("sched_yield", call(SYS_sched_yield, 0, 0, 0), 0);
	expect("nanosleep(0)", call(SYS_nanosleep, (long)&zero, 0, 0), 0);
	expect("uptime >= earlier uptime", (uint64_t)call(LDE_SYS_uptime, 0, 0, 0) >= t0, 1);
	expect("write", call(SYS_write, 1, (long)hello, sizeof(hello) - 1), sizeof(hello) - 1);
	expect("write of 0 bytes", call(SYS_write, 1, 0, 0), 0);
	expect("taskinfo", call(LDE_SYS_taskinfo, (long)&ti, 0, 0), 0);
	expect("taskinfo.pid", ti.pid, pid);
}

/* Each must be refused with the given error, and nothing else happen. */
static void bad_calls(void)
{
	static char buf[8];
	static const struct timespec bad_ns = { 0, 2000000000 };

	expect("write(kernel address)", call(SYS_write, 1, KERNEL_TEXT, 8), -EFAULT);
	expect("write(unmapped)", call(SYS_write, 1, UNMAPPED, 8), -EFAULT);
	expect("write(NULL)", call(SYS_write, 1, 0, 8), -EFAULT);
	expect("write(huge length)", call(SYS_write, 1, (long)buf, 1L << 62), -EFAULT);
	expect("write(past the user half)", call(SYS_write, 1, LDE_USER_END - 4, 8), -EFAULT);
	expect("write(-1 length)", call(SYS_write, 1, (long)buf, -1), -EFAULT);
	expect("taskinfo(NULL)", call(LDE_SYS_taskinfo, 0, 0, 0), -EFAULT);
	expect("taskinfo(kernel address)", call(LDE_SYS_taskinfo, KERNEL_TEXT, 0, 0), -EFAULT);
	expect("taskinfo(read-only code)", call(LDE_SYS_taskinfo, (long)(uintptr_t)bad_calls, 0, 0),
	       -EFAULT);
	expect("write(fd 7)", call(SYS_write, 7, (long)buf, 1), -EBADF);
	expect("nanosleep(2 s of nanoseconds)", call(SYS_nanosleep, (long)&bad_ns, 0, 0), -EINVAL);
	expect("system call 999", call(999, 0, 0, 0), -ENOSYS);
	expect("system call -1", call(-1, 0, 0, 0), -ENOSYS);
}

/* The kernel's record of how this very call arrived. */
static unsigned arrival(void)
{
	struct lde_taskinfo ti;

	call(LDE_SYS_taskinfo, (long)&ti, 0, 0);
	return ti.mech;
}

static void exercise(enum sys_mech_choice v, const char *name, long n, long pid)
{
	int before = failures;

	via = v;
	via_name = name;
	good_calls(n, pid);
	bad_calls();
	if (failures == before)
		printf("syscalls: via %s: ok: getpid x%ld, uptime, yield, sleep, "
		       "write, taskinfo; bad pointers -> -EFAULT (%d), bad fd -> "
		       "-EBADF (%d), bad number -> -ENOSYS (%d) [%s]\n",
		       name, n, -EFAULT, -EBADF, -ENOSYS, sys_mech_name(arrival()));
}

int main(int argc, char **argv)
{
	long n = parse_long(argc > 1 ? argv[1] : NULL, 100);
	long pid = getpid();
	struct lde_taskinfo ti;

	exercise(VIA_SYSCALL, "syscall", n, pid);
	exercise(VIA_INT80, "int80", n, pid);
	taskinfo(&ti);
	printf("syscalls: %s: syscall=%lu syscall-emulated=%lu int80=%lu "
	       "int80-emulated=%lu\n",
	       failures ? "FAILED" : "all checks passed", ti.syscalls[SYS_MECH_SYSCALL],
	       ti.syscalls[SYS_MECH_SYSCALL_EMULATED], ti.syscalls[SYS_MECH_INT80],
	       ti.syscalls[SYS_MECH_INT80_EMULATED]);
	return failures ? 1 : 0;
}
