/* SPDX-License-Identifier: MIT */
/*
 * KVM plumbing: /dev/kvm, the VM, its memory slots and in-kernel irqchip,
 * and the one vCPU.  Every failure prints "vmm: IOCTL_NAME: reason" and
 * returns -1.
 */
#ifndef LDE_KVM_H
#define LDE_KVM_H

#include <linux/kvm.h>
#include <stdbool.h>
#include <stddef.h>

#include "backend.h"
#include "guest_mem.h"

struct kvm {
	int sys_fd;               /* /dev/kvm */
	int vm_fd;                /* KVM_CREATE_VM */
	int vcpu_fd;              /* KVM_CREATE_VCPU 0 */
	struct kvm_run *run;      /* the vCPU's shared run structure */
	size_t run_size;          /* its mmap size */
	int api_version;          /* KVM_GET_API_VERSION */
	enum kvm_backend backend; /* VMX, SVM or PVM */
	bool sync_regs;           /* KVM_CAP_SYNC_REGS: RIP without an ioctl */
	bool tsc_deadline;        /* KVM_CAP_TSC_DEADLINE_TIMER offered to guest */
	bool x2apic;              /* CPUID x2APIC bit offered to guest */
};

/* Detect the backend, open /dev/kvm, check the API version and the
 * required capabilities. */
int kvm_open(struct kvm *k);

/* Create the VM: TSS/identity-map pages (VMX), irqchip, memory slots. */
int kvm_create_vm(struct kvm *k, const struct guest_mem *gm);

/* Create vCPU 0, map its kvm_run and give it the host-supported CPUID. */
int kvm_create_vcpu(struct kvm *k);

/* The guest's TSC now (KVM_GET_MSRS) and its frequency in kHz
 * (KVM_GET_TSC_KHZ; 0 when KVM cannot say). */
int kvm_guest_tsc(const struct kvm *k, uint64_t *tsc, uint32_t *khz);

/* RIP at the last exit (from the synced registers or KVM_GET_REGS). */
unsigned long long kvm_exit_rip(const struct kvm *k);

/* Close everything that was opened; safe on a partially set-up struct. */
void kvm_close(struct kvm *k);

/* ioctl() that names itself on failure: "vmm: NAME: strerror". */
int kvm_ioctl(int fd, unsigned long req, void *arg, const char *name);
#define KVM_IOCTL(fd, req, arg) kvm_ioctl((fd), (req), (arg), #req)

#endif
