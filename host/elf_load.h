/* SPDX-License-Identifier: MIT */
/*
 * Guest image loader (libelf).  Accepts ELF64, EM_X86_64, ET_EXEC images and
 * loads their PT_LOAD segments at p_paddr into guest RAM.  Every check
 * happens before the first byte is copied: a malformed image never leaves a
 * partially loaded guest behind.
 */
#ifndef LDE_ELF_LOAD_H
#define LDE_ELF_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "guest_mem.h"
#include "lde/abi.h"

/* Room for where an image's segments lie in low RAM (elf_image.low). */
#define ELF_IMAGE_MAX_RANGES 8

/* Guest-physical [start, end). */
struct elf_range {
	uint64_t start, end;
};

/* What the vmm needs to know about a loaded image. */
struct elf_image {
	uint64_t entry;      /* e_entry */
	bool pvh;            /* carries a XEN_ELFNOTE_PHYS32_ENTRY note */
	uint32_t pvh_entry;  /* 32-bit physical PVH entry point (if pvh) */
	uint64_t load_start; /* lowest guest-physical byte loaded */
	uint64_t load_end;   /* one past the highest byte loaded (incl. .bss) */
	uint64_t low_end;    /* the same for the segments below 3 GiB (guest RAM's
	                        first region), or 0 when none lies there */
	unsigned nsegments;  /* PT_LOAD segments loaded */
	/* Where the segments below 3 GiB lie, by address: one range per
	 * segment, except that past ELF_IMAGE_MAX_RANGES the last range grows
	 * to cover the rest (a gap between them is then counted as taken). */
	struct elf_range low[ELF_IMAGE_MAX_RANGES];
	unsigned nlow;
	bool has_kconfig;           /* carries the kernel's configuration note (abi.h 8)... */
	struct lde_kconfig kconfig; /* ...checked (kconfig_note.c) */
};

/*
 * Load the guest image at PATH into GM.  Segments must lie entirely in guest
 * RAM at or above RESERVED_END (the vmm's boot area), must not overlap each
 * other, and need p_filesz <= p_memsz; the bytes past p_filesz are zeroed.
 * The entry point used (the PVH entry if there is a note, else e_entry) must
 * lie inside a loaded executable segment.
 *
 * Returns 0 on success.  On failure returns -1 and writes one line (no
 * "vmm:" prefix, no path, no newline) into ERR, e.g.
 *   "segment 2 ends past guest memory (64 MiB): give the guest more, e.g. --mem 66M"
 * so that the caller prints "vmm: PATH: ERR".
 */
int elf_load(const char *path, const struct guest_mem *gm, uint64_t reserved_end,
             struct elf_image *img, char *err, size_t errlen);

#endif
