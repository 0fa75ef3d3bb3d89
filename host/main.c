/* SPDX-License-Identifier: MIT */
/*
 * ./vmm [OPTIONS] GUEST.ELF — boot a guest kernel on KVM.
 *
 * setup: options -> guest RAM -> ELF image -> trace -> KVM VM and vCPU ->
 * boot structures and registers; then the exit loop; then the summary.
 * Each step returns 0 or the vmm's exit status (LDE_VMM_*, lde/abi.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boot.h"
#include "cli.h"
#include "console.h"
#include "elf_load.h"
#include "exit_loop.h"
#include "kconfig_note.h"
#include "lde/abi.h"
#include "log.h"
#include "outputs.h"
#include "programs.h"
#include "sandbox.h"
#include "term.h"
#include "vm.h"
#include "watchdog.h"

/* A file named on the command line was refused: 127 if it is not there, else 126. */
static int refusal_status(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0 && (errno == ENOENT || errno == ENOTDIR))
		return LDE_VMM_NOT_FOUND;
	return LDE_VMM_CANNOT_RUN;
}

static int load_guest(struct vm *vm, struct elf_image *image)
{
	char err[256];

	if (guest_mem_init(&vm->mem, vm->opt->mem_bytes) < 0) {
		vmm_error("guest RAM (%llu bytes): mmap: %s",
		          (unsigned long long)vm->opt->mem_bytes, strerror(errno));
		return LDE_VMM_HOST_ERROR;
	}
	if (elf_load(vm->opt->guest_path, &vm->mem, LDE_RESERVED_END, image, err, sizeof(err)) <
	    0) {
		vmm_error("%s: %s", vm->opt->guest_path, err);
		return refusal_status(vm->opt->guest_path);
	}
	/* the image's segments in low RAM are the guest's: the vmm's
	 * reservations (modules, trace ring) go around them */
	for (unsigned k = 0; k < image->nlow; k++) {
		const struct elf_range *s = &image->low[k];

		if (guest_mem_claim(&vm->mem, s->start, s->end - s->start, 0) < 0) {
			vmm_error("%s: cannot take guest RAM [0x%llx, 0x%llx) for the image",
			          vm->opt->guest_path, (unsigned long long)s->start,
			          (unsigned long long)s->end);
			return LDE_VMM_HOST_ERROR;
		}
	}
	return 0;
}

/* Records in the trace ring: the largest power of 2 in CONFIG_TRACE_RING_KB. */
static uint32_t ring_slots(void)
{
	uint32_t slots = 1;

	while ((uint64_t)slots * 2 * sizeof(struct lde_trace_record) <=
	       (uint64_t)CONFIG_TRACE_RING_KB << 10)
		slots *= 2;
	return slots;
}

/*
 * The programs, their environment and the initrd, as modules in the
 * largest free range of low RAM (the trace ring, if any, after them).  0,
 * or the status of a refusal.
 */
static int place_programs(struct vm *vm, struct program_set *ps)
{
	const struct vmm_options *opt = vm->opt;
	const struct program_request req = { opt->programs, opt->nprograms, opt->env,
		                             opt->nenv,     opt->initrd,    opt->init };
	uint64_t ring = 0;
	int n = programs_open(ps, &req);

	if (n)
		return n;
	if (vm->opt->trace_path)
		ring = sizeof(struct lde_ring_header) +
		       (uint64_t)ring_slots() * sizeof(struct lde_trace_record);
	n = programs_place(ps, &vm->mem, ring, vm->mods);
	if (n < 0)
		return LDE_VMM_CANNOT_RUN;
	vm->nmods = (unsigned)n;
	return 0;
}

/* With a trace, the guest gets a trace ring for its trap records. */
static int setup_ring(struct vm *vm)
{
	if (!vm->trace.f)
		return 0;
	if (trace_ring_setup(&vm->ring, &vm->mem, ring_slots()) < 0)
		return LDE_VMM_HOST_ERROR;
	return 0;
}

