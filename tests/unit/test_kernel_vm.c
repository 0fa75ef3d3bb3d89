/* SPDX-License-Identifier: MIT */
/*
 * The guest kernel's memory logic, compiled for the host: the page
 * allocator (guest/kernel/kalloc.c), address spaces (vm.c) and the checked
 * user-memory access every system call relies on (uaccess.c).  "Physical"
 * frames come from a page-aligned heap arena, which works because the
 * kernel reaches frames through an identity map: a frame's address is a
 * pointer.
 */
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "kalloc.h"
#include "paging.h"
#include "suites.h"
#include "uaccess.h"
#include "uapi/lde_sys.h"
#include "vm.h"

#define ARENA_PAGES 1024
#define KERNEL_SLOT_DIRECT 0x1003 /* made-up "kernel" PML4 entries */
#define KERNEL_SLOT_IMAGE 0x2003
#define KADDR (KERNEL_VMA + KERNEL_PHYS) /* the kernel image */
#define U LDE_USER_BASE

static char *arena;
static uint64_t kernel_pml4[512] __attribute__((aligned(4096)));

static int suite_init(void)
{
	arena = aligned_alloc(PAGE_SIZE, ARENA_PAGES * PAGE_SIZE);
	kernel_pml4[PML4_SLOT_DIRECT] = KERNEL_SLOT_DIRECT;
	kernel_pml4[PML4_SLOT_KERNEL] = KERNEL_SLOT_IMAGE;
	uvm_init(kernel_pml4);
	return arena ? 0 : -1;
}

static int suite_clean(void)
{
	free(arena);
	return 0;
}

/* A fresh allocator over the whole arena before each test. */
static void fresh(void)
{
	kalloc_init((uintptr_t)arena, (uintptr_t)arena + ARENA_PAGES * PAGE_SIZE);
}

/* ------------------------------------------------------------ kalloc */

static void test_kalloc_rounds_inward(void)
{
	kalloc_init((uintptr_t)arena + 1, (uintptr_t)arena + 3 * PAGE_SIZE - 1);
	CU_ASSERT_EQUAL(kalloc_free_pages(), 1);
	CU_ASSERT_PTR_EQUAL(kalloc(), arena + PAGE_SIZE);
	CU_ASSERT_PTR_NULL(kalloc());
	kalloc_init((uintptr_t)arena + 10, (uintptr_t)arena + 20); /* empty */
	CU_ASSERT_EQUAL(kalloc_free_pages(), 0);
	CU_ASSERT_PTR_NULL(kalloc());
}

static void test_kalloc_all_then_reuse(void)
{
	void *first, *p = NULL;
	size_t n = 0;

	fresh();
	first = kalloc();
	CU_ASSERT_PTR_EQUAL(first, arena);
	while ((p = kalloc()))
		n++;
	CU_ASSERT_EQUAL(n, ARENA_PAGES - 1);
	CU_ASSERT_EQUAL(kalloc_free_pages(), 0);
	kfree(first);
	CU_ASSERT_EQUAL(kalloc_free_pages(), 1);
	CU_ASSERT_PTR_EQUAL(kalloc(), first); /* freed pages come back first */
}

static void test_kzalloc_zeroes(void)
{
	char *p;

	fresh();
	p = kalloc();
	memset(p, 0xaa, PAGE_SIZE);
	kfree(p);
	p = kzalloc();
	for (int i = 0; i < PAGE_SIZE; i++)
		if (p[i]) {
			CU_FAIL("kzalloc page not zeroed");
			break;
		}
}

/* --------------------------------------------------------- address spaces */

static void test_user_range(void)
{
	CU_ASSERT_TRUE(uvm_user_range(U, 0));
	CU_ASSERT_TRUE(uvm_user_range(U, LDE_USER_END - U));
	CU_ASSERT_TRUE(uvm_user_range(LDE_USER_END, 0));
	CU_ASSERT_TRUE(uvm_user_range(LDE_USER_END - 1, 1));
	CU_ASSERT_FALSE(uvm_user_range(LDE_USER_END - 1, 2));
	CU_ASSERT_FALSE(uvm_user_range(U - 1, 1));
	CU_ASSERT_FALSE(uvm_user_range(0, 1));
	CU_ASSERT_FALSE(uvm_user_range(KADDR, 8)); /* the kernel */
	CU_ASSERT_FALSE(uvm_user_range(DIRECT_MAP_BASE, 8));
	CU_ASSERT_FALSE(uvm_user_range(U, UINT64_MAX)); /* would wrap */
	CU_ASSERT_FALSE(uvm_user_range(UINT64_MAX, 1));
}

