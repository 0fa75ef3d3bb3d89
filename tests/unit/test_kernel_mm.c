// SPDX-License-Identifier: MIT
/*
 * The regions of a user half (guest/kernel/mm.c), compiled for the host:
 * adding them (aligned, inside the user half, never overlapping, sorted,
 * a bounded table), faults that map a zeroed page only where a region
 * allows the access, munmap and mprotect splitting regions and their
 * pages, W^X, brk growing and shrinking, anonymous mmap where there is
 * room and MAP_FIXED / MAP_FIXED_NOREPLACE.
 */
#include <CUnit/CUnit.h>

#include "mm.h"
#include "paging.h"
#include "suites.h"
#include "test_kernel_arena.h"
#include "uapi/lde_sys.h"

#define P PAGE_SIZE
#define A 0x10000000ULL /* an address well inside the user half */
#define RW (PROT_READ | PROT_WRITE)

static struct addrspace as;

static int suite_init(void)
{
	return arena_init(512);
}

static bool mapped(uint64_t va)
{
	return uvm_kaddr(&as, va, PTE_U) != NULL;
}

static bool writable(uint64_t va)
{
	return uvm_kaddr(&as, va, PTE_U | PTE_W) != NULL;
}

static void test_pte_flags(void)
{
	CU_ASSERT_EQUAL(mm_pte_flags(PROT_READ), PTE_NX);
	CU_ASSERT_EQUAL(mm_pte_flags(RW), PTE_W | PTE_NX);
	CU_ASSERT_EQUAL(mm_pte_flags(PROT_READ | PROT_EXEC), 0);
}

static void test_add(void)
{
	arena_fresh(&as);
	CU_ASSERT_EQUAL(mm_add(&as, A + 4 * P, A + 6 * P, RW, VMA_ANON), 0);
	CU_ASSERT_EQUAL(mm_add(&as, A, A + 2 * P, PROT_READ, VMA_IMAGE), 0);
	CU_ASSERT_EQUAL(as.nvmas, 2);
	CU_ASSERT_EQUAL(as.vmas[0].start, A); /* sorted by address */
	CU_ASSERT_EQUAL(as.vmas[1].start, A + 4 * P);
	CU_ASSERT_PTR_EQUAL(mm_find(&as, A + 5 * P + 7), &as.vmas[1]);
	CU_ASSERT_PTR_NULL(mm_find(&as, A + 3 * P));
	CU_ASSERT_PTR_NULL(mm_find(&as, A + 6 * P)); /* end is exclusive */
	CU_ASSERT_EQUAL(mm_add(&as, A + P, A + 5 * P, RW, VMA_ANON), -EINVAL); /* overlaps */
	CU_ASSERT_EQUAL(mm_add(&as, A + 2 * P, A + 4 * P, RW, VMA_ANON), 0);   /* touches both */
	CU_ASSERT_EQUAL(mm_add(&as, A + 8 * P + 1, A + 9 * P, RW, VMA_ANON), -EINVAL);
	CU_ASSERT_EQUAL(mm_add(&as, A + 9 * P, A + 9 * P, RW, VMA_ANON), -EINVAL); /* empty */
	CU_ASSERT_EQUAL(mm_add(&as, 0, P, RW, VMA_ANON), -EINVAL); /* page 0: not user */
	CU_ASSERT_EQUAL(mm_add(&as, LDE_USER_END, LDE_USER_END + P, RW, VMA_ANON), -EINVAL);
	CU_ASSERT_EQUAL(as.nvmas, 3);
	CU_ASSERT(arena_done(&as));
}

static void test_table_full(void)
{
	arena_fresh(&as);
	for (uint64_t i = 0; i < MM_MAX_VMAS; i++)
		CU_ASSERT_EQUAL(mm_add(&as, A + 2 * i * P, A + (2 * i + 1) * P, RW, VMA_ANON), 0);
	CU_ASSERT_EQUAL(mm_add(&as, A - 2 * P, A - P, RW, VMA_ANON), -ENOMEM);
	/* a split needs a slot too */
	CU_ASSERT_EQUAL(mm_add(&as, A - 4 * P, A - 3 * P, RW, VMA_ANON), -ENOMEM);
	CU_ASSERT_EQUAL(mm_unmap(&as, A + 2 * P, A + 3 * P), 0); /* a whole one: no split */
	CU_ASSERT_EQUAL(as.nvmas, MM_MAX_VMAS - 1);
	CU_ASSERT(arena_done(&as));
}

