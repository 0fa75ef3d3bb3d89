// SPDX-License-Identifier: MIT
/*
 * kmain: the kernel after head.S, in long mode on its own page tables,
 * GDT and boot stack, interrupts off.
 */
#include <lde/abi.h>

#include "boot.h"
#include "bootinfo.h"
#include "cmdline.h"
#include "console.h"
#include "exit.h"
#include "printf.h"
#include "scenarios.h"

static const char *entry_name(void)
{
	return boot_entry == BOOT_ENTRY_PVH ? "PVH" : "64-bit entry";
}

/*
 * CPU setup before anything can fault or be interrupted.  Next issue:
 *   trap_init()  IDT: exception vectors and the timer vector
 *   tss_init()   TSS in gdt[] at GDT_SEL_TSS (RSP0 for traps from ring 3)
 *   timer_init() LAPIC timer at CONFIG_HZ (xAPIC MMIO at 0xFEE00000,
 *                already mapped uncached by pagetables.S)
 */
static void arch_setup(void)
{
}

/* What the command line asks for; never returns. */
static noreturn void run(void)
{
	uint32_t status;
	const char *test;
	size_t len;

	switch (cmdline_u32("exit", &status)) {
	case 1:
		guest_exit(status);
	case -1:
		test = cmdline_value("exit", &len);
		kprintf("bad exit status: %.*s\n", (int)len, test);
		guest_exit(LDE_GUEST_FAILURE);
	}
	test = cmdline_value("test", &len);
	if (test)
		scenario_run(test, len);
	/* Next issue: start the ring-3 tasks here. */
	kprintf("lde: nothing to run yet; bye\n");
	guest_exit(LDE_GUEST_OK);
}

noreturn void kmain(struct hvm_start_info *si)
{
	console_init();
	kprintf("lde kernel (x86_64): booted via %s\n", entry_name());
	bootinfo_init(si);
	cmdline_init(bootinfo_cmdline());
	kprintf("cmdline: %s\n", cmdline_get());
	bootinfo_print_memmap();
	arch_setup();
	run();
}
