/* SPDX-License-Identifier: MIT */
#include "trace_ring.h"

#include <string.h>

#include <lde/trace_names.h>

#include "log.h"
#include "syscall_name.h"

__extension__ typedef unsigned __int128 u128; /* a GCC type (-Wpedantic) */

int trace_ring_setup(struct trace_ring *r, struct guest_mem *gm, uint32_t capacity)
{
	uint64_t size = sizeof(struct lde_ring_header) +
	                (uint64_t)capacity * sizeof(struct lde_trace_record);

	memset(r, 0, sizeof(*r));
	if (guest_mem_reserve(gm, size, &r->gpa) < 0) {
		vmm_error("guest RAM too small for the %llu KiB trace ring beside the image and "
		          "the programs; give the guest more with --mem",
		          (unsigned long long)(size >> 10));
		return -1;
	}
	r->size = size;
	r->hdr = GUEST_PTR(gm, r->gpa, struct lde_ring_header);
	r->slots = guest_ptr(gm, r->gpa + sizeof(*r->hdr), size - sizeof(*r->hdr));
	r->capacity = capacity;
	*r->hdr = (struct lde_ring_header){
		.magic = LDE_RING_MAGIC,
		.version = LDE_RING_VERSION,
		.record_size = sizeof(struct lde_trace_record),
		.capacity = capacity,
		.high_water = capacity - capacity / 4,
	};
	r->enabled = r->hdr && r->slots;
	return r->enabled ? 0 : -1;
}

void trace_ring_clock(struct trace_ring *r, uint64_t tsc0, uint64_t t0_ns, uint32_t tsc_khz)
{
	r->tsc0 = tsc0;
	r->t0_ns = t0_ns;
	r->tsc_khz = tsc_khz;
	r->running_since = t0_ns; /* the kernel (task 0) runs from the first KVM_RUN */
}

/*
 * Guest TSC -> trace clock.  Every record in the ring happened before the
 * drain began: a translated time past that (the guest's clock running a
 * little fast) is clamped to it.
 */
static uint64_t record_ns(const struct trace_ring *r, uint64_t tsc)
{
	uint64_t ns;

	if (!r->tsc_khz)
		return r->drain_start_ns;
	if (tsc < r->tsc0)
		return r->t0_ns;
	ns = r->t0_ns + (uint64_t)((u128)(tsc - r->tsc0) * 1000000 / r->tsc_khz);
	return ns < r->drain_start_ns ? ns : r->drain_start_ns;
}

/* Does REC carry a trapped context (regs.vector..regs.rsp)? */
static bool has_context(const struct lde_trace_record *rec)
{
	if (rec->kind == LDE_REC_TASK)
		return rec->reason == LDE_TASK_KILLED;
	return rec->kind != LDE_REC_SWITCH;
}

/* Does a task record carry a name[] (a name, or a path and argv)? */
static bool has_name(const struct lde_trace_record *rec)
{
	return rec->reason == LDE_TASK_CREATED || rec->reason == LDE_TASK_FORKED ||
	       rec->reason == LDE_TASK_EXEC;
}

/* The IDT vector; a `syscall` (LDE_VECTOR_NONE) counts as 0. */
static uint8_t vector_of(const struct lde_trace_record *rec)
{
	return rec->regs.vector == LDE_VECTOR_NONE ? 0 : (uint8_t)rec->regs.vector;
}

/* Why REC's trapped context cannot be real, or NULL. */
static const char *invalid_context(const struct lde_trace_record *rec)
{
	if (rec->regs.vector > 0xff &&
	    !(rec->kind == LDE_REC_SYSCALL && rec->regs.vector == LDE_VECTOR_NONE))
		return "vector above 255";
	if (rec->regs.cs > 0xffff)
		return "CS above 0xffff";
	return NULL;
}

