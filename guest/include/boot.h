/* SPDX-License-Identifier: MIT */
/*
 * Early boot (guest/arch/x86_64/head.S) and what it hands to kmain().
 * Included by assembly too.
 */
#ifndef LDE_GUEST_BOOT_H
#define LDE_GUEST_BOOT_H

/* Values of boot_entry: which entry point the vmm / QEMU used. */
#define BOOT_ENTRY_PVH 1   /* 32-bit PVH entry (ELF note) */
#define BOOT_ENTRY_64BIT 2 /* 64-bit entry at e_entry (abi.h section 4) */

#define BOOT_STACK_SIZE 16384

#ifndef __ASSEMBLER__
#include <stdint.h>

#include <lde/abi.h>

#include "kernel.h"

/* Set by head.S before anything else runs. */
extern uint32_t boot_entry;

/* Linker-script symbols (kernel.ld). */
extern char __kernel_start[], __kernel_end[];
extern char __bss_start[], __bss_end[];

/*
 * The C entry point, called by head.S on the boot stack, .bss cleared, with
 * the physical address of the start info.
 */
noreturn void kmain(uint64_t start_info);
#endif

#endif
