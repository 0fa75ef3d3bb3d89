// SPDX-License-Identifier: MIT
/*
 * kmain: the kernel after head.S, in long mode on its own page tables,
 * GDT and boot stack, interrupts off.  Limited direct execution in order:
 *
 *   1. boot information, command line, memory;
 *   2. the trap table: TSS, IDT, syscall MSRs, LAPIC and its timer
 *      (arch_setup), so the kernel will get the CPU back;
 *   3. a probe of how system calls arrive on this platform;
 *   4. the demo tasks, run until every one has ended;
 *   5. the summary, and the exit status.
 */
#include <lde/abi.h>

#include "arch.h"
#include "boot.h"
#include "bootinfo.h"
#include "trace_ring.h"
#include "cmdline.h"
#include "console.h"
#include "demos.h"
#include "exit.h"
#include "kalloc.h"
#include "paging.h"
#include "printf.h"
#include "probe.h"
#include "proc.h"
#include "programs.h"
#include "sched.h"
#include "scenarios.h"
#include "string.h"
#include "task.h"
#include "timer.h"
#include "userprog.h"
#include "vfs.h"
#include "vm.h"

static const char *entry_name(void)
{
	return boot_entry == BOOT_ENTRY_PVH ? "PVH" : "64-bit entry";
}

/*
 * Frames for page tables and user pages: the RAM right after the kernel,
 * through the direct map.  The identity map head.S came in on goes: the
 * lower half of every address space is the user's from here on.
 */
static void memory_setup(void)
{
	uint64_t start = virt_to_phys(__kernel_end);
	uint64_t end = bootinfo_ram_end(start);

	struct boot_module m;

	if (end > DIRECT_MAP_SIZE)
		end = DIRECT_MAP_SIZE;
	/* Modules in that RAM stay (QEMU's -initrd is not marked reserved). */
	for (uint32_t i = 0; bootinfo_module(i, &m); i++)
		if (m.paddr >= start && m.paddr < end)
			end = m.paddr & ~(uint64_t)(PAGE_SIZE - 1);
	((uint64_t *)pml4)[0] = 0;
	arch_flush_tlb();
	kalloc_init((uintptr_t)phys_to_virt(start), (uintptr_t)phys_to_virt(end));
	uvm_init((const uint64_t *)pml4);
	kprintf("kalloc: %lu pages free at 0x%lx (physical)\n", kalloc_free_pages(), start);
}

/* The file system (vfs.h): its tree, its page budget, its clock. */
static void files_setup(void)
{
	uint64_t budget = kalloc_free_pages() / 2;

	vfs_set_clock(time_now_ns);
	if (vfs_init(budget)) {
		kprintf("vfs: out of memory\n");
		guest_exit(LDE_GUEST_FAILURE);
	}
	kprintf("vfs: tmpfs at /, up to %lu pages of file data\n", budget);
}

/* exit=N: end at once with status N (the vmm's tests use it). */
static void early_exit(void)
{
	uint32_t status;
	const char *v;
	size_t len;

	switch (cmdline_u32("exit", &status)) {
	case 1:
		guest_exit(status);
	case -1:
		v = cmdline_value("exit", &len);
		kprintf("bad exit status: %.*s\n", (int)len, v);
		guest_exit(LDE_GUEST_FAILURE);
	}
}

#ifdef CONFIG_SYSCALL_PREFER_INT80
#define PREFER_INT80 true
#else
#define PREFER_INT80 false
#endif

/* syscall=syscall|int80: the instruction user programs should prefer. */
static bool choose_syscall_instruction(void)
{
	size_t len;
	const char *v = cmdline_value("syscall", &len);
	bool int80 = PREFER_INT80;

	if (v && len == 5 && !memcmp(v, "int80", 5)) {
		int80 = true;
	} else if (v && len == 7 && !memcmp(v, "syscall", 7)) {
		int80 = false;
	} else if (v) {
		kprintf("syscall=%.*s: expected syscall or int80\n", (int)len, v);
		return false;
	}
	task_set_entry_flags(int80 ? 1 : 0);
	kprintf("syscall: user programs prefer %s\n", int80 ? "int $0x80" : "syscall");
	return true;
}

/* The user's programs instead of the demos: run them, exit with their result. */
static noreturn void run_programs(void)
{
	if (!choose_syscall_instruction())
		guest_exit(LDE_GUEST_FAILURE);
	userprog_start();
	sched_run();
	timer_stop();
	userprog_finish();
}

/* Steps 3 to 5; never returns. */
static noreturn void run_tasks(void)
{
	int started;
	bool ok;

	if (!probe_syscall_mechanisms() || !choose_syscall_instruction())
		guest_exit(LDE_GUEST_FAILURE);
	started = demos_start();
	if (started < 0)
		guest_exit(LDE_GUEST_FAILURE);
	sched_run();
	timer_stop();
	ok = demos_report();
	kprintf("lde: %d tasks ended, %s; uptime %lu ticks at %d Hz; exit status %d\n", started,
	        ok ? "all as planned" : "NOT all as planned", timer_ticks(), timer_hz(),
	        ok ? LDE_GUEST_OK : LDE_GUEST_FAILURE);
	guest_exit(ok ? LDE_GUEST_OK : LDE_GUEST_FAILURE);
}

noreturn void kmain(uint64_t si)
{
	const char *test;
	size_t len;

	console_init();
	kprintf("lde kernel (x86_64): booted via %s\n", entry_name());
	bootinfo_init(si);
	cmdline_init(bootinfo_cmdline());
	kprintf("cmdline: %s\n", cmdline_get());
	bootinfo_print_memmap();
	trace_ring_init();
	early_exit();
	memory_setup();
	arch_setup();
	sched_init();
	files_setup();
	if (!fork_setup())
		guest_exit(LDE_GUEST_FAILURE);
	test = cmdline_value("test", &len);
	if (test)
		scenario_run(test, len);
	if (userprog_present())
		run_programs();
	programs_print();
	run_tasks();
}
