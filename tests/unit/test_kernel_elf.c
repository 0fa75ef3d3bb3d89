/* SPDX-License-Identifier: MIT */
/*
 * The guest kernel's ELF loader (guest/kernel/elf.c), compiled for the
 * host: a good image lands where it says with the right contents and
 * permissions; every kind of malformed image is refused with its own
 * error and nothing mapped; and the real user programs load.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "elf.h"
#include "kalloc.h"
#include "paging.h"
#include "suites.h"
#include "uapi/lde_sys.h"
#include "vm.h"

#define ARENA_PAGES 256
#define U LDE_USER_BASE
#define IMAGE_SIZE (8 * PAGE_SIZE) /* the largest user program fits */

static char *arena;
static uint64_t kernel_pml4[512] __attribute__((aligned(4096)));
static unsigned char image[IMAGE_SIZE];
static size_t image_size;
static struct addrspace as;

static struct elf64_ehdr *eh(void)
{
	return (struct elf64_ehdr *)image;
}

static struct elf64_phdr *ph(int i)
{
	return (struct elf64_phdr *)(image + sizeof(struct elf64_ehdr)) + i;
}

/*
 * A small good executable: text (R-X, 0x100 bytes of 0xc3) at U from file
 * offset 0x1000; data (RW-, 16 bytes of 0xd0, then bss up to 0x2000 bytes)
 * at U + 0x3000 from offset 0x2000.  Entry U + 0x10.
 */
static void make_good(void)
{
	memset(image, 0, sizeof(image));
	memcpy(eh()->e_ident, "\177ELF", 4);
	eh()->e_ident[4] = ELFCLASS64;
	eh()->e_ident[5] = ELFDATA2LSB;
	eh()->e_ident[6] = EV_CURRENT;
	eh()->e_type = ET_EXEC;
	eh()->e_machine = EM_X86_64;
	eh()->e_version = EV_CURRENT;
	eh()->e_entry = U + 0x10;
	eh()->e_phoff = sizeof(struct elf64_ehdr);
	eh()->e_ehsize = sizeof(struct elf64_ehdr);
	eh()->e_phentsize = sizeof(struct elf64_phdr);
	eh()->e_phnum = 2;
	*ph(0) = (struct elf64_phdr){ .p_type = PT_LOAD,
		                      .p_flags = PF_R | PF_X,
		                      .p_offset = 0x1000,
		                      .p_vaddr = U,
		                      .p_filesz = 0x100,
		                      .p_memsz = 0x100 };
	*ph(1) = (struct elf64_phdr){ .p_type = PT_LOAD,
		                      .p_flags = PF_R | PF_W,
		                      .p_offset = 0x2000,
		                      .p_vaddr = U + 0x3000,
		                      .p_filesz = 0x10,
		                      .p_memsz = 0x2000 };
	memset(image + 0x1000, 0xc3, 0x100);
	memset(image + 0x2000, 0xd0, 0x10);
	image_size = 0x2010;
}

static int suite_init(void)
{
	arena = aligned_alloc(PAGE_SIZE, ARENA_PAGES * PAGE_SIZE);
	kernel_pml4[0] = 0x1003;
	uvm_init(kernel_pml4);
	return arena ? 0 : -1;
}

static int suite_clean(void)
{
	free(arena);
	return 0;
}

static struct elf_info info;

/* Loads image[0..image_size) into a fresh address space; *entry on success. */
static int load(uint64_t *entry)
{
	int err;

	kalloc_init((uintptr_t)arena, (uintptr_t)arena + ARENA_PAGES * PAGE_SIZE);
	CU_ASSERT_TRUE_FATAL(uvm_create(&as));
	err = elf_load_program(&as, image, image_size, &info);
	if (!err)
		*entry = info.entry;
	return err;
}

/* The PTE of a mapped page, through the tables. */
static bool page_nx(uint64_t va)
{
	uint64_t *t = as.pml4;

	for (int level = 4; level > 1; level--)
		t = (uint64_t *)(uintptr_t)(t[PT_INDEX(va, level)] & PTE_ADDR_MASK);
	return t[PT_INDEX(va, 1)] & PTE_NX;
}

static void done(void)
{
	uvm_destroy(&as);
	CU_ASSERT_EQUAL(kalloc_free_pages(), ARENA_PAGES);
}

