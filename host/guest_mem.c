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
	return 0;
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

int guest_mem_reserve_top(struct guest_mem *gm, uint64_t size, uint64_t floor, uint64_t *gpa)
{
	uint64_t top = gm->region[0].size - gm->top_reserved;

	size = (size + 4095) & ~4095ULL;
	if (gm->nregions == 0 || size > top || top - size < floor)
		return -1;
	gm->top_reserved += size;
	*gpa = top - size;
	return 0;
}