static int set_initial_state(struct vm *vm, const struct elf_image *image)
{
	struct kvm_regs regs;
	struct kvm_sregs sregs;

	if (vm->ring.enabled)
		vm->mods[vm->nmods++] = (struct boot_module){ vm->ring.gpa, vm->ring.size,
			                                      LDE_TRACE_MODULE_NAME, 0 };
	if (KVM_IOCTL(vm->kvm.vcpu_fd, KVM_GET_SREGS, &sregs) < 0)
		return LDE_VMM_HOST_ERROR;
	if (boot_setup(&vm->mem, image, vm->opt->cmdline, vm->mods, vm->nmods, &regs, &sregs) < 0) {
		vmm_error(
			"guest RAM too small for the boot structures; give the guest more with --mem");
		return LDE_VMM_HOST_ERROR;
	}
	if (KVM_IOCTL(vm->kvm.vcpu_fd, KVM_SET_SREGS, &sregs) < 0 ||
	    KVM_IOCTL(vm->kvm.vcpu_fd, KVM_SET_REGS, &regs) < 0)
		return LDE_VMM_HOST_ERROR;
	return 0;
}

static int create_machine(struct vm *vm, const struct elf_image *image)
{
	int status = setup_ring(vm);

	if (status != 0)
		return status;
	/* created records name the vmm's programs by module index (abi.h 7) */
	vm->ring.programs = vm->opt->programs;
	vm->ring.nprograms = vm->opt->nprograms;
	if (kvm_open(&vm->kvm) < 0 || kvm_create_vm(&vm->kvm, &vm->mem) < 0 ||
	    kvm_create_vcpu(&vm->kvm) < 0)
		return LDE_VMM_HOST_ERROR;
	return set_initial_state(vm, image);
}

/* Anchor guest TSC values to the trace clock. */
static int start_ring_clock(struct vm *vm)
{
	uint64_t tsc;
	uint32_t khz;

	if (kvm_guest_tsc(&vm->kvm, &tsc, &khz) < 0)
		return LDE_VMM_HOST_ERROR;
	trace_ring_clock(&vm->ring, tsc, trace_now_ns(&vm->trace), khz);
	return 0;
}

static void trace_boot(struct vm *vm, const struct elf_image *image)
{
	struct json *j = trace_begin(&vm->trace, "boot");

	if (!j)
		return;
	json_kv_str(j, "vmm_version", LDE_VERSION);
	json_kv_u64(j, "abi_version", LDE_ABI_VERSION);
	json_kv_str(j, "guest", vm->opt->guest_path);
	json_kv_str(j, "entry_mode", boot_entry_mode(image));
	json_kv_hex(j, "entry", boot_entry(image));
	json_kv_u64(j, "mem_bytes", vm->mem.size);
	json_kv_str(j, "cmdline", vm->opt->cmdline);
	json_kv_u64(j, "vcpus", 1);
	json_kv_i64(j, "kvm_api_version", vm->kvm.api_version);
	json_kv_str(j, "backend", kvm_backend_name(vm->kvm.backend));
	json_kv_bool(j, "x2apic", vm->kvm.x2apic);
	json_kv_bool(j, "tsc_deadline", vm->kvm.tsc_deadline);
	kconfig_note_json(j, image->has_kconfig ? &image->kconfig : NULL);
	json_key(j, "ring");
	if (vm->ring.enabled) {
		json_obj_begin(j);
		json_kv_hex(j, "gpa", vm->ring.gpa);
		json_kv_u64(j, "capacity", vm->ring.capacity);
		json_kv_u64(j, "tsc_khz", vm->ring.tsc_khz);
		json_obj_end(j);
	} else {
		json_null_value(j);
	}
	trace_end(&vm->trace);
}

