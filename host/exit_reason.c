/* SPDX-License-Identifier: MIT */
#include "exit_reason.h"

#include <linux/kvm.h>

#define NAME(x) [KVM_EXIT_##x] = #x

static const char *const names[EXIT_REASON_COUNT] = {
	NAME(UNKNOWN),
	NAME(EXCEPTION),
	NAME(IO),
	NAME(HYPERCALL),
	NAME(DEBUG),
	NAME(HLT),
	NAME(MMIO),
	NAME(IRQ_WINDOW_OPEN),
	NAME(SHUTDOWN),
	NAME(FAIL_ENTRY),
	NAME(INTR),
	NAME(SET_TPR),
	NAME(TPR_ACCESS),
	NAME(S390_SIEIC),
	NAME(S390_RESET),
	NAME(DCR),
	NAME(NMI),
	NAME(INTERNAL_ERROR),
	NAME(OSI),
	NAME(PAPR_HCALL),
	NAME(S390_UCONTROL),
	NAME(WATCHDOG),
	NAME(S390_TSCH),
	NAME(EPR),
	NAME(SYSTEM_EVENT),
	NAME(S390_STSI),
	NAME(IOAPIC_EOI),
	NAME(HYPERV),
	NAME(ARM_NISV),
	NAME(X86_RDMSR),
	NAME(X86_WRMSR),
	NAME(DIRTY_RING_FULL),
	NAME(AP_RESET_HOLD),
	NAME(X86_BUS_LOCK),
	NAME(XEN),
	NAME(RISCV_SBI),
	NAME(RISCV_CSR),
	NAME(NOTIFY),
};

_Static_assert(KVM_EXIT_NOTIFY == EXIT_REASON_COUNT - 1, "exit reason table");

const char *exit_reason_name(uint32_t reason)
{
	return reason < EXIT_REASON_COUNT && names[reason] ? names[reason] : "UNRECOGNISED";
}

const char *internal_error_name(uint32_t suberror)
{
	switch (suberror) {
	case KVM_INTERNAL_ERROR_EMULATION:
		return "EMULATION";
	case KVM_INTERNAL_ERROR_SIMUL_EX:
		return "SIMUL_EX";
	case KVM_INTERNAL_ERROR_DELIVERY_EV:
		return "DELIVERY_EV";
	case KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON:
		return "UNEXPECTED_EXIT_REASON";
	}
	return "UNRECOGNISED";
}
