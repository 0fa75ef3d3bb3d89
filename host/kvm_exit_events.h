/* SPDX-License-Identifier: MIT */
/*
 * --trace-kvm-exits: every exit KVM handles inside the kernel, from the
 * kvm:kvm_exit tracepoint (perf_event_open on this thread), merged into
 * the trace as "kvm_exit" records.  The tracepoint fires on VMX and SVM;
 * on PVM it exists but never fires, and where it is missing (no tracefs,
 * no permission) the summary says why.  docs/kvm-exit-events.md.
 */
#ifndef LDE_KVM_EXIT_EVENTS_H
#define LDE_KVM_EXIT_EVENTS_H

#include <stdbool.h>
#include <stdint.h>

#include "backend.h"
#include "json.h"
#include "trace.h"

struct kvm_exit_events {
	bool requested;  /* --trace-kvm-exits */
	int fd;          /* perf event fd, -1 when not open */
	void *mmap_base; /* perf buffer (metadata page + data) */
	uint64_t mmap_len;
	const char *unavailable; /* why not, for the summary; NULL when open */
	uint64_t events;         /* kvm_exit events recorded */
	uint64_t lost;           /* PERF_RECORD_LOST counts */
	void *priv;              /* implementation state (field offsets, names) */
};

/* Nothing open yet; REQUESTED as given.  Call before anything else (the
 * summary is right even when the VM could not be created). */
void kvm_exit_events_init(struct kvm_exit_events *e, bool requested);

/* Open the tracepoint for the calling thread (the vCPU thread) when
 * requested; never fails the run: problems end up in ->unavailable.
 * BACKEND only words the summary (PVM: why there are no events). */
void kvm_exit_events_start(struct kvm_exit_events *e, enum kvm_backend backend);

/* Move the events recorded so far into trace T (called at each exit to
 * userspace, before its record, and at the end of the run). */
void kvm_exit_events_drain(struct kvm_exit_events *e, struct trace *t);

/* The same for the events up to trace time T_NS only: the guest trace ring
 * calls it before each of its records, so the two merge in time order. */
void kvm_exit_events_drain_until(struct kvm_exit_events *e, struct trace *t, uint64_t t_ns);

/* The summary's "kvm_exit_events" member (key and value). */
void kvm_exit_events_summary(const struct kvm_exit_events *e, struct json *j);

void kvm_exit_events_stop(struct kvm_exit_events *e);

/*
 * For the unit tests (and start()): read samples of tracepoint ID, whose
 * payload FORMAT describes (the text of its tracefs "format" file), from
 * the perf buffer at BASE (LEN bytes: the metadata page, then 2^n data pages).
 * Returns 0, or -1 with ->unavailable set.  The caller owns BASE.
 */
int kvm_exit_events_attach(struct kvm_exit_events *e, void *base, uint64_t len, const char *format,
                           uint32_t id);

/* "npf", "EPT_VIOLATION", ... : the kernel's name of exit REASON for ISA
 * (1 = VMX, 2 = SVM, as the tracepoint's isa field), or NULL. */
const char *kvm_exit_reason_name(uint32_t isa, uint64_t reason);

#endif
