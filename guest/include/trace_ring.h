/* SPDX-License-Identifier: MIT */
/*
 * The trace ring's producer, the guest side of include/lde/abi.h section
 * 6: every trap the kernel takes is appended as one struct
 * lde_trace_record, which the vmm merges into its JSON trace.  Without a ring (under QEMU, or a
 * vmm run without --trace, or ktrace=off) nothing is written.
 *
 * Records are written in place, straight into the ring, the registers as
 * one block copy from the trap frame (trace_records.c).  On PVM every kernel
 * instruction is emulated, so a record costs what its instructions cost
 * (tools/trace-overhead): the producer keeps its own copy of head and the
 * next slot, and looks at the vmm's tail only when the ring may be at its
 * high-water mark.  Callers run with interrupts off, as all kernel code
 * here does, so nothing can interleave.
 *
 *	if (ktrace_on) {
 *		struct lde_trace_record *r = trace_ring_begin();
 *		if (r) { ...fill the kind's fields...; trace_ring_commit(); }
 *	}
 */
#ifndef LDE_GUEST_TRACE_RING_H
#define LDE_GUEST_TRACE_RING_H

#include <lde/abi.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch.h"

/* CONFIG_TRACE_RING_LOSSY: drop records when the ring is full, rather than
 * ring the doorbell at the high-water mark. */
#ifdef CONFIG_TRACE_RING_LOSSY
#define TRACE_RING_LOSSY true
#else
#define TRACE_RING_LOSSY false
#endif

/* The producer's state; trace_ring.c owns it, the inline functions use it. */
struct trace_ring {
	volatile struct lde_ring_header *hdr;
	struct lde_trace_record *slots, *next, *end; /* next: head's slot */
	uint64_t head;     /* records produced: hdr->head, which only we write */
	uint64_t check_at; /* lossless: the head at which to look at the tail */
	uint32_t capacity, high_water;
};
extern struct trace_ring trace_ring;

/* True once trace_ring_init() found a usable ring. */
extern bool ktrace_on;

/* Find the ring among the PVH modules and check its header. */
void trace_ring_init(void);

struct boot_module;
/* Is m the vmm's trace ring (by its name), rather than a program? */
bool trace_ring_is_module(const struct boot_module *m);

/* Lossy mode: the ring is full; count the dropped record. */
bool trace_ring_drop(void);

/*
 * Lossless mode, head == check_at: ring the doorbell if the ring is at
 * its high-water mark (the vmm drains it before the OUT completes).
 */
void trace_ring_check_tail(void);

/*
 * The next slot, with seq and tsc (now) filled in; NULL when, in lossy
 * mode, the ring is full (the drop is counted).  Only when ktrace_on.
 * Fill every field the record's kind uses, then call trace_ring_commit().
 */
static inline struct lde_trace_record *trace_ring_begin(void)
{
	struct lde_trace_record *r = trace_ring.next;

	if (TRACE_RING_LOSSY && trace_ring_drop())
		return NULL;
	r->seq = trace_ring.head;
	r->tsc = arch_timestamp();
	return r;
}

/* Publish the record: store head (the release orders the record first). */
static inline void trace_ring_commit(void)
{
	uint64_t head = ++trace_ring.head;

	__atomic_store_n(&trace_ring.hdr->head, head, __ATOMIC_RELEASE);
	if (++trace_ring.next == trace_ring.end)
		trace_ring.next = trace_ring.slots;
	if (head == trace_ring.check_at)
		trace_ring_check_tail();
}

#endif