/* Why REC cannot be a record the guest kernel wrote, or NULL. */
static const char *invalid(const struct trace_ring *r, const struct lde_trace_record *rec)
{
	if (rec->seq != r->records)
		return "record sequence number out of order";
	if (rec->kind < LDE_REC_EXCEPTION || rec->kind > LDE_REC_SWITCH)
		return "unknown record kind";
	if (rec->mech > LDE_MECH_INT80_EMULATED)
		return "unknown system-call mechanism";
	if (rec->kind == LDE_REC_SYSCALL && rec->entry_tsc > rec->tsc)
		return "system call returned before it arrived";
	if (rec->kind == LDE_REC_SYSCALL && rec->reason > LDE_CALL_ENDED)
		return "unknown system-call end";
	if (rec->kind == LDE_REC_EXCEPTION && rec->reason > LDE_TRAP_SIGNAL)
		return "unknown fault outcome";
	if (rec->kind == LDE_REC_INTERRUPT && rec->reason > LDE_INTR_COM1)
		return "unknown interrupt source";
	if (rec->kind == LDE_REC_TASK &&
	    (rec->reason < LDE_TASK_CREATED || rec->reason > LDE_TASK_SIGNAL))
		return "unknown task event";
	if (rec->kind == LDE_REC_TASK && rec->reason == LDE_TASK_FORKED && rec->parent > UINT32_MAX)
		return "parent task id above 2^32";
	if (rec->kind == LDE_REC_TASK && rec->reason == LDE_TASK_FORKED &&
	    rec->copied > (1ull << 35))
		return "pages copied above 2^35 (the user half's pages)";
	if (rec->kind == LDE_REC_TASK && rec->reason == LDE_TASK_WAITED && rec->child > UINT32_MAX)
		return "child task id above 2^32";
	if (rec->kind == LDE_REC_TASK && rec->reason == LDE_TASK_SIGNAL &&
	    (rec->signal < 1 || rec->signal > 64))
		return "signal outside 1..64";
	if (rec->kind == LDE_REC_SWITCH &&
	    (rec->reason < LDE_SWITCH_PREEMPTED || rec->reason > LDE_SWITCH_IDLE))
		return "unknown switch reason";
	if (rec->kind == LDE_REC_SWITCH && rec->next_task > UINT32_MAX)
		return "next task id above 2^32";
	return has_context(rec) ? invalid_context(rec) : NULL;
}

static struct ring_task *task_slot(struct trace_ring *r, uint32_t id)
{
	for (unsigned i = 0; i < TRACE_RING_TASKS && id; i++) {
		if (r->tasks[i].id == id)
			return &r->tasks[i];
		if (r->tasks[i].id == 0) {
			r->tasks[i].id = id;
			return &r->tasks[i];
		}
	}
	r->untracked_task_records++;
	return NULL;
}

/* A switch at T_NS: the task switched out ran since it was switched in. */
static void account_switch(struct trace_ring *r, const struct lde_trace_record *rec,
                           struct ring_task *t, uint64_t t_ns)
{
	if (t && t_ns > r->running_since)
		t->run_ns += t_ns - r->running_since;
	if (t && rec->reason == LDE_SWITCH_PREEMPTED)
		t->preempted++;
	r->running = (uint32_t)rec->next_task;
	r->running_since = t_ns;
}

static void account(struct trace_ring *r, const struct lde_trace_record *rec, uint64_t t_ns)
{
	struct ring_task *t = task_slot(r, rec->task);

	r->per_kind[rec->kind]++;
	if (rec->kind == LDE_REC_SWITCH) {
		account_switch(r, rec, t, t_ns);
		return;
	}
	if (rec->kind == LDE_REC_EXCEPTION || rec->kind == LDE_REC_INTERRUPT)
		r->per_vector[vector_of(rec)]++;
	if (rec->kind == LDE_REC_INTERRUPT)
		r->per_source[rec->reason]++;
	if (rec->kind == LDE_REC_SYSCALL)
		r->per_mech[rec->mech]++;
	if (!t)
		return;
	t->exceptions += rec->kind == LDE_REC_EXCEPTION;
	t->interrupts += rec->kind == LDE_REC_INTERRUPT;
	t->syscalls += rec->kind == LDE_REC_SYSCALL;
	if (rec->kind != LDE_REC_TASK)
		return;
	if (has_name(rec))
		memcpy(t->name, rec->name, sizeof(rec->name)); /* name[55] = 0 */
	else if (rec->reason == LDE_TASK_WAITED || rec->reason == LDE_TASK_SIGNAL)
		return;
	else if (rec->reason == LDE_TASK_EXITED)
		snprintf(t->ended, sizeof(t->ended), "exit(%lld)", (long long)rec->status);
	else
		snprintf(t->ended, sizeof(t->ended), "killed: vector %u", vector_of(rec));
}

static void emit_context(struct json *j, const struct lde_trace_record *rec)
{
	json_kv_u64(j, "guest_seq", rec->seq);
	json_kv_u64(j, "task", rec->task);
	if (!has_context(rec))
		return;
	json_kv_u64(j, "cpl", rec->regs.cs & 3);
	json_kv_hex(j, "cs", rec->regs.cs);
	json_kv_hex(j, "rip", rec->regs.rip);
	json_kv_hex(j, "rsp", rec->regs.rsp);
}