static void test_good_image(void)
{
	uint64_t entry = 0;
	unsigned char *text, *data, *bss2;

	make_good();
	CU_ASSERT_EQUAL_FATAL(load(&entry), ELF_OK);
	CU_ASSERT_EQUAL(entry, U + 0x10);
	CU_ASSERT_EQUAL(as.pages, 3); /* text, data, the rest of bss */
	text = uvm_kaddr(&as, U, PTE_U);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_EQUAL(text[0], 0xc3);
	CU_ASSERT_EQUAL(text[0xff], 0xc3);
	CU_ASSERT_EQUAL(text[0x100], 0);                      /* rest of the page: zeros */
	CU_ASSERT_PTR_NULL(uvm_kaddr(&as, U, PTE_U | PTE_W)); /* read-only */
	data = uvm_kaddr(&as, U + 0x3000, PTE_U | PTE_W);
	CU_ASSERT_PTR_NOT_NULL_FATAL(data);
	CU_ASSERT_EQUAL(data[0xf], 0xd0);
	CU_ASSERT_EQUAL(data[0x10], 0); /* bss */
	bss2 = uvm_kaddr(&as, U + 0x4fff, PTE_U | PTE_W);
	CU_ASSERT_PTR_NOT_NULL_FATAL(bss2);
	CU_ASSERT_EQUAL(*bss2, 0);
	CU_ASSERT_PTR_NULL(uvm_kaddr(&as, U + 0x5000, PTE_U)); /* nothing more */
	CU_ASSERT_PTR_NULL(uvm_kaddr(&as, U + 0x1000, PTE_U)); /* gap */
	CU_ASSERT_FALSE(page_nx(U));                           /* text: executable */
	CU_ASSERT_TRUE(page_nx(U + 0x3000));                   /* data: no-execute */
	CU_ASSERT_EQUAL(info.bias, 0);
	CU_ASSERT_EQUAL(info.end, U + 0x5000); /* the heap starts after bss */
	CU_ASSERT_EQUAL(info.phnum, 2);
	CU_ASSERT_EQUAL(info.phent, sizeof(struct elf64_phdr));
	CU_ASSERT_EQUAL(as.nvmas, 2); /* a region per segment */
	CU_ASSERT_EQUAL(as.vmas[0].prot, PROT_READ | PROT_EXEC);
	CU_ASSERT_EQUAL(as.vmas[1].prot, PROT_READ | PROT_WRITE);
	done();
}

/* Static PIE: ET_DYN linked at 0, loaded at LDE_PIE_BASE, entry moved too. */
static void test_static_pie(void)
{
	uint64_t entry = 0;

	make_good();
	eh()->e_type = ET_DYN;
	eh()->e_entry = 0x10;
	ph(0)->p_vaddr = 0;
	ph(1)->p_vaddr = 0x3000;
	ph(0)->p_offset = 0; /* the headers are in the text segment */
	ph(0)->p_filesz = ph(0)->p_memsz = 0x200;
	CU_ASSERT_EQUAL_FATAL(load(&entry), ELF_OK);
	CU_ASSERT_EQUAL(info.bias, LDE_PIE_BASE);
	CU_ASSERT_EQUAL(entry, LDE_PIE_BASE + 0x10);
	CU_ASSERT_EQUAL(info.phdr, LDE_PIE_BASE + sizeof(struct elf64_ehdr)); /* AT_PHDR */
	CU_ASSERT_PTR_NOT_NULL(uvm_kaddr(&as, LDE_PIE_BASE + 0x3000, PTE_U | PTE_W));
	CU_ASSERT_PTR_NULL(uvm_kaddr(&as, 0x3000, PTE_U));
	done();
}

/* Text and data in one page: mapped once, writable, both contents. */
static void test_segments_share_a_page(void)
{
	uint64_t entry;
	unsigned char *page;

	make_good();
	ph(1)->p_vaddr = U + 0x100; /* read-only data in text's page (RW there: ELF_EWX) */
	ph(1)->p_memsz = 0x20;
	ph(1)->p_flags = PF_R;
	CU_ASSERT_EQUAL_FATAL(load(&entry), ELF_OK);
	CU_ASSERT_EQUAL(as.pages, 1);
	CU_ASSERT_PTR_NULL(uvm_kaddr(&as, U, PTE_U | PTE_W));
	CU_ASSERT_FALSE(page_nx(U)); /* the union of R-X and R-- */
	page = uvm_kaddr(&as, U, PTE_U);
	CU_ASSERT_PTR_NOT_NULL_FATAL(page);
	CU_ASSERT_EQUAL(page[0xff], 0xc3);
	CU_ASSERT_EQUAL(page[0x100], 0xd0);
	CU_ASSERT_EQUAL(page[0x110], 0);
	done();
}

