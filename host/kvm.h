/* SPDX-License-Identifier: MIT */
/*
 * KVM plumbing: /dev/kvm, the VM, its memory slots and in-kernel irqchip,
 * and the one vCPU.  Every failure prints "vmm: IOCTL_NAME: reason" and
 * returns -1.
 */
#ifndef LDE_KVM_H
#define LDE_KVM_H

#include <linux/kvm.h>
#include <sys/ioctl.h>
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

/*
 * Does not compile unless ARGP points to an object of the size that REQ
 * encodes (_IOC_SIZE), as the KVM selftests check: a wrong struct, or a
 * struct where KVM wants a larger one, is a build error rather than a
 * kernel reading past the object.  Requests without a size (_IO) are not
 * checked; they take NULL here (plain ioctl() for an integer argument).
 */
#define KVM_ARG_CHECK(req, argp, name)                                           \
	_Static_assert(_IOC_SIZE(req) == 0 || _IOC_SIZE(req) == sizeof(*(argp)), \
	               name ": the argument's size is not the request's _IOC_SIZE")

#define KVM_IOCTL(fd, req, argp)                      \
	__extension__({                               \
		KVM_ARG_CHECK(req, argp, #req);       \
		kvm_ioctl((fd), (req), (argp), #req); \
	})
/* The same, silent on failure (the caller words the error). */
#define KVM_IOCTL_QUIET(fd, req, argp)          \
	__extension__({                         \
		KVM_ARG_CHECK(req, argp, #req); \
		ioctl((fd), (req), (argp));     \
	})

#endif