/* A fault maps a zeroed page only where the region allows that access. */
static void test_fault(void)
{
	arena_fresh(&as);
	CU_ASSERT_EQUAL(mm_add(&as, A, A + 2 * P, PROT_READ, VMA_IMAGE), 0);
	CU_ASSERT_EQUAL(mm_add(&as, A + 2 * P, A + 4 * P, RW, VMA_ANON), 0);
	CU_ASSERT_EQUAL(mm_add(&as, A + 4 * P, A + 5 * P, 0, VMA_ANON), 0); /* PROT_NONE */
	CU_ASSERT_FALSE(mm_fault(&as, A + 10, true, false));                /* write to read-only */
	CU_ASSERT_FALSE(mm_fault(&as, A + 10, false, true)); /* fetch from non-exec */
	CU_ASSERT_FALSE(mm_fault(&as, A + 4 * P, false, false));
	CU_ASSERT_FALSE(mm_fault(&as, A + 6 * P, false, false)); /* no region */
	CU_ASSERT_FALSE(mapped(A));
	CU_ASSERT_TRUE(mm_fault(&as, A + 10, false, false));
	CU_ASSERT_TRUE(mapped(A) && !writable(A));
	CU_ASSERT_TRUE(mm_fault(&as, A + 3 * P + 8, true, false));
	CU_ASSERT_TRUE(writable(A + 3 * P));
	CU_ASSERT_EQUAL(*(uint64_t *)uvm_kaddr(&as, A + 3 * P + 8, PTE_U), 0); /* zeroed */
	CU_ASSERT_FALSE(mapped(A + 2 * P));                     /* only the page touched */
	CU_ASSERT_FALSE(mm_fault(&as, A + 3 * P, true, false)); /* there: a protection fault */
	CU_ASSERT(arena_done(&as));
}

/* munmap of a middle page splits the region and unmaps that page only. */
static void test_unmap_splits(void)
{
	arena_fresh(&as);
	CU_ASSERT_EQUAL(mm_add(&as, A, A + 4 * P, RW, VMA_ANON), 0);
	for (int i = 0; i < 4; i++)
		CU_ASSERT_TRUE(mm_fault(&as, A + (uint64_t)i * P, true, false));
	CU_ASSERT_EQUAL(mm_unmap(&as, A + P, A + 2 * P), 0);
	CU_ASSERT_EQUAL(as.nvmas, 2);
	CU_ASSERT_EQUAL(as.vmas[0].end, A + P);
	CU_ASSERT_EQUAL(as.vmas[1].start, A + 2 * P);
	CU_ASSERT_TRUE(mapped(A) && !mapped(A + P) && mapped(A + 2 * P));
	CU_ASSERT_FALSE(mm_fault(&as, A + P, false, false));     /* gone for good */
	CU_ASSERT_EQUAL(mm_unmap(&as, A - 8 * P, A + 8 * P), 0); /* across both and beyond */
	CU_ASSERT_EQUAL(as.nvmas, 0);
	CU_ASSERT_FALSE(mapped(A) || mapped(A + 3 * P));
	CU_ASSERT_EQUAL(mm_unmap(&as, A, A + P), 0); /* nothing there: fine */
	CU_ASSERT(arena_done(&as));
}

static void test_protect(void)
{
	arena_fresh(&as);
	CU_ASSERT_EQUAL(mm_add(&as, A, A + 3 * P, RW, VMA_ANON), 0);
	CU_ASSERT_EQUAL(mm_add(&as, A + 4 * P, A + 5 * P, RW, VMA_ANON), 0);
	for (int i = 0; i < 3; i++)
		CU_ASSERT_TRUE(mm_fault(&as, A + (uint64_t)i * P, true, false));
	CU_ASSERT_EQUAL(mm_protect(&as, A, A + P, PROT_READ | PROT_WRITE | PROT_EXEC), -EACCES);
	CU_ASSERT_EQUAL(mm_protect(&as, A, A + 5 * P, PROT_READ), -ENOMEM); /* a hole */
	CU_ASSERT_EQUAL(as.nvmas, 2);                                       /* untouched */
	CU_ASSERT_EQUAL(mm_protect(&as, A + P, A + 2 * P, PROT_READ), 0);
	CU_ASSERT_EQUAL(as.nvmas, 4);
	CU_ASSERT_EQUAL(mm_find(&as, A + P)->prot, PROT_READ);
	CU_ASSERT_EQUAL(mm_find(&as, A)->prot, RW);
	CU_ASSERT_TRUE(writable(A) && !writable(A + P) && writable(A + 2 * P));
	CU_ASSERT_FALSE(mm_fault(&as, A + P, true, false));
	CU_ASSERT_EQUAL(mm_protect(&as, A + P, A + 2 * P, PROT_READ | PROT_EXEC), 0);
	CU_ASSERT_TRUE(mm_fault(&as, A + 4 * P, false, false)); /* a page of the other */
	CU_ASSERT(arena_done(&as));
}

