// SPDX-License-Identifier: MIT
/*
 * The system-call table and the calls themselves.  The ABI (numbers,
 * registers, errors) is in uapi/lde_sys.h.  Each handler gets the
 * caller's trap frame: arguments in rdi, rsi, rdx (then r10, r8, r9), the
 * result goes back in rax.  Every pointer from ring 3 goes through
 * uaccess.c before the kernel touches what it points at.
 */
#include "uapi/lde_sys.h"

#include "console.h"
#include "trace_records.h"
#include "sched.h"
#include "string.h"
#include "syscall.h"
#include "task.h"
#include "timer.h"
#include "uaccess.h"

#define MAX_SLEEP_TICKS (1ULL << 40)

typedef int64_t (*syscall_fn)(struct trap_frame *f);

static int64_t sys_exit(struct trap_frame *f)
{
	task_exit((int)f->rdi);
}

static void console_piece(const char *piece, size_t n, void *arg)
{
	(void)arg;
	console_write(piece, n);
}

static int64_t sys_write(struct trap_frame *f)
{
	uint64_t fd = f->rdi, buf = f->rsi, len = f->rdx;
	int err;

	if (fd != 1 && fd != 2)
		return -EBADF;
	err = user_read_pieces(&current->as, buf, len, console_piece, NULL);
	return err ? err : (int64_t)len;
}

static int64_t sys_getpid(struct trap_frame *f)
{
	(void)f;
	return current->pid;
}

static int64_t sys_yield(struct trap_frame *f)
{
	(void)f;
	sched_yield();
	return 0;
}

static int64_t sys_sleep(struct trap_frame *f)
{
	if (f->rdi > MAX_SLEEP_TICKS)
		return -EINVAL;
	sched_sleep(f->rdi);
	return 0;
}

static int64_t sys_uptime(struct trap_frame *f)
{
	(void)f;
	return (int64_t)timer_ticks();
}

static int64_t sys_taskinfo(struct trap_frame *f)
{
	struct lde_taskinfo info;

	memset(&info, 0, sizeof(info));
	info.pid = current->pid;
	info.hz = CONFIG_HZ;
	info.uptime = timer_ticks();
	info.ticks = current->ticks;
	info.preempted = current->preempted;
	memcpy(info.syscalls, current->syscalls, sizeof(info.syscalls));
	info.mech = current->last_mech;
	memcpy(info.name, current->name, sizeof(info.name));
	return copy_to_user(&current->as, f->rdi, &info, sizeof(info));
}

static const syscall_fn table[SYS_COUNT] = {
	[SYS_exit] = sys_exit,         [SYS_write] = sys_write, [SYS_getpid] = sys_getpid,
	[SYS_yield] = sys_yield,       [SYS_sleep] = sys_sleep, [SYS_uptime] = sys_uptime,
	[SYS_taskinfo] = sys_taskinfo,
};

void syscall_dispatch(struct trap_frame *f, unsigned mech)
{
	uint64_t nr = f->rax, tsc = tp_syscall_arrival();

	current->syscalls[mech]++;
	current->last_mech = mech;
	f->rax = nr < SYS_COUNT ? (uint64_t)table[nr](f) : (uint64_t)-ENOSYS;
	tp_syscall(f, nr, tsc, mech); /* exit() never gets here: its task record says */
}
