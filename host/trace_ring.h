/* SPDX-License-Identifier: MIT */
/*
 * The host side of the trace ring (include/lde/abi.h section 6): the ring
 * is placed in free guest RAM below 3 GiB (guest_mem_reserve), handed to the guest as a
 * PVH module, and drained into the trace at every VM exit, at every
 * doorbell, and when the run ends.  Everything in the ring is guest data
 * and is validated before use; a corrupt ring is reported to the caller,
 * which ends the run.
 */
#ifndef LDE_TRACE_RING_H
#define LDE_TRACE_RING_H

#include <stdbool.h>
#include <stdint.h>

#include "guest_mem.h"
#include "json.h"
#include "kvm_exit_events.h"
#include "lde/abi.h"
#include "trace.h"

#define TRACE_RING_TASKS 64 /* tasks tracked by id for the summary */

/* Per-task totals for the summary, keyed by the records' task id. */
struct ring_task {
	uint32_t id;   /* 0 = slot unused */
	char name[57]; /* from LDE_TASK_CREATED */
	uint64_t exceptions, interrupts, syscalls;
	uint64_t run_ns;    /* on the CPU, from the switch records */
	uint64_t preempted; /* switches out with LDE_SWITCH_PREEMPTED */
	char ended[64];     /* "exit(0)", "killed: vector 14", "" = still running */
};

struct trace_ring {
	bool enabled;                /* a ring was set up */
	uint64_t gpa, size;          /* module placement in guest RAM */
	struct lde_ring_header *hdr; /* host view of guest memory: hostile */
	uint8_t *slots;
	uint32_t capacity; /* our own copy; never re-read */
	uint64_t tail;     /* our own copy; written to hdr->tail */
	uint64_t dropped;  /* last hdr->dropped seen */
	bool lossy;        /* the guest set LDE_RING_LOSSY */
	/* guest TSC -> trace clock: t_ns = t0_ns + (tsc - tsc0) / tsc_khz */
	uint64_t tsc0, t0_ns;
	uint32_t tsc_khz; /* 0: use the host clock at drain time */
	/* totals */
	uint64_t records, doorbells;
	uint64_t drain_ns;       /* host time spent draining records */
	uint64_t drain_start_ns; /* trace clock when the current drain began */
	uint64_t per_vector[256];
	uint64_t per_kind[LDE_REC_SWITCH + 1];
	uint64_t per_source[LDE_INTR_COM1 + 1]; /* interrupts by LDE_INTR_* source */
	uint32_t running;       /* task on the CPU, from switch records (0 at boot) */
	uint64_t running_since; /* t_ns it was switched in (or the VM started) */
	uint64_t per_mech[LDE_MECH_INT80_EMULATED + 1];
	struct ring_task tasks[TRACE_RING_TASKS];
	uint64_t untracked_task_records; /* beyond TRACE_RING_TASKS ids */
	char corrupt[160];               /* why the ring is corrupt; "" while it is not */
	char **const *programs;          /* the vmm's programs' argv, by module index */
	unsigned nprograms;
};

/*
 * Reserve CAPACITY record slots (a power of two) in guest RAM below 3 GiB
 * that nothing else took (guest_mem_reserve: the top of the largest free
 * range), and initialise the header.  Returns 0, or -1 after printing why
 * (RAM too small).
 */
int trace_ring_setup(struct trace_ring *r, struct guest_mem *gm, uint32_t capacity);

/* Anchor the guest-TSC-to-trace-clock translation (before the first run). */
void trace_ring_clock(struct trace_ring *r, uint64_t tsc0, uint64_t t0_ns, uint32_t tsc_khz);

/*
 * Move every new record into trace T, merging in KX's events (NULL: none)
 * in time order.  Returns 0, or -1 when the ring is corrupt: r->corrupt
 * then says why, the records before the bad one are in the trace, and the
 * ring is never read again.
 */
int trace_ring_drain(struct trace_ring *r, struct trace *t, struct kvm_exit_events *kx);

/* The ring's part of the summary record at END_NS: "ring", "traps",
 * "syscalls", "tasks" (the task still running counts its time to END_NS). */
void trace_ring_summary(const struct trace_ring *r, struct json *j, uint64_t end_ns);

#endif
