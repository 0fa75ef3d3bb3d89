// SPDX-License-Identifier: MIT
/*
 * The local APIC (see lapic.h).
 *
 * After reset the LAPIC is hardware-enabled (IA32_APIC_BASE.EN) in xAPIC
 * mode but software-disabled: it delivers nothing until the spurious-
 * interrupt vector register's enable bit is set.  That register also names
 * the vector of "spurious" interrupts, which the LAPIC sends when an
 * interrupt it signalled went away before the CPU took it; those need no
 * EOI.  Every other interrupt it delivers stays "in service" until the
 * handler writes the EOI register, and blocks those of equal or lower
 * priority until then.
 *
 * x2APIC: set IA32_APIC_BASE.EXTD and the registers become MSRs, one
 * wrmsr/rdmsr each.  On KVM both MSRs and MMIO are handled inside the host
 * kernel; MSRs avoid decoding an MMIO instruction.
 */
#include "paging.h"
#include "cpu.h"
#include "lapic.h"
#include "trap.h"

#define MSR_APIC_BASE 0x1b
#define APIC_BASE_EN (1 << 11)   /* LAPIC enabled */
#define APIC_BASE_EXTD (1 << 10) /* x2APIC mode */
#define APIC_BASE_ADDR 0xfffff000
#define MSR_X2APIC_FIRST 0x800
#define CPUID1_ECX_X2APIC (1 << 21)

static bool x2apic;
/* xAPIC register page; pagetables.S maps the MMIO hole uncached. */
static volatile uint32_t *mmio;

bool lapic_x2apic(void)
{
	return x2apic;
}

uint32_t lapic_read(unsigned reg)
{
	if (x2apic)
		return (uint32_t)rdmsr(MSR_X2APIC_FIRST + reg / 16);
	return mmio[reg / 4];
}

void lapic_write(unsigned reg, uint32_t value)
{
	if (x2apic)
		wrmsr(MSR_X2APIC_FIRST + reg / 16, value);
	else
		mmio[reg / 4] = value;
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

void lapic_init(void)
{
	uint32_t r[4];
	uint64_t base = rdmsr(MSR_APIC_BASE);

	cpuid(1, 0, r);
	x2apic = r[2] & CPUID1_ECX_X2APIC;
	if (x2apic)
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_EN | APIC_BASE_EXTD);
	else
		mmio = phys_to_virt(base & APIC_BASE_ADDR);
	lapic_write(LAPIC_TPR, 0);
	/* No external interrupts here: the LINT pins and errors stay quiet. */
	lapic_write(LAPIC_LVT_LINT0, LVT_MASKED);
	lapic_write(LAPIC_LVT_LINT1, LVT_MASKED);
	lapic_write(LAPIC_LVT_ERROR, LVT_MASKED);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
	lapic_write(LAPIC_SVR, LAPIC_SVR_ENABLE | T_SPURIOUS);
}
