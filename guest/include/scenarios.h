/* SPDX-License-Identifier: MIT */
/* test=NAME on the command line: scenarios that exercise the vmm. */
#ifndef LDE_GUEST_SCENARIOS_H
#define LDE_GUEST_SCENARIOS_H

#include <stddef.h>

#include "kernel.h"

/*
 * Runs the scenario named by the len bytes at name.  Never returns: a
 * scenario ends the run (or spins until the vmm's watchdog does); an
 * unknown name prints "unknown test: NAME" and exits LDE_GUEST_FAILURE.
 */
noreturn void scenario_run(const char *name, size_t len);

#endif
