/* SPDX-License-Identifier: MIT */
/*
 * Exit port 0xF4: an OUT of V ends the run, with the guest's own status or
 * the programs' result (abi.h section 5; vm_guest_exit).  Reads return 0.
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
	.count = 4,
	.out = exit_out,
	.in = pio_read_zero,
};
