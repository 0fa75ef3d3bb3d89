// SPDX-License-Identifier: MIT
/*
 * Address spaces (see vm.h).  A page walk goes PML4 -> PDPT -> PD -> PT,
 * 512 entries per table, each entry holding the physical address of the
 * next table (or, in a PT, of the page) in bits 51:12 and permission bits
 * below.  The CPU grants ring 3 an access only if PTE_U (and PTE_W for a
 * write) is set at every level, so the user half's tables carry P|W|U and
 * the final PTE decides.  The kernel's slots have U=0 at the top, which is
 * what makes the kernel invisible to ring 3.  The kernel reaches every
 * table and page through the direct map (phys_to_virt).
 *
 * A page may also map a frame the allocator does not own, read-only: a
 * page of a program's file where it lies in memory already (a PVH module,
 * the kernel image), shared by every process that runs it instead of
 * copied (uvm_map_foreign, PTE_FOREIGN).  Such a frame is never freed or
 * counted; a write to it, if mprotect allows one, copies it.
 *
 * Copy-on-write: uvm_fork() gives the child the parent's frames, one
 * more owner each (kalloc.h), and takes PTE_W off the writable ones on
 * both sides, marking them PTE_COW instead.  The first write to such a
 * page faults, and uvm_cow() gives the writer its own copy (or, if it is
 * the last owner by then, the page itself back with PTE_W).  Frames are
 * found through the page tables themselves: destroying and forking walk
 * the tables that exist, never the empty parts of the address space.
 *
 * An eager fork (UVM_FORK_EAGER, the kernel's fork=eager) copies instead,
 * as Unix did before copy-on-write: the child gets a copy of every page
 * but the read-only views of a program file, and the parent's entries
 * stay as they are.  It is there to measure what copy-on-write saves.
 */
#include "uapi/lde_sys.h"

#include "kalloc.h"
#include "paging.h"
#include "string.h"
#include "vm.h"
#if !__STDC_HOSTED__
#include "arch.h"
#endif

#define TABLE_FLAGS (PTE_P | PTE_W | PTE_U)
#define USER_SLOTS PML4_SLOT_DIRECT /* PML4 slots 0..255: the user half */

_Static_assert(PT_INDEX((uint64_t)LDE_USER_END - 1, 4) < PML4_SLOT_DIRECT,
               "the user half lies below the kernel's slots");

static const uint64_t *kernel_pml4;

/* The kernel's pointer to the frame an entry names. */
static uint64_t *frame_at(uint64_t entry)
{
	return phys_to_virt(entry & PTE_ADDR_MASK);
}

void uvm_init(const uint64_t *kpml4)
{
	kernel_pml4 = kpml4;
}

bool uvm_create(struct addrspace *as)
{
	as->pml4 = kzalloc();
	if (!as->pml4)
		return false;
	as->pml4[PML4_SLOT_DIRECT] = kernel_pml4[PML4_SLOT_DIRECT];
	as->pml4[PML4_SLOT_KERNEL] = kernel_pml4[PML4_SLOT_KERNEL];
	as->pages = 0;
	as->tables = 1;
	as->nvmas = 0;
	as->brk_start = as->brk = as->stack_top = 0;
	return true;
}

bool uvm_user_range(uint64_t va, uint64_t len)
{
	return va >= LDE_USER_BASE && va <= LDE_USER_END && len <= LDE_USER_END - va;
}

/* True if va is the address of a byte in the user half. */
static bool user_byte(uint64_t va)
{
	return va >= LDE_USER_BASE && va < LDE_USER_END;
}

/*
 * The PT entry for va; missing tables are created when `as` is given
 * (writable), else NULL is returned for them.  NULL also if out of memory.
 */
static uint64_t *walk(uint64_t *pml4, struct addrspace *as, uint64_t va)
{
	uint64_t *table = pml4;

	for (int level = 4; level > 1; level--) {
		uint64_t *e = &table[PT_INDEX(va, level)];

		if (!(*e & PTE_P)) {
			uint64_t *next = as ? kzalloc() : NULL;

			if (!next)
				return NULL;
			*e = virt_to_phys(next) | TABLE_FLAGS;
			as->tables++;
		}
		table = frame_at(*e);
	}
	return &table[PT_INDEX(va, 1)];
}

