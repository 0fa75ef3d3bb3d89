/* SPDX-License-Identifier: MIT */
/*
 * One virtual machine: its memory, KVM handles, devices, trace and fate.
 * vm_init() leaves nothing open; vm_free() releases whatever the run opened.
 */
#ifndef LDE_VM_H
#define LDE_VM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "boot.h"
#include "com1.h"
#include "exit_reason.h"
#include "guest_mem.h"
#include "kvm.h"
#include "kvm_exit_events.h"
#include "kvm_stats.h"
#include "lde/abi.h"
#include "trace.h"
#include "trace_ring.h"
#include "unclaimed.h"

struct vmm_options;

/* How a run ended; vmm_exit_status() maps each to the vmm's exit status. */
enum vm_end {
	VM_RUNNING,
	VM_END_GUEST_EXIT,      /* guest wrote its own status (0-255) to the exit port */
	VM_END_PROGRAM_EXIT,    /* ...the programs' result: one exited with a status */
	VM_END_PROGRAM_SIGNAL,  /* ...one was killed by a signal: 128 + signal */
	VM_END_PROGRAM_REFUSED, /* ...one could not be loaded by the kernel: 126 */
	VM_END_INITRD_REFUSED,  /* ...the kernel refused --initrd (126) or found no init (127) */
	VM_END_BAD_STATUS,      /* guest wrote no valid value for this run */
	VM_END_CRASH,           /* triple fault, internal error, unclaimed access... */
	VM_END_TIMEOUT,         /* --timeout fired */
	VM_END_TRACE_FULL,      /* the trace reached --trace-max */
	VM_END_SIGNAL,          /* SIGINT or SIGTERM */
	VM_END_HOST_ERROR,      /* KVM_RUN or another host operation failed */
};

struct vm {
	const struct vmm_options *opt;
	struct guest_mem mem;
	struct kvm kvm;
	struct kvm_stats stats; /* vCPU statistics since the first KVM_RUN */
	struct trace trace;
	struct trace_ring ring;        /* guest trap records (only with a trace) */
	struct kvm_exit_events kexits; /* --trace-kvm-exits */
	FILE *console;                 /* guest console (console.h); NULL: none */
	struct com1 com1;              /* COM1 and the vmm's stdin behind it */
	struct unclaimed unclaimed;    /* accesses no device claims */

	enum vm_end end;       /* VM_RUNNING until the run ends */
	uint32_t guest_status; /* value written to the exit port */
	bool programs;         /* programs were passed (exit port rules) */
	bool output_unflushed; /* user output since the last exit: flushed before the guest runs on */
	struct boot_module mods[LDE_BOOT_MODLIST_MAX]; /* PVH modules for the guest */
	unsigned nmods;
	int signo;                             /* for VM_END_SIGNAL */
	char crash_reason[160];                /* for VM_END_CRASH */
	uint64_t exits[EXIT_REASON_COUNT + 1]; /* per reason; last = others */
	uint64_t nexits;                       /* all exits to userspace */
};

/* A VM for OPT with nothing open or mapped yet. */
void vm_init(struct vm *vm, const struct vmm_options *opt);

/* Close and unmap what the run opened, whatever stage it reached (not the
 * trace: trace_close() reports its own errors). */
void vm_free(struct vm *vm);

/* End the run as a crash, with a one-line reason for stderr and the trace. */
void vm_crash(struct vm *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Move the guest's trap records and the exits KVM handled itself since
 * the last call into the trace.  Returns 0, or -1 after ending the run as a
 * crash when the guest corrupted its trace ring. */
int vm_drain_trace(struct vm *vm);

/* The guest wrote V to the exit port: end the run as V says (abi.h section 5). */
void vm_guest_exit(struct vm *vm, uint32_t v);

/* The vmm process's exit status for how the run ended (include/lde/abi.h). */
int vmm_exit_status(const struct vm *vm);

/* "guest-exit", "crash", "timeout", ... as in the summary record. */
const char *vm_end_name(enum vm_end end);

/* Whose status the vmm exits with: "program", "guest" or "vmm". */
const char *vm_status_kind(enum vm_end end);

#endif
