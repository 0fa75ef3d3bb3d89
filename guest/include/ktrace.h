/* SPDX-License-Identifier: MIT */
/*
 * The guest side of the trace ring (include/lde/abi.h section 6): every
 * trap the kernel takes is appended as one struct lde_trace_record, which
 * the vmm merges into its JSON trace.  Without a ring (under QEMU, or a
 * vmm run without --trace, or ktrace=off) nothing is written.
 *
 * Records are written in place, field by field, straight into the ring:
 * on PVM every kernel instruction is emulated, so a record costs what its
 * stores cost (see tools/trace-overhead).  Callers run with interrupts
 * off, as all kernel code here does, so nothing can interleave.
 *
 *	struct lde_trace_record *r = ktrace_begin();
 *	if (r) { ...fill the kind's fields...; ktrace_commit(); }
 */
#ifndef LDE_GUEST_KTRACE_H
#define LDE_GUEST_KTRACE_H

#include <lde/abi.h>
#include <stdbool.h>

/* Find the ring among the PVH modules and check its header. */
void ktrace_init(const struct hvm_start_info *si);

/*
 * The next slot, with seq and tsc (now) filled in; NULL when there is no
 * ring or, in lossy mode, when it is full (the drop is counted).  Fill
 * every field the record's kind uses, then call ktrace_commit().
 */
struct lde_trace_record *ktrace_begin(void);

/*
 * Publish the record (store head).  Lossless mode: at the high-water mark
 * ring the doorbell; the vmm drains the ring before the OUT completes.
 */
void ktrace_commit(void);

#endif
