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
 * Invalid opcode.  Used for assertions instead of int3, which the PVM
 * backend cannot emulate in ring 0 (see /work/shared/PLATFORM.md).
 */
static inline _Noreturn void ud2(void)
{
	__asm__ volatile("ud2" ::: "memory");
	__builtin_unreachable();
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
			 : : "c"(msr), "a"((uint32_t)val),
			   "d"((uint32_t)(val >> 32))
			 : "memory");
}

#endif
