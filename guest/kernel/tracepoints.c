/* SPDX-License-Identifier: MIT */
/*
 * Each tracepoint fills, in place, only the fields its record kind uses
 * (the vmm ignores the rest): on PVM every store is an emulated
 * instruction, so a trap record is about a dozen of them.
 */
#include "tracepoints.h"

#include <lde/abi.h>
#include <stddef.h>

#include "cpu.h"
#include "ktrace.h"
#include "sched.h"
#include "string.h"
#include "task.h"
#include "trap.h"
#include "uapi/lde_sys.h"

_Static_assert(SYS_MECH_SYSCALL == LDE_MECH_SYSCALL &&
	       SYS_MECH_SYSCALL_EMULATED == LDE_MECH_SYSCALL_EMULATED &&
	       SYS_MECH_INT80 == LDE_MECH_INT80 &&
	       SYS_MECH_INT80_EMULATED == LDE_MECH_INT80_EMULATED,
	       "the kernel's mechanism numbers are the trace ABI's");
_Static_assert(offsetof(struct lde_trace_record, kind) == 16 &&
	       offsetof(struct lde_trace_record, vector) == 18 &&
	       offsetof(struct lde_trace_record, cpl) == 19 &&
	       offsetof(struct lde_trace_record, cs) == 20 &&
	       offsetof(struct lde_trace_record, mech) == 22 &&
	       offsetof(struct lde_trace_record, task) == 24 &&
	       offsetof(struct lde_trace_record, reason) == 28,
	       "put_ids() writes these as two 64-bit words");

/* kind, vector, cpl, cs, mech, task, reason: two stores, not seven. */
static inline void put_ids(struct lde_trace_record *r, unsigned kind, uint64_t vector,
			   uint64_t cs, unsigned mech, uint32_t task, uint32_t reason)
{
	uint64_t w0 = kind | (vector & 0xff) << 16 | (cs & 3) << 24 |
		      (cs & 0xffff) << 32 | (uint64_t)mech << 48;
	uint64_t w1 = task | (uint64_t)reason << 32;

	__builtin_memcpy(&r->kind, &w0, sizeof(w0));
	__builtin_memcpy(&r->task, &w1, sizeof(w1));
}

/* Where the trapped context was. */
static inline void put_context(struct lde_trace_record *r, const struct trap_frame *f)
{
	r->error_code = f->error;
	r->rip = f->rip;
	r->rsp = f->rsp;
}

void tp_trap_record(const struct trap_frame *f)
{
	struct lde_trace_record *r = ktrace_begin();

	if (!r)
		return;
	put_ids(r, f->vector < T_EXCEPTIONS ? LDE_REC_EXCEPTION : LDE_REC_INTERRUPT,
		f->vector, f->cs, 0, current->pid, 0);
	put_context(r, f);
	if (f->vector == T_PF)
		r->cr2 = read_cr2();
	ktrace_commit();
}

void tp_syscall_record(const struct trap_frame *f, uint64_t nr, uint64_t tsc,
		       unsigned mech)
{
	struct lde_trace_record *r = ktrace_begin();

	if (!r)
		return;
	/* f->vector: 0x80, the carrying fault (emulated), or T_SYSCALL (0x100,
	 * no IDT vector: recorded as 0) */
	put_ids(r, LDE_REC_SYSCALL, f->vector < 256 ? f->vector : 0, f->cs, mech,
		current->pid, 0);
	put_context(r, f);
	r->entry_tsc = tsc;
	r->u.sys.nr = nr;
	r->u.sys.args[0] = f->rdi;
	r->u.sys.args[1] = f->rsi;
	r->u.sys.args[2] = f->rdx;
	r->u.sys.args[3] = f->r10;
	r->u.sys.args[4] = f->r8;
	r->u.sys.args[5] = f->r9;
	r->ret = (int64_t)f->rax;
	ktrace_commit();
}

void tp_task_record(const struct task *t, uint32_t event, const struct trap_frame *f)
{
	struct lde_trace_record *r = ktrace_begin();

	if (!r)
		return;
	put_ids(r, LDE_REC_TASK, f ? f->vector : 0, f ? f->cs : 0, 0, t->pid, event);
	if (f) {
		put_context(r, f);
		r->cr2 = t->cr2;
	} else {
		r->rip = r->rsp = 0;
	}
	if (event == LDE_TASK_CREATED)
		memcpy(r->u.name, t->name, sizeof(t->name)); /* NUL-terminated, < 56 */
	else if (event == LDE_TASK_EXITED)
		r->ret = t->exit_status;
	ktrace_commit();
}