static void emit_trap(struct json *j, const struct lde_trace_record *rec)
{
	uint8_t v = vector_of(rec);

	json_kv_str(j, "kind", lde_kind_name(rec->kind));
	json_kv_u64(j, "vector", v);
	if (lde_vector_name(v))
		json_kv_str(j, "name", lde_vector_name(v));
	json_kv_hex(j, "error_code", rec->regs.error_code);
	if (v == 14)
		json_kv_hex(j, "cr2", rec->cr2);
	if (rec->kind == LDE_REC_EXCEPTION && rec->reason)
		json_kv_str(j, "outcome", lde_trap_outcome_name(rec->reason));
	if (rec->kind == LDE_REC_INTERRUPT && rec->reason)
		json_kv_str(j, "source", lde_intr_source_name(rec->reason));
}

/* A system call that returned at END (the record's t_ns), or whose task
 * ended in it then. */
static void emit_syscall(const struct trace_ring *r, struct trace *t,
                         const struct lde_trace_record *rec, uint64_t end)
{
	const struct lde_trap_regs *g = &rec->regs;
	const uint64_t args[6] = { g->rdi, g->rsi, g->rdx, g->r10, g->r8, g->r9 };
	struct json *j = &t->j;
	uint64_t start = record_ns(r, rec->entry_tsc);

	if (start > end) /* only if END was clamped */
		start = end;

	json_kv_u64(j, "dur_ns", end - start);
	json_kv_u64(j, "vector", vector_of(rec)); /* 0x80, 0, or the carrying fault */
	json_kv_hex(j, "error_code", g->error_code);
	trace_span(t, start, end - start);
	/* signed, as the kernel reads rax: a bad number like -1 stays readable
	 * (and within the int64 range every JSON reader handles) */
	json_kv_i64(j, "nr", (int64_t)rec->nr);
	json_kv_str(j, "name", syscall_name(rec->nr)); /* null: unknown to Linux and lde */
	json_kv_str(j, "mech", lde_mech_name(rec->mech));
	json_key(j, "args");
	json_arr_begin(j);
	for (int i = 0; i < 6; i++)
		json_hex(j, args[i]);
	json_arr_end(j);
	if (rec->reason == LDE_CALL_ENDED) /* exit(): its task ended in it, at END */
		json_kv_bool(j, "returned", false);
	else
		json_kv_i64(j, "ret", (int64_t)g->rax);
}

/* The strings after the first in a record's name[] (as many as fitted). */
static void emit_strings_after(struct json *j, const struct lde_trace_record *rec)
{
	const char *p = rec->name + strlen(rec->name) + 1, *end = rec->name + sizeof(rec->name);

	for (; p < end && *p; p += strlen(p) + 1)
		json_str(j, p);
}

/*
 * A created record's program and argv: the vmm's own copy for one of its
 * programs, else the strings after the name (as many as fitted).
 */
static void emit_created(const struct trace_ring *r, struct json *j,
                         const struct lde_trace_record *rec)
{
	json_kv_str(j, "name", rec->name);
	json_key(j, "argv");
	json_arr_begin(j);
	if (rec->module && rec->module <= r->nprograms) {
		for (char *const *a = r->programs[rec->module - 1]; *a; a++)
			json_str(j, *a);
	} else {
		emit_strings_after(j, rec);
	}
	json_arr_end(j);
	json_kv_bool(j, "builtin", rec->module == 0);
}

/* An exec record: the new image's path and as much of its argv as fitted. */
static void emit_exec(struct json *j, const struct lde_trace_record *rec)
{
	json_kv_str(j, "path", rec->name);
	json_key(j, "argv");
	json_arr_begin(j);
	emit_strings_after(j, rec);
	json_arr_end(j);
}

static void emit_task(const struct trace_ring *r, struct json *j,
                      const struct lde_trace_record *rec)
{
	json_kv_str(j, "event", lde_task_event_name(rec->reason));
	if (rec->reason == LDE_TASK_CREATED)
		emit_created(r, j, rec);
	if (rec->reason == LDE_TASK_EXITED)
		json_kv_i64(j, "status", rec->status);
	if (rec->reason == LDE_TASK_KILLED)
		emit_trap(j, rec);
	if (rec->reason == LDE_TASK_FORKED) {
		json_kv_u64(j, "parent", rec->parent);
		json_kv_u64(j, "copied", rec->copied);
		json_kv_str(j, "name", rec->name);
	}
	if (rec->reason == LDE_TASK_EXEC)
		emit_exec(j, rec);
	if (rec->reason == LDE_TASK_WAITED) {
		json_kv_u64(j, "child", rec->child);
		json_kv_i64(j, "wstatus", rec->wstatus);
	}
	if (rec->reason == LDE_TASK_SIGNAL) {
		json_kv_u64(j, "signal", rec->signal);
		json_kv_hex(j, "handler", rec->handler);
	}
}

