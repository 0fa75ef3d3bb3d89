/* SPDX-License-Identifier: MIT */
/* Privileged x86-64 instructions as inline functions. */
#ifndef LDE_GUEST_CPU_H
#define LDE_GUEST_CPU_H

#include <stdint.h>

/* Operand of lgdt/lidt in 64-bit mode: 2-byte limit, 8-byte base. */
struct desc_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

static inline void cpu_relax(void)
{
	__asm__ volatile("pause" ::: "memory");
}

static inline void cli(void)
{
	__asm__ volatile("cli" ::: "memory");
}

static inline void hlt(void)
{
	__asm__ volatile("hlt" ::: "memory");
}

/*
 * Invalid opcode.  Used for assertions instead of int3: the PVM backend
 * cannot emulate an int3 in ring 0, and the whole VM ends with a KVM
 * internal error (docs/guest-kernel.md, "Hardware KVM vs PVM").
 */
static inline _Noreturn void ud2(void)
{
	__asm__ volatile("ud2" ::: "memory");
	__builtin_unreachable();
}

/* Enables interrupts.  The CPU delays them by one instruction. */
static inline void sti(void)
{
	__asm__ volatile("sti" ::: "memory");
}

/*
 * Waits for an interrupt with interrupts enabled.  `sti` takes effect
 * only after the next instruction, so no interrupt can slip in between
 * the two and leave `hlt` sleeping with the wake-up already handled.
 */
static inline void sti_hlt(void)
{
	__asm__ volatile("sti; hlt" ::: "memory");
}

static inline void mfence(void)
{
	__asm__ volatile("mfence" ::: "memory");
}

static inline void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid"
	                 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
	                 : "a"(leaf), "c"(sub));
}

/* Time-stamp counter: counts at a constant rate (see timer.c). */
static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

#define DEFINE_CR_ACCESSORS(n)                                             \
	static inline uint64_t read_cr##n(void)                            \
	{                                                                  \
		uint64_t v;                                                \
		__asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));          \
		return v;                                                  \
	}                                                                  \
	static inline void write_cr##n(uint64_t v)                         \
	{                                                                  \
		__asm__ volatile("mov %0, %%cr" #n : : "r"(v) : "memory"); \
	}
DEFINE_CR_ACCESSORS(0)
DEFINE_CR_ACCESSORS(2) /* CR2: the address of the last page fault */
DEFINE_CR_ACCESSORS(3) /* CR3: physical address of the top page table */
DEFINE_CR_ACCESSORS(4)
#undef DEFINE_CR_ACCESSORS

/* Loads the task register: selector of the TSS descriptor in the GDT. */
static inline void ltr(uint16_t sel)
{
	__asm__ volatile("ltr %0" : : "r"(sel) : "memory");
}

static inline void lidt(const struct desc_ptr *p)
{
	__asm__ volatile("lidt %0" : : "m"(*p) : "memory");
}

static inline void lgdt(const struct desc_ptr *p)
{
	__asm__ volatile("lgdt %0" : : "m"(*p) : "memory");
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t val)
{
	__asm__ volatile("wrmsr"
	                 :
	                 : "c"(msr), "a"((uint32_t)val), "d"((uint32_t)(val >> 32))
	                 : "memory");
}

#endif