static void test_create_copies_kernel_slot(void)
{
	struct addrspace as;

	fresh();
	CU_ASSERT_TRUE_FATAL(uvm_create(&as));
	CU_ASSERT_EQUAL(as.pml4[PML4_SLOT_DIRECT], KERNEL_SLOT_DIRECT);
	CU_ASSERT_EQUAL(as.pml4[PML4_SLOT_KERNEL], KERNEL_SLOT_IMAGE);
	for (int i = 0; i < PML4_SLOT_DIRECT; i++) /* the user half starts empty */
		CU_ASSERT_EQUAL(as.pml4[i], 0);
	CU_ASSERT_EQUAL(as.tables, 1);
	CU_ASSERT_EQUAL(as.pages, 0);
	CU_ASSERT_EQUAL(uvm_cr3(&as), (uint64_t)(uintptr_t)as.pml4);
	uvm_destroy(&as);
}

static void test_map_and_translate(void)
{
	struct addrspace as;
	char *page;

	fresh();
	CU_ASSERT_TRUE_FATAL(uvm_create(&as));
	page = uvm_map(&as, U + 0x5000, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(page);
	CU_ASSERT_EQUAL(as.pages, 1);
	CU_ASSERT_EQUAL(as.tables, 4); /* PML4, PDPT, PD, PT */
	CU_ASSERT_PTR_EQUAL(uvm_kaddr(&as, U + 0x5000, PTE_U), page);
	CU_ASSERT_PTR_EQUAL(uvm_kaddr(&as, U + 0x5123, PTE_U), page + 0x123);
	CU_ASSERT_PTR_NULL(uvm_kaddr(&as, U + 0x5000, PTE_U | PTE_W));
	CU_ASSERT_PTR_NULL(uvm_kaddr(&as, U + 0x6000, PTE_U));
	CU_ASSERT_PTR_NULL(uvm_kaddr(&as, U + 0x4fff, PTE_U));
	/* Mapping it again: the same page, now writable too. */
	CU_ASSERT_PTR_EQUAL(uvm_map(&as, U + 0x5fff, PTE_W), page);
	CU_ASSERT_EQUAL(as.pages, 1);
	CU_ASSERT_PTR_EQUAL(uvm_kaddr(&as, U + 0x5000, PTE_U | PTE_W), page);
	uvm_destroy(&as);
}

static void test_map_refuses_outside_user_half(void)
{
	struct addrspace as;

	fresh();
	CU_ASSERT_TRUE_FATAL(uvm_create(&as));
	CU_ASSERT_PTR_NULL(uvm_map(&as, 0, PTE_W));
	CU_ASSERT_PTR_NULL(uvm_map(&as, KADDR, PTE_W));
	CU_ASSERT_PTR_NULL(uvm_map(&as, DIRECT_MAP_BASE, PTE_W));
	CU_ASSERT_PTR_NULL(uvm_map(&as, U - PAGE_SIZE, PTE_W));
	CU_ASSERT_PTR_NULL(uvm_map(&as, LDE_USER_END, PTE_W));
	CU_ASSERT_PTR_NOT_NULL(uvm_map(&as, LDE_USER_END - 1, PTE_W));
	CU_ASSERT_PTR_NULL(uvm_kaddr(&as, KADDR, 0));
	CU_ASSERT_EQUAL(as.pml4[PML4_SLOT_KERNEL], KERNEL_SLOT_IMAGE); /* untouched */
	CU_ASSERT_EQUAL(as.pml4[PML4_SLOT_DIRECT], KERNEL_SLOT_DIRECT);
	uvm_destroy(&as);
}

/* Two spaces mapping the same address get different pages. */
static void test_spaces_are_separate(void)
{
	struct addrspace a, b;
	char *pa, *pb;

	fresh();
	CU_ASSERT_TRUE_FATAL(uvm_create(&a));
	CU_ASSERT_TRUE_FATAL(uvm_create(&b));
	pa = uvm_map(&a, U, PTE_W);
	CU_ASSERT_PTR_NULL(uvm_kaddr(&b, U, PTE_U));
	pb = uvm_map(&b, U, PTE_W);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pa);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pb);
	CU_ASSERT_PTR_NOT_EQUAL(pa, pb);
	uvm_destroy(&a);
	uvm_destroy(&b);
}

