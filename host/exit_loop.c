/* SPDX-License-Identifier: MIT */
/*
 * The exit loop.  Each return from KVM_RUN is one exit to userspace: it is
 * counted, written to the trace as an "exit" record (common fields, then the
 * reason's own fields) and handled by the entry of `handlers` for its
 * reason.  Reasons without an entry end the run as a crash.
 */
#include "exit_loop.h"

#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include "dump.h"
#include "log.h"
#include "cli.h"
#include "pio.h"
#include "unclaimed.h"
#include "vm.h"
#include "watchdog.h"

/* Handle the exit described by vm->kvm.run; add its fields to J (may be NULL). */
typedef void exit_handler(struct vm *vm, struct json *j);

static void io_one(struct vm *vm, const struct pio_device *dev, uint8_t *data)
{
	struct kvm_run *run = vm->kvm.run;
	uint16_t offset = (uint16_t)(run->io.port - dev->base);
	uint32_t val = 0;

	if (run->io.direction == KVM_EXIT_IO_OUT) {
		memcpy(&val, data, run->io.size);
		dev->out(vm, offset, val, run->io.size);
	} else {
		val = dev->in(vm, offset, run->io.size);
		memcpy(data, &val, run->io.size);
	}
}

static void handle_io(struct vm *vm, struct json *j)
{
	struct kvm_run *run = vm->kvm.run;
	bool out = run->io.direction == KVM_EXIT_IO_OUT;
	const struct pio_device *dev = pio_find(run->io.port, out, run->io.size);
	uint64_t bytes = (uint64_t)run->io.size * run->io.count;
	uint8_t *data = (uint8_t *)run + run->io.data_offset;
	const char *dir = out ? "out" : "in";

	/* The kernel fills these, but a bad value must not walk off kvm_run. */
	if ((run->io.size != 1 && run->io.size != 2 && run->io.size != 4) ||
	    run->io.data_offset > vm->kvm.run_size ||
	    bytes > vm->kvm.run_size - run->io.data_offset) {
		vm_crash(vm, "malformed I/O exit (port 0x%x, size %u, count %u)", run->io.port,
		         run->io.size, run->io.count);
		return;
	}
	for (uint32_t i = 0; dev && i < run->io.count && vm->end == VM_RUNNING; i++)
		io_one(vm, dev, data + (uint64_t)i * run->io.size);
	if (!dev) /* before the record: an IN's data is what the guest reads */
		unclaimed_io(vm, run->io.port, out, run->io.size, run->io.count, data);
	if (j) {
		json_kv_u64(j, "port", run->io.port);
		json_kv_u64(j, "size", run->io.size);
		json_kv_str(j, "dir", dir);
		json_kv_u64(j, "count", run->io.count);
		json_kv_str(j, "device", dev ? dev->name : NULL);
		if (!dev)
			json_kv_bool(j, "unclaimed", true);
		if (CONFIG_TRACE_IO_DATA) {
			json_key(j, "data");
			json_hexbytes(j, data, bytes);
		}
	}
}

static void handle_mmio(struct vm *vm, struct json *j)
{
	struct kvm_run *run = vm->kvm.run;
	uint32_t len = run->mmio.len <= 8 ? run->mmio.len : 8;

	/* Nothing claims MMIO outside RAM and the in-kernel LAPIC/IOAPIC. */
	unclaimed_mmio(vm, run->mmio.phys_addr, run->mmio.is_write, len, run->mmio.data);
	if (j) {
		json_kv_hex(j, "addr", run->mmio.phys_addr);
		json_kv_u64(j, "len", run->mmio.len);
		json_kv_str(j, "dir", run->mmio.is_write ? "write" : "read");
		json_kv_bool(j, "unclaimed", true);
		if (CONFIG_TRACE_IO_DATA) { /* a read's: what the guest reads */
			json_key(j, "data");
			json_hexbytes(j, run->mmio.data, len);
		}
	}
}

static void handle_intr(struct vm *vm, struct json *j)
{
	int sig = watchdog_pending();

	if (j)
		json_kv_str(j, "cause",
		            sig == WATCHDOG_TIMEOUT ? "timeout" :
		            sig                     ? "signal" :
		                                      "spurious");
	if (sig == WATCHDOG_TIMEOUT) {
		vm->end = VM_END_TIMEOUT;
	} else if (sig) {
		vm->end = VM_END_SIGNAL;
		vm->signo = sig;
	} else {
		vm->kvm.run->immediate_exit = 0;
	}
}

static void handle_shutdown(struct vm *vm, struct json *j)
{
	(void)j;
	vm_crash(vm, "triple fault (KVM_EXIT_SHUTDOWN)");
}