void *uvm_map(struct addrspace *as, uint64_t va, uint64_t flags)
{
	uint64_t *pte;
	void *page;

	if (!user_byte(va))
		return NULL;
	pte = walk(as->pml4, as, va);
	if (!pte)
		return NULL;
	if (*pte & PTE_P) {
		*pte |= flags & PTE_W;
		if (!(flags & PTE_NX))
			*pte &= ~PTE_NX;
		return frame_at(*pte);
	}
	page = kzalloc();
	if (!page)
		return NULL;
	*pte = virt_to_phys(page) | PTE_P | PTE_U | flags;
	as->pages++;
	return page;
}

/* The PT entry of a mapped page at va, or NULL. */
static uint64_t *mapped_pte(const struct addrspace *as, uint64_t va)
{
	uint64_t *pte;

	if (!user_byte(va))
		return NULL;
	pte = walk(as->pml4, NULL, va);
	return pte && (*pte & PTE_P) ? pte : NULL;
}

/* Drops a space's hold on the frame a PT entry maps. */
static void put_frame(uint64_t e)
{
	if (!(e & PTE_FOREIGN))
		kfree(frame_at(e)); /* one owner less */
}

/* True if other spaces (may) map the frame too. */
static bool shared(uint64_t e)
{
	return (e & PTE_FOREIGN) || kshared(frame_at(e));
}

void *uvm_map_foreign(struct addrspace *as, uint64_t va, const void *frame, uint64_t flags)
{
	uint64_t *pte;

	if (!user_byte(va) || ((uintptr_t)frame & (PAGE_SIZE - 1)) || (flags & PTE_W))
		return NULL;
	pte = walk(as->pml4, as, va);
	if (!pte || (*pte & PTE_P))
		return NULL;
	*pte = virt_to_phys(frame) | PTE_P | PTE_U | PTE_FOREIGN | (flags & PTE_NX);
	as->pages++;
	return (void *)frame;
}

bool uvm_unmap(struct addrspace *as, uint64_t va)
{
	uint64_t *pte = mapped_pte(as, va);

	if (!pte)
		return false;
	put_frame(*pte);
	*pte = 0;
	as->pages--;
	return true;
}

void uvm_protect(struct addrspace *as, uint64_t va, uint64_t flags)
{
	uint64_t *pte = mapped_pte(as, va);
	uint64_t e;

	if (!pte)
		return;
	e = (*pte & ~(uint64_t)(PTE_W | PTE_NX | PTE_COW)) | (flags & PTE_NX);
	if (flags & PTE_W) /* a shared frame is copied at the first write */
		e |= shared(*pte) ? PTE_COW : PTE_W;
	*pte = e;
}

bool uvm_cow(struct addrspace *as, uint64_t va)
{
	uint64_t *pte = mapped_pte(as, va);
	void *frame, *copy;

	if (!pte || !(*pte & PTE_COW))
		return false;
	frame = frame_at(*pte);
	if (shared(*pte)) {
		copy = kalloc();
		if (!copy)
			return false;
		memcpy(copy, frame, PAGE_SIZE);
		put_frame(*pte); /* the others keep it */
		*pte = (*pte & ~(PTE_ADDR_MASK | PTE_FOREIGN)) | virt_to_phys(copy);
	}
	*pte = (*pte & ~(uint64_t)PTE_COW) | PTE_W;
#if !__STDC_HOSTED__
	arch_flush_page(va);
#endif
	return true;
}

/* The index of the first present entry of t[from..n), or n (an entry is 0 unless present). */
static int next_entry(const uint64_t *t, int from, int n)
{
#if __STDC_HOSTED__
	while (from < n && !t[from])
		from++;
	return from;
#else
	return from + (int)arch_find_nonzero(t + from, (size_t)(n - from));
#endif
}

