// SPDX-License-Identifier: MIT
/* panic(): the end of the run when the kernel itself went wrong. */
#include <stdarg.h>

#include <lde/abi.h>

#include "exit.h"
#include "panic.h"

noreturn void panic(const char *fmt, ...)
{
	va_list ap;

	kprintf("panic: ");
	va_start(ap, fmt);
	vkprintf(fmt, ap);
	va_end(ap);
	kprintf("\npanic: halting; exit status %d\n", LDE_GUEST_PANIC);
	guest_exit(LDE_GUEST_PANIC);
}
