/* SPDX-License-Identifier: MIT */
#include "vm.h"

#include <stdarg.h>
#include <string.h>

#include "cli.h"
#include "console.h"
#include "lde/abi.h"

void vm_init(struct vm *vm, const struct vmm_options *opt)
{
	memset(vm, 0, sizeof(*vm));
	vm->opt = opt;
	vm->com1 = (struct com1)COM1_INIT;
	vm->kvm.sys_fd = vm->kvm.vm_fd = vm->kvm.vcpu_fd = -1;
	vm->stats.fd = -1;
	vm->stats.why = "the vCPU was never created";
	kvm_exit_events_init(&vm->kexits, opt->trace_kvm_exits);
	vm->programs = opt->nprograms > 0 || opt->initrd;
	vm->unclaimed.strict = opt->strict_io;
}

void vm_free(struct vm *vm)
{
	com1_stop(&vm->com1);
	kvm_stats_close(&vm->stats);
	kvm_exit_events_stop(&vm->kexits);
	kvm_close(&vm->kvm);
	guest_mem_free(&vm->mem);
	console_close(vm);
}

void vm_crash(struct vm *vm, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(vm->crash_reason, sizeof(vm->crash_reason), fmt, ap);
	va_end(ap);
	vm->end = VM_END_CRASH;
}

int vm_drain_trace(struct vm *vm)
{
	int ret = trace_ring_drain(&vm->ring, &vm->trace, &vm->kexits);

	if (ret < 0)
		vm_crash(vm, "%s", vm->ring.corrupt);
	kvm_exit_events_drain(&vm->kexits, &vm->trace);
	return ret;
}

/* Is V, tagged as the programs' result, one of abi.h's valid combinations? */
static enum vm_end program_end(const struct vm *vm, uint32_t v)
{
	uint32_t sig = LDE_EXIT_PROGRAM_SIGNAL(v), status = LDE_EXIT_PROGRAM_STATUS(v);

	switch (LDE_EXIT_PROGRAM_KIND(v)) {
	case LDE_EXIT_EXITED:
		return sig == 0 ? VM_END_PROGRAM_EXIT : VM_END_BAD_STATUS;
	case LDE_EXIT_SIGNALED:
		return sig >= 1 && sig <= 64 && status == LDE_VMM_SIGNAL_BASE + sig ?
		               VM_END_PROGRAM_SIGNAL :
		               VM_END_BAD_STATUS;
	case LDE_EXIT_REFUSED:
		return sig == 0 && status == LDE_VMM_CANNOT_RUN ? VM_END_PROGRAM_REFUSED :
		                                                  VM_END_BAD_STATUS;
	case LDE_EXIT_INITRD_REFUSED:
		return vm->opt->initrd && sig == 0 &&
		                       (status == LDE_VMM_CANNOT_RUN ||
		                        status == LDE_VMM_NOT_FOUND) ?
		               VM_END_INITRD_REFUSED :
		               VM_END_BAD_STATUS;
	}
	return VM_END_BAD_STATUS;
}

void vm_guest_exit(struct vm *vm, uint32_t v)
{
	vm->guest_status = v;
	if (LDE_EXIT_IS_PROGRAM(v))
		vm->end = vm->programs ? program_end(vm, v) : VM_END_BAD_STATUS;
	else
		vm->end = v <= LDE_EXIT_GUEST_MAX && !vm->programs ? VM_END_GUEST_EXIT :
		                                                     VM_END_BAD_STATUS;
}

int vmm_exit_status(const struct vm *vm)
{
	switch (vm->end) {
	case VM_END_GUEST_EXIT:
		return (int)vm->guest_status;
	case VM_END_PROGRAM_EXIT:
	case VM_END_PROGRAM_SIGNAL:
	case VM_END_PROGRAM_REFUSED:
	case VM_END_INITRD_REFUSED:
		return (int)LDE_EXIT_PROGRAM_STATUS(vm->guest_status);
	case VM_END_BAD_STATUS:
		return LDE_VMM_BAD_STATUS;
	case VM_END_CRASH:
		return LDE_VMM_CRASH;
	case VM_END_TIMEOUT:
		return LDE_VMM_TIMEOUT;
	case VM_END_TRACE_FULL:
		return LDE_VMM_TRACE_FULL;
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
		[VM_RUNNING] = "running",
		[VM_END_GUEST_EXIT] = "guest-exit",
		[VM_END_PROGRAM_EXIT] = "program-exit",
		[VM_END_PROGRAM_SIGNAL] = "program-signal",
		[VM_END_PROGRAM_REFUSED] = "program-refused",
		[VM_END_INITRD_REFUSED] = "initrd-refused",
		[VM_END_BAD_STATUS] = "bad-status",
		[VM_END_CRASH] = "crash",
		[VM_END_TIMEOUT] = "timeout",
		[VM_END_TRACE_FULL] = "trace-full",
		[VM_END_SIGNAL] = "signal",
		[VM_END_HOST_ERROR] = "host-error",
	};
	return names[end];
}

const char *vm_status_kind(enum vm_end end)
{
	switch (end) {
	case VM_END_PROGRAM_EXIT:
	case VM_END_PROGRAM_SIGNAL:
	case VM_END_PROGRAM_REFUSED:
	case VM_END_INITRD_REFUSED:
		return "program";
	case VM_END_GUEST_EXIT:
		return "guest";
	default:
		return "vmm";
	}
}
