/* SPDX-License-Identifier: MIT */
/*
 * Each tracepoint fills, in place, only the fields its record kind uses
 * (the vmm ignores the rest), and copies the trapped context's registers
 * straight from the trap frame with one `rep movsq`: struct lde_trap_regs
 * is laid out as the frame is, from r9 up.  On PVM every kernel
 * instruction is emulated, so this is what keeps a record cheap.
 */
#include "trace_records.h"

#include <lde/abi.h>
#include <stddef.h>

#include "arch.h"
#include "trace_ring.h"
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

/* struct lde_trap_regs is the trap frame from r9 to rsp, field for field. */
#define REGS_OFFSET(field) (offsetof(struct trap_frame, field) - offsetof(struct trap_frame, r9))
#define SAME_PLACE(field) \
	_Static_assert(REGS_OFFSET(field) == offsetof(struct lde_trap_regs, field), #field)
SAME_PLACE(r9);
SAME_PLACE(r8);
SAME_PLACE(r10);
SAME_PLACE(rdx);
SAME_PLACE(rsi);
SAME_PLACE(rdi);
SAME_PLACE(rax);
SAME_PLACE(vector);
SAME_PLACE(rip);
SAME_PLACE(cs);
SAME_PLACE(rflags);
SAME_PLACE(rsp);
_Static_assert(REGS_OFFSET(error) == offsetof(struct lde_trap_regs, error_code), "error");
_Static_assert(REGS_OFFSET(ss) == sizeof(struct lde_trap_regs), "regs end below ss");
_Static_assert(offsetof(struct lde_trace_record, mech) == 18 &&
                       offsetof(struct lde_trace_record, task) == 20,
               "put_ids() writes kind, mech and task as one 64-bit word");

#define QWORDS(bytes) ((bytes) / sizeof(uint64_t))
/* vector..rsp: where and what the trap was, without the general registers */
#define TRAP_PART offsetof(struct lde_trap_regs, vector)

/* kind, mech, task: one store, not three. */
static inline void put_ids(struct lde_trace_record *r, unsigned kind, unsigned mech, uint32_t task)
{
	uint64_t w = kind | mech << 16 | (uint64_t)task << 32;

	__builtin_memcpy(&r->kind, &w, sizeof(w));
}

/* The trap part of the frame: vector, error code, rip, cs, rflags, rsp. */
static inline void put_trap_part(struct lde_trace_record *r, const struct trap_frame *f)
{
	copy_qwords((char *)&r->regs + TRAP_PART, &f->vector, QWORDS(sizeof(r->regs) - TRAP_PART));
}

void tp_trap_record(const struct trap_frame *f, uint32_t outcome)
{
	struct lde_trace_record *r = trace_ring_begin();

	if (!r)
		return;
	r->reason = outcome;
	put_ids(r, f->vector < T_EXCEPTIONS ? LDE_REC_EXCEPTION : LDE_REC_INTERRUPT, 0,
	        current->pid);
	put_trap_part(r, f);
	if (f->vector == T_PF)
		r->cr2 = arch_fault_address();
	trace_ring_commit();
}

void tp_syscall_record(const struct trap_frame *f, uint64_t nr, uint64_t tsc, unsigned mech,
                       uint32_t how)
{
	struct lde_trace_record *r = trace_ring_begin();

	if (!r)
		return;
	put_ids(r, LDE_REC_SYSCALL, mech, current->pid);
	r->reason = how;
	r->entry_tsc = tsc;
	r->nr = nr;
	copy_qwords(&r->regs, &f->r9, QWORDS(sizeof(r->regs)));
	trace_ring_commit();
}

void tp_task_record(const struct task *t, uint32_t event, const struct trap_frame *f)
{
	struct lde_trace_record *r = trace_ring_begin();

	if (!r)
		return;
	put_ids(r, LDE_REC_TASK, 0, t->pid);
	r->reason = event;
	if (event == LDE_TASK_CREATED) {
		memcpy(r->name, t->name, sizeof(t->name)); /* NUL-terminated, < 56 */
	} else if (event == LDE_TASK_EXITED) {
		r->status = t->exit_status;
	} else {
		put_trap_part(r, f);
		r->cr2 = t->cr2;
	}
	trace_ring_commit();
}

/* name[]: first (cut to fit), then as many of argv[0..argc) as fit whole. */
static void put_strings(struct lde_trace_record *r, const char *first, int argc, char *const argv[])
{
	size_t used = strlen(first) + 1, len;

	memset(r->name, 0, sizeof(r->name));
	if (used > sizeof(r->name) - 1)
		used = sizeof(r->name) - 1;
	memcpy(r->name, first, used - 1);
	for (int i = 0; i < argc; i++) {
		len = strlen(argv[i]) + 1;
		if (len > sizeof(r->name) - 1 - used)
			break;
		memcpy(r->name + used, argv[i], len);
		used += len;
	}
}

void tp_created_record(const struct task *t, int argc, char *const argv[])
{
	struct lde_trace_record *r = trace_ring_begin();

	if (!r)
		return;
	put_ids(r, LDE_REC_TASK, 0, t->pid);
	r->reason = LDE_TASK_CREATED;
	r->module = (uint64_t)(t->module + 1);
	put_strings(r, t->name, argc, argv);
	trace_ring_commit();
}

void tp_forked_record(const struct task *parent, const struct task *child, size_t copied)
{
	struct lde_trace_record *r = trace_ring_begin();

	if (!r)
		return;
	put_ids(r, LDE_REC_TASK, 0, child->pid);
	r->reason = LDE_TASK_FORKED;
	r->parent = parent->pid;
	r->copied = copied;
	put_strings(r, child->name, 0, NULL);
	trace_ring_commit();
}

void tp_exec_record(const struct task *t, const char *path, int argc, char *const argv[])
{
	struct lde_trace_record *r = trace_ring_begin();

	if (!r)
		return;
	put_ids(r, LDE_REC_TASK, 0, t->pid);
	r->reason = LDE_TASK_EXEC;
	put_strings(r, path, argc, argv);
	trace_ring_commit();
}

void tp_signal_record(const struct task *t, int sig, uint64_t handler)
{
	struct lde_trace_record *r = trace_ring_begin();

	if (!r)
		return;
	put_ids(r, LDE_REC_TASK, 0, t->pid);
	r->reason = LDE_TASK_SIGNAL;
	r->signal = (uint64_t)sig;
	r->handler = handler;
	trace_ring_commit();
}

void tp_waited_record(const struct task *parent, const struct task *child, int wstatus)
{
	struct lde_trace_record *r = trace_ring_begin();

	if (!r)
		return;
	put_ids(r, LDE_REC_TASK, 0, parent->pid);
	r->reason = LDE_TASK_WAITED;
	r->child = child->pid;
	r->wstatus = wstatus;
	trace_ring_commit();
}

void tp_switch_record(const struct task *prev, const struct task *next, uint32_t why)
{
	struct lde_trace_record *r = trace_ring_begin();

	if (!r)
		return;
	put_ids(r, LDE_REC_SWITCH, 0, prev->pid);
	r->reason = why;
	r->next_task = next->pid;
	trace_ring_commit();
}
