/* SPDX-License-Identifier: MIT */
/*
 * Exit port 0xF4: an OUT of V ends the run with guest status V (statuses
 * above LDE_EXIT_STATUS_MAX end it as "bad-status").  Reads return 0.
 */
#include "lde/abi.h"
#include "pio.h"
#include "vm.h"

static void exit_out(struct vm *vm, uint16_t offset, uint32_t val, unsigned size)
{
	(void)offset;
	(void)size;
	vm->guest_status = val;
	vm->end = val <= LDE_EXIT_STATUS_MAX ? VM_END_GUEST_EXIT : VM_END_BAD_STATUS;
}

const struct pio_device exit_device = {
	.name = "exit",
	.base = LDE_PORT_EXIT,
	.count = 4,
	.out = exit_out,
	.in = pio_read_zero,
};
