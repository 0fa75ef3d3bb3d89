/* SPDX-License-Identifier: MIT */
/*
 * The per-CPU block, reached through GS after `swapgs` (the CPU swaps GS's
 * base with MSR_KERNEL_GS_BASE, which points here).  lde runs one CPU, but
 * the syscall instruction leaves the kernel no other way to find its stack:
 * it switches neither stack nor anything else.  Only syscall_entry.S uses
 * it, for four instructions; no C code relies on GS.
 * Included by assembly too.
 */
#ifndef LDE_GUEST_PERCPU_H
#define LDE_GUEST_PERCPU_H

#define CPU_KERNEL_RSP 0 /* top of the current task's kernel stack */
#define CPU_USER_RSP 8   /* scratch: the user's RSP during syscall entry */

#ifndef __ASSEMBLER__
#include <stdint.h>

struct cpu_local {
	uint64_t kernel_rsp; /* == TSS.rsp0: both follow the current task */
	uint64_t user_rsp;
};

_Static_assert(__builtin_offsetof(struct cpu_local, user_rsp) == CPU_USER_RSP, "percpu layout");

extern struct cpu_local this_cpu;
#endif

#endif
