// SPDX-License-Identifier: MIT
/* Regions of the user half (see mm.h). */
#include "mm.h"

#include "paging.h"
#include "string.h"
#include "uapi/lde_sys.h"

#define PROT_MASK (PROT_READ | PROT_WRITE | PROT_EXEC)

uint64_t mm_pte_flags(uint32_t prot)
{
	return (prot & PROT_WRITE ? PTE_W : 0) | (prot & PROT_EXEC ? 0 : PTE_NX);
}

const struct vma *mm_find(const struct addrspace *as, uint64_t va)
{
	for (unsigned i = 0; i < as->nvmas; i++)
		if (va >= as->vmas[i].start && va < as->vmas[i].end)
			return &as->vmas[i];
	return NULL;
}

/* True if no region overlaps [start, end). */
static bool is_free(const struct addrspace *as, uint64_t start, uint64_t end)
{
	for (unsigned i = 0; i < as->nvmas; i++)
		if (start < as->vmas[i].end && as->vmas[i].start < end)
			return false;
	return true;
}

static bool aligned(uint64_t x)
{
	return !(x & (PAGE_SIZE - 1));
}

int mm_add(struct addrspace *as, uint64_t start, uint64_t end, uint32_t prot, uint32_t kind)
{
	unsigned i;

	if (!aligned(start) || !aligned(end) || start >= end ||
	    !uvm_user_range(start, end - start) || !is_free(as, start, end))
		return -EINVAL;
	if (as->nvmas == MM_MAX_VMAS)
		return -ENOMEM;
	for (i = as->nvmas; i > 0 && as->vmas[i - 1].start > start; i--)
		as->vmas[i] = as->vmas[i - 1];
	as->vmas[i] = (struct vma){ start, end, prot & PROT_MASK, kind };
	as->nvmas++;
	return 0;
}

static void remove_at(struct addrspace *as, unsigned i)
{
	memmove(&as->vmas[i], &as->vmas[i + 1], (as->nvmas - i - 1) * sizeof(as->vmas[0]));
	as->nvmas--;
}

/*
 * Splits the regions so that none straddles addr.  -ENOMEM if the table
 * is full.
 */
static int split_at(struct addrspace *as, uint64_t addr)
{
	for (unsigned i = 0; i < as->nvmas; i++) {
		struct vma *v = &as->vmas[i];

		if (addr <= v->start || addr >= v->end)
			continue;
		if (as->nvmas == MM_MAX_VMAS)
			return -ENOMEM;
		memmove(v + 1, v, (as->nvmas - i) * sizeof(*v));
		as->nvmas++;
		v[0].end = addr;
		v[1].start = addr;
		return 0;
	}
	return 0;
}

static void unmap_pages(struct addrspace *as, uint64_t start, uint64_t end)
{
	for (uint64_t va = start; va < end; va += PAGE_SIZE)
		uvm_unmap(as, va);
}

int mm_unmap(struct addrspace *as, uint64_t start, uint64_t end)
{
	if (split_at(as, start) < 0 || split_at(as, end) < 0)
		return -ENOMEM;
	for (unsigned i = 0; i < as->nvmas;) {
		struct vma *v = &as->vmas[i];

		if (v->start >= start && v->end <= end) {
			unmap_pages(as, v->start, v->end);
			remove_at(as, i);
		} else {
			i++;
		}
	}
	return 0;
}

/* True if the regions cover [start, end) without a hole. */
static bool covered(const struct addrspace *as, uint64_t start, uint64_t end)
{
	uint64_t at = start;

	for (unsigned i = 0; i < as->nvmas && at < end; i++)
		if (as->vmas[i].start <= at && as->vmas[i].end > at)
			at = as->vmas[i].end;
	return at >= end;
}

