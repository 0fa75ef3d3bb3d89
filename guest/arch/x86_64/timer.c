// SPDX-License-Identifier: MIT
/*
 * The timer tick (see timer.h).  The LAPIC timer has three modes:
 *
 *   periodic      counts an initial value down at the LAPIC's timer
 *                 frequency, interrupts at 0 and reloads by itself;
 *   one-shot      the same, but stops at 0: the handler re-arms it;
 *   TSC-deadline  interrupts when the TSC reaches the value written to
 *                 MSR IA32_TSC_DEADLINE; the handler writes the next one.
 *
 * Periodic and one-shot count at a frequency nobody announces, so it is
 * measured at boot: the counter runs for 10 ms of TSC time (the TSC
 * frequency comes from tsc.c) and the counts that went by give the rate.
 * TSC-deadline needs only the TSC frequency.
 *
 * Without any reference clock (no CPUID timing leaf, no kvmclock, no PIT:
 * QEMU's microvm with pit=off is such a machine), the kernel assumes the
 * LAPIC timer counts at 1 GHz, the rate KVM's and QEMU's emulated LAPICs
 * use, says so on the console, and measures the TSC against it instead.
 *
 * One-shot and TSC-deadline keep an absolute schedule in TSC units
 * (next_deadline += one tick), so the time the handler takes to re-arm
 * never accumulates as drift.
 */
#include <lde/trace_names.h>

#include "cmdline.h"
#include "cpu.h"
#include "lapic.h"
#include "panic.h"
#include "printf.h"
#include "sched.h"
#include "timer.h"
#include "tsc.h"

#define MSR_TSC_DEADLINE 0x6e0
#define CPUID1_ECX_TSC_DEADLINE (1 << 24)
#define CALIBRATION_MS 10
#define HZ_MIN 10 /* the range Kconfig's HZ allows */
#define HZ_MAX 1000

/* The trace's numbers and names for them (include/lde/trace_names.h). */
enum timer_mode {
	MODE_PERIODIC = LDE_TIMER_PERIODIC,
	MODE_ONESHOT = LDE_TIMER_ONESHOT,
	MODE_TSC_DEADLINE = LDE_TIMER_TSC_DEADLINE,
};

static enum timer_mode mode;
static uint64_t ticks;
static uint64_t tsc_hz, tsc_per_tick, next_deadline;
static uint64_t lapic_hz;
static uint32_t hz = CONFIG_HZ;
static uint64_t lapic_per_tsc_q32; /* LAPIC counts per TSC tick, 32.32 */

uint64_t timer_ticks(void)
{
	return ticks;
}

uint64_t timer_tsc_hz(void)
{
	return tsc_hz;
}

uint32_t timer_hz(void)
{
	return hz;
}

/* hz=N on the command line, else Kconfig's HZ; out of range: said, and ignored. */
static uint32_t configured_hz(void)
{
	uint32_t v;
	int found = cmdline_u32("hz", &v);

	if (found > 0 && v >= HZ_MIN && v <= HZ_MAX)
		return v;
	if (found)
		kprintf("timer: hz= wants %d..%d; using %d Hz\n", HZ_MIN, HZ_MAX, CONFIG_HZ);
	return CONFIG_HZ;
}

static enum timer_mode configured_mode(void)
{
#if defined(CONFIG_TIMER_TSC_DEADLINE)
	uint32_t r[4];

	cpuid(1, 0, r);
	if (r[2] & CPUID1_ECX_TSC_DEADLINE)
		return MODE_TSC_DEADLINE;
	kprintf("timer: no TSC-deadline mode on this CPU; using periodic\n");
	return MODE_PERIODIC;
#elif defined(CONFIG_TIMER_ONESHOT)
	return MODE_ONESHOT;
#else
	return MODE_PERIODIC;
#endif
}

#define ASSUMED_LAPIC_HZ 1000000000ULL /* KVM's and QEMU's LAPIC timer */

/*
 * Reads the LAPIC timer's count and the TSC "at the same moment": the
 * count read is bracketed by two TSC reads, and of a few tries the one
 * with the tightest bracket wins, so that a hiccup of the host between two
 * reads (the vCPU preempted, an emulation delay) cannot skew the result.
 */
static void read_both(uint64_t *tsc, uint32_t *count)
{
	uint64_t best = UINT64_MAX;

	for (int i = 0; i < 4; i++) {
		uint64_t before = rdtsc();
		uint32_t c = lapic_read(LAPIC_TIMER_CUR);
		uint64_t after = rdtsc();

		if (after - before < best) {
			best = after - before;
			*tsc = before + best / 2;
			*count = c;
		}
	}
}

/*
 * Runs the LAPIC timer (masked, divide by 1) for CALIBRATION_MS measured
 * by whichever clock is known: the TSC if tsc_hz is, else the LAPIC timer
 * at its assumed rate.  Stores both clocks' progress in *tsc, *counts.
 */