/* A switch at T_NS: it covers the run it ends (on the vCPU's track). */
static void emit_switch(const struct trace_ring *r, struct trace *t,
                        const struct lde_trace_record *rec, uint64_t t_ns)
{
	uint64_t since = r->running_since, ran = t_ns > since ? t_ns - since : 0;
	struct json *j = &t->j;

	json_kv_u64(j, "next", rec->next_task);
	json_kv_str(j, "reason", lde_switch_name(rec->reason));
	json_kv_u64(j, "ran_ns", ran);
	trace_span(t, t_ns - ran, ran);
}

/* The name a task has in the trace so far, or NULL. */
static const char *task_name(const struct trace_ring *r, uint32_t id)
{
	for (unsigned i = 0; i < TRACE_RING_TASKS && r->tasks[i].id; i++)
		if (r->tasks[i].id == id)
			return r->tasks[i].name[0] ? r->tasks[i].name : NULL;
	return NULL;
}

/* A switch's span is the run it ends: named for the task that ran. */
static void name_run(const struct trace_ring *r, struct trace *t, uint32_t id)
{
	const char *name = task_name(r, id);

	if (id == 0)
		trace_name(t, "task 0 (kernel / idle)");
	else if (name)
		trace_name(t, "task %u (%s)", id, name);
	else
		trace_name(t, "task %u", id);
}

/* The record's short name, and a named track per task when it is created. */
static void name_record(const struct trace_ring *r, struct trace *t,
                        const struct lde_trace_record *rec)
{
	const char *name = lde_vector_name(vector_of(rec));
	char track[96];

	if (rec->kind == LDE_REC_SYSCALL && syscall_name(rec->nr))
		trace_name(t, "%s", syscall_name(rec->nr));
	else if (rec->kind == LDE_REC_SYSCALL) /* signed, as the kernel reads rax */
		trace_name(t, "syscall %lld", (long long)rec->nr);
	else if (rec->kind == LDE_REC_TASK)
		trace_name(t, "task %s", lde_task_event_name(rec->reason));
	else if (rec->kind == LDE_REC_SWITCH)
		name_run(r, t, rec->task);
	else if (name)
		trace_name(t, "%s", name);
	else
		trace_name(t, "vector %u", vector_of(rec));
	if (rec->kind == LDE_REC_TASK && has_name(rec) && rec->reason != LDE_TASK_EXEC) {
		snprintf(track, sizeof(track), "task %u (%s)", rec->task, rec->name);
		trace_track_name(t, TRACE_TRACK_GUEST(rec->task), track);
	}
}

static void emit(const struct trace_ring *r, struct trace *t, struct kvm_exit_events *kx,
                 const struct lde_trace_record *rec, uint64_t t_ns)
{
	static const char *const types[] = {
		[LDE_REC_EXCEPTION] = "trap",  [LDE_REC_INTERRUPT] = "trap",
		[LDE_REC_SYSCALL] = "syscall", [LDE_REC_TASK] = "task",
		[LDE_REC_SWITCH] = "switch",
	};
	/* a switch is the run it ends, on the vCPU's own track */
	uint64_t track = rec->kind == LDE_REC_SWITCH ? TRACE_TRACK_CPU :
	                                               TRACE_TRACK_GUEST(rec->task);
	struct json *j;

	if (kx)
		kvm_exit_events_drain_until(kx, t, t_ns); /* merge in time order */
	j = trace_begin_at(t, types[rec->kind], t_ns, track);
	if (!j)
		return;
	name_record(r, t, rec);
	emit_context(j, rec);
	if (rec->kind == LDE_REC_SYSCALL)
		emit_syscall(r, t, rec, t_ns);
	else if (rec->kind == LDE_REC_TASK)
		emit_task(r, j, rec);
	else if (rec->kind == LDE_REC_SWITCH)
		emit_switch(r, t, rec, t_ns);
	else
		emit_trap(j, rec);
	trace_end(t);
}

static int corrupt(struct trace_ring *r, const char *why)
{
	snprintf(r->corrupt, sizeof(r->corrupt), "corrupt trace ring: %s (after %llu records)", why,
	         (unsigned long long)r->records);
	return -1;
}

