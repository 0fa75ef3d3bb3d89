/* SPDX-License-Identifier: MIT */
/* The guest's CPUID: what KVM supports, with x2APIC and TSC-deadline. */
#ifndef LDE_CPUID_H
#define LDE_CPUID_H

struct kvm;

/*
 * KVM_GET_SUPPORTED_CPUID -> adjust -> KVM_SET_CPUID2 on the vCPU.
 * Sets k->x2apic from what the guest is offered.
 */
int cpuid_setup(struct kvm *k);

#endif
