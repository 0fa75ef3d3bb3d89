/* SPDX-License-Identifier: MIT */
/* What the boot loader tells us: struct hvm_start_info (abi.h section 3). */
#ifndef LDE_GUEST_BOOTINFO_H
#define LDE_GUEST_BOOTINFO_H

#include <stdbool.h>
#include <stdint.h>

#include <lde/abi.h>

/*
 * Checks the start info at physical address `si` (magic, version, reachable
 * addresses) and remembers it.  On a bad structure, prints why and exits
 * with LDE_GUEST_FAILURE.
 */
void bootinfo_init(uint64_t si);

/* The start info bootinfo_init() checked. */
const struct hvm_start_info *bootinfo(void);

/* A PVH module, as the kernel may use it. */
struct boot_module {
	uint64_t paddr;   /* where it is */
	uint64_t size;    /* its size; 0 if it does not lie in the direct map */
	const void *data; /* the kernel's pointer to it, or NULL (size 0) */
	const char *name; /* its command line, or NULL if none (or unreadable) */
};

/* Module i (0 <= i < nr_modules) in *m, checked; false past the last one. */
bool bootinfo_module(uint32_t i, struct boot_module *m);

/* The boot loader's command line, or NULL if it passed none. */
const char *bootinfo_cmdline(void);

/* Prints one "mem:" line per memory-map entry and the usable total. */
void bootinfo_print_memmap(void);

/*
 * End (first byte past) of the E820 RAM range that contains addr, or 0 if
 * addr is not in RAM.
 */
uint64_t bootinfo_ram_end(uint64_t addr);

/* Bytes of E820 RAM in the memory map. */
uint64_t bootinfo_usable_bytes(void);

#endif