static void test_brk(void)
{
	uint64_t start = A + 0x123;

	arena_fresh(&as);
	as.brk_start = as.brk = start;
	CU_ASSERT_EQUAL(mm_brk(&as, 0), start); /* the query */
	CU_ASSERT_EQUAL(mm_brk(&as, start - 1), start);
	CU_ASSERT_EQUAL(mm_brk(&as, start + 3 * P), start + 3 * P);
	CU_ASSERT_EQUAL(as.nvmas, 1);
	CU_ASSERT_EQUAL(as.vmas[0].kind, VMA_HEAP);
	CU_ASSERT_EQUAL(as.vmas[0].start, PAGE_UP(start));
	CU_ASSERT_EQUAL(as.vmas[0].end, PAGE_UP(start + 3 * P));
	CU_ASSERT_TRUE(mm_fault(&as, start + 3 * P - 1, true, false));
	CU_ASSERT_EQUAL(mm_brk(&as, start + P), start + P); /* shrinks: the page goes */
	CU_ASSERT_FALSE(mapped(start + 3 * P - 1));
	CU_ASSERT_EQUAL(mm_add(&as, A + 8 * P, A + 9 * P, RW, VMA_ANON), 0);
	CU_ASSERT_EQUAL(mm_brk(&as, A + 8 * P + 1), start + P); /* would overlap: unchanged */
	CU_ASSERT_EQUAL(mm_brk(&as, start), start);             /* back to empty */
	CU_ASSERT_EQUAL(as.nvmas, 1);
	CU_ASSERT_EQUAL(mm_brk(&as, LDE_USER_END + P), start); /* out of the user half */
	CU_ASSERT(arena_done(&as));
}

static void test_mmap(void)
{
	int64_t a, b;

	arena_fresh(&as);
	a = mm_mmap(&as, 0, 3 * P, RW, MAP_PRIVATE | MAP_ANONYMOUS);
	CU_ASSERT_EQUAL(a, (int64_t)(LDE_MMAP_TOP - 3 * P));             /* the highest room */
	b = mm_mmap(&as, 0, 10, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS); /* rounded up */
	CU_ASSERT_EQUAL(b, a - (int64_t)P);
	CU_ASSERT_EQUAL(mm_mmap(&as, 0, 0, RW, MAP_PRIVATE), -EINVAL);
	CU_ASSERT_EQUAL(mm_mmap(&as, A + 1, P, RW, MAP_FIXED), -EINVAL);
	CU_ASSERT_EQUAL(mm_mmap(&as, 0, P, PROT_WRITE | PROT_EXEC, 0), -EACCES);
	CU_ASSERT_EQUAL(mm_mmap(&as, 0, LDE_USER_END + P, RW, 0), -EINVAL);
	CU_ASSERT_EQUAL(mm_mmap(&as, LDE_USER_END, P, RW, MAP_FIXED), -ENOMEM);
	CU_ASSERT_EQUAL(mm_mmap(&as, A, 2 * P, RW, MAP_FIXED), (int64_t)A);
	CU_ASSERT_TRUE(mm_fault(&as, A, true, false));
	CU_ASSERT_EQUAL(mm_mmap(&as, A + P, P, RW, MAP_FIXED_NOREPLACE), -EEXIST);
	/* MAP_FIXED over it replaces the page: unmapped, and the new region read-only */
	CU_ASSERT_EQUAL(mm_mmap(&as, A, P, PROT_READ, MAP_FIXED), (int64_t)A);
	CU_ASSERT_FALSE(mapped(A));
	CU_ASSERT_EQUAL(mm_find(&as, A)->prot, PROT_READ);
	CU_ASSERT_EQUAL(mm_find(&as, A + P)->prot, RW);
	CU_ASSERT(arena_done(&as));
}

int suite_kernel_mm(void)
{
	static const struct unit_test tests[] = {
#define T(fn) { #fn, fn }
		T(test_pte_flags),    T(test_add),     T(test_table_full), T(test_fault),
		T(test_unmap_splits), T(test_protect), T(test_brk),        T(test_mmap),
#undef T
	};
	return add_suite("kernel_mm", suite_init, arena_clean, NULL, NULL, tests,
	                 sizeof(tests) / sizeof(tests[0]));
}
