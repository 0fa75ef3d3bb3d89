// SPDX-License-Identifier: MIT
/*
 * TSC frequency (see tsc.h), from the most to the least authoritative
 * source, first one that answers wins:
 *
 *  1. CPUID 0x40000010 (hypervisor timing leaf, VMware's convention that
 *     KVM/QEMU use when asked): EAX = TSC kHz.
 *  2. kvmclock (KVM's paravirtual clock, CPUID 0x40000001 bit 3): KVM
 *     writes a pvclock structure whose tsc_to_system_mul/tsc_shift convert
 *     TSC ticks to nanoseconds, so they encode the TSC frequency exactly.
 *  3. CPUID 0x15 (Intel): TSC = crystal Hz * EBX / EAX, when ECX (the
 *     crystal) is given.
 *  4. CPUID 0x16 (Intel): EAX = base MHz, which the TSC runs at.
 *  5. A measurement against the legacy PIT, whose counter runs at a fixed
 *     1.193182 MHz: 10 ms of PIT counts versus TSC ticks.  Only reached
 *     on a machine with none of the above, such as QEMU with TCG (the lde
 *     vmm has no PIT, but always offers kvmclock).  If the counter does
 *     not move at all, there is no PIT, and tsc_calibrate() returns 0:
 *     timer.c then falls back to the LAPIC timer's nominal rate.
 *
 * The TSC is assumed invariant (constant rate; CPUID 0x80000007 EDX bit 8
 * on hardware; KVM guarantees it for guests).
 */
#include <stdbool.h>

#include "paging.h"
#include "cpu.h"
#include "io.h"
#include "tsc.h"

#define KVM_SIGNATURE_EBX 0x4b4d564b /* "KVMK" */
#define KVM_SIGNATURE_ECX 0x564b4d56 /* "VMKV" */
#define KVM_SIGNATURE_EDX 0x4d       /* "M\0\0\0" */
#define KVM_FEATURE_CLOCKSOURCE2 (1 << 3)
#define MSR_KVM_SYSTEM_TIME_NEW 0x4b564d01

/* CPUID leaf `leaf` if the CPU (or hypervisor range) has it, else zeros. */
static void cpuid_if(uint32_t max_leaf, uint32_t leaf, uint32_t r[4])
{
	r[0] = r[1] = r[2] = r[3] = 0;
	if (leaf <= max_leaf)
		cpuid(leaf, 0, r);
}

static uint64_t from_hypervisor_leaf(uint32_t hv_max)
{
	uint32_t r[4];

	cpuid_if(hv_max, 0x40000010, r);
	return (uint64_t)r[0] * 1000;
}

/* kvmclock's per-vCPU time information (the "pvclock" ABI). */
struct pvclock_time_info {
	uint32_t version; /* odd while KVM updates the fields */
	uint32_t pad0;
	uint64_t tsc_timestamp;
	uint64_t system_time;
	uint32_t tsc_to_system_mul; /* ns = (tsc << shift) * mul >> 32 */
	int8_t tsc_shift;
	uint8_t flags;
	uint8_t pad[2];
} __attribute__((aligned(32)));

static uint64_t from_kvmclock(uint32_t hv_max)
{
	static volatile struct pvclock_time_info pv;
	uint32_t r[4];
	uint64_t hz;

	cpuid_if(hv_max, 0x40000000, r);
	if (r[1] != KVM_SIGNATURE_EBX || r[2] != KVM_SIGNATURE_ECX || r[3] != KVM_SIGNATURE_EDX)
		return 0;
	cpuid_if(hv_max, 0x40000001, r);
	if (!(r[0] & KVM_FEATURE_CLOCKSOURCE2))
		return 0;
	/* Bit 0 enables; KVM fills pv before this vCPU runs again. */
	wrmsr(MSR_KVM_SYSTEM_TIME_NEW, virt_to_phys((const void *)&pv) | 1);
	while (pv.version & 1 || !pv.tsc_to_system_mul)
		cpu_relax();
	/* Hz = 1e9 ns/s / (ns per tick) = 2^32 * 1e9 / mul, undone shift. */
	hz = (1000000000ULL << 32) / pv.tsc_to_system_mul;
	hz = pv.tsc_shift < 0 ? hz << -pv.tsc_shift : hz >> pv.tsc_shift;
	wrmsr(MSR_KVM_SYSTEM_TIME_NEW, 0); /* done: KVM may stop writing */
	return hz;
}

