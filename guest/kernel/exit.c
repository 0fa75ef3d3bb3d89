// SPDX-License-Identifier: MIT
/* guest_exit: end the run with a status (abi.h sections 1 and 5). */
#include <lde/abi.h>

#include "arch.h"
#include "exit.h"
#include "io.h"

noreturn void guest_exit(uint32_t status)
{
	/*
	 * A 32-bit OUT: the vmm exits with this status; QEMU's
	 * isa-debug-exit (iosize=4) exits with (status << 1) | 1.
	 */
	outl(LDE_PORT_EXIT, status);
	/* Nothing there (e.g. QEMU without isa-debug-exit): stop here. */
	arch_halt();
}
