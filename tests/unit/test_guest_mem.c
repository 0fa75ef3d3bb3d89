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
#undef T
	};
	return add_suite("guest_mem", suite_init, suite_clean, NULL, NULL, tests,
	                 sizeof(tests) / sizeof(tests[0]));
}