static void trace_summary(struct vm *vm, int status)
{
	struct json *j = trace_begin(&vm->trace, "summary");

	if (!j)
		return;
	json_kv_str(j, "end", vm_end_name(vm->end));
	json_kv_i64(j, "status", status);
	json_kv_str(j, "status_kind", vm_status_kind(vm->end));
	if (vm->end == VM_END_GUEST_EXIT || vm->end == VM_END_BAD_STATUS)
		json_kv_u64(j, "guest_status", vm->guest_status);
	if (vm->end == VM_END_PROGRAM_SIGNAL)
		json_kv_u64(j, "program_signal", LDE_EXIT_PROGRAM_SIGNAL(vm->guest_status));
	if (vm->end == VM_END_CRASH)
		json_kv_str(j, "crash_reason", vm->crash_reason);
	if (vm->end == VM_END_SIGNAL)
		json_kv_i64(j, "signal", vm->signo);
	if (vm->end == VM_END_TRACE_FULL)
		json_kv_u64(j, "trace_max", vm->opt->trace_max);
	json_kv_u64(j, "exits_total", vm->nexits);
	json_key(j, "exits");
	json_obj_begin(j);
	for (uint32_t r = 0; r <= EXIT_REASON_COUNT; r++)
		if (vm->exits[r])
			json_kv_u64(j, exit_reason_name(r), vm->exits[r]);
	json_obj_end(j);
	trace_ring_summary(&vm->ring, j, vm->trace.last_ns);
	json_key(j, "kvm_stats");
	kvm_stats_json(&vm->stats, j);
	if (vm->stats.fd < 0)
		json_kv_str(j, "kvm_stats_unavailable", vm->stats.why);
	kvm_exit_events_summary(&vm->kexits, j);
	trace_end(&vm->trace);
}

static void report_end(const struct vm *vm, int status)
{
	double ms = trace_now_ns(&vm->trace) / 1e6;

	switch (vm->end) {
	case VM_END_GUEST_EXIT:
		vmm_info("guest exited with status %d (%llu exits, %.1f ms)", status,
		         (unsigned long long)vm->nexits, ms);
		break;
	case VM_END_PROGRAM_EXIT:
	case VM_END_PROGRAM_SIGNAL:
	case VM_END_PROGRAM_REFUSED:
		vmm_info("program status %d (%llu exits, %.1f ms)", status,
		         (unsigned long long)vm->nexits, ms);
		break;
	case VM_END_INITRD_REFUSED:
		vmm_error("%s: %s (the kernel's log says %s%s); exit status %d", vm->opt->initrd,
		          status == LDE_VMM_NOT_FOUND ? "the first process is not in it" :
		                                        "refused by the kernel",
		          status == LDE_VMM_NOT_FOUND ? "which it looked for" :
		                                        "which entry and why",
		          vm->opt->quiet ? ": run without -q to see it" : ", on stderr", status);
		break;
	case VM_END_BAD_STATUS:
		if (vm->programs && !LDE_EXIT_IS_PROGRAM(vm->guest_status))
			vmm_error("the guest ended with status 0x%x but no programs' result; "
			          "exit status %d",
			          vm->guest_status, status);
		else
			vmm_error("the guest wrote 0x%x to the exit port, which is no valid status "
			          "(abi.h section 5); exit status %d",
			          vm->guest_status, status);
		break;
	case VM_END_TIMEOUT:
		vmm_error("timeout: guest stopped after %g s; exit status %d", vm->opt->timeout_s,
		          status);
		break;
	case VM_END_SIGNAL:
		vmm_error("stopped by signal %d; exit status %d", vm->signo, status);
		break;
	case VM_END_TRACE_FULL:
		vmm_error("trace: %s reached --trace-max (%llu bytes): the run stops, the trace "
		          "ends with its summary; exit status %d",
		          vm->opt->trace_path, (unsigned long long)vm->opt->trace_max, status);
		break;
	default: /* crash and host errors were reported where they happened */
		break;
	}
}

