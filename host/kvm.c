/* SPDX-License-Identifier: MIT */
#include "kvm.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cpuid.h"
#include "log.h"

/* Below 4 GiB and inside the MMIO hole, where QEMU puts them too. */
#define KVM_TSS_ADDR 0xfffbd000UL
#define KVM_IDENTITY_MAP_ADDR 0xfffbc000ULL

struct required_cap {
	int cap;
	const char *name;
	const char *why;
};

static const struct required_cap required_caps[] = {
	{ KVM_CAP_IRQCHIP, "KVM_CAP_IRQCHIP", "in-kernel LAPIC for the guest's timer" },
	{ KVM_CAP_USER_MEMORY, "KVM_CAP_USER_MEMORY", "guest RAM" },
	{ KVM_CAP_EXT_CPUID, "KVM_CAP_EXT_CPUID", "CPUID for the guest" },
	{ KVM_CAP_IMMEDIATE_EXIT, "KVM_CAP_IMMEDIATE_EXIT", "stopping the vCPU on timeout/signal" },
};

int kvm_ioctl(int fd, unsigned long req, void *arg, const char *name)
{
	int r;

	do
		r = ioctl(fd, req, arg);
	while (r < 0 && errno == EINTR && req != KVM_RUN);
	if (r < 0)
		vmm_error("%s: %s", name, strerror(errno));
	return r;
}

static int check_extension(int fd, int cap)
{
	int r = ioctl(fd, KVM_CHECK_EXTENSION, cap);

	return r < 0 ? 0 : r;
}

int kvm_open(struct kvm *k)
{
	memset(k, 0, sizeof(*k));
	k->sys_fd = k->vm_fd = k->vcpu_fd = -1;
	k->backend = kvm_backend_detect();
	k->sys_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (k->sys_fd < 0) {
		vmm_error("/dev/kvm: cannot open: %s (run tools/kvm-check)", strerror(errno));
		return -1;
	}
	k->api_version = KVM_IOCTL(k->sys_fd, KVM_GET_API_VERSION, NULL);
	if (k->api_version < 0)
		return -1;
	if (k->api_version != KVM_API_VERSION) {
		vmm_error("/dev/kvm: KVM API version %d, need %d", k->api_version, KVM_API_VERSION);
		return -1;
	}
	for (size_t i = 0; i < sizeof(required_caps) / sizeof(required_caps[0]); i++)
		if (!check_extension(k->sys_fd, required_caps[i].cap)) {
			vmm_error("/dev/kvm: %s missing (needed for %s)", required_caps[i].name,
			          required_caps[i].why);
			return -1;
		}
	return 0;
}

static int set_memslots(struct kvm *k, const struct guest_mem *gm)
{
	int max_slots = check_extension(k->sys_fd, KVM_CAP_NR_MEMSLOTS);

	if (max_slots && (int)gm->nregions > max_slots) {
		vmm_error("/dev/kvm: %u memory slots needed, KVM offers %d", gm->nregions,
		          max_slots);
		return -1;
	}
	for (unsigned i = 0; i < gm->nregions; i++) {
		struct kvm_userspace_memory_region r = {
			.slot = i,
			.guest_phys_addr = gm->region[i].gpa,
			.memory_size = gm->region[i].size,
			.userspace_addr = (uintptr_t)gm->region[i].host,
		};
		if (KVM_IOCTL(k->vm_fd, KVM_SET_USER_MEMORY_REGION, &r) < 0)
			return -1;
	}
	return 0;
}

/* VMX needs three pages for a real-mode TSS and one for an identity map. */
static int set_vmx_pages(struct kvm *k)
{
	unsigned long long ident = KVM_IDENTITY_MAP_ADDR;

	if (check_extension(k->sys_fd, KVM_CAP_SET_TSS_ADDR) &&
	    ioctl(k->vm_fd, KVM_SET_TSS_ADDR, KVM_TSS_ADDR) < 0) {
		vmm_error("KVM_SET_TSS_ADDR: %s", strerror(errno));
		return -1;
	}
	if (check_extension(k->sys_fd, KVM_CAP_SET_IDENTITY_MAP_ADDR) &&
	    KVM_IOCTL(k->vm_fd, KVM_SET_IDENTITY_MAP_ADDR, &ident) < 0)
		return -1;
	return 0;
}

