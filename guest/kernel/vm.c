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
 * Each space keeps a ledger of the frames it owns (tables and pages), so
 * destroying it frees a list instead of scanning 512-entry tables: on PVM
 * every ring-0 instruction is emulated, and a scan of one table would cost
 * milliseconds.  A ledger page holds the next ledger page in slot 0 and
 * up to 511 frame addresses after it, 0-terminated.
 */
#include "uapi/lde_sys.h"

#include "kalloc.h"
#include "paging.h"
#include "string.h"
#include "vm.h"

#define TABLE_FLAGS (PTE_P | PTE_W | PTE_U)
#define LEDGER_SLOTS (PAGE_SIZE / sizeof(uint64_t))

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

/* A zeroed frame, recorded in as's ledger; NULL if out of memory. */
static void *own_frame(struct addrspace *as)
{
	void *frame;

	if (as->ledger_used == LEDGER_SLOTS) { /* full: chain a new page */
		uint64_t *fresh = kzalloc();

		if (!fresh)
			return NULL;
		fresh[0] = (uintptr_t)as->ledger;
		as->ledger = fresh;
		as->ledger_used = 1;
	}
	frame = kzalloc();
	if (frame)
		as->ledger[as->ledger_used++] = (uintptr_t)frame;
	return frame;
}

bool uvm_create(struct addrspace *as)
{
	as->ledger = kzalloc();
	if (!as->ledger)
		return false;
	as->ledger_used = 1; /* slot 0: the next ledger page (none) */
	as->pml4 = own_frame(as);
	if (!as->pml4) {
		kfree(as->ledger);
		return false;
	}
	as->pml4[PML4_SLOT_DIRECT] = kernel_pml4[PML4_SLOT_DIRECT];
	as->pml4[PML4_SLOT_KERNEL] = kernel_pml4[PML4_SLOT_KERNEL];
	as->pages = 0;
	as->tables = 1;
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
			uint64_t *next = as ? own_frame(as) : NULL;

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
		*pte |= flags;
		return frame_at(*pte);
	}
	page = own_frame(as);
	if (!page)
		return NULL;
	*pte = virt_to_phys(page) | PTE_P | PTE_U | flags;
	as->pages++;
	return page;
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

void uvm_destroy(struct addrspace *as)
{
	uint64_t *ledger = as->ledger;

	while (ledger) {
		uint64_t *next = (uint64_t *)(uintptr_t)ledger[0];

		for (size_t i = 1; i < LEDGER_SLOTS && ledger[i]; i++)
			kfree((void *)(uintptr_t)ledger[i]);
		kfree(ledger);
		ledger = next;
	}
	as->pml4 = as->ledger = NULL;
	as->ledger_used = as->pages = as->tables = 0;
}

uint64_t uvm_cr3(const struct addrspace *as)
{
	return virt_to_phys(as->pml4);
}