/* Every frame comes back, the ledger chain included (> 511 frames). */
static void test_destroy_frees_everything(void)
{
	struct addrspace as;
	size_t before;

	fresh();
	before = kalloc_free_pages();
	CU_ASSERT_TRUE_FATAL(uvm_create(&as));
	for (int i = 0; i < 600; i++)
		CU_ASSERT_PTR_NOT_NULL(uvm_map(&as, U + (uint64_t)i * PAGE_SIZE, 0));
	/* Far apart: a second PD and PT. */
	CU_ASSERT_PTR_NOT_NULL(uvm_map(&as, LDE_USER_END - PAGE_SIZE, PTE_W));
	CU_ASSERT_EQUAL(as.pages, 601);
	uvm_destroy(&as);
	CU_ASSERT_PTR_NULL(as.pml4);
	CU_ASSERT_EQUAL(kalloc_free_pages(), before);
}

static void test_out_of_memory(void)
{
	struct addrspace as;

	kalloc_init((uintptr_t)arena, (uintptr_t)arena + 4 * PAGE_SIZE);
	CU_ASSERT_TRUE_FATAL(uvm_create(&as));  /* the PML4 */
	CU_ASSERT_PTR_NULL(uvm_map(&as, U, 0)); /* PDPT, PD, PT fit; the page not */
	uvm_destroy(&as);
	CU_ASSERT_EQUAL(kalloc_free_pages(), 4);
	kalloc_init((uintptr_t)arena, (uintptr_t)arena);
	CU_ASSERT_FALSE(uvm_create(&as)); /* the PML4 does not fit */
	CU_ASSERT_EQUAL(kalloc_free_pages(), 0);
}

/*
 * A fresh allocator and a space with a writable page at U (*pa) and a
 * read-only one after it (*ro); returns the free pages before it.
 */
static size_t parent_space(struct addrspace *a, char **pa, char **ro)
{
	size_t before;

	fresh();
	before = kalloc_free_pages();
	CU_ASSERT_TRUE_FATAL(uvm_create(a));
	*pa = uvm_map(a, U, PTE_W);
	*ro = uvm_map(a, U + PAGE_SIZE, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(*pa);
	CU_ASSERT_PTR_NOT_NULL_FATAL(*ro);
	return before;
}

/* fork: the child sees the parent's pages, shared; a write copies only the page written. */
static void test_fork_copy_on_write(void)
{
	struct addrspace a, b;
	char *pa, *ro;
	size_t before, copied;

	before = parent_space(&a, &pa, &ro);
	strcpy(pa, "parent");
	CU_ASSERT_TRUE_FATAL(uvm_fork(&b, &a, UVM_FORK_COW, &copied));
	CU_ASSERT_EQUAL(copied, 0);                                 /* nothing copied yet */
	CU_ASSERT_EQUAL(kalloc_free_pages(), before - (4 + 2) - 4); /* a; b's 4 tables only */
	CU_ASSERT_EQUAL(b.pages, 2);
	/* the same frames, neither side writable now */
	CU_ASSERT_PTR_EQUAL(uvm_kaddr(&b, U, PTE_U), pa);
	CU_ASSERT_PTR_NULL(uvm_kaddr(&a, U, PTE_W));
	CU_ASSERT_PTR_NULL(uvm_kaddr(&b, U, PTE_W));
	CU_ASSERT_FALSE(uvm_cow(&b, U + PAGE_SIZE)); /* read-only: no copy to make */
	/* the child writes: its own copy, the parent keeps the frame */
	CU_ASSERT_TRUE(uvm_cow(&b, U));
	CU_ASSERT_PTR_NOT_NULL_FATAL(uvm_kaddr(&b, U, PTE_W));
	CU_ASSERT_PTR_NOT_EQUAL(uvm_kaddr(&b, U, PTE_U), pa);
	CU_ASSERT_STRING_EQUAL(uvm_kaddr(&b, U, PTE_U), "parent");
	strcpy(uvm_kaddr(&b, U, PTE_W), "child");
	CU_ASSERT_STRING_EQUAL(pa, "parent");
	/* the parent is the frame's last owner: it gets it back, no copy */
	CU_ASSERT_TRUE(uvm_cow(&a, U));
	CU_ASSERT_PTR_EQUAL(uvm_kaddr(&a, U, PTE_W), pa);
	/* both gone: every frame is free again, the shared one once */
	uvm_destroy(&a);
	CU_ASSERT_STRING_EQUAL(uvm_kaddr(&b, U + PAGE_SIZE, PTE_U) ? "ro" : "", "ro");
	uvm_destroy(&b);
	CU_ASSERT_EQUAL(kalloc_free_pages(), before);
}

/* A foreign frame (a program file's page) is shared, never freed, copied when written. */
static void test_foreign_frames(void)
{
	static char file[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE))) = "text";
	struct addrspace a, b;
	size_t before, copied;

	fresh();
	before = kalloc_free_pages();
	CU_ASSERT_TRUE_FATAL(uvm_create(&a));
	CU_ASSERT_PTR_NULL(uvm_map_foreign(&a, U, file, PTE_W)); /* never writable */
	CU_ASSERT_PTR_NULL(uvm_map_foreign(&a, U, file + 1, 0)); /* a whole page */
	CU_ASSERT_PTR_EQUAL(uvm_map_foreign(&a, U, file, 0), file);
	CU_ASSERT_PTR_EQUAL(uvm_kaddr(&a, U, PTE_U), file);
	CU_ASSERT_TRUE_FATAL(uvm_fork(&b, &a, UVM_FORK_COW, &copied));
	CU_ASSERT_PTR_EQUAL(uvm_kaddr(&b, U, PTE_U), file);
	uvm_protect(&b, U, PTE_W); /* mprotect: copy-on-write, not the file itself */
	CU_ASSERT_TRUE(uvm_cow(&b, U));
	CU_ASSERT_PTR_NOT_EQUAL(uvm_kaddr(&b, U, PTE_W), file);
	strcpy(uvm_kaddr(&b, U, PTE_W), "changed");
	CU_ASSERT_STRING_EQUAL(file, "text");
	uvm_destroy(&a);
	uvm_destroy(&b);
	CU_ASSERT_EQUAL(kalloc_free_pages(), before); /* the file's page was never counted */
}

