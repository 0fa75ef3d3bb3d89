// SPDX-License-Identifier: MIT
/*
 * System calls about the task itself (syscalls.h): exit, identity, limits,
 * the FS base, signals (default actions only: nothing is ever delivered to
 * a handler; a signal a task sends itself ends it as its default action
 * says), random bytes, and the lde extensions the demos use.
 */
#include "uapi/lde_sys.h"

#include "random.h"
#include "sched.h"
#include "string.h"
#include "syscalls.h"
#include "task.h"
#include "timer.h"
#include "uaccess.h"

int64_t sys_exit(struct trap_frame *f)
{
	task_exit((int)f->rdi);
}

int64_t sys_getpid(struct trap_frame *f)
{
	(void)f;
	return current->pid;
}

int64_t sys_getppid(struct trap_frame *f)
{
	(void)f;
	return current->parent ? current->parent->pid : 0;
}

/* getuid, geteuid, getgid, getegid: everyone is root (0). */
int64_t sys_getuid(struct trap_frame *f)
{
	(void)f;
	return 0;
}

struct utsname_user {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

int64_t sys_uname(struct trap_frame *f)
{
	struct utsname_user u;

#define SET(field, s) memcpy(u.field, s, sizeof(s))
	memset(&u, 0, sizeof(u));
	SET(sysname, "Linux"); /* the ABI it offers: what programs check */
	SET(nodename, "lde");
	SET(release, "6.1.0-lde");
	SET(version, "#1 lde");
	SET(machine, "x86_64");
	SET(domainname, "(none)");
#undef SET
	return copy_to_user(&current->as, f->rdi, &u, sizeof(u));
}

int64_t sys_arch_prctl(struct trap_frame *f)
{
	switch (f->rdi) {
	case ARCH_SET_FS:
		if (f->rsi >= LDE_USER_END)
			return -EPERM;
		sched_set_fs_base(f->rsi);
		return 0;
	case ARCH_GET_FS:
		return copy_to_user(&current->as, f->rsi, &current->fs_base, 8);
	default:
		return -EINVAL;
	}
}

int64_t sys_set_tid_address(struct trap_frame *f)
{
	current->tid_address = f->rdi;
	return current->pid;
}

/* Nothing uses the robust list: there are no other threads to tell. */
int64_t sys_set_robust_list(struct trap_frame *f)
{
	return f->rsi == 24 ? 0 : -EINVAL; /* sizeof(struct robust_list_head) */
}

struct rlimit_user {
	uint64_t cur, max;
};

/* The limits: the stack's is LDE_STACK_MAX, the rest unlimited. */
static struct rlimit_user limit(uint64_t resource)
{
	if (resource == RLIMIT_STACK)
		return (struct rlimit_user){ LDE_STACK_MAX, LDE_STACK_MAX };
	return (struct rlimit_user){ ~0ULL, ~0ULL };
}

#define RLIM_NLIMITS 16

int64_t sys_prlimit64(struct trap_frame *f)
{
	struct rlimit_user old = limit(f->rsi);

	if (f->rdi && f->rdi != current->pid)
		return -ESRCH;
	if (f->rsi >= RLIM_NLIMITS)
		return -EINVAL;
	if (f->rdx)
		return -EPERM; /* fixed limits */
	return f->r10 ? copy_to_user(&current->as, f->r10, &old, sizeof(old)) : 0;
}

int64_t sys_getrlimit(struct trap_frame *f)
{
	struct rlimit_user old = limit(f->rdi);

	if (f->rdi >= RLIM_NLIMITS)
		return -EINVAL;
	return copy_to_user(&current->as, f->rsi, &old, sizeof(old));
}

#define NSIG 64
#define SIG_DFL 0

/* Handlers are accepted, and never called: only default actions happen. */
int64_t sys_rt_sigaction(struct trap_frame *f)
{
	uint64_t zero[4] = { SIG_DFL, 0, 0, 0 }; /* struct sigaction, as Linux's */

	if (f->rdi < 1 || f->rdi > NSIG || f->r10 != 8)
		return -EINVAL;
	if (f->rdx)
		return copy_to_user(&current->as, f->rdx, zero, sizeof(zero));
	return 0;
}

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

int64_t sys_rt_sigprocmask(struct trap_frame *f)
{
	uint64_t set, old = current->sigmask;

	if (f->r10 != 8)
		return -EINVAL;
	if (f->rsi) {
		if (copy_from_user(&current->as, &set, f->rsi, 8))
			return -EFAULT;
		if (f->rdi == SIG_BLOCK)
			current->sigmask |= set;
		else if (f->rdi == SIG_UNBLOCK)
			current->sigmask &= ~set;
		else if (f->rdi == SIG_SETMASK)
			current->sigmask = set;
		else
			return -EINVAL;
	}
	return f->rdx ? copy_to_user(&current->as, f->rdx, &old, 8) : 0;
}

int64_t sys_sigaltstack(struct trap_frame *f)
{
	uint64_t none[3] = { 0, 2 /* SS_DISABLE */, 0 };

	return f->rsi ? copy_to_user(&current->as, f->rsi, none, sizeof(none)) : 0;
}

/* Signal sig to the current task: its default action. */
static int64_t to_self(uint64_t sig)
{
	if (sig > NSIG)
		return -EINVAL;
	if (sig == 0)
		return 0; /* "may I?" */
	task_kill_signal((int)sig);
}

int64_t sys_kill(struct trap_frame *f)
{
	if ((int64_t)f->rdi != (int64_t)current->pid && f->rdi != 0)
		return -ESRCH; /* other tasks: later, with processes that can see each other */
	return to_self(f->rsi);
}

int64_t sys_tkill(struct trap_frame *f)
{
	if (f->rdi != current->pid)
		return -ESRCH;
	return to_self(f->rsi);
}

int64_t sys_tgkill(struct trap_frame *f)
{
	if (f->rdi != current->pid || f->rsi != current->pid)
		return -ESRCH;
	return to_self(f->rdx);
}

#define GETRANDOM_MAX 256

int64_t sys_getrandom(struct trap_frame *f)
{
	uint8_t buf[GETRANDOM_MAX];
	uint64_t n = f->rsi < GETRANDOM_MAX ? f->rsi : GETRANDOM_MAX;

	random_bytes(buf, n);
	return copy_to_user(&current->as, f->rdi, buf, n) ? -EFAULT : (int64_t)n;
}

int64_t sys_lde_taskinfo(struct trap_frame *f)
{
	struct lde_taskinfo info;

	memset(&info, 0, sizeof(info));
	info.pid = current->pid;
	info.hz = timer_hz();
	info.uptime = timer_ticks();
	info.ticks = current->ticks;
	info.preempted = current->preempted;
	memcpy(info.syscalls, current->syscalls, sizeof(info.syscalls));
	info.mech = current->last_mech;
	memcpy(info.name, current->name, sizeof(info.name));
	return copy_to_user(&current->as, f->rdi, &info, sizeof(info));
}

int64_t sys_lde_uptime(struct trap_frame *f)
{
	(void)f;
	return (int64_t)timer_ticks();
}
