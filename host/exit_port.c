/* SPDX-License-Identifier: MIT */
/*
 * Exit port 0xF4: a 32-bit OUT of V ends the run, with the guest's own
 * status or the programs' result (abi.h section 5; vm_guest_exit).  Any
 * other access (IN, 8 or 16 bits, ports 0xF5-0xF7) is unclaimed.
 */
#include "lde/abi.h"
#include "pio.h"
#include "vm.h"

static void exit_out(struct vm *vm, uint16_t offset, uint32_t val, unsigned size)
{
	(void)offset;
	(void)size;
	vm_guest_exit(vm, val);
}

const struct pio_device exit_device = {
	.name = "exit",
	.base = LDE_PORT_EXIT,
	.count = 1,
	.out_sizes = 4, /* a 32-bit OUT; nothing else is decoded */
	.out = exit_out,
};
