/* SPDX-License-Identifier: MIT */
/*
 * guest_mem: the mapping layout and guest_ptr(), the one bounds check
 * between guest-physical addresses and host memory.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "../../host/guest_mem.h"
#include "lde/abi.h"
#include "suites.h"

#define MIB (1024ULL * 1024ULL)
#define GIB (1024ULL * MIB)
#define SMALL (64 * MIB)

static struct guest_mem gm; /* SMALL bytes, one region */

static int suite_init(void)
{
	return guest_mem_init(&gm, SMALL) < 0 ? -1 : 0;
}

static int suite_clean(void)
{
	guest_mem_free(&gm);
	return 0;
}

static void test_init_rejects_bad_sizes(void)
{
	struct guest_mem m;

	errno = 0;
	CU_ASSERT_EQUAL(guest_mem_init(&m, 0), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	errno = 0;
	CU_ASSERT_EQUAL(guest_mem_init(&m, SMALL + 1), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(m.nregions, 0);
}

static void test_one_region_layout(void)
{
	CU_ASSERT_EQUAL(gm.nregions, 1);
	CU_ASSERT_EQUAL(gm.size, SMALL);
	CU_ASSERT_EQUAL(gm.region[0].gpa, 0);
	CU_ASSERT_EQUAL(gm.region[0].size, SMALL);
	CU_ASSERT_PTR_NOT_NULL(gm.region[0].host);
}

static void test_first_and_last_byte(void)
{
	uint8_t *base = gm.region[0].host;

	CU_ASSERT_PTR_EQUAL(guest_ptr(&gm, 0, 1), base);
	CU_ASSERT_PTR_EQUAL(guest_ptr(&gm, SMALL - 1, 1), base + SMALL - 1);
	CU_ASSERT_PTR_EQUAL(guest_ptr(&gm, 0, SMALL), base); /* all of RAM */
	CU_ASSERT_PTR_EQUAL(guest_ptr(&gm, SMALL - 8, 8), base + SMALL - 8);
	/* The pointer is usable: write the last byte, read it back. */
	*(uint8_t *)guest_ptr(&gm, SMALL - 1, 1) = 0x5c;
	CU_ASSERT_EQUAL(base[SMALL - 1], 0x5c);
}

static void test_one_past_end(void)
{
	CU_ASSERT_PTR_NULL(guest_ptr(&gm, SMALL, 1));
	CU_ASSERT_PTR_NULL(guest_ptr(&gm, SMALL + 4096, 1));
	CU_ASSERT_PTR_NULL(guest_ptr(&gm, 0, SMALL + 1));
}

static void test_len_zero(void)
{
	/* Checked as len 1: valid inside RAM, NULL one past the end. */
	CU_ASSERT_PTR_EQUAL(guest_ptr(&gm, 0, 0), gm.region[0].host);
	CU_ASSERT_PTR_EQUAL(guest_ptr(&gm, SMALL - 1, 0), gm.region[0].host + SMALL - 1);
	CU_ASSERT_PTR_NULL(guest_ptr(&gm, SMALL, 0));
}

static void test_straddles_end(void)
{
	CU_ASSERT_PTR_NULL(guest_ptr(&gm, SMALL - 1, 2));
	CU_ASSERT_PTR_NULL(guest_ptr(&gm, SMALL - 4096, 8192));
}

static void test_wraparound(void)
{
	CU_ASSERT_PTR_NULL(guest_ptr(&gm, UINT64_MAX, 1));
	CU_ASSERT_PTR_NULL(guest_ptr(&gm, UINT64_MAX, 0));
	CU_ASSERT_PTR_NULL(guest_ptr(&gm, UINT64_MAX - 7, 8));
	CU_ASSERT_PTR_NULL(guest_ptr(&gm, UINT64_MAX, 2)); /* sum wraps to 1 */
	CU_ASSERT_PTR_NULL(guest_ptr(&gm, 1, UINT64_MAX)); /* sum wraps to 0 */
	CU_ASSERT_PTR_NULL(guest_ptr(&gm, 0x1000, UINT64_MAX - 0xfff));
	CU_ASSERT_PTR_NULL(guest_ptr(&gm, 0, UINT64_MAX));
}

static void test_guest_ptr_macro(void)
{
	CU_ASSERT_PTR_EQUAL(GUEST_PTR(&gm, 0x1000, uint64_t), gm.region[0].host + 0x1000);
	CU_ASSERT_PTR_NOT_NULL(GUEST_PTR(&gm, SMALL - 8, uint64_t));
	CU_ASSERT_PTR_NULL(GUEST_PTR(&gm, SMALL - 7, uint64_t));
}

/* Exactly 3 GiB still fits below the MMIO hole: one region. */
static void test_three_gib_one_region(void)
{
	struct guest_mem m;

	CU_ASSERT_EQUAL_FATAL(guest_mem_init(&m, LDE_MMIO_HOLE_START), 0);
	CU_ASSERT_EQUAL(m.nregions, 1);
	CU_ASSERT_EQUAL(m.size, LDE_MMIO_HOLE_START);
	CU_ASSERT_PTR_NOT_NULL(guest_ptr(&m, LDE_MMIO_HOLE_START - 1, 1));
	CU_ASSERT_PTR_NULL(guest_ptr(&m, LDE_MMIO_HOLE_START, 1));
	CU_ASSERT_PTR_NULL(guest_ptr(&m, LDE_MMIO_HOLE_END, 1));
	guest_mem_free(&m);
}

/* More than 3 GiB: [0, 3 GiB) plus the rest from 4 GiB up. */
static void test_high_region(void)
{
	const uint64_t size = 4 * GIB;
	const uint64_t top = LDE_MMIO_HOLE_END + (size - LDE_MMIO_HOLE_START);
	struct guest_mem m;
	uint8_t *lo, *hi;

	CU_ASSERT_EQUAL_FATAL(guest_mem_init(&m, size), 0);
	CU_ASSERT_EQUAL(m.nregions, 2);
	CU_ASSERT_EQUAL(m.size, size);
	CU_ASSERT_EQUAL(m.region[0].gpa, 0);
	CU_ASSERT_EQUAL(m.region[0].size, LDE_MMIO_HOLE_START);
	CU_ASSERT_EQUAL(m.region[1].gpa, LDE_MMIO_HOLE_END);
	CU_ASSERT_EQUAL(m.region[1].size, size - LDE_MMIO_HOLE_START);

	lo = guest_ptr(&m, LDE_MMIO_HOLE_START - 1, 1);
	hi = guest_ptr(&m, LDE_MMIO_HOLE_END, 1);
	CU_ASSERT_PTR_EQUAL(lo, m.region[0].host + LDE_MMIO_HOLE_START - 1);
	CU_ASSERT_PTR_EQUAL(hi, m.region[1].host);
	CU_ASSERT_PTR_EQUAL(guest_ptr(&m, top - 1, 1), m.region[1].host + m.region[1].size - 1);
	/* The hole is not RAM. */
	CU_ASSERT_PTR_NULL(guest_ptr(&m, LDE_MMIO_HOLE_START, 1));
	CU_ASSERT_PTR_NULL(guest_ptr(&m, 0xFEE00000ULL, 4)); /* LAPIC */
	CU_ASSERT_PTR_NULL(guest_ptr(&m, LDE_MMIO_HOLE_END - 1, 1));
	/* No range straddles the hole or the top of RAM. */
	CU_ASSERT_PTR_NULL(guest_ptr(&m, LDE_MMIO_HOLE_START - 1, 2));
	CU_ASSERT_PTR_NULL(guest_ptr(&m, LDE_MMIO_HOLE_START - 4096,
	                             LDE_MMIO_HOLE_END - LDE_MMIO_HOLE_START + 8192));
	CU_ASSERT_PTR_NULL(guest_ptr(&m, LDE_MMIO_HOLE_END - 1, 2));
	CU_ASSERT_PTR_NULL(guest_ptr(&m, top, 1));
	CU_ASSERT_PTR_NULL(guest_ptr(&m, top - 1, 2));
	CU_ASSERT_PTR_NULL(guest_ptr(&m, UINT64_MAX, 1));
	/* Both mappings are writable and distinct. */
	if (lo && hi) {
		*lo = 1;
		*hi = 2;
		CU_ASSERT_EQUAL(*lo, 1);
		CU_ASSERT_EQUAL(*hi, 2);
	}
	guest_mem_free(&m);
	CU_ASSERT_EQUAL(m.nregions, 0);
	CU_ASSERT_EQUAL(m.size, 0);
}

/* A fresh SMALL guest whose image takes [START, END). */
static void with_image(struct guest_mem *m, uint64_t start, uint64_t end)
{
	CU_ASSERT_EQUAL_FATAL(guest_mem_init(m, SMALL), 0);
	CU_ASSERT_EQUAL(guest_mem_claim(m, start, end - start, 0), 0);
}

static void test_boot_area_taken_at_init(void)
{
	CU_ASSERT_EQUAL(gm.nused, 1);
	CU_ASSERT_EQUAL(gm.used[0].gpa, 0);
	CU_ASSERT_EQUAL(gm.used[0].size, LDE_RESERVED_END);
	CU_ASSERT_EQUAL(gm.used[0].vmm, 1);
	CU_ASSERT_EQUAL(guest_mem_used_bytes(&gm), LDE_RESERVED_END);
}

/* An image low in RAM: reservations stack down from the top, page aligned. */
static void test_reserve_from_the_top(void)
{
	struct guest_mem m;
	uint64_t a = 0, b = 0;

	with_image(&m, 1 * MIB, 3 * MIB + 5);
	CU_ASSERT_EQUAL(guest_mem_reserve(&m, 5000, &a), 0);
	CU_ASSERT_EQUAL(a, SMALL - 8192);
	CU_ASSERT_EQUAL(guest_mem_reserve(&m, 4096, &b), 0);
	CU_ASSERT_EQUAL(b, SMALL - 12288);
	CU_ASSERT_EQUAL(m.nused, 4);
	/* the image's last partial page counts as taken */
	CU_ASSERT_EQUAL(guest_mem_used_bytes(&m), LDE_RESERVED_END + 2 * MIB + 4096 + 12288);
	guest_mem_free(&m);
}

/* An image high in RAM: the free range below it is the larger one. */
static void test_reserve_below_a_high_image(void)
{
	struct guest_mem m;
	uint64_t a = 0;

	with_image(&m, 40 * MIB, 63 * MIB);
	CU_ASSERT_EQUAL(guest_mem_reserve(&m, 2 * MIB, &a), 0);
	CU_ASSERT_EQUAL(a, 38 * MIB); /* top of [64 KiB, 40 MiB), not of [63, 64 MiB) */
	/* too big for either range: refused, nothing taken */
	CU_ASSERT_EQUAL(guest_mem_reserve(&m, 39 * MIB, &a), -1);
	CU_ASSERT_EQUAL(m.nused, 3);
	guest_mem_free(&m);
}

/* The largest range wins even when the smaller one would hold the request. */
static void test_reserve_largest_range(void)
{
	struct guest_mem m;
	uint64_t a = 0;

	with_image(&m, 20 * MIB, 30 * MIB); /* free: [64K, 20M) and [30M, 64M) */
	CU_ASSERT_EQUAL(guest_mem_reserve(&m, MIB, &a), 0);
	CU_ASSERT_EQUAL(a, 63 * MIB);
	CU_ASSERT_EQUAL(guest_mem_reserve(&m, 15 * MIB, &a), 0); /* [30M, 63M) is still larger */
	CU_ASSERT_EQUAL(a, 48 * MIB);
	CU_ASSERT_EQUAL(guest_mem_reserve(&m, 15 * MIB, &a), 0); /* now [64K, 20M) is */
	CU_ASSERT_EQUAL(a, 5 * MIB);
	guest_mem_free(&m);
}

static void test_claim_refuses_overlap_and_ignores_high(void)
{
	struct guest_mem m;

	with_image(&m, 1 * MIB, 2 * MIB);
	CU_ASSERT_EQUAL(guest_mem_claim(&m, 2 * MIB - 1, 10, 1), -1); /* the vmm's on the image */
	CU_ASSERT_EQUAL(guest_mem_claim(&m, 0x8000, 4096, 0), -1);    /* the boot area */
	CU_ASSERT_EQUAL(guest_mem_claim(&m, SMALL, 4096, 0), 0); /* past RAM: nothing to take */
	CU_ASSERT_EQUAL(guest_mem_claim(&m, SMALL - 4096, 1 * GIB, 0), 0); /* clipped */
	CU_ASSERT_EQUAL(m.nused, 3);
	CU_ASSERT_EQUAL(m.used[2].gpa + m.used[2].size, SMALL);
	guest_mem_free(&m);
}

/* Two segments of an image may share a page: one range, not a refusal. */
static void test_claim_image_segments_sharing_a_page(void)
{
	struct guest_mem m;

	with_image(&m, 1 * MIB, 1 * MIB + 0x148);
	CU_ASSERT_EQUAL(guest_mem_claim(&m, 1 * MIB + 0x200, 0x100, 0), 0);
	CU_ASSERT_EQUAL(guest_mem_claim(&m, 1 * MIB + 0xff0, 0x20, 0), 0); /* pages 0 and 1 */
	CU_ASSERT_EQUAL(m.nused, 2);
	CU_ASSERT_EQUAL(m.used[1].gpa, 1 * MIB);
	CU_ASSERT_EQUAL(m.used[1].size, 0x2000);
	CU_ASSERT_EQUAL(m.used[1].vmm, 0);
	guest_mem_free(&m);
}

static void test_reserve_until_full(void)
{
	struct guest_mem m;
	uint64_t a = 0;
	unsigned n = 0;

	with_image(&m, 1 * MIB, 2 * MIB);
	while (guest_mem_reserve(&m, 4096, &a) == 0)
		n++;
	CU_ASSERT_EQUAL(n, GUEST_MEM_MAX_VMM - 1); /* all but the boot area */
	CU_ASSERT_EQUAL(m.nused, GUEST_MEM_MAX_VMM + 1);
	CU_ASSERT_EQUAL(guest_mem_reserve(&m, 0, &a), -1);
	guest_mem_free(&m);
}

int suite_guest_mem(void)
{
	static const struct unit_test tests[] = {
#define T(fn) { #fn, fn }
		T(test_init_rejects_bad_sizes),
		T(test_one_region_layout),
		T(test_first_and_last_byte),
		T(test_one_past_end),
		T(test_len_zero),
		T(test_straddles_end),
		T(test_wraparound),
		T(test_guest_ptr_macro),
		T(test_three_gib_one_region),
		T(test_high_region),
		T(test_boot_area_taken_at_init),
		T(test_reserve_from_the_top),
		T(test_reserve_below_a_high_image),
		T(test_reserve_largest_range),
		T(test_claim_refuses_overlap_and_ignores_high),
		T(test_claim_image_segments_sharing_a_page),
		T(test_reserve_until_full),
#undef T
	};
	return add_suite("guest_mem", suite_init, suite_clean, NULL, NULL, tests,
	                 sizeof(tests) / sizeof(tests[0]));
}
