/* SPDX-License-Identifier: MIT */
#include "tracepoints.h"

#include <lde/abi.h>
#include "uapi/lde_sys.h"

#include "cpu.h"
#include "ktrace.h"
#include "sched.h"
#include "string.h"
#include "task.h"
#include "trap.h"

_Static_assert(SYS_MECH_SYSCALL == LDE_MECH_SYSCALL &&
	       SYS_MECH_SYSCALL_EMULATED == LDE_MECH_SYSCALL_EMULATED &&
	       SYS_MECH_INT80 == LDE_MECH_INT80 &&
	       SYS_MECH_INT80_EMULATED == LDE_MECH_INT80_EMULATED,
	       "the kernel's mechanism numbers are the trace ABI's");

/* The interrupted context of F, for the record's common fields. */
static void from_frame(struct lde_trace_record *r, const struct trap_frame *f)
{
	r->vector = (uint8_t)f->vector;
	r->cs = (uint16_t)f->cs;
	r->cpl = f->cs & 3;
	r->task = current->pid;
	r->error_code = f->error;
	r->rip = f->rip;
	r->rsp = f->rsp;
}

void tp_trap(const struct trap_frame *f)
{
	struct lde_trace_record r = { .tsc = rdtsc() };

	if (!ktrace_enabled())
		return;
	r.kind = f->vector < T_EXCEPTIONS ? LDE_REC_EXCEPTION : LDE_REC_INTERRUPT;
	from_frame(&r, f);
	if (f->vector == T_PF)
		r.cr2 = read_cr2();
	ktrace_emit(&r);
}

void tp_syscall(const struct trap_frame *f, uint64_t nr, uint64_t tsc, unsigned mech)
{
	struct lde_trace_record r = { .kind = LDE_REC_SYSCALL, .entry_tsc = tsc };

	if (!ktrace_enabled())
		return;
	from_frame(&r, f);
	r.vector = mech == LDE_MECH_INT80 || mech == LDE_MECH_INT80_EMULATED
			   ? T_SYSCALL80 : 0;
	r.error_code = 0;
	r.mech = (uint16_t)mech;
	r.u.sys.nr = nr;
	r.u.sys.args[0] = f->rdi;
	r.u.sys.args[1] = f->rsi;
	r.u.sys.args[2] = f->rdx;
	r.u.sys.args[3] = f->r10;
	r.u.sys.args[4] = f->r8;
	r.u.sys.args[5] = f->r9;
	r.ret = (int64_t)f->rax;
	ktrace_emit(&r);
}

static void task_event(const struct task *t, uint32_t event, struct lde_trace_record *r)
{
	r->kind = LDE_REC_TASK;
	r->reason = event;
	r->task = t->pid;
	ktrace_emit(r);
}

void tp_task_created(const struct task *t)
{
	struct lde_trace_record r = { 0 };

	if (!ktrace_enabled())
		return;
	memcpy(r.u.name, t->name, sizeof(t->name)); /* NUL-terminated, < 56 */
	task_event(t, LDE_TASK_CREATED, &r);
}

void tp_task_exited(const struct task *t)
{
	struct lde_trace_record r = { .ret = t->exit_status };

	if (ktrace_enabled())
		task_event(t, LDE_TASK_EXITED, &r);
}

void tp_task_killed(const struct task *t, const struct trap_frame *f)
{
	struct lde_trace_record r = { 0 };

	if (!ktrace_enabled())
		return;
	from_frame(&r, f);
	r.cr2 = f->vector == T_PF ? t->cr2 : 0;
	task_event(t, LDE_TASK_KILLED, &r);
}
