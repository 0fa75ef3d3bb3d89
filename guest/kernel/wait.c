// SPDX-License-Identifier: MIT
/*
 * The end of a process and its parent's wait (see proc.h): zombies,
 * reparenting to process 1, wait4 and waitid with Linux's semantics and
 * status encoding.  A parent waiting for a child blocks on its own task
 * (sched_block(parent)); a child's end wakes it.
 */
#include "uapi/lde_sys.h"

#include "file.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "string.h"
#include "syscalls.h"
#include "task.h"
#include "vfs.h"
#include "trace_records.h"
#include "uaccess.h"

#define WNOHANG 1
#define WEXITED 4
#define WNOWAIT 0x01000000
#define P_ALL 0
#define P_PID 1
#define P_PGID 2

int proc_wait_status(const struct task *t)
{
	if (t->end == TASK_END_KILLED || t->end == TASK_END_SIGNAL)
		return t->signal & 0x7f;
	return (t->exit_status & 0xff) << 8;
}

struct sig_origin proc_child_origin(const struct task *z)
{
	bool killed = z->end == TASK_END_KILLED || z->end == TASK_END_SIGNAL;

	return (struct sig_origin){ killed ? CLD_KILLED : CLD_EXITED, z->pid,
		                    killed ? z->signal : z->exit_status };
}

/* Process 1 if it is alive and is not t, else NULL. */
static struct task *init_task(const struct task *t)
{
	struct task *init = task_find(1);

	return init && init != t && init->state != TASK_DEAD ? init : NULL;
}

/* t's children become init's (or nobody's, reaped at once if ended). */
static void reparent_children(struct task *t)
{
	struct task *init = init_task(t);

	for (unsigned i = 0; i < task_count(); i++) {
		struct task *c = task_at(i);

		if (c->state == TASK_FREE || c->parent != t)
			continue;
		c->parent = init;
		if (c->state == TASK_DEAD && !init)
			task_free(c); /* a zombie nobody will reap (off the CPU) */
	}
	if (init)
		sched_wakeup(init); /* it may be waiting, and have zombies now */
}

void proc_exit(struct task *t)
{
	file_table_close_all(&t->files);
	vfs_release(t->cwd);
	vfs_release(t->exe_ino);
	t->cwd = t->exe_ino = NULL;
	reparent_children(t);
	if (t->vfork) { /* the parent waits in vfork until now */
		t->vfork = false;
		sched_wakeup(t);
	}
	if (t->parent) {
		signal_child_ended(t->parent, t);
		sched_wakeup(t->parent);
	}
}

/* Which children a wait is for: any (P_ALL), one (P_PID), a group (P_PGID). */
struct wait_sel {
	int kind;
	uint32_t id;
};

static bool matches(const struct task *c, struct wait_sel sel)
{
	if (sel.kind == P_PID)
		return c->pid == sel.id;
	if (sel.kind == P_PGID)
		return c->pgid == sel.id;
	return true;
}

/* A zombie child matching sel into *z: 1; children, none ended: 0; -ECHILD. */
static int find_zombie(struct wait_sel sel, struct task **z)
{
	bool any = false;

	for (unsigned i = 0; i < task_count(); i++) {
		struct task *c = task_at(i);

		if (c->state == TASK_FREE || c->parent != current || !matches(c, sel))
			continue;
		any = true;
		if (c->state == TASK_DEAD) {
			*z = c;
			return 1;
		}
	}
	return any ? 0 : -ECHILD;
}

/* Waits for a matching zombie: 1 and *z, 0 (WNOHANG, none yet), or -errno. */
static int wait_for(struct wait_sel sel, uint64_t options, struct task **z)
{
	for (;;) {
		int r = find_zombie(sel, z);

		if (r || (options & WNOHANG))
			return r;
		if (signal_pending(current))
			return -EINTR;
		sched_block(current);
	}
}

/* The zombie is gone: its record, then its slot. */
static void reap(struct task *z)
{
	tp_waited(current, z, proc_wait_status(z));
	task_free(z);
}

#define RUSAGE_SIZE 144 /* struct rusage: nothing is accounted, all zero */

int64_t sys_wait4(struct trap_frame *f)
{
	static const uint8_t zero[RUSAGE_SIZE];
	int32_t pid = (int32_t)f->rdi;
	struct wait_sel sel = { P_ALL, 0 };
	struct task *z;
	int status, r;

	if (f->rdx & ~(uint64_t)(WNOHANG | 2 /* WUNTRACED */ | 8 /* WCONTINUED */))
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH;
	if (pid > 0)
		sel = (struct wait_sel){ P_PID, (uint32_t)pid };
	else if (pid == 0)
		sel = (struct wait_sel){ P_PGID, current->pgid };
	else if (pid < -1)
		sel = (struct wait_sel){ P_PGID, (uint32_t)-pid };
	r = wait_for(sel, f->rdx, &z);
	if (r <= 0)
		return r;
	status = proc_wait_status(z);
	if (f->rsi && copy_to_user(&current->as, f->rsi, &status, sizeof(status)))
		return -EFAULT;
	if (f->r10 && copy_to_user(&current->as, f->r10, zero, sizeof(zero)))
		return -EFAULT;
	r = (int)z->pid;
	reap(z);
	return r;
}

/* siginfo_t as waitid fills it (128 bytes). */
struct siginfo_wait {
	int32_t signo, err, code, pad;
	int32_t pid, uid, status;
	uint8_t rest[128 - 28];
};
_Static_assert(sizeof(struct siginfo_wait) == 128, "Linux's siginfo_t");

int64_t sys_waitid(struct trap_frame *f)
{
	struct wait_sel sel = { (int)f->rdi, (uint32_t)f->rsi };
	struct siginfo_wait si;
	struct task *z;
	int r;

	if (!(f->r10 & WEXITED) || (f->r10 & ~(uint64_t)(WNOHANG | WEXITED | WNOWAIT | 2 | 8)))
		return -EINVAL;
	if (f->rdi == P_PGID && !sel.id)
		sel.id = current->pgid;
	if (f->rdi > P_PGID || (int32_t)f->rsi < 0 || (f->rdi == P_PID && !sel.id))
		return -EINVAL;
	r = wait_for(sel, f->r10, &z);
	if (r < 0)
		return r;
	memset(&si, 0, sizeof(si));
	if (r) {
		struct sig_origin o = proc_child_origin(z);

		si.signo = SIGCHLD;
		si.code = o.code;
		si.pid = (int32_t)o.pid;
		si.status = o.status;
	}
	if (f->rdx && copy_to_user(&current->as, f->rdx, &si, sizeof(si)))
		return -EFAULT;
	if (r && !(f->r10 & WNOWAIT))
		reap(z);
	return 0;
}
