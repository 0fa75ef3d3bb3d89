/* SPDX-License-Identifier: MIT */
/*
 * boot_setup()'s memory map: the guest learns from it which RAM it may use,
 * so every range the vmm took (boot area, modules, trace ring), wherever
 * guest_mem_reserve() put it, must show as reserved and nothing else.
 */
#include <stdint.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "../../host/boot.h"
#include "../../host/elf_load.h"
#include "../../host/guest_mem.h"
#include "lde/abi.h"
#include "suites.h"

#define MIB (1024ULL * 1024ULL)

/* Boots a 64 MiB guest whose image is [IMG_START, IMG_END) with one module
 * of MOD_SIZE; returns its memory map (in GM) and the module's address. */
static const struct hvm_memmap_table_entry *boot_map(struct guest_mem *gm, uint64_t img_start,
                                                     uint64_t img_end, uint64_t mod_size,
                                                     uint64_t *mod, uint32_t *n)
{
	struct elf_image img = { .entry = img_start, .load_start = img_start, .load_end = img_end };
	struct boot_module m = { 0, mod_size, LDE_TRACE_MODULE_NAME, 0 };
	const struct hvm_start_info *si;
	struct kvm_regs regs;
	struct kvm_sregs sregs;

	memset(&sregs, 0, sizeof(sregs));
	CU_ASSERT_EQUAL_FATAL(guest_mem_init(gm, 64 * MIB), 0);
	CU_ASSERT_EQUAL_FATAL(guest_mem_claim(gm, img_start, img_end - img_start, 0), 0);
	CU_ASSERT_EQUAL_FATAL(guest_mem_reserve(gm, mod_size, &m.paddr), 0);
	*mod = m.paddr;
	CU_ASSERT_EQUAL_FATAL(boot_setup(gm, &img, "", &m, 1, &regs, &sregs), 0);
	si = GUEST_PTR(gm, LDE_BOOT_START_INFO, struct hvm_start_info);
	CU_ASSERT_PTR_NOT_NULL_FATAL(si);
	*n = si->memmap_entries;
	return guest_ptr(gm, si->memmap_paddr, *n * sizeof(struct hvm_memmap_table_entry));
}

static void check_entry(const struct hvm_memmap_table_entry *e, uint64_t start, uint64_t end,
                        uint32_t type)
{
	CU_ASSERT_EQUAL(e->addr, start);
	CU_ASSERT_EQUAL(e->size, end - start);
	CU_ASSERT_EQUAL(e->type, type);
}

/* The usual layout: image low, the module at the top of RAM. */
static void test_memmap_module_on_top(void)
{
	struct guest_mem gm;
	uint64_t mod;
	uint32_t n;
	const struct hvm_memmap_table_entry *e = boot_map(&gm, MIB, 2 * MIB, 5000, &mod, &n);

	CU_ASSERT_EQUAL(mod, 64 * MIB - 8192);
	CU_ASSERT_EQUAL_FATAL(n, 3);
	check_entry(&e[0], 0, LDE_RESERVED_END, LDE_E820_RESERVED);
	check_entry(&e[1], LDE_RESERVED_END, mod, LDE_E820_RAM); /* the image is RAM */
	check_entry(&e[2], mod, 64 * MIB, LDE_E820_RESERVED);
	guest_mem_free(&gm);
}

/* An image that fills the top: the module below it, the RAM split around it. */
static void test_memmap_module_below_image(void)
{
	struct guest_mem gm;
	uint64_t mod;
	uint32_t n;
	const struct hvm_memmap_table_entry *e =
		boot_map(&gm, 40 * MIB, 64 * MIB, 2 * MIB, &mod, &n);

	CU_ASSERT_EQUAL(mod, 38 * MIB);
	CU_ASSERT_EQUAL_FATAL(n, 4);
	check_entry(&e[0], 0, LDE_RESERVED_END, LDE_E820_RESERVED);
	check_entry(&e[1], LDE_RESERVED_END, 38 * MIB, LDE_E820_RAM);
	check_entry(&e[2], 38 * MIB, 40 * MIB, LDE_E820_RESERVED);
	check_entry(&e[3], 40 * MIB, 64 * MIB, LDE_E820_RAM);
	guest_mem_free(&gm);
}

int suite_boot(void)
{
	static const struct unit_test tests[] = {
		{ "memmap: a module at the top of RAM is reserved", test_memmap_module_on_top },
		{ "memmap: a module below the image splits RAM", test_memmap_module_below_image },
	};
	return add_suite("boot", NULL, NULL, NULL, NULL, tests, sizeof(tests) / sizeof(tests[0]));
}