/* mprotect of a shared page to writable makes it copy-on-write, not writable. */
static void test_protect_shared(void)
{
	struct addrspace a, b;
	size_t copied;
	char *p;

	fresh();
	CU_ASSERT_TRUE_FATAL(uvm_create(&a));
	p = uvm_map(&a, U, 0);
	CU_ASSERT_TRUE_FATAL(uvm_fork(&b, &a, UVM_FORK_COW, &copied));
	uvm_protect(&b, U, PTE_W);
	CU_ASSERT_PTR_NULL(uvm_kaddr(&b, U, PTE_W));
	CU_ASSERT_TRUE(uvm_cow(&b, U));
	CU_ASSERT_PTR_NOT_EQUAL(uvm_kaddr(&b, U, PTE_W), p);
	uvm_destroy(&a);
	uvm_destroy(&b);
}

/*
 * An eager fork copies every page but a file's read-only one at once: the
 * child's own frames, writable where the parent's are, the parent's
 * entries untouched, nothing left to copy on a write.
 */
static void test_fork_eager(void)
{
	static char file[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE))) = "text";
	struct addrspace a, b, c;
	size_t before, copied;
	char *pa, *ro;

	before = parent_space(&a, &pa, &ro);
	CU_ASSERT_PTR_EQUAL(uvm_map_foreign(&a, U + 2 * PAGE_SIZE, file, 0), file);
	strcpy(pa, "parent");
	strcpy(ro, "ro");
	CU_ASSERT_TRUE_FATAL(uvm_fork(&b, &a, UVM_FORK_EAGER, &copied));
	CU_ASSERT_EQUAL(copied, 2);
	CU_ASSERT_EQUAL(b.pages, 3);
	CU_ASSERT_EQUAL(kalloc_free_pages(), before - 2 * (4 + 2)); /* 4 tables, 2 pages each */
	CU_ASSERT_PTR_EQUAL(uvm_kaddr(&a, U, PTE_W), pa);           /* the parent still writes */
	CU_ASSERT_PTR_NOT_NULL_FATAL(uvm_kaddr(&b, U, PTE_W));
	CU_ASSERT_PTR_NOT_EQUAL(uvm_kaddr(&b, U, PTE_U), pa);
	CU_ASSERT_STRING_EQUAL(uvm_kaddr(&b, U, PTE_U), "parent");
	CU_ASSERT_PTR_NULL(uvm_kaddr(&b, U + PAGE_SIZE, PTE_W)); /* read-only stays so */
	CU_ASSERT_PTR_NOT_EQUAL(uvm_kaddr(&b, U + PAGE_SIZE, PTE_U), ro);
	CU_ASSERT_STRING_EQUAL(uvm_kaddr(&b, U + PAGE_SIZE, PTE_U), "ro");
	CU_ASSERT_PTR_EQUAL(uvm_kaddr(&b, U + 2 * PAGE_SIZE, PTE_U), file); /* shared */
	CU_ASSERT_FALSE(uvm_cow(&b, U)); /* nothing copy-on-write */
	CU_ASSERT_FALSE(uvm_cow(&a, U));
	strcpy(uvm_kaddr(&b, U, PTE_W), "child");
	CU_ASSERT_STRING_EQUAL(pa, "parent");
	/* a copy-on-write page (from an earlier fork) is copied, writable */
	CU_ASSERT_TRUE_FATAL(uvm_fork(&c, &b, UVM_FORK_COW, &copied));
	uvm_destroy(&c); /* b's page stays PTE_COW, its last owner */
	CU_ASSERT_PTR_NULL(uvm_kaddr(&b, U, PTE_W));
	CU_ASSERT_TRUE_FATAL(uvm_fork(&c, &b, UVM_FORK_EAGER, &copied));
	CU_ASSERT_EQUAL(copied, 2);
	CU_ASSERT_STRING_EQUAL(uvm_kaddr(&c, U, PTE_W) ? (char *)uvm_kaddr(&c, U, PTE_W) : "",
	                       "child");
	uvm_destroy(&a);
	uvm_destroy(&b);
	uvm_destroy(&c);
	CU_ASSERT_EQUAL(kalloc_free_pages(), before);
}

