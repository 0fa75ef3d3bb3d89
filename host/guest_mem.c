/* SPDX-License-Identifier: MIT */
#include "guest_mem.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "lde/abi.h"

static int map_region(struct guest_mem *gm, uint64_t gpa, uint64_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	madvise(p, size, MADV_MERGEABLE);
	gm->region[gm->nregions++] = (struct guest_region){ gpa, size, p };
	gm->size += size;
	return 0;
}

int guest_mem_init(struct guest_mem *gm, uint64_t size)
{
	const uint64_t low_max = LDE_MMIO_HOLE_START;

	memset(gm, 0, sizeof(*gm));
	if (size == 0 || size % 4096) {
		errno = EINVAL;
		return -1;
	}
	if (map_region(gm, 0, size < low_max ? size : low_max) < 0)
		return -1;
	if (size > low_max && map_region(gm, LDE_MMIO_HOLE_END, size - low_max) < 0) {
		int e = errno;
		guest_mem_free(gm);
		errno = e;
		return -1;
	}
	guest_mem_claim(gm, 0, LDE_RESERVED_END, 1); /* the boot area */
	return 0;
}

#define PAGE 4096ULL

/* Insert U into the sorted table at its place; -1 if full or overlapping. */
static int insert_use(struct guest_mem *gm, struct guest_use u)
{
	unsigned k = 0;

	if (gm->nused == GUEST_MEM_MAX_USED)
		return -1;
	while (k < gm->nused && gm->used[k].gpa < u.gpa)
		k++;
	if (k > 0 && gm->used[k - 1].gpa + gm->used[k - 1].size > u.gpa)
		return -1;
	if (k < gm->nused && u.gpa + u.size > gm->used[k].gpa)
		return -1;
	memmove(&gm->used[k + 1], &gm->used[k], (gm->nused - k) * sizeof(gm->used[0]));
	gm->used[k] = u;
	gm->nused++;
	return 0;
}

/*
 * The guest's ranges that share a page with [*GPA, *END) (two segments of an
 * image may) leave the table and widen it: one range for them all.
 */
static void absorb_image_ranges(struct guest_mem *gm, uint64_t *gpa, uint64_t *end)
{
	for (unsigned k = 0; k < gm->nused;) {
		const struct guest_use *u = &gm->used[k];

		if (u->vmm || u->gpa >= *end || u->gpa + u->size <= *gpa) {
			k++;
			continue;
		}
		*gpa = u->gpa < *gpa ? u->gpa : *gpa;
		*end = u->gpa + u->size > *end ? u->gpa + u->size : *end;
		memmove(&gm->used[k], &gm->used[k + 1], (gm->nused - k - 1) * sizeof(gm->used[0]));
		gm->nused--;
		k = 0; /* the wider range may touch one seen already */
	}
}

int guest_mem_claim(struct guest_mem *gm, uint64_t gpa, uint64_t size, int vmm)
{
	uint64_t top = gm->nregions ? gm->region[0].size : 0, end;

	if (size == 0 || gpa >= top)
		return 0;
	end = size > top - gpa ? top : gpa + size;
	gpa &= ~(PAGE - 1);
	end = end > top - (PAGE - 1) ? top : (end + PAGE - 1) & ~(PAGE - 1);
	if (!vmm)
		absorb_image_ranges(gm, &gpa, &end);
	return insert_use(gm, (struct guest_use){ gpa, end - gpa, vmm });
}

static unsigned vmm_uses(const struct guest_mem *gm)
{
	unsigned n = 0;

	for (unsigned k = 0; k < gm->nused; k++)
		n += gm->used[k].vmm != 0;
	return n;
}

int guest_mem_reserve(struct guest_mem *gm, uint64_t size, uint64_t *gpa)
{
	uint64_t top = gm->nregions ? gm->region[0].size & ~(PAGE - 1) : 0;
	uint64_t best_end = 0, best_len = 0, start = 0;

	if (size == 0 || size > top)
		return -1;
	size = (size + PAGE - 1) & ~(PAGE - 1);
	for (unsigned k = 0; k <= gm->nused; k++) {
		uint64_t end = k < gm->nused ? gm->used[k].gpa : top;

		if (end > start && end - start >= best_len) {
			best_len = end - start;
			best_end = end;
		}
		if (k < gm->nused)
			start = gm->used[k].gpa + gm->used[k].size;
	}
	if (best_len < size || vmm_uses(gm) == GUEST_MEM_MAX_VMM ||
	    insert_use(gm, (struct guest_use){ best_end - size, size, 1 }) < 0)
		return -1;
	*gpa = best_end - size;
	return 0;
}

uint64_t guest_mem_used_bytes(const struct guest_mem *gm)
{
	uint64_t n = 0;

	for (unsigned k = 0; k < gm->nused; k++)
		n += gm->used[k].size;
	return n;
}

void guest_mem_free(struct guest_mem *gm)
{
	for (unsigned i = 0; i < gm->nregions; i++)
		munmap(gm->region[i].host, gm->region[i].size);
	memset(gm, 0, sizeof(*gm));
}

void *guest_ptr(const struct guest_mem *gm, uint64_t gpa, uint64_t len)
{
	if (len == 0)
		len = 1;
	for (unsigned i = 0; i < gm->nregions; i++) {
		const struct guest_region *r = &gm->region[i];
		/* gpa - r->gpa cannot wrap once gpa >= r->gpa; compare lengths,
		 * never sums, so no addition can overflow. */
		if (gpa < r->gpa || gpa - r->gpa >= r->size)
			continue;
		if (len > r->size - (gpa - r->gpa))
			return NULL;
		return r->host + (gpa - r->gpa);
	}
	return NULL;
}
