/* SPDX-License-Identifier: MIT */
/* Ending the run: a status on the exit port (abi.h section 5). */
#ifndef LDE_GUEST_EXIT_H
#define LDE_GUEST_EXIT_H

#include <stdint.h>

#include "kernel.h"

/* Writes status to LDE_PORT_EXIT and halts forever if that returns. */
noreturn void guest_exit(uint32_t status);

#endif
