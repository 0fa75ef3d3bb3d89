/* SPDX-License-Identifier: MIT */
/*
 * Kernel panics: a fault in ring 0 or a broken invariant.  Both print what
 * they know on the console and end the run with LDE_GUEST_PANIC (abi.h).
 */
#ifndef LDE_GUEST_PANIC_H
#define LDE_GUEST_PANIC_H

#include "arch.h"
#include "kernel.h"
#include "printf.h"

/* Prints "panic: <message>" and exits with LDE_GUEST_PANIC. */
noreturn void panic(const char *fmt, ...) printf_like(1, 2);

/*
 * Kernel assertion.  Fails through arch_bug() (x86-64: `ud2`), so the trap
 * handler prints the registers at the failing spot before panicking.
 */
#define kassert(cond)                                                                         \
	do {                                                                                  \
		if (!(cond)) {                                                                \
			kprintf("assertion failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
			arch_bug();                                                           \
		}                                                                             \
	} while (0)

#endif