static uint64_t from_cpuid_15(uint32_t max)
{
	uint32_t r[4];

	cpuid_if(max, 0x15, r);
	if (!r[0] || !r[1] || !r[2])
		return 0;
	return (uint64_t)r[2] * r[1] / r[0];
}

static uint64_t from_cpuid_16(uint32_t max)
{
	uint32_t r[4];

	cpuid_if(max, 0x16, r);
	return (uint64_t)(r[0] & 0xffff) * 1000000;
}

#define PIT_HZ 1193182
#define PIT_CH0 0x40
#define PIT_CMD 0x43

/* Latches and reads PIT channel 0's 16-bit count. */
static uint16_t pit_count(void)
{
	uint8_t lo, hi;

	outb(PIT_CMD, 0x00); /* latch channel 0 */
	lo = inb(PIT_CH0);
	hi = inb(PIT_CH0);
	return (uint16_t)(hi << 8 | lo);
}

/* Reads until the count differs from c; false if it never does. */
static bool pit_moves(uint16_t c)
{
	for (int i = 0; i < 1000; i++)
		if (pit_count() != c)
			return true;
	return false;
}

/*
 * The PIT count and the TSC "at the same moment": the count read is
 * bracketed by two TSC reads; of a few tries the tightest bracket wins.
 */
static uint16_t pit_and_tsc(uint64_t *tsc)
{
	uint64_t best = UINT64_MAX;
	uint16_t count = 0;

	for (int i = 0; i < 4; i++) {
		uint64_t before = rdtsc();
		uint16_t c = pit_count();
		uint64_t after = rdtsc();

		if (after - before < best) {
			best = after - before;
			*tsc = before + best / 2;
			count = c;
		}
	}
	return count;
}

static uint64_t from_pit(void)
{
	const uint16_t window = PIT_HZ / 100; /* 10 ms of PIT counts */
	uint16_t c0, c1;
	uint64_t t0, t1;

	/* Channel 0, lobyte/hibyte, mode 0, counting down from 0xffff. */
	outb(PIT_CMD, 0x30);
	outb(PIT_CH0, 0xff);
	outb(PIT_CH0, 0xff);
	c0 = pit_count();
	if (!pit_moves(c0)) /* no PIT: reads of 0xff forever */
		return 0;
	c0 = pit_and_tsc(&t0);
	do
		c1 = pit_and_tsc(&t1);
	while ((uint16_t)(c0 - c1) < window);
	return (t1 - t0) * PIT_HZ / (uint16_t)(c0 - c1);
}

uint64_t tsc_calibrate(const char **how)
{
	uint32_t r[4];
	uint32_t max, hv_max = 0;
	uint64_t hz;

	cpuid(0, 0, r);
	max = r[0];
	cpuid(1, 0, r);
	if (r[2] & (1U << 31)) { /* "hypervisor present" */
		cpuid(0x40000000, 0, r);
		hv_max = r[0];
	}
	if ((hz = from_hypervisor_leaf(hv_max))) {
		*how = "CPUID 0x40000010";
		return hz;
	}
	if ((hz = from_kvmclock(hv_max))) {
		*how = "kvmclock";
		return hz;
	}
	if ((hz = from_cpuid_15(max))) {
		*how = "CPUID 0x15";
		return hz;
	}
	if ((hz = from_cpuid_16(max))) {
		*how = "CPUID 0x16";
		return hz;
	}
	*how = "measured against the PIT";
	if ((hz = from_pit()))
		return hz;
	*how = "no reference clock found";
	return 0;
}
