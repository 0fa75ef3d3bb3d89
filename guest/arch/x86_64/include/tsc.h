/* SPDX-License-Identifier: MIT */
/*
 * How fast the time-stamp counter ticks.  The TSC is the kernel's ruler:
 * the LAPIC timer is measured against it (timer.c) and TSC-deadline mode
 * is programmed in its units.
 */
#ifndef LDE_GUEST_TSC_H
#define LDE_GUEST_TSC_H

#include <stdint.h>

/*
 * Finds the TSC frequency; returns it in Hz (0 if no method worked) and
 * stores a description of the method in *how.
 */
uint64_t tsc_calibrate(const char **how);

#endif