static int run_machine(struct vm *vm, const struct elf_image *image)
{
	int status = create_machine(vm, image);

	if (status != 0)
		return status;
	vmm_info("%s: %s entry at 0x%llx, %llu MiB RAM, KVM backend %s", vm->opt->guest_path,
	         boot_entry_mode(image), (unsigned long long)boot_entry(image),
	         (unsigned long long)(vm->mem.size >> 20), kvm_backend_name(vm->kvm.backend));
	if (vm->ring.enabled && (status = start_ring_clock(vm)) != 0)
		return status;
	trace_boot(vm, image);
	kvm_stats_start(&vm->stats, vm->kvm.sys_fd, vm->kvm.vcpu_fd);
	kvm_exit_events_start(&vm->kexits, vm->kvm.backend); /* this (the vCPU) thread */
	if (term_save(STDIN_FILENO) < 0 || com1_start(&vm->com1, STDIN_FILENO, vm->kvm.vm_fd) < 0)
		return LDE_VMM_HOST_ERROR;
	if (!vm->opt->no_seccomp &&
	    sandbox_enter(&(struct sandbox_fds){ vm->kvm.vcpu_fd, vm->kvm.vm_fd }) < 0)
		return LDE_VMM_HOST_ERROR;
	exit_loop_run(vm);
	term_restore(); /* before the end-of-run report, on a cooked terminal */
	watchdog_arm(0);
	vm_drain_trace(vm); /* records since the last exit */
	return 0;
}

/* Setup failed because the watchdog or a signal interrupted it (a FIFO
 * that nobody opens, say): say so; returns the status for it. */
static int setup_interrupted(const struct vmm_options *opt)
{
	int why = watchdog_pending();

	if (why == WATCHDOG_TIMEOUT) {
		vmm_error("timeout: %g s passed during setup, before the guest ran; exit status %d",
		          opt->timeout_s, LDE_VMM_TIMEOUT);
		return LDE_VMM_TIMEOUT;
	}
	vmm_error("stopped by signal %d during setup; exit status %d", why,
	          LDE_VMM_SIGNAL_BASE + why);
	return LDE_VMM_SIGNAL_BASE + why;
}

static int vmm_run(const struct vmm_options *opt)
{
	static struct vm vm;
	static struct program_set ps;
	struct elf_image image;
	int status;

	vm_init(&vm, opt);
	/* From here on SIGINT/SIGTERM end the run cleanly, trace completed,
	 * and --timeout bounds everything, setup included. */
	if (watchdog_install() < 0 || watchdog_arm(opt->timeout_s) < 0 || console_open(&vm) < 0)
		status = LDE_VMM_HOST_ERROR;
	else
		status = load_guest(&vm, &image);
	if (status == 0)
		status = place_programs(&vm, &ps);
	if (status == 0 && trace_open(&vm.trace, opt->trace_path, opt->trace_format) < 0)
		status = LDE_VMM_HOST_ERROR;
	if (status != 0 && watchdog_pending())
		status = setup_interrupted(opt);
	if (status == 0) {
		if (run_machine(&vm, &image) != 0)
			vm.end = watchdog_pending() == WATCHDOG_TIMEOUT ? VM_END_TIMEOUT :
			         watchdog_pending()                     ? VM_END_SIGNAL :
			                                                  VM_END_HOST_ERROR;
		if (vm.end == VM_END_SIGNAL)
			vm.signo = watchdog_pending();
		console_flush(&vm);
		status = vmm_exit_status(&vm);
		report_end(&vm, status);
		trace_summary(&vm, status);
		if (trace_close(&vm.trace) < 0)
			status = LDE_VMM_HOST_ERROR;
	}
	programs_free(&ps);
	watchdog_arm(0);
	vm_free(&vm);
	return status;
}

int main(int argc, char **argv)
{
	struct vmm_options opt;
	char err[256];
	int status;

	switch (cli_parse(argc, argv, &opt, err, sizeof(err))) {
	case CLI_HELP:
		cli_usage(stdout, argv[0]);
		return 0;
	case CLI_VERSION:
		printf("vmm (lde) %s, guest ABI %d\n", LDE_VERSION, LDE_ABI_VERSION);
		return 0;
	case CLI_ERROR:
		cli_free(&opt);
		vmm_error("%s", err);
		fprintf(stderr, "Try '%s --help' for more information.\n", argv[0]);
		return LDE_VMM_USAGE;
	case CLI_RUN:
		break;
	}
	log_quiet = opt.quiet;
	if (outputs_check(&opt, err, sizeof(err)) < 0) {
		vmm_error("%s", err);
		cli_free(&opt);
		return LDE_VMM_USAGE;
	}
	status = vmm_run(&opt);
	cli_free(&opt);
	return status;
}
