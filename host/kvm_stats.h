/* SPDX-License-Identifier: MIT */
/*
 * The vCPU's binary statistics (KVM_GET_STATS_FD): exits KVM handled in
 * the kernel never reach the vmm, but they are counted here, so the trace
 * summary can account for them (exits, io_exits, halt_exits,
 * irq_injections, insn_emulation, ...).
 */
#ifndef LDE_KVM_STATS_H
#define LDE_KVM_STATS_H

#include <stdbool.h>
#include <stdint.h>

#include "json.h"

struct kvm_stat {
	char *name;      /* e.g. "insn_emulation" */
	uint32_t offset; /* of its value in the data block */
	bool cumulative; /* a counter (reported as a delta), else a level */
	uint64_t start;  /* value at kvm_stats_start() */
};

struct kvm_stats {
	int fd;                /* -1 when unavailable */
	const char *why;       /* why unavailable, for the summary */
	struct kvm_stat *stat; /* scalar (size 1) statistics only */
	unsigned n;
	uint32_t data_offset; /* of the data block in the fd */
};

/* Open the vCPU's statistics and record their starting values. */
void kvm_stats_start(struct kvm_stats *s, int sys_fd, int vcpu_fd);

/* Write {"name": delta-or-value, ...}, or null when unavailable. */
void kvm_stats_json(struct kvm_stats *s, struct json *j);

void kvm_stats_close(struct kvm_stats *s);

#endif
