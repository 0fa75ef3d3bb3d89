/* SPDX-License-Identifier: MIT */
#include "console.h"

#include "vm.h"

void console_putc(struct vm *vm, uint8_t c)
{
	/* A closed stdout (EPIPE) must not stop the guest: errors are ignored
	 * here and the console is best effort, unlike the trace. */
	if (vm->console)
		putc(c, vm->console);
}
