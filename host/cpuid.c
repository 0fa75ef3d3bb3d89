/* SPDX-License-Identifier: MIT */
#include "cpuid.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "kvm.h"
#include "log.h"

#define CPUID_1_ECX_X2APIC (1U << 21)
#define CPUID_1_ECX_TSC_DEADLINE (1U << 24)
#define CPUID_1_ECX_HYPERVISOR (1U << 31)

static struct kvm_cpuid2 *get_supported(int sys_fd)
{
	for (unsigned n = 64; n <= 4096; n *= 2) {
		struct kvm_cpuid2 *c = calloc(1, sizeof(*c) + n * sizeof(c->entries[0]));

		if (!c)
			break;
		c->nent = n;
		if (KVM_IOCTL_QUIET(sys_fd, KVM_GET_SUPPORTED_CPUID, c) == 0)
			return c;
		free(c);
		if (errno != E2BIG) {
			vmm_error("KVM_GET_SUPPORTED_CPUID: %s", strerror(errno));
			return NULL;
		}
	}
	vmm_error("KVM_GET_SUPPORTED_CPUID: %s", strerror(errno ? errno : ENOMEM));
	return NULL;
}

/* Leaf 1: APIC ID 0, hypervisor present, TSC-deadline when KVM emulates it. */
static void adjust_leaf1(struct kvm *k, struct kvm_cpuid_entry2 *e)
{
	e->ebx &= 0x00ffffff; /* initial APIC ID = 0: our only vCPU */
	e->ecx |= CPUID_1_ECX_HYPERVISOR;
	if (k->tsc_deadline)
		e->ecx |= CPUID_1_ECX_TSC_DEADLINE;
	k->x2apic = e->ecx & CPUID_1_ECX_X2APIC;
}

int cpuid_setup(struct kvm *k)
{
	struct kvm_cpuid2 *c = get_supported(k->sys_fd);
	int r;

	if (!c)
		return -1;
	for (unsigned i = 0; i < c->nent; i++) {
		struct kvm_cpuid_entry2 *e = &c->entries[i];

		if (e->function == 1)
			adjust_leaf1(k, e);
		else if (e->function == 0xb || e->function == 0x1f)
			e->edx = 0; /* x2APIC ID of this vCPU */
	}
	r = KVM_IOCTL(k->vcpu_fd, KVM_SET_CPUID2, c);
	free(c);
	return r < 0 ? -1 : 0;
}
