/* SPDX-License-Identifier: MIT */
/*
 * The local APIC: this CPU's interrupt controller and timer.  Two ways to
 * reach its registers: x2APIC (MSRs 0x800 + reg/16), used when CPUID
 * offers it, and xAPIC (memory-mapped page at 0xFEE00000) otherwise.
 * Register offsets are the xAPIC ones.
 */
#ifndef LDE_GUEST_LAPIC_H
#define LDE_GUEST_LAPIC_H

#include <stdbool.h>
#include <stdint.h>

#define LAPIC_ID 0x020
#define LAPIC_TPR 0x080 /* task priority: 0 accepts everything */
#define LAPIC_EOI 0x0b0
#define LAPIC_SVR 0x0f0 /* spurious vector + software enable */
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_LVT_LINT0 0x350
#define LAPIC_LVT_LINT1 0x360
#define LAPIC_LVT_ERROR 0x370
#define LAPIC_TIMER_INIT 0x380 /* initial count: writing it starts it */
#define LAPIC_TIMER_CUR 0x390  /* current count (read-only) */
#define LAPIC_TIMER_DIV 0x3e0  /* divide configuration */

#define LAPIC_SVR_ENABLE 0x100
#define LVT_MASKED 0x10000
#define LVT_TIMER_ONESHOT 0x00000
#define LVT_TIMER_PERIODIC 0x20000
#define LVT_TIMER_TSC_DEADLINE 0x40000

/* Picks x2APIC or xAPIC, software-enables the LAPIC, masks the LINT pins. */
void lapic_init(void);

/* True in x2APIC mode. */
bool lapic_x2apic(void);

uint32_t lapic_read(unsigned reg);
void lapic_write(unsigned reg, uint32_t value);

/* End of interrupt: lets the LAPIC deliver the next one of this priority. */
void lapic_eoi(void);

#endif
