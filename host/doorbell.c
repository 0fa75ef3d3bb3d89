/* SPDX-License-Identifier: MIT */
/*
 * Trace-ring doorbell at port 0xF8: a lossless guest writes here when its
 * ring reaches the high-water mark; the vmm drains the ring before the
 * guest continues.  It decodes a 32-bit OUT only; anything else is
 * unclaimed.
 */
#include "lde/abi.h"
#include "pio.h"
#include "vm.h"

static void doorbell_out(struct vm *vm, uint16_t offset, uint32_t val, unsigned size)
{
	(void)offset;
	(void)val;
	(void)size;
	/* handle_exit() drained the ring before dispatching this OUT (and
	 * before starting the exit's own record), so the guest resumes with
	 * tail == head; draining here would interleave records. */
	vm->ring.doorbells++;
}

const struct pio_device doorbell_device = {
	.name = "doorbell",
	.base = LDE_PORT_TRACE_DOORBELL,
	.count = 1,
	.out_sizes = 4, /* a 32-bit OUT; nothing else is decoded */
	.out = doorbell_out,
};
