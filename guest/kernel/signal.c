// SPDX-License-Identifier: MIT
/* Signals between processes (see signal.h) and kill, tkill, tgkill. */
#include "signal.h"

#include "uapi/lde_sys.h"

#include "sched.h"
#include "syscalls.h"
#include "task.h"

#define NSIG 64

/* Default action "ignore" (or stop, which lde does not do). */
static bool ignored_by_default(int sig)
{
	return sig == SIGCHLD || (sig >= SIGCONT && sig <= SIGTTOU) || sig == SIGURG ||
	       sig == SIGWINCH;
}

void signal_send(struct task *t, int sig)
{
	if (t->state == TASK_DEAD || ignored_by_default(sig) ||
	    (sig != SIGKILL && (t->sig_ignored >> (sig - 1) & 1)))
		return;
	if (t == current)
		task_kill_signal(sig);
	t->pending |= 1ULL << (sig - 1);
	sched_interrupt(t);
}

void signal_child_ended(struct task *parent)
{
	signal_send(parent, SIGCHLD);
}

void signal_check(void)
{
	if (current->pending)
		task_kill_signal(__builtin_ctzll(current->pending) + 1);
}

/* Which tasks kill(pid) means: pid > 0 that one, 0 the caller's group,
 * -1 all but process 1 and the caller, < -1 the group -pid. */
static bool addressed(const struct task *t, int32_t pid)
{
	if (t->state == TASK_FREE || !t->pid)
		return false;
	if (pid > 0)
		return t->pid == (uint32_t)pid;
	if (pid == 0)
		return t->pgid == current->pgid;
	if (pid == -1)
		return t->pid != 1 && t != current;
	return t->pgid == (uint32_t)-pid;
}

/* Sends sig to every task pid addresses, the caller last: 0 or -errno. */
static int64_t send_to(int32_t pid, uint64_t sig)
{
	bool found = false, self = false;

	if (sig > NSIG || pid == INT32_MIN)
		return -EINVAL;
	for (unsigned i = 0; i < task_count(); i++) {
		struct task *t = task_at(i);

		if (!addressed(t, pid))
			continue;
		found = true;
		if (t == current)
			self = true;
		else if (sig)
			signal_send(t, (int)sig);
	}
	if (!found)
		return -ESRCH;
	if (self && sig)
		signal_send(current, (int)sig);
	return 0;
}

int64_t sys_kill(struct trap_frame *f)
{
	return send_to((int32_t)f->rdi, f->rsi);
}

int64_t sys_tkill(struct trap_frame *f)
{
	if ((int32_t)f->rdi <= 0)
		return -EINVAL;
	return send_to((int32_t)f->rdi, f->rsi);
}

int64_t sys_tgkill(struct trap_frame *f)
{
	if ((int32_t)f->rdi <= 0 || (int32_t)f->rsi <= 0)
		return -EINVAL;
	if (f->rdi != f->rsi) /* one thread per process: its tid is its pid */
		return -ESRCH;
	return send_to((int32_t)f->rsi, f->rdx);
}

/* pause: until a signal comes (which, not being handled, ends the caller). */
int64_t sys_pause(struct trap_frame *f)
{
	(void)f;
	while (!signal_pending(current))
		sched_block(&current->pending);
	return -EINTR;
}
