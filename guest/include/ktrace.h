/* SPDX-License-Identifier: MIT */
/*
 * The guest side of the trace ring (include/lde/abi.h section 6): every
 * trap the kernel takes is appended as one struct lde_trace_record, which
 * the vmm merges into its JSON trace.  Without a ring (under QEMU, or a
 * vmm run without --trace) every call is a cheap no-op.
 */
#ifndef LDE_GUEST_KTRACE_H
#define LDE_GUEST_KTRACE_H

#include <lde/abi.h>
#include <stdbool.h>

/* Find the ring among the PVH modules and check its header. */
void ktrace_init(const struct hvm_start_info *si);

/* Is there a ring to write to? */
bool ktrace_enabled(void);

/*
 * Append REC (kind and the fields of its kind filled in; seq is set here,
 * tsc too when 0).  Safe from any context: interrupts are held off while
 * the record is written.  Lossless by default: at the high-water mark it
 * rings the doorbell and the vmm drains the ring before this returns.
 */
void ktrace_emit(struct lde_trace_record *rec);

/* Records written and (lossy mode) dropped so far. */
uint64_t ktrace_written(void);
uint64_t ktrace_dropped(void);

#endif