/* Other program headers (PT_NOTE, empty PT_LOAD) are skipped. */
static void test_ignores_other_headers(void)
{
	uint64_t entry;

	make_good();
	eh()->e_phnum = 4;
	*ph(2) = (struct elf64_phdr){ .p_type = 4 /* PT_NOTE */,
		                      .p_offset = 0xfff0,
		                      .p_filesz = 0x1000 };
	*ph(3) = (struct elf64_phdr){ .p_type = PT_LOAD, .p_vaddr = KERNEL_VMA };
	CU_ASSERT_EQUAL(load(&entry), ELF_OK);
	done();
}

struct bad_case {
	const char *what;
	void (*spoil)(void);
	int err;
};

static void truncated(void)
{
	image_size = sizeof(struct elf64_ehdr) - 1;
}
static void empty(void)
{
	image_size = 0;
}
static void short_elf32(void)
{
	image[4] = ELFCLASS32;
	image_size = 52; /* an ELF32 header */
}
static void dynamic(void)
{
	ph(1)->p_type = PT_INTERP;
}
static void writable_code(void)
{
	ph(0)->p_flags = PF_R | PF_W | PF_X;
}
static void exec_stack(void)
{
	eh()->e_phnum = 3;
	*ph(2) = (struct elf64_phdr){ .p_type = PT_GNU_STACK, .p_flags = PF_R | PF_W | PF_X };
}
static void bad_magic(void)
{
	image[1] = 'X';
}
static void elf32(void)
{
	image[4] = 1;
}
static void big_endian(void)
{
	image[5] = 2;
}
static void bad_version(void)
{
	eh()->e_version = 2;
}
static void relocatable(void)
{
	eh()->e_type = 1; /* ET_REL: an object file */
}
static void aarch64(void)
{
	eh()->e_machine = 183;
}
static void bad_phentsize(void)
{
	eh()->e_phentsize = 32;
}
static void no_phdrs(void)
{
	eh()->e_phnum = 0;
}
static void phdrs_past_end(void)
{
	eh()->e_phoff = image_size - 60;
}
static void phoff_wraps(void)
{
	eh()->e_phoff = UINT64_MAX - 8;
}
static void filesz_gt_memsz(void)
{
	ph(1)->p_filesz = 0x3000;
}
static void bytes_past_end(void)
{
	ph(0)->p_offset = image_size - 0x10;
}
static void offset_wraps(void)
{
	ph(0)->p_offset = UINT64_MAX - 0x10;
}
static void into_kernel(void)
{
	ph(0)->p_vaddr = KERNEL_VMA + KERNEL_PHYS;
}
static void below_user(void)
{
	ph(1)->p_vaddr = U - 0x1000;
}
static void past_user_end(void)
{
	ph(1)->p_vaddr = LDE_USER_END - 0x1000;
}
static void vaddr_wraps(void)
{
	ph(1)->p_vaddr = UINT64_MAX - 0x100;
}
static void no_load(void)
{
	ph(0)->p_type = ph(1)->p_type = 6;
}
static void entry_in_data(void)
{
	eh()->e_entry = U + 0x3000;
}
static void entry_nowhere(void)
{
	eh()->e_entry = U + 0x2000;
}
static void entry_in_bss(void)
{
	ph(0)->p_memsz = 0x200; /* text's last 0x100 bytes are not in the file */
	eh()->e_entry = U + 0x180;
}
static void overlapping(void)
{
	ph(1)->p_vaddr = U + 0x80; /* data over text's bytes */
}
static void out_of_order(void)
{
	ph(0)->p_vaddr = U + 0x8000; /* text above data */
	eh()->e_entry = U + 0x8010;
}
static void wx_page(void)
{
	ph(1)->p_vaddr = U + 0x100; /* data right after text, in its page */
}
static void wx_page_via_third(void)
{
	eh()->e_phnum = 3; /* text, a read-only sliver, then data: one page */
	*ph(2) = *ph(1);
	ph(2)->p_vaddr = U + 0x200;
	*ph(1) = (struct elf64_phdr){ .p_type = PT_LOAD,
		                      .p_flags = PF_R,
		                      .p_offset = 0x1000,
		                      .p_vaddr = U + 0x100,
		                      .p_filesz = 0x10,
		                      .p_memsz = 0x10 };
}
static void too_big(void)
{
	ph(1)->p_memsz = 0x40000000; /* 1 GiB */
}

