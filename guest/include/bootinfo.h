/* SPDX-License-Identifier: MIT */
/* What the boot loader tells us: struct hvm_start_info (abi.h section 3). */
#ifndef LDE_GUEST_BOOTINFO_H
#define LDE_GUEST_BOOTINFO_H

#include <stdint.h>

#include <lde/abi.h>

/*
 * Checks si (magic, version, reachable addresses) and remembers it.  On a
 * bad structure, prints why and exits with LDE_GUEST_FAILURE.
 */
void bootinfo_init(const struct hvm_start_info *si);

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
