// SPDX-License-Identifier: MIT
/*
 * System calls about the task itself (syscalls.h): exit, identity, limits,
 * the FS base, signal masks and actions (default actions only: nothing is
 * ever delivered to a handler; signal.c sends them), process groups and
 * sessions, random bytes, and the lde extensions the demos use.
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

/* The task pid names for getpgid/getsid/setpgid: 0 is the caller. */
static struct task *target(uint64_t pid)
{
	return (int32_t)pid == 0 ? current : (int32_t)pid > 0 ? task_find((uint32_t)pid) : NULL;
}

int64_t sys_getpgid(struct trap_frame *f)
{
	struct task *t = target(f->rdi);

	return t ? (int64_t)t->pgid : -ESRCH;
}

int64_t sys_getpgrp(struct trap_frame *f)
{
	(void)f;
	return current->pgid;
}

int64_t sys_getsid(struct trap_frame *f)
{
	struct task *t = target(f->rdi);

	return t ? (int64_t)t->sid : -ESRCH;
}

/* True if some task is in process group pgid of session sid. */
static bool group_exists(uint32_t pgid, uint32_t sid)
{
	for (unsigned i = 0; i < task_count(); i++) {
		const struct task *t = task_at(i);

		if (t->state != TASK_FREE && t->pgid == pgid && t->sid == sid)
			return true;
	}
	return false;
}

/* setpgid: the caller or a child of its, into a group of the caller's session. */
int64_t sys_setpgid(struct trap_frame *f)
{
	struct task *t = target(f->rdi);
	int32_t pgid = (int32_t)f->rsi;

	if (pgid < 0)
		return -EINVAL;
	if (!t || (t != current && t->parent != current))
		return -ESRCH;
	if (t->sid != current->sid || t->sid == t->pid)
		return -EPERM; /* another session's, or a session leader */
	if (!pgid)
		pgid = (int32_t)t->pid;
	if ((uint32_t)pgid != t->pid && !group_exists((uint32_t)pgid, current->sid))
		return -EPERM;
	t->pgid = (uint32_t)pgid;
	return 0;
}

/* setsid: a new session and group led by the caller, unless it leads a group. */
int64_t sys_setsid(struct trap_frame *f)
{
	(void)f;
	if (group_exists(current->pid, current->sid) && current->pgid == current->pid)
		return -EPERM;
	current->sid = current->pgid = current->pid;
	return current->pid;
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