int trace_ring_drain(struct trace_ring *r, struct trace *t, struct kvm_exit_events *kx)
{
	uint64_t head, dropped;

	if (!r->enabled)
		return 0;
	if (r->corrupt[0])
		return -1;
	head = __atomic_load_n(&r->hdr->head, __ATOMIC_ACQUIRE);
	dropped = r->hdr->dropped;
	r->lossy = r->hdr->flags & LDE_RING_LOSSY;
	if (head < r->tail || head - r->tail > r->capacity)
		return corrupt(r, "head outside [tail, tail + capacity]");
	if (dropped < r->dropped)
		return corrupt(r, "dropped count went backwards");
	if (dropped > INT64_MAX) /* the summary's readers take int64 */
		return corrupt(r, "dropped count above 2^63 - 1");
	r->dropped = dropped;
	if (head == r->tail)
		return 0;
	r->drain_start_ns = trace_now_ns(t);
	for (; r->tail < head; r->tail++) {
		struct lde_trace_record rec;
		const char *why;
		uint64_t t_ns;

		memcpy(&rec, r->slots + (r->tail & (r->capacity - 1)) * sizeof(rec), sizeof(rec));
		if ((why = invalid(r, &rec)))
			return corrupt(r, why);
		if (rec.kind == LDE_REC_TASK && has_name(&rec))
			rec.name[sizeof(rec.name) - 1] = '\0';
		/* the time it gets in the trace (which never goes back) */
		t_ns = record_ns(r, rec.tsc);
		if (t_ns < t->last_ns)
			t_ns = t->last_ns;
		emit(r, t, kx, &rec, t_ns); /* first: a switch's span needs the old running_since */
		account(r, &rec, t_ns);
		r->records++;
	}
	__atomic_store_n(&r->hdr->tail, r->tail, __ATOMIC_RELEASE);
	r->drain_ns += trace_now_ns(t) - r->drain_start_ns;
	return 0;
}

/* T's time on the CPU up to END_NS (it may still be running). */
static uint64_t run_ns(const struct trace_ring *r, const struct ring_task *t, uint64_t end_ns)
{
	if (t->id != r->running || end_ns < r->running_since)
		return t->run_ns;
	return t->run_ns + (end_ns - r->running_since);
}

static void summary_tasks(const struct trace_ring *r, struct json *j, uint64_t end_ns)
{
	json_key(j, "tasks");
	json_arr_begin(j);
	for (unsigned i = 0; i < TRACE_RING_TASKS && r->tasks[i].id; i++) {
		const struct ring_task *t = &r->tasks[i];

		json_obj_begin(j);
		json_kv_u64(j, "id", t->id);
		json_kv_str(j, "name", t->name);
		json_kv_u64(j, "exceptions", t->exceptions);
		json_kv_u64(j, "interrupts", t->interrupts);
		json_kv_u64(j, "syscalls", t->syscalls);
		json_kv_u64(j, "run_ns", run_ns(r, t, end_ns));
		json_kv_u64(j, "preempted", t->preempted);
		json_kv_str(j, "ended", t->ended[0] ? t->ended : NULL);
		json_obj_end(j);
	}
	json_arr_end(j);
}

void trace_ring_summary(const struct trace_ring *r, struct json *j, uint64_t end_ns)
{
	char key[8];

	json_key(j, "ring");
	if (!r->enabled) {
		json_null_value(j);
		return;
	}
	json_obj_begin(j);
	json_kv_u64(j, "capacity", r->capacity);
	json_kv_str(j, "mode", r->lossy ? "lossy" : "lossless");
	json_kv_u64(j, "records", r->records);
	json_kv_u64(j, "dropped", r->dropped);
	json_kv_u64(j, "doorbells", r->doorbells);
	json_kv_u64(j, "drain_ns", r->drain_ns);
	json_obj_end(j);
	json_key(j, "traps");
	json_obj_begin(j);
	for (unsigned v = 0; v < 256; v++) {
		if (!r->per_vector[v])
			continue;
		snprintf(key, sizeof(key), "%u", v);
		json_kv_u64(j, key, r->per_vector[v]);
	}
	json_obj_end(j);
	json_key(j, "interrupts");
	json_obj_begin(j);
	for (unsigned src = LDE_INTR_OTHER; src <= LDE_INTR_COM1; src++)
		if (r->per_source[src])
			json_kv_u64(j, lde_intr_source_name(src), r->per_source[src]);
	json_obj_end(j);
	json_key(j, "syscalls");
	json_obj_begin(j);
	for (unsigned m = LDE_MECH_SYSCALL; m <= LDE_MECH_INT80_EMULATED; m++)
		json_kv_u64(j, lde_mech_name(m), r->per_mech[m]);
	json_obj_end(j);
	summary_tasks(r, j, end_ns);
}
