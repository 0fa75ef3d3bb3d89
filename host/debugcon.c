/* SPDX-License-Identifier: MIT */
/* Debug console at port 0xE9: OUT writes a byte, IN reads 0xE9 (presence). */
#include "console.h"
#include "lde/abi.h"
#include "pio.h"

static void debugcon_out(struct vm *vm, uint16_t offset, uint32_t val, unsigned size)
{
	(void)offset;
	(void)size;
	console_putc(vm, (uint8_t)val);
}

static uint32_t debugcon_in(struct vm *vm, uint16_t offset, unsigned size)
{
	(void)vm;
	(void)offset;
	(void)size;
	return LDE_PORT_DEBUGCON;
}

const struct pio_device debugcon_device = {
	.name = "debugcon",
	.base = LDE_PORT_DEBUGCON,
	.count = 1,
	.out_sizes = 1, /* 8-bit OUT and IN */
	.in_sizes = 1,
	.out = debugcon_out,
	.in = debugcon_in,
};