int mm_protect(struct addrspace *as, uint64_t start, uint64_t end, uint32_t prot)
{
	if ((prot & PROT_WRITE) && (prot & PROT_EXEC))
		return -EACCES;
	if (!covered(as, start, end))
		return -ENOMEM;
	if (split_at(as, start) < 0 || split_at(as, end) < 0)
		return -ENOMEM;
	for (unsigned i = 0; i < as->nvmas; i++) {
		struct vma *v = &as->vmas[i];

		if (v->start < start || v->end > end)
			continue;
		v->prot = prot & PROT_MASK;
		for (uint64_t va = v->start; va < v->end; va += PAGE_SIZE)
			uvm_protect(as, va, mm_pte_flags(prot));
	}
	return 0;
}

enum mm_fault mm_fault(struct addrspace *as, uint64_t va, bool write, bool fetch)
{
	const struct vma *v = mm_find(as, va);

	if (!v || !(v->prot & PROT_READ) || (write && !(v->prot & PROT_WRITE)) ||
	    (fetch && !(v->prot & PROT_EXEC)))
		return MM_FAULT_BAD;
	if (!uvm_kaddr(as, va, PTE_U))
		return uvm_map(as, va, mm_pte_flags(v->prot)) ? MM_FAULT_MAPPED : MM_FAULT_BAD;
	if (write && uvm_cow(as, va))
		return MM_FAULT_COW;
	return MM_FAULT_BAD; /* there already: a protection fault */
}

/* The heap's region (VMA_HEAP), or NULL while the heap is empty. */
static struct vma *heap(struct addrspace *as)
{
	for (unsigned i = 0; i < as->nvmas; i++)
		if (as->vmas[i].kind == VMA_HEAP)
			return &as->vmas[i];
	return NULL;
}

uint64_t mm_brk(struct addrspace *as, uint64_t want)
{
	uint64_t old_end = PAGE_UP(as->brk), new_end = PAGE_UP(want);
	struct vma *h = heap(as);

	if (want < as->brk_start || !uvm_user_range(as->brk_start, want - as->brk_start))
		return as->brk;
	if (new_end > old_end && !is_free(as, old_end, new_end))
		return as->brk;
	if (new_end < old_end)
		unmap_pages(as, new_end, old_end);
	if (h && new_end > h->start) {
		h->end = new_end;
	} else if (h) {
		remove_at(as, (unsigned)(h - as->vmas));
	} else if (new_end > PAGE_UP(as->brk_start) &&
	           mm_add(as, PAGE_UP(as->brk_start), new_end, PROT_READ | PROT_WRITE, VMA_HEAP)) {
		return as->brk;
	}
	as->brk = want;
	return want;
}

/* The highest free range of len bytes below LDE_MMAP_TOP, or 0. */
static uint64_t find_gap(const struct addrspace *as, uint64_t len)
{
	uint64_t top = LDE_MMAP_TOP;

	for (unsigned i = as->nvmas; i > 0; i--) {
		const struct vma *v = &as->vmas[i - 1];

		if (v->start >= top)
			continue;
		if (v->end <= top && top - v->end >= len)
			return top - len;
		top = v->start;
	}
	return top - LDE_USER_BASE >= len ? top - len : 0;
}

int64_t mm_mmap(struct addrspace *as, uint64_t addr, uint64_t len, uint32_t prot, uint32_t flags)
{
	bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
	int err;

	if (!len || !aligned(addr) || len > LDE_USER_END)
		return -EINVAL;
	len = PAGE_UP(len);
	if ((prot & PROT_WRITE) && (prot & PROT_EXEC))
		return -EACCES;
	if (fixed && !uvm_user_range(addr, len))
		return -ENOMEM;
	if (fixed && !is_free(as, addr, addr + len)) {
		if (flags & MAP_FIXED_NOREPLACE)
			return -EEXIST;
		err = mm_unmap(as, addr, addr + len);
		if (err)
			return err;
	}
	if (!fixed)
		addr = find_gap(as, len);
	if (!addr)
		return -ENOMEM;
	err = mm_add(as, addr, addr + len, prot, VMA_ANON);
	return err ? err : (int64_t)addr;
}