/* Out of memory half way through an eager fork: nothing of the child stays. */
static void test_fork_eager_out_of_memory(void)
{
	struct addrspace a, b;
	size_t copied = 99;

	fresh();
	CU_ASSERT_TRUE_FATAL(uvm_create(&a));
	for (int i = 0; i < 8; i++)
		CU_ASSERT_PTR_NOT_NULL_FATAL(uvm_map(&a, U + i * PAGE_SIZE, PTE_W));
	/* take all but room for the tables and half the pages */
	while (kalloc_free_pages() > 4 + 4)
		CU_ASSERT_PTR_NOT_NULL_FATAL(kalloc());
	CU_ASSERT_FALSE(uvm_fork(&b, &a, UVM_FORK_EAGER, &copied));
	CU_ASSERT_EQUAL(copied, 0);
	CU_ASSERT_EQUAL(kalloc_free_pages(), 8);         /* the partial child given back */
	CU_ASSERT_PTR_NOT_NULL(uvm_kaddr(&a, U, PTE_W)); /* the parent unharmed */
	uvm_destroy(&a);
}

/* ---------------------------------------------------------------- uaccess */

/* A space with U..U+2 pages writable, U+3 page read-only, U+4 unmapped. */
static void layout(struct addrspace *as)
{
	fresh();
	CU_ASSERT_TRUE_FATAL(uvm_create(as));
	for (int i = 0; i < 3; i++)
		CU_ASSERT_PTR_NOT_NULL(uvm_map(as, U + i * PAGE_SIZE, PTE_W));
	CU_ASSERT_PTR_NOT_NULL(uvm_map(as, U + 3 * PAGE_SIZE, 0));
}

static void test_access_checks(void)
{
	struct addrspace as;

	layout(&as);
	CU_ASSERT_TRUE(user_access_ok(&as, U, 3 * PAGE_SIZE, true));
	CU_ASSERT_TRUE(user_access_ok(&as, U + 100, 4 * PAGE_SIZE - 100, false));
	CU_ASSERT_FALSE(user_access_ok(&as, U + 100, 4 * PAGE_SIZE - 100, true));
	CU_ASSERT_FALSE(user_access_ok(&as, U, 4 * PAGE_SIZE + 1, false));
	CU_ASSERT_FALSE(user_access_ok(&as, U + 4 * PAGE_SIZE, 1, false));
	CU_ASSERT_FALSE(user_access_ok(&as, KADDR, 1, false));
	CU_ASSERT_FALSE(user_access_ok(&as, U - 1, 2, false));
	CU_ASSERT_FALSE(user_access_ok(&as, U, UINT64_MAX, false));
	CU_ASSERT_FALSE(user_access_ok(&as, UINT64_MAX - 1, 2, false));
	/* Nothing to touch: always fine, wherever it points. */
	CU_ASSERT_TRUE(user_access_ok(&as, 0, 0, true));
	CU_ASSERT_TRUE(user_access_ok(&as, UINT64_MAX, 0, true));
	uvm_destroy(&as);
}

