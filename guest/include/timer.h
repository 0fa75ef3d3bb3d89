/* SPDX-License-Identifier: MIT */
/*
 * The timer tick: timer_hz() interrupts per second (hz= on the command line,
 * else CONFIG_HZ) from the LAPIC timer, in
 * the mode Kconfig chose (periodic, one-shot or TSC-deadline).  Each tick
 * advances the kernel's clock and lets the scheduler act (sched.c).
 */
#ifndef LDE_GUEST_TIMER_H
#define LDE_GUEST_TIMER_H

#include <stdint.h>

#include "trap.h"

/* Calibrates and starts the timer; prints how on the console. */
void timer_init(void);

/* Stops the timer (at the end of the run). */
void timer_stop(void);

/* The T_TIMER interrupt. */
void timer_interrupt(struct trap_frame *f);

/* Ticks since timer_init(): the kernel's clock (SYS_uptime). */
uint64_t timer_ticks(void);

/* Ticks per second: hz= on the command line (10..1000), else CONFIG_HZ. */
uint32_t timer_hz(void);

/* The TSC frequency found at boot, in Hz. */
uint64_t timer_tsc_hz(void);

/* Nanoseconds since boot (sys_time.c): what clock_gettime says. */
uint64_t time_now_ns(void);

#endif
