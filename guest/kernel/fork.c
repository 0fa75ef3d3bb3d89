// SPDX-License-Identifier: MIT
/*
 * fork, vfork and clone with fork semantics (see proc.h).  The child is a
 * copy of the caller: its address space copy-on-write (vm.h), the same
 * open files (one offset between them, file.h), FS base, signal mask,
 * FPU state and registers, returning 0 from the call.
 *
 * clone's CLONE_VM is honoured only together with CLONE_VFORK, the form
 * musl's and glibc's posix_spawn use: the child gets a copy-on-write copy
 * rather than the very same memory, and the parent waits, as with vfork,
 * until the child execs or ends.  A child that only writes its own stack
 * and then execs or _exits (what vfork allows) cannot tell the difference;
 * the parent does not see the child's writes (glibc's posix_spawn reports
 * an exec failure through such a write: there the parent sees success and
 * then the child's exit status 127).  Threads (CLONE_VM alone,
 * CLONE_THREAD) are refused with EINVAL.
 *
 * fork=eager on the kernel command line copies every page at fork
 * instead (vm.h's UVM_FORK_EAGER), so that `make bench` can measure
 * copy-on-write against it; the boot log says which mode runs, and every
 * forked record of the trace how many pages it copied.
 */
#include "uapi/lde_sys.h"

#include "arch.h"
#include "cmdline.h"
#include "file.h"
#include "printf.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "string.h"
#include "syscalls.h"
#include "task.h"
#include "trace_records.h"
#include "uaccess.h"

#define CSIGNAL 0xff /* the signal the parent gets when the child ends */
#define CLONE_VM 0x100
#define CLONE_VFORK 0x4000
#define CLONE_SETTLS 0x80000
#define CLONE_PARENT_SETTID 0x100000
#define CLONE_CHILD_CLEARTID 0x200000
#define CLONE_CHILD_SETTID 0x01000000
#define CLONE_SUPPORTED                                                          \
	(CSIGNAL | CLONE_VM | CLONE_VFORK | CLONE_SETTLS | CLONE_PARENT_SETTID | \
	 CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID)

static enum uvm_fork_mode fork_mode = UVM_FORK_COW;

bool fork_setup(void)
{
	size_t len;
	const char *v = cmdline_value("fork", &len);

	if (v && !cmdline_is("fork", "cow") && !cmdline_is("fork", "eager")) {
		kprintf("fork=%.*s: expected cow or eager\n", (int)len, v);
		return false;
	}
	if (cmdline_is("fork", "eager"))
		fork_mode = UVM_FORK_EAGER;
	kprintf("fork: %s\n", fork_mode == UVM_FORK_EAGER ?
	                              "eager, every page copied at fork (fork=eager)" :
	                              "copy-on-write");
	return true;
}

struct clone_args {
	uint64_t flags, stack, parent_tid, child_tid, tls;
};

/* The child's copy of everything but its address space and registers. */
static void inherit(struct task *c, const struct task *p, const struct clone_args *a)
{
	c->module = p->module;
	c->expect = p->expect;
	c->path = p->path;
	c->fs_base = a->flags & CLONE_SETTLS ? a->tls : p->fs_base;
	c->sigmask = p->sigmask;
	memcpy(c->sigactions, p->sigactions, sizeof(c->sigactions));
	c->tid_address = a->flags & CLONE_CHILD_CLEARTID ? a->child_tid : 0;
	file_table_fork(&c->files, &p->files);
}

/* The tid writes clone asks for, in the parent's and the child's memory. */
static void write_tids(struct task *c, const struct clone_args *a)
{
	uint32_t tid = c->pid;

	if (a->flags & CLONE_PARENT_SETTID)
		copy_to_user(&current->as, a->parent_tid, &tid, sizeof(tid));
	if (a->flags & CLONE_CHILD_SETTID)
		copy_to_user(&c->as, a->child_tid, &tid, sizeof(tid));
}

/* fork/vfork/clone: the child's pid, or -errno. */
static int64_t fork_task(struct trap_frame *f, const struct clone_args *a)
{
	struct task *c;
	size_t copied;
	int err;

	if ((a->flags & ~(uint64_t)CLONE_SUPPORTED) ||
	    ((a->flags & CLONE_VM) && !(a->flags & CLONE_VFORK)))
		return -EINVAL;
	c = task_alloc(current->name, current, &err);
	if (!c)
		return err;
	if (!uvm_fork(&c->as, &current->as, fork_mode, &copied)) {
		task_free(c);
		return -ENOMEM;
	}
	if (fork_mode == UVM_FORK_COW)
		arch_flush_tlb(); /* our writable pages are copy-on-write now */
	inherit(c, current, a);
	write_tids(c, a);
	c->cr3 = uvm_cr3(&c->as);
	c->context = arch_fork_user_context(c->kstack_top, f, a->stack);
	c->vfork = a->flags & CLONE_VFORK;
	tp_forked(current, c, copied);
	sched_add(c);
	while (c->vfork && !signal_pending(current)) /* until it execs or ends */
		sched_block(c);
	return c->pid;
}

int64_t sys_fork(struct trap_frame *f)
{
	const struct clone_args a = { SIGCHLD, 0, 0, 0, 0 };

	return fork_task(f, &a);
}

int64_t sys_vfork(struct trap_frame *f)
{
	const struct clone_args a = { CLONE_VM | CLONE_VFORK | SIGCHLD, 0, 0, 0, 0 };

	return fork_task(f, &a);
}

/* clone(flags, stack, parent_tid, child_tid, tls): Linux x86-64's order. */
int64_t sys_clone(struct trap_frame *f)
{
	const struct clone_args a = { f->rdi, f->rsi, f->rdx, f->r10, f->r8 };

	return fork_task(f, &a);
}