int kvm_create_vm(struct kvm *k, const struct guest_mem *gm)
{
	k->vm_fd = ioctl(k->sys_fd, KVM_CREATE_VM, 0);
	if (k->vm_fd < 0) {
		vmm_error("KVM_CREATE_VM: %s", strerror(errno));
		return -1;
	}
	if (set_vmx_pages(k) < 0)
		return -1;
	if (KVM_IOCTL(k->vm_fd, KVM_CREATE_IRQCHIP, NULL) < 0)
		return -1;
	return set_memslots(k, gm);
}

int kvm_create_vcpu(struct kvm *k)
{
	int size;

	k->vcpu_fd = ioctl(k->vm_fd, KVM_CREATE_VCPU, 0);
	if (k->vcpu_fd < 0) {
		vmm_error("KVM_CREATE_VCPU: %s", strerror(errno));
		return -1;
	}
	size = KVM_IOCTL(k->sys_fd, KVM_GET_VCPU_MMAP_SIZE, NULL);
	if (size < (int)sizeof(struct kvm_run))
		return -1;
	k->run = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, MAP_SHARED, k->vcpu_fd, 0);
	if (k->run == MAP_FAILED) {
		k->run = NULL;
		vmm_error("mmap of kvm_run: %s", strerror(errno));
		return -1;
	}
	k->run_size = (size_t)size;
	k->sync_regs = check_extension(k->sys_fd, KVM_CAP_SYNC_REGS) & KVM_SYNC_X86_REGS;
	if (k->sync_regs)
		k->run->kvm_valid_regs = KVM_SYNC_X86_REGS;
	k->tsc_deadline = check_extension(k->sys_fd, KVM_CAP_TSC_DEADLINE_TIMER);
	return cpuid_setup(k);
}

int kvm_guest_tsc(const struct kvm *k, uint64_t *tsc, uint32_t *khz)
{
	union { /* struct kvm_msrs with room for one entry */
		struct kvm_msrs hdr;
		uint8_t bytes[sizeof(struct kvm_msrs) + sizeof(struct kvm_msr_entry)];
	} msrs;
	int r;

	memset(&msrs, 0, sizeof(msrs));
	msrs.hdr.nmsrs = 1;
	msrs.hdr.entries[0].index = 0x10; /* IA32_TSC */
	if (KVM_IOCTL_QUIET(k->vcpu_fd, KVM_GET_MSRS, &msrs.hdr) != 1) {
		vmm_error("KVM_GET_MSRS(IA32_TSC): %s", strerror(errno));
		return -1;
	}
	*tsc = msrs.hdr.entries[0].data;
	r = check_extension(k->sys_fd, KVM_CAP_GET_TSC_KHZ) ?
	            ioctl(k->vcpu_fd, KVM_GET_TSC_KHZ, 0) :
	            -1;
	*khz = r > 0 ? (uint32_t)r : 0;
	return 0;
}

unsigned long long kvm_exit_rip(const struct kvm *k)
{
	struct kvm_regs regs;

	if (k->sync_regs)
		return k->run->s.regs.regs.rip;
	if (KVM_IOCTL_QUIET(k->vcpu_fd, KVM_GET_REGS, &regs) < 0)
		return 0;
	return regs.rip;
}

void kvm_close(struct kvm *k)
{
	if (k->run)
		munmap(k->run, k->run_size);
	if (k->vcpu_fd >= 0)
		close(k->vcpu_fd);
	if (k->vm_fd >= 0)
		close(k->vm_fd);
	if (k->sys_fd >= 0)
		close(k->sys_fd);
	memset(k, 0, sizeof(*k));
	k->sys_fd = k->vm_fd = k->vcpu_fd = -1;
}