static void test_malformed_images(void)
{
	static const struct bad_case cases[] = {
		{ "truncated header", truncated, ELF_ETRUNC },
		{ "empty file", empty, ELF_EEMPTY },
		{ "bad magic", bad_magic, ELF_EMAGIC },
		{ "ELF32", elf32, ELF_ECLASS32 },
		{ "ELF32, only its header", short_elf32, ELF_ECLASS32 },
		{ "PT_INTERP", dynamic, ELF_EINTERP },
		{ "writable code", writable_code, ELF_EWX },
		{ "executable stack", exec_stack, ELF_EEXECSTACK },
		{ "big-endian", big_endian, ELF_EFORMAT },
		{ "version 2", bad_version, ELF_EFORMAT },
		{ "ET_REL", relocatable, ELF_ETYPE },
		{ "aarch64", aarch64, ELF_EMACHINE },
		{ "phentsize 32", bad_phentsize, ELF_EPHDR },
		{ "no program headers", no_phdrs, ELF_EPHDR },
		{ "headers past the end", phdrs_past_end, ELF_EPHDR },
		{ "phoff wraps", phoff_wraps, ELF_EPHDR },
		{ "filesz > memsz", filesz_gt_memsz, ELF_ESEGMENT },
		{ "bytes past the end", bytes_past_end, ELF_ESEGMENT },
		{ "offset wraps", offset_wraps, ELF_ESEGMENT },
		{ "segment in the kernel", into_kernel, ELF_EADDR },
		{ "segment below user", below_user, ELF_EADDR },
		{ "segment past user end", past_user_end, ELF_EADDR },
		{ "vaddr wraps", vaddr_wraps, ELF_EADDR },
		{ "no PT_LOAD", no_load, ELF_ENOLOAD },
		{ "entry in data", entry_in_data, ELF_EENTRY },
		{ "entry in a gap", entry_nowhere, ELF_EENTRY },
		{ "1 GiB of bss", too_big, ELF_ENOMEM },
		{ "entry in .bss", entry_in_bss, ELF_EENTRYBSS },
		{ "PT_LOADs overlap", overlapping, ELF_EOVERLAP },
		{ "PT_LOADs out of order", out_of_order, ELF_EOVERLAP },
		{ "RW and RX segments share a page", wx_page, ELF_EWX },
		{ "RX, R, RW sharing one page", wx_page_via_third, ELF_EWX },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t entry = 0xdead;
		int err;

		make_good();
		cases[i].spoil();
		err = load(&entry);
		if (err != cases[i].err)
			fprintf(stderr, "\n  %s: got %d (%s), want %d\n", cases[i].what, err,
			        elf_error_string(err), cases[i].err);
		CU_ASSERT_EQUAL(err, cases[i].err);
		CU_ASSERT_EQUAL(as.pages, 0); /* checked before mapping */
		CU_ASSERT_EQUAL(entry, 0xdead);
		done();
	}
}

static void test_error_strings(void)
{
	for (int e = ELF_OK; e >= ELF_ELAST; e--)
		CU_ASSERT_STRING_NOT_EQUAL(elf_error_string(e), "unknown error");
	CU_ASSERT_STRING_EQUAL(elf_error_string(ELF_ELAST - 1), "unknown error");
	CU_ASSERT_STRING_EQUAL(elf_error_string(ELF_EINTERP),
	                       "dynamically linked: build with -static");
	CU_ASSERT_STRING_EQUAL(elf_error_string(3), "unknown error");
}

/* The user programs the build embeds in guest.elf (run from the top dir). */
static void test_real_programs(void)
{
	static const char *const names[] = { "probe", "spin", "syscalls", "fault" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char path[128];
		FILE *f;
		uint64_t entry;

		snprintf(path, sizeof(path), "build/guest/user/stripped/%s.elf", names[i]);
		f = fopen(path, "rb");
		if (!f) {
			fprintf(stderr, "\n  %s missing: run make first\n", path);
			CU_FAIL("user program missing");
			continue;
		}
		image_size = fread(image, 1, sizeof(image), f);
		CU_ASSERT_TRUE(feof(f)); /* fits in the buffer */
		fclose(f);
		CU_ASSERT_EQUAL(load(&entry), ELF_OK);
		CU_ASSERT_EQUAL(entry, LDE_PROGRAM_BASE); /* _start, first in .text */
		CU_ASSERT_PTR_NOT_NULL(uvm_kaddr(&as, entry, PTE_U));
		done();
	}
}

int suite_kernel_elf(void)
{
	static const struct unit_test tests[] = {
#define T(fn) { #fn, fn }
		T(test_good_image),
		T(test_static_pie),
		T(test_segments_share_a_page),
		T(test_ignores_other_headers),
		T(test_malformed_images),
		T(test_error_strings),
		T(test_real_programs),
#undef T
	};
	return add_suite("kernel_elf", suite_init, suite_clean, NULL, NULL, tests,
	                 sizeof(tests) / sizeof(tests[0]));
}
