/* SPDX-License-Identifier: MIT */
#include "vm.h"

#include <stdarg.h>

#include "lde/abi.h"

void vm_crash(struct vm *vm, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(vm->crash_reason, sizeof(vm->crash_reason), fmt, ap);
	va_end(ap);
	vm->end = VM_END_CRASH;
}

int vm_exit_status(const struct vm *vm)
{
	switch (vm->end) {
	case VM_END_GUEST_EXIT:
		return (int)vm->guest_status;
	case VM_END_BAD_STATUS:
		return LDE_VMM_BAD_STATUS;
	case VM_END_CRASH:
		return LDE_VMM_CRASH;
	case VM_END_TIMEOUT:
		return LDE_VMM_TIMEOUT;
	case VM_END_SIGNAL:
		return LDE_VMM_SIGNAL_BASE + vm->signo;
	case VM_RUNNING:
	case VM_END_HOST_ERROR:
		break;
	}
	return LDE_VMM_HOST_ERROR;
}

const char *vm_end_name(enum vm_end end)
{
	static const char *const names[] = {
		[VM_RUNNING] = "running",           [VM_END_GUEST_EXIT] = "guest-exit",
		[VM_END_BAD_STATUS] = "bad-status", [VM_END_CRASH] = "crash",
		[VM_END_TIMEOUT] = "timeout",       [VM_END_SIGNAL] = "signal",
		[VM_END_HOST_ERROR] = "host-error",
	};
	return names[end];
}
