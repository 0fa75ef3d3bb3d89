/* SPDX-License-Identifier: MIT */
/* The inline part of the architecture interface (arch.h) on x86-64. */
#ifndef LDE_GUEST_ARCH_INLINE_H
#define LDE_GUEST_ARCH_INLINE_H

#include "cpu.h"
#include "tss.h"

static inline void arch_switch_address_space(uint64_t root)
{
	write_cr3(root);
}

/* Reloading CR3 flushes the TLB (all but global pages). */
static inline void arch_flush_tlb(void)
{
	write_cr3(read_cr3());
}

static inline void arch_flush_page(uint64_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

/* `repe scasq`: one instruction however long the run of zeros (on PVM the
 * emulator's cost per iteration is a fraction of a C loop's). */
static inline size_t arch_find_nonzero(const uint64_t *p, size_t n)
{
	const uint64_t *d = p;
	size_t c = n;

	if (!n)
		return 0;
	__asm__ volatile("repe scasq" : "+D"(d), "+c"(c) : "a"(0ULL) : "memory", "cc");
	return d[-1] ? (size_t)(d - p) - 1 : n; /* d is one past the last compared */
}

/* TSS.rsp0: where the CPU switches the stack on a trap from ring 3. */
static inline void arch_set_kernel_stack(uint64_t top)
{
	tss_set_rsp0(top);
}

/* `sti; hlt`: the interrupt cannot slip in between (sti's one-instruction
 * delay); its handler returns after the hlt, with interrupts on. */
#define MSR_FS_BASE 0xC0000100

static inline void arch_set_user_tls(uint64_t base)
{
	wrmsr(MSR_FS_BASE, base);
}

static inline void arch_wait_for_interrupt(void)
{
	sti_hlt();
	cli();
}

static inline void arch_relax(void)
{
	cpu_relax();
}

static inline noreturn void arch_halt(void)
{
	for (;;) {
		cli();
		hlt();
	}
}

/* ud2 (#UD), not int3: on PVM an int3 in ring 0 is an emulation failure
 * that kills the whole VM. */
static inline noreturn void arch_bug(void)
{
	ud2();
}

static inline uint64_t arch_timestamp(void)
{
	return rdtsc();
}

static inline uint64_t arch_fault_address(void)
{
	return read_cr2();
}

#endif
