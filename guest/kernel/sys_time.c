// SPDX-License-Identifier: MIT
/*
 * Clocks and sleeping (syscalls.h).  Time is the TSC, at the rate the timer
 * measured at boot, counted from boot; sleeps end on a timer tick, so they
 * last at least what was asked, rounded up to whole ticks.  The guest
 * knows no date: CLOCK_REALTIME is the time since boot, as if the machine
 * had booted at the Unix epoch (docs/guest-kernel.md).
 */
#include "uapi/lde_sys.h"

#include "cpu.h"
#include "sched.h"
#include "syscalls.h"
#include "task.h"
#include "timer.h"
#include "uaccess.h"

__extension__ typedef unsigned __int128 u128; /* a GCC type (-Wpedantic) */

#define NS 1000000000ULL
#define MAX_SLEEP_TICKS (1ULL << 40)

struct timespec_user {
	int64_t sec, nsec;
};

static uint64_t boot_tsc;

/* Nanoseconds since the first call (boot, in effect: the probe asks early). */
static uint64_t now_ns(void)
{
	uint64_t hz = timer_tsc_hz(), tsc = rdtsc();

	if (!boot_tsc)
		boot_tsc = tsc;
	return hz ? (uint64_t)((u128)(tsc - boot_tsc) * NS / hz) : 0;
}

uint64_t time_now_ns(void)
{
	return now_ns();
}

static bool known_clock(uint64_t id)
{
	return id <= CLOCK_BOOTTIME;
}

int64_t sys_clock_gettime(struct trap_frame *f)
{
	uint64_t ns = now_ns();
	struct timespec_user ts = { (int64_t)(ns / NS), (int64_t)(ns % NS) };

	if (!known_clock(f->rdi))
		return -EINVAL;
	return copy_to_user(&current->as, f->rsi, &ts, sizeof(ts));
}

int64_t sys_clock_getres(struct trap_frame *f)
{
	struct timespec_user ts = { 0, 1 };

	if (!known_clock(f->rdi))
		return -EINVAL;
	return f->rsi ? copy_to_user(&current->as, f->rsi, &ts, sizeof(ts)) : 0;
}

int64_t sys_gettimeofday(struct trap_frame *f)
{
	uint64_t ns = now_ns();
	int64_t tv[2] = { (int64_t)(ns / NS), (int64_t)(ns % NS / 1000) };

	return f->rdi ? copy_to_user(&current->as, f->rdi, tv, sizeof(tv)) : 0;
}

int64_t sys_time(struct trap_frame *f)
{
	int64_t t = (int64_t)(now_ns() / NS);

	if (f->rdi && copy_to_user(&current->as, f->rdi, &t, sizeof(t)))
		return -EFAULT;
	return t;
}

/* Sleeps at least the timespec at user address ts (relative). */
static int64_t sleep_for(uint64_t ts)
{
	struct timespec_user t;
	u128 ticks;

	if (copy_from_user(&current->as, &t, ts, sizeof(t)))
		return -EFAULT;
	if (t.sec < 0 || t.nsec < 0 || t.nsec >= (int64_t)NS)
		return -EINVAL;
	/* whole ticks, rounded up */
	ticks = ((u128)t.sec * NS + (uint64_t)t.nsec) * timer_hz();
	ticks = (ticks + NS - 1) / NS;
	sched_sleep(ticks > MAX_SLEEP_TICKS ? MAX_SLEEP_TICKS : (uint64_t)ticks);
	return 0;
}

int64_t sys_nanosleep(struct trap_frame *f)
{
	return sleep_for(f->rdi);
}

int64_t sys_clock_nanosleep(struct trap_frame *f)
{
	struct timespec_user t;
	uint64_t ns;

	if (!known_clock(f->rdi))
		return -EINVAL;
	if (!(f->rsi & TIMER_ABSTIME))
		return sleep_for(f->rdx);
	if (copy_from_user(&current->as, &t, f->rdx, sizeof(t)))
		return -EFAULT;
	if (t.sec < 0 || t.nsec < 0 || t.nsec >= (int64_t)NS)
		return -EINVAL;
	ns = now_ns();
	if ((uint64_t)t.sec * NS + (uint64_t)t.nsec > ns)
		sched_sleep(((uint64_t)t.sec * NS + (uint64_t)t.nsec - ns) * timer_hz() / NS + 1);
	return 0;
}

int64_t sys_sched_yield(struct trap_frame *f)
{
	(void)f;
	sched_yield();
	return 0;
}
