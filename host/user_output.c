/* SPDX-License-Identifier: MIT */
/*
 * User output, ports 0xEA and 0xEB (abi.h section 1): the bytes a user
 * program writes to its fd 1 go to our stdout, exactly, those to its fd 2
 * to our stderr.  A `rep outsb` arrives as one exit with many bytes; the
 * exit loop flushes them before the guest runs on, so a prompt without a
 * newline shows at once, as a write(2) to a terminal does.  A closed
 * stdout (EPIPE) must not stop the guest: errors are ignored.
 */
#include <stdio.h>

#include "lde/abi.h"
#include "pio.h"
#include "vm.h"

static void user_out(struct vm *vm, uint16_t offset, uint32_t val, unsigned size)
{
	(void)size;
	putc((int)(uint8_t)val, offset == 0 ? stdout : stderr);
	vm->output_unflushed = true;
}

const struct pio_device user_output_device = {
	.name = "user-output",
	.base = LDE_PORT_STDOUT,
	.count = 2,
	.out_sizes = 1, /* 8-bit OUT only (and rep outsb) */
	.in_sizes = 0,
	.out = user_out,
};