/* What a fork walk needs: the child's space, the mode, the pages copied so far. */
struct fork_walk {
	struct addrspace *dst;
	enum uvm_fork_mode mode;
	size_t copied;
};

/* True if an eager fork copies the page entry e maps (all but a read-only file page). */
static bool copied_eagerly(uint64_t e)
{
	return !(e & PTE_FOREIGN) || (e & PTE_COW);
}

/*
 * The child's entry for the parent's page entry *s: a copy of the page,
 * its own and writable where the parent's is (UVM_FORK_EAGER), or the
 * same frame with one more owner, a writable one copy-on-write on both
 * sides from now on.  0 if out of memory.
 */
static uint64_t fork_page(struct fork_walk *w, uint64_t *s)
{
	uint64_t e = *s;
	void *copy;

	if (w->mode == UVM_FORK_EAGER && copied_eagerly(e)) {
		copy = kalloc();
		if (!copy)
			return 0;
		memcpy(copy, frame_at(e), PAGE_SIZE);
		w->copied++;
		if (e & PTE_COW)
			e = (e & ~(uint64_t)PTE_COW) | PTE_W;
		return (e & ~(PTE_ADDR_MASK | PTE_FOREIGN)) | virt_to_phys(copy);
	}
	if (e & PTE_W)
		*s = e = (e & ~(uint64_t)PTE_W) | PTE_COW;
	if (!(e & PTE_FOREIGN))
		kshare(frame_at(e));
	return e;
}

/* Gives the child (level-`level` table d) what the table s maps. */
static bool fork_table(struct fork_walk *w, uint64_t *d, uint64_t *s, int level)
{
	int n = level == 4 ? USER_SLOTS : PT_ENTRIES;

	for (int i = next_entry(s, 0, n); i < n; i = next_entry(s, i + 1, n)) {
		uint64_t *next;

		if (level == 1) {
			d[i] = fork_page(w, &s[i]);
			if (!d[i])
				return false;
			w->dst->pages++;
			continue;
		}
		next = kzalloc();
		if (!next)
			return false;
		d[i] = virt_to_phys(next) | TABLE_FLAGS;
		w->dst->tables++;
		if (!fork_table(w, next, frame_at(s[i]), level - 1))
			return false;
	}
	return true;
}

bool uvm_fork(struct addrspace *dst, struct addrspace *src, enum uvm_fork_mode mode, size_t *copied)
{
	struct fork_walk w = { dst, mode, 0 };

	*copied = 0;
	if (!uvm_create(dst))
		return false;
	memcpy(dst->vmas, src->vmas, sizeof(src->vmas));
	dst->nvmas = src->nvmas;
	dst->brk_start = src->brk_start;
	dst->brk = src->brk;
	dst->stack_top = src->stack_top;
	if (fork_table(&w, dst->pml4, src->pml4, 4)) {
		*copied = w.copied;
		return true;
	}
	uvm_destroy(dst);
	return false;
}

void *uvm_kaddr(const struct addrspace *as, uint64_t va, uint64_t need)
{
	uint64_t *pte;

	if (!user_byte(va))
		return NULL;
	pte = walk(as->pml4, NULL, va);
	if (!pte || (*pte & (PTE_P | need)) != (PTE_P | need))
		return NULL;
	return (char *)frame_at(*pte) + (va & (PAGE_SIZE - 1));
}

/* Frees table t (level `level`) and everything below it. */
static void free_table(uint64_t *t, int level)
{
	int n = level == 4 ? USER_SLOTS : PT_ENTRIES;

	for (int i = next_entry(t, 0, n); i < n; i = next_entry(t, i + 1, n)) {
		if (level == 1)
			put_frame(t[i]);
		else
			free_table(frame_at(t[i]), level - 1);
	}
	kfree(t);
}

void uvm_destroy(struct addrspace *as)
{
	if (as->pml4)
		free_table(as->pml4, 4);
	as->pml4 = NULL;
	as->pages = as->tables = 0;
}

uint64_t uvm_cr3(const struct addrspace *as)
{
	return virt_to_phys(as->pml4);
}