static void handle_internal_error(struct vm *vm, struct json *j)
{
	struct kvm_run *run = vm->kvm.run;
	uint32_t n = run->internal.ndata;

	if (n > sizeof(run->internal.data) / sizeof(run->internal.data[0]))
		n = sizeof(run->internal.data) / sizeof(run->internal.data[0]);
	if (j) {
		json_kv_u64(j, "suberror", run->internal.suberror);
		json_kv_str(j, "suberror_name", internal_error_name(run->internal.suberror));
		json_key(j, "data");
		json_arr_begin(j);
		for (uint32_t i = 0; i < n; i++)
			json_hex(j, run->internal.data[i]);
		json_arr_end(j);
	}
	vm_crash(vm, "KVM internal error, suberror %u (%s)", run->internal.suberror,
	         internal_error_name(run->internal.suberror));
}

static void handle_fail_entry(struct vm *vm, struct json *j)
{
	struct kvm_run *run = vm->kvm.run;

	if (j) {
		json_kv_hex(j, "hardware_entry_failure_reason",
		            run->fail_entry.hardware_entry_failure_reason);
		json_kv_u64(j, "cpu", run->fail_entry.cpu);
	}
	vm_crash(vm, "VM entry failed, hardware reason 0x%llx",
	         (unsigned long long)run->fail_entry.hardware_entry_failure_reason);
}

static void handle_system_event(struct vm *vm, struct json *j)
{
	if (j)
		json_kv_u64(j, "event_type", vm->kvm.run->system_event.type);
	vm_crash(vm, "unexpected system event %u", vm->kvm.run->system_event.type);
}

static void handle_unexpected(struct vm *vm, struct json *j)
{
	uint32_t reason = vm->kvm.run->exit_reason;

	(void)j;
	vm_crash(vm, "unexpected exit %u (%s)", reason, exit_reason_name(reason));
}

static exit_handler *const handlers[EXIT_REASON_COUNT] = {
	[KVM_EXIT_IO] = handle_io,
	[KVM_EXIT_MMIO] = handle_mmio,
	[KVM_EXIT_INTR] = handle_intr,
	[KVM_EXIT_SHUTDOWN] = handle_shutdown,
	[KVM_EXIT_INTERNAL_ERROR] = handle_internal_error,
	[KVM_EXIT_FAIL_ENTRY] = handle_fail_entry,
	[KVM_EXIT_SYSTEM_EVENT] = handle_system_event,
};

static void handle_exit(struct vm *vm, uint32_t reason)
{
	exit_handler *h = reason < EXIT_REASON_COUNT && handlers[reason] ? handlers[reason] :
	                                                                   handle_unexpected;
	/* The guest's trap records and the exits KVM handled itself happened
	 * before this exit: they go first.  A corrupt ring ends the run. */
	bool ring_corrupt = vm_drain_trace(vm) < 0;
	struct json *j = trace_begin(&vm->trace, "exit");

	vm->exits[reason < EXIT_REASON_COUNT ? reason : EXIT_REASON_COUNT]++;
	vm->nexits++;
	if (j) {
		json_kv_u64(j, "vcpu", 0);
		json_kv_u64(j, "reason", reason);
		json_kv_str(j, "reason_name", exit_reason_name(reason));
		json_kv_hex(j, "rip", kvm_exit_rip(&vm->kvm));
		trace_name(&vm->trace, "%s", exit_reason_name(reason));
	}
	if (!ring_corrupt)
		h(vm, j);
	trace_end(&vm->trace);
	if (vm->end == VM_END_CRASH)
		dump_crash(vm);
	else if (vm->end == VM_END_TIMEOUT)
		dump_timeout(vm, watchdog_fired_where());
}

void exit_loop_run(struct vm *vm)
{
	struct kvm_run *run = vm->kvm.run;

	watchdog_attach(run);
	while (vm->end == VM_RUNNING) {
		int r;

		watchdog_spot(true, vm->nexits,
		              vm->nexits ? exit_reason_name(run->exit_reason) : NULL);
		r = ioctl(vm->kvm.vcpu_fd, KVM_RUN, 0);
		watchdog_spot(false, vm->nexits + 1,
		              exit_reason_name(r < 0 ? KVM_EXIT_INTR : run->exit_reason));
		if (r < 0) {
			if (errno != EINTR && errno != EAGAIN) {
				vmm_error("KVM_RUN: %s", strerror(errno));
				vm->end = VM_END_HOST_ERROR;
				break;
			}
			run->exit_reason = KVM_EXIT_INTR;
		}
		handle_exit(vm, run->exit_reason);
		if (vm->output_unflushed) { /* user_output.c */
			fflush(stdout);
			vm->output_unflushed = false;
		}
		if (vm->trace.error) /* reported by trace_close() */
			vm->end = VM_END_HOST_ERROR;
		else if (vm->end == VM_RUNNING && vm->opt->trace_max &&
		         vm->trace.bytes >= vm->opt->trace_max)
			vm->end = VM_END_TRACE_FULL; /* the summary still follows */
	}
	watchdog_attach(NULL);
}
