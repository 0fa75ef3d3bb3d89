/* SPDX-License-Identifier: MIT */
/*
 * Guest RAM: one or two host mappings, and the one place where a guest
 * physical address range is checked before the host touches it.
 */
#ifndef LDE_GUEST_MEM_H
#define LDE_GUEST_MEM_H

#include <stddef.h>
#include <stdint.h>

#define GUEST_MEM_MAX_REGIONS 2

/* A contiguous range of guest-physical RAM backed by host memory. */
struct guest_region {
	uint64_t gpa;  /* first guest-physical address */
	uint64_t size; /* bytes */
	uint8_t *host; /* host mapping of gpa */
};

struct guest_mem {
	struct guest_region region[GUEST_MEM_MAX_REGIONS];
	unsigned nregions;
	uint64_t size;         /* total RAM in bytes (sum of the regions) */
	uint64_t top_reserved; /* bytes at the top of region 0 the vmm took */
};

/*
 * Map SIZE bytes of anonymous memory as guest RAM: [0, min(SIZE, 3 GiB))
 * and, for the rest, [4 GiB, ...).  Returns 0, or -1 with errno set.
 */
int guest_mem_init(struct guest_mem *gm, uint64_t size);
void guest_mem_free(struct guest_mem *gm);

/*
 * Take SIZE bytes (rounded up to pages) from the top of region 0, below any
 * earlier reservation, for the vmm's own use; they are reported to the
 * guest as reserved.  Fails (-1) if they would reach below FLOOR.
 */
int guest_mem_reserve_top(struct guest_mem *gm, uint64_t size, uint64_t floor, uint64_t *gpa);

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