static void race_clocks(uint64_t *tsc, uint64_t *counts)
{
	uint64_t tsc_window = tsc_hz / (1000 / CALIBRATION_MS), t0, t1;
	uint32_t count_window = ASSUMED_LAPIC_HZ / (1000 / CALIBRATION_MS);
	uint32_t c0, c1;

	lapic_write(LAPIC_TIMER_DIV, 0xb); /* divide by 1 */
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | LVT_TIMER_ONESHOT);
	lapic_write(LAPIC_TIMER_INIT, 0xffffffff);
	read_both(&t0, &c0);
	do
		read_both(&t1, &c1);
	while (tsc_hz ? t1 - t0 < tsc_window : c0 - c1 < count_window);
	lapic_write(LAPIC_TIMER_INIT, 0);
	*tsc = t1 - t0;
	*counts = c0 - c1;
}

/* Finds lapic_hz from tsc_hz, or (no reference at all) the other way round. */
static void calibrate_lapic(void)
{
	uint64_t tsc, counts;

	race_clocks(&tsc, &counts);
	if (tsc_hz) {
		lapic_hz = counts * tsc_hz / tsc;
		kprintf("timer: LAPIC timer %lu kHz (measured over %d ms of TSC)\n",
		        lapic_hz / 1000, CALIBRATION_MS);
		return;
	}
	lapic_hz = ASSUMED_LAPIC_HZ;
	tsc_hz = tsc * ASSUMED_LAPIC_HZ / counts;
	kprintf("timer: WARNING: no reference clock; assuming the LAPIC timer "
	        "runs at %llu MHz (KVM's and QEMU's rate)\n",
	        ASSUMED_LAPIC_HZ / 1000000);
	kprintf("timer: TSC %lu kHz (measured against the LAPIC timer)\n", tsc_hz / 1000);
}

/* Programs the next one-shot count or TSC deadline, one tick on. */
static void arm_next(void)
{
	uint64_t now, count;

	next_deadline += tsc_per_tick;
	if (mode == MODE_TSC_DEADLINE) {
		wrmsr(MSR_TSC_DEADLINE, next_deadline);
		return;
	}
	now = rdtsc();
	count = next_deadline > now ? (next_deadline - now) * lapic_per_tsc_q32 >> 32 : 0;
	lapic_write(LAPIC_TIMER_INIT, count ? (uint32_t)count : 1);
}

static void start(void)
{
	switch (mode) {
	case MODE_PERIODIC:
		lapic_write(LAPIC_LVT_TIMER, T_TIMER | LVT_TIMER_PERIODIC);
		lapic_write(LAPIC_TIMER_INIT, (uint32_t)(lapic_hz / hz));
		break;
	case MODE_ONESHOT:
		lapic_write(LAPIC_LVT_TIMER, T_TIMER | LVT_TIMER_ONESHOT);
		next_deadline = rdtsc();
		arm_next();
		break;
	case MODE_TSC_DEADLINE:
		lapic_write(LAPIC_LVT_TIMER, T_TIMER | LVT_TIMER_TSC_DEADLINE);
		/* The LVT write must land before the MSR write (SDM 10.5.4.1). */
		mfence();
		next_deadline = rdtsc();
		arm_next();
		break;
	}
}

void timer_init(void)
{
	const char *how;

	hz = configured_hz();
	tsc_hz = tsc_calibrate(&how);
	if (tsc_hz)
		kprintf("timer: TSC %lu kHz (%s)\n", tsc_hz / 1000, how);
	mode = configured_mode();
	if (mode != MODE_TSC_DEADLINE || !tsc_hz)
		calibrate_lapic();
	tsc_per_tick = tsc_hz / hz;
	if (mode != MODE_TSC_DEADLINE) {
		lapic_per_tsc_q32 = (lapic_hz << 32) / tsc_hz;
		/* Divide by 1 always: a tick's count fits 32 bits below 42 GHz. */
		if (!lapic_hz || lapic_hz / hz > 0xffffffff)
			panic("timer: cannot use a %lu Hz LAPIC timer", lapic_hz);
	}
	kprintf("timer: %s at %d Hz, %s, vector 0x%x\n", lde_timer_name(mode), hz,
	        lapic_x2apic() ? "x2APIC" : "xAPIC", T_TIMER);
	start();
}

void timer_stop(void)
{
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
	lapic_write(LAPIC_TIMER_INIT, 0);
}

void timer_interrupt(struct trap_frame *f)
{
	/* EOI first: sched_tick may switch to another task before returning. */
	lapic_eoi();
	if (mode != MODE_PERIODIC)
		arm_next();
	ticks++;
	sched_tick(f);
}