static void test_copy_across_pages(void)
{
	struct addrspace as;
	char out[300], in[300];
	uint64_t at = U + PAGE_SIZE - 100; /* straddles pages 0 and 1 */

	layout(&as);
	for (int i = 0; i < (int)sizeof(out); i++)
		out[i] = (char)i;
	CU_ASSERT_EQUAL(copy_to_user(&as, at, out, sizeof(out)), 0);
	CU_ASSERT_EQUAL(*(char *)uvm_kaddr(&as, U + PAGE_SIZE, PTE_U), (char)100);
	memset(in, 0, sizeof(in));
	CU_ASSERT_EQUAL(copy_from_user(&as, in, at, sizeof(in)), 0);
	CU_ASSERT_EQUAL(memcmp(in, out, sizeof(in)), 0);
	uvm_destroy(&as);
}

static void test_copy_refused_untouched(void)
{
	struct addrspace as;
	char buf[16], page_before[16];
	char *ro;

	layout(&as);
	ro = uvm_kaddr(&as, U + 3 * PAGE_SIZE, PTE_U);
	memcpy(page_before, ro, sizeof(page_before));
	memset(buf, 0x5a, sizeof(buf));
	/* Into the read-only page: refused, page unchanged. */
	CU_ASSERT_EQUAL(copy_to_user(&as, U + 3 * PAGE_SIZE, buf, 16), -EFAULT);
	CU_ASSERT_EQUAL(memcmp(ro, page_before, 16), 0);
	/* Straddling into the unmapped page: refused, buffer unchanged. */
	CU_ASSERT_EQUAL(copy_from_user(&as, buf, U + 4 * PAGE_SIZE - 8, 16), -EFAULT);
	for (int i = 0; i < 16; i++)
		CU_ASSERT_EQUAL(buf[i], 0x5a);
	CU_ASSERT_EQUAL(copy_from_user(&as, buf, 0, 16), -EFAULT);
	uvm_destroy(&as);
}

struct pieces {
	int calls;
	size_t total;
	size_t first;
};

static void count_piece(const char *piece, size_t n, void *arg)
{
	struct pieces *p = arg;

	(void)piece;
	if (!p->calls)
		p->first = n;
	p->calls++;
	p->total += n;
}

static void test_read_pieces(void)
{
	struct addrspace as;
	struct pieces p = { 0 };

	layout(&as);
	CU_ASSERT_EQUAL(user_read_pieces(&as, U + PAGE_SIZE - 10, PAGE_SIZE + 20, count_piece, &p),
	                0);
	CU_ASSERT_EQUAL(p.calls, 3); /* 10 bytes, a full page, 10 bytes */
	CU_ASSERT_EQUAL(p.first, 10);
	CU_ASSERT_EQUAL(p.total, PAGE_SIZE + 20);
	memset(&p, 0, sizeof(p));
	CU_ASSERT_EQUAL(user_read_pieces(&as, U + 4 * PAGE_SIZE - 10, 20, count_piece, &p),
	                -EFAULT);
	CU_ASSERT_EQUAL(p.calls, 0); /* checked first: nothing handed out */
	uvm_destroy(&as);
}

int suite_kernel_vm(void)
{
	static const struct unit_test tests[] = {
#define T(fn) { #fn, fn }
		T(test_kalloc_rounds_inward),
		T(test_kalloc_all_then_reuse),
		T(test_kzalloc_zeroes),
		T(test_user_range),
		T(test_create_copies_kernel_slot),
		T(test_map_and_translate),
		T(test_map_refuses_outside_user_half),
		T(test_spaces_are_separate),
		T(test_destroy_frees_everything),
		T(test_out_of_memory),
		T(test_fork_copy_on_write),
		T(test_protect_shared),
		T(test_foreign_frames),
		T(test_fork_eager),
		T(test_fork_eager_out_of_memory),
		T(test_access_checks),
		T(test_copy_across_pages),
		T(test_copy_refused_untouched),
		T(test_read_pieces),
#undef T
	};
	return add_suite("kernel_vm", suite_init, suite_clean, NULL, NULL, tests,
	                 sizeof(tests) / sizeof(tests[0]));
}
