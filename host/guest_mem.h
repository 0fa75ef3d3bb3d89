/* SPDX-License-Identifier: MIT */
/*
 * Guest RAM: one or two host mappings, and the one place where a guest
 * physical address range is checked before the host touches it.
 */
#ifndef LDE_GUEST_MEM_H
#define LDE_GUEST_MEM_H

#include <stddef.h>
#include <stdint.h>

#include "lde/abi.h"

#define GUEST_MEM_MAX_REGIONS 2

/* A contiguous range of guest-physical RAM backed by host memory. */
struct guest_region {
	uint64_t gpa;  /* first guest-physical address */
	uint64_t size; /* bytes */
	uint8_t *host; /* host mapping of gpa */
};

/*
 * Room for the taken ranges of region 0: the image's (ELF_IMAGE_MAX_RANGES)
 * and the vmm's, GUEST_MEM_MAX_VMM at most: the boot area and one per boot
 * module (trace ring, programs, their environment).  Each of the vmm's
 * splits at most one RAM entry of the guest's memory map in two, so the map
 * stays within LDE_BOOT_MEMMAP_MAX (a static assertion in boot.c).
 */
#define GUEST_MEM_MAX_VMM (1 + LDE_BOOT_MODLIST_MAX)
#define GUEST_MEM_MAX_USED (GUEST_MEM_MAX_VMM + 8)

/* A taken range of guest RAM. */
struct guest_use {
	uint64_t gpa;  /* first byte, page aligned */
	uint64_t size; /* bytes, a multiple of the page size */
	int vmm;       /* 1: the vmm's (reported to the guest as reserved);
	                  0: the guest's (its image: RAM in the memory map) */
};

struct guest_mem {
	struct guest_region region[GUEST_MEM_MAX_REGIONS];
	unsigned nregions;
	uint64_t size;                             /* total RAM in bytes (sum of the regions) */
	struct guest_use used[GUEST_MEM_MAX_USED]; /* region 0's taken ranges, by address */
	unsigned nused;
};

/*
 * Map SIZE bytes of anonymous memory as guest RAM: [0, min(SIZE, 3 GiB))
 * and, for the rest, [4 GiB, ...).  Returns 0, or -1 with errno set.
 */
int guest_mem_init(struct guest_mem *gm, uint64_t size);
void guest_mem_free(struct guest_mem *gm);

/*
 * Mark [GPA, GPA + SIZE) of region 0 as taken (pages it touches; the part
 * outside region 0 is ignored): VMM 1 for the vmm's own, 0 for the guest's
 * image.  guest_mem_init() already took the boot area [0, LDE_RESERVED_END).
 * The image's ranges that share a page become one.  Fails (-1) if the range
 * overlaps one of the vmm's or the table is full.
 */
int guest_mem_claim(struct guest_mem *gm, uint64_t gpa, uint64_t size, int vmm);

/*
 * Take SIZE bytes (rounded up to pages) for the vmm's own use, at the top of
 * the largest free range of region 0 (below 3 GiB, where every guest can
 * reach it); they are reported to the guest as reserved.  On a tie the
 * higher range wins, so with the image low in RAM reservations stack down
 * from the top of RAM.  Fails (-1) if no free range is big enough.
 */
int guest_mem_reserve(struct guest_mem *gm, uint64_t size, uint64_t *gpa);

/* Bytes of region 0 taken so far (boot area, image, reservations). */
uint64_t guest_mem_used_bytes(const struct guest_mem *gm);

/*
 * Host pointer for the guest-physical range [gpa, gpa + len), or NULL when
 * any byte of it lies outside guest RAM or the range would wrap around.
 * A range may not straddle two regions.  len == 0 is checked as len == 1.
 * Every guest address the vmm dereferences goes through here; ignoring the
 * result (a check whose answer is not used) is a compiler warning.
 */
void *guest_ptr(const struct guest_mem *gm, uint64_t gpa, uint64_t len)
	__attribute__((warn_unused_result));

/* GUEST_PTR(gm, gpa, type): checked pointer to one object of TYPE, or NULL. */
#define GUEST_PTR(gm, gpa, type) ((type *)guest_ptr((gm), (gpa), sizeof(type)))

#endif
