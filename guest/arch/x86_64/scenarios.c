// SPDX-License-Identifier: MIT
/*
 * test=NAME scenarios: each makes the guest misbehave in one specific way
 * so the vmm's (or the kernel's own panic) handling of it can be tested.
 * They run after the trap table is set up, with interrupts off.  Under the vmm none of them
 * returns; if the vmm lets a port or MMIO access through, the scenario
 * reports that and exits LDE_GUEST_FAILURE.
 */
#include <lde/abi.h>

#include "paging.h"
#include "cpu.h"
#include "exit.h"
#include "io.h"
#include "panic.h"
#include "printf.h"
#include "scenarios.h"
#include "string.h"

#define UNCLAIMED_PORT 0x2F0     /* no device there, in the vmm or QEMU */
#define UNMAPPED_MMIO 0xD0000000 /* in the MMIO hole, no device there */

/* Ring-0 busy loop, to exercise the vmm's --timeout watchdog. */
static noreturn void test_spin(void)
{
	for (;;)
		cpu_relax();
}

/*
 * Empty IDT, then #UD: the CPU cannot deliver the #UD (#GP), nor that
 * (#DF), so it shuts down: a triple fault.
 */
static noreturn void test_triple(void)
{
	static const struct desc_ptr no_idt = { .limit = 0, .base = 0 };

	lidt(&no_idt);
	ud2();
}

static noreturn void test_port(void)
{
	outb(UNCLAIMED_PORT, 0);
	kprintf("test: port 0x%x write was ignored\n", UNCLAIMED_PORT);
	guest_exit(LDE_GUEST_FAILURE);
}

static noreturn void test_mmio(void)
{
	/* Mapped (uncached) by pagetables.S; no RAM or device behind it. */
	*(volatile uint32_t *)phys_to_virt(UNMAPPED_MMIO) = 0x1de;
	kprintf("test: mmio write to 0x%x was ignored\n", UNMAPPED_MMIO);
	guest_exit(LDE_GUEST_FAILURE);
}

/* A kernel page fault: kernel panic, exit status LDE_GUEST_PANIC. */
static noreturn void test_panic(void)
{
	/* Above the identity map: nothing is mapped there in ring 0 either. */
	kprintf("test: read 0x%lx\n", *(volatile uint64_t *)0x4000000000);
	guest_exit(LDE_GUEST_FAILURE);
}

/* A failed kernel assertion (ud2): kernel panic too. */
static noreturn void test_assert(void)
{
	kassert(1 + 1 == 3);
	guest_exit(LDE_GUEST_FAILURE);
}

/*
 * int3 in ring 0.  Hardware: a #BP in the kernel, so a kernel panic.  PVM
 * cannot emulate it: KVM_RUN fails with an internal error
 * (docs/guest-kernel.md, "Hardware KVM vs PVM"), which is how the vmm's
 * tests reach that exit path.
 */
static noreturn void test_int3(void)
{
	__asm__ volatile("int3");
	kprintf("test: int3 in ring 0 returned\n");
	guest_exit(LDE_GUEST_FAILURE);
}

static const struct scenario {
	const char *name;
	void (*run)(void); /* does not return */
} scenarios[] = {
	{ "spin", test_spin }, { "triple", test_triple }, { "port", test_port },
	{ "mmio", test_mmio }, { "panic", test_panic },   { "assert", test_assert },
	{ "int3", test_int3 },
};

noreturn void scenario_run(const char *name, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(scenarios); i++) {
		const struct scenario *s = &scenarios[i];

		if (strlen(s->name) == len && !memcmp(s->name, name, len)) {
			kprintf("test: %s\n", s->name);
			s->run();
			unreachable();
		}
	}
	kprintf("unknown test: %.*s\n", (int)len, name);
	guest_exit(LDE_GUEST_FAILURE);
}
