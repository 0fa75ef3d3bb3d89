/* SPDX-License-Identifier: MIT */
/*
 * elf_load(): one test per accepted or refused image.  Guest RAM is filled
 * with 0xAA before every test; a refused image must leave all of it 0xAA
 * (no partial boot), an accepted one must change only its segments.
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "../../host/elf_load.h"
#include "elf_builder.h"
#include "lde/abi.h"
#include "suites.h"

#define MIB (1024ULL * 1024ULL)
#define GUEST_SIZE (64 * MIB)
#define TEXT 0x100000ULL /* the standard image: R+X text here... */
#define TEXT_SIZE 0x300ULL
#define DATA 0x102000ULL /* ...and R+W data with a .bss tail here */
#define DATA_FILESZ 0x80ULL
#define DATA_MEMSZ 0x2000ULL
#define ENTRY (TEXT + 0x10)
#define FILL 0xAA

static struct guest_mem gm;
static struct elf_image img;
static char err[256];

/* ------------------------------------------------------------ fixture */

static int suite_init(void)
{
	return guest_mem_init(&gm, GUEST_SIZE) < 0 ? -1 : 0;
}

static int suite_clean(void)
{
	guest_mem_free(&gm);
	return 0;
}

static void fill_guest(void)
{
	memset(gm.region[0].host, FILL, gm.region[0].size);
}

/* Is guest RAM [gpa, gpa + len) of M still all FILL? */
static bool untouched(const struct guest_mem *m, uint64_t gpa, uint64_t len)
{
	static uint8_t page[4096];
	const uint8_t *p = guest_ptr(m, gpa, len);

	if (!p)
		return false;
	if (page[0] != FILL)
		memset(page, FILL, sizeof(page));
	for (uint64_t off = 0; off < len; off += sizeof(page)) {
		uint64_t n = len - off < sizeof(page) ? len - off : sizeof(page);
		if (memcmp(p + off, page, n) != 0)
			return false;
	}
	return true;
}

static bool all_untouched(void)
{
	return untouched(&gm, 0, GUEST_SIZE);
}

static int load_path(const char *path, const struct guest_mem *m)
{
	memset(err, 0x7F, sizeof(err) - 1);
	err[sizeof(err) - 1] = '\0';
	memset(&img, 0x5A, sizeof(img));
	return elf_load(path, m, LDE_RESERVED_END, &img, err, sizeof(err));
}

static int load_in(struct elfb *b, const struct guest_mem *m)
{
	const char *path = elfb_write(b);

	CU_ASSERT_PTR_NOT_NULL_FATAL(path);
	return load_path(path, m);
}

static int load(struct elfb *b)
{
	return load_in(b, &gm);
}

/* The standard valid image: text (segment 0) and data+.bss (segment 1). */
static struct elfb *std_image(void)
{
	struct elfb *b = elfb_new();

	elfb_add_load(b, TEXT, TEXT, TEXT_SIZE, TEXT_SIZE, PF_R | PF_X, NULL);
	elfb_add_load(b, DATA, DATA, DATA_FILESZ, DATA_MEMSZ, PF_R | PF_W, NULL);
	elfb_set_entry(b, ENTRY);
	return b;
}

/*
 * A refusal: -1, one line containing WANT, no "vmm:" prefix, no path,
 * and guest RAM untouched.  Reported at the caller's line.
 */
static void check_refused(int ret, const char *want, bool check_ram, int line)
{
	bool ok_msg = strstr(err, want) != NULL;

	CU_assertImplementation(ret == -1, (unsigned)line, "elf_load() == -1", __FILE__, "",
	                        CU_FALSE);
	CU_assertImplementation(ok_msg, (unsigned)line, "message contains the expected text",
	                        __FILE__, "", CU_FALSE);
	if (!ok_msg)
		fprintf(stderr, "\n  line %d: want \"%s\" in \"%s\"\n", line, want, err);
	CU_assertImplementation(
		err[0] && !strchr(err, '\n') && !strstr(err, "vmm:") && !strstr(err, "lde-elf-"),
		(unsigned)line, "one line, no prefix, no path", __FILE__, "", CU_FALSE);
	if (check_ram)
		CU_assertImplementation(all_untouched(), (unsigned)line, "guest memory untouched",
		                        __FILE__, "", CU_FALSE);
}

#define REFUSED(ret, want) check_refused((ret), (want), true, __LINE__)

/* Load B, expect a refusal mentioning WANT, free B. */
#define REFUSE_IMAGE(b, want)                                    \
	do {                                                     \
		struct elfb *b_ = (b);                           \
		check_refused(load(b_), (want), true, __LINE__); \
		elfb_free(b_);                                   \
	} while (0)

/* ------------------------------------------------------- valid images */

static void test_valid_image(void)
{
	struct elfb *b = std_image();
	const uint8_t *text, *data;
	uint64_t end = DATA + DATA_MEMSZ;

	/* An empty PT_LOAD occupies nothing, even inside the boot area. */
	elfb_add_load(b, 0, 0, 0, 0, PF_R, NULL);
	CU_ASSERT_EQUAL_FATAL(load(b), 0);
	CU_ASSERT_STRING_EQUAL(err, "");
	CU_ASSERT_EQUAL(img.entry, ENTRY);
	CU_ASSERT_FALSE(img.pvh);
	CU_ASSERT_EQUAL(img.load_start, TEXT);
	CU_ASSERT_EQUAL(img.load_end, end);
	CU_ASSERT_EQUAL(img.low_end, end);
	CU_ASSERT_EQUAL(img.nsegments, 2);

	text = guest_ptr(&gm, TEXT, TEXT_SIZE);
	data = guest_ptr(&gm, DATA, DATA_MEMSZ);
	for (uint64_t i = 0; i < TEXT_SIZE; i++)
		if (text[i] != elfb_pattern(0, i))
			CU_FAIL_FATAL("text bytes differ");
	for (uint64_t i = 0; i < DATA_FILESZ; i++)
		if (data[i] != elfb_pattern(1, i))
			CU_FAIL_FATAL("data bytes differ");
	for (uint64_t i = DATA_FILESZ; i < DATA_MEMSZ; i++)
		if (data[i] != 0)
			CU_FAIL_FATAL(".bss not zeroed");
	/* Nothing else was written. */
	CU_ASSERT(untouched(&gm, 0, TEXT));
	CU_ASSERT(untouched(&gm, TEXT + TEXT_SIZE, DATA - TEXT - TEXT_SIZE));
	CU_ASSERT(untouched(&gm, end, GUEST_SIZE - end));
	elfb_free(b);
}

/* Linked high (vaddr != paddr); the PVH note's physical entry is what is
 * checked, not the virtual e_entry. */
static void test_valid_pvh_image(void)
{
	const uint64_t high = 0xffffffff80000000ULL;
	struct elfb *b = elfb_new();

	elfb_add_pvh_note(b, TEXT + 0x20, 4);
	elfb_add_load(b, TEXT, high + TEXT, TEXT_SIZE, 0x1000, PF_R | PF_X, NULL);
	elfb_set_entry(b, high + TEXT + 0x40);
	CU_ASSERT_EQUAL_FATAL(load(b), 0);
	CU_ASSERT_TRUE(img.pvh);
	CU_ASSERT_EQUAL(img.pvh_entry, TEXT + 0x20);
	CU_ASSERT_EQUAL(img.entry, high + TEXT + 0x40);
	CU_ASSERT_EQUAL(img.nsegments, 1);
	CU_ASSERT_EQUAL(*(uint8_t *)guest_ptr(&gm, TEXT + 5, 1), elfb_pattern(1, 5));
	CU_ASSERT_EQUAL(*(uint8_t *)guest_ptr(&gm, TEXT + TEXT_SIZE, 1), 0);
	elfb_free(b);
}

/* 8-byte descriptor (a 32-bit entry, zero-extended), after another note. */
static void test_valid_pvh_note_8_bytes(void)
{
	struct elfb *b = std_image();
	uint8_t notes[128];
	size_t len = 0;
	uint64_t entry = TEXT + 0x80;
	uint8_t gnu[16] = { 1, 2, 3 };

	elfb_note(notes, &len, "GNU", 5, gnu, sizeof(gnu));
	elfb_note(notes, &len, "Xen", XEN_ELFNOTE_PHYS32_ENTRY, &entry, 8);
	elfb_add_note_bytes(b, notes, len);
	CU_ASSERT_EQUAL_FATAL(load(b), 0);
	CU_ASSERT_TRUE(img.pvh);
	CU_ASSERT_EQUAL(img.pvh_entry, TEXT + 0x80);
	elfb_free(b);
}

/*
 * A PT_NOTE with p_align 8, as gcc -fcf-protection makes for
 * .note.gnu.property: a descriptor starts at the next multiple of 8 after
 * the 12-byte header and the name (offset 16 for "GNU", 24 for a 5-byte
 * name), not at 12 + the name's size rounded up to 8.
 */
static void test_valid_notes_8_aligned(void)
{
	struct elfb *b = std_image();
	uint8_t notes[256];
	size_t len = 0;
	uint32_t prop[4] = { 0xc0000002, 4, 3, 0 }; /* x86 feature: IBT, SHSTK */
	uint8_t odd[3] = { 9, 9, 9 };
	uint64_t entry = TEXT + 0x40;
	unsigned seg;

	elfb_note_aligned(notes, &len, "GNU", 5, prop, sizeof(prop), 8);
	elfb_note_aligned(notes, &len, "Odd1", 7, odd, sizeof(odd), 8);
	elfb_note_aligned(notes, &len, "Xen", XEN_ELFNOTE_PHYS32_ENTRY, &entry, 8, 8);
	seg = elfb_add_note_bytes(b, notes, len);
	elfb_phdr(b, seg)->p_align = 8;
	CU_ASSERT_EQUAL_FATAL(load(b), 0);
	CU_ASSERT_STRING_EQUAL(err, "");
	CU_ASSERT_TRUE(img.pvh);
	CU_ASSERT_EQUAL(img.pvh_entry, TEXT + 0x40);
	elfb_free(b);
}

/* The same PVH entry twice (say, in two PT_NOTEs) is not a conflict. */
static void test_valid_pvh_note_repeated(void)
{
	struct elfb *b = std_image();

	elfb_add_pvh_note(b, TEXT + 0x20, 4);
	elfb_add_pvh_note(b, TEXT + 0x20, 8);
	CU_ASSERT_EQUAL_FATAL(load(b), 0);
	CU_ASSERT_EQUAL(img.pvh_entry, TEXT + 0x20);
	elfb_free(b);
}

/* The kernel's configuration note (abi.h section 8), as the lde kernel's. */
static const struct lde_kconfig good_kconfig = {
	.version = LDE_KCONFIG_VERSION,
	.hz = 250,
	.slice_ticks = 3,
	.timer = LDE_TIMER_TSC_DEADLINE,
	.sched = LDE_SCHED_ROUND_ROBIN,
	.digest = { '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e',
	            'f' },
};

static int load_kconfig(const struct lde_kconfig *k, size_t size, int times)
{
	struct elfb *b = std_image();
	uint8_t notes[256];
	size_t len = 0;
	int ret;

	for (int i = 0; i < times; i++)
		elfb_note(notes, &len, LDE_NOTE_NAME, LDE_NOTE_KCONFIG, k, size);
	elfb_add_note_bytes(b, notes, len);
	ret = load(b);
	elfb_free(b);
	return ret;
}

static void test_kconfig_note(void)
{
	CU_ASSERT_EQUAL_FATAL(load_kconfig(&good_kconfig, sizeof(good_kconfig), 1), 0);
	CU_ASSERT_TRUE(img.has_kconfig);
	CU_ASSERT_EQUAL(img.kconfig.hz, 250);
	CU_ASSERT_EQUAL(img.kconfig.slice_ticks, 3);
	CU_ASSERT_EQUAL(img.kconfig.timer, LDE_TIMER_TSC_DEADLINE);
	CU_ASSERT_EQUAL(memcmp(img.kconfig.digest, "0123456789abcdef", 16), 0);
}

/* Each field the trace shows is checked: a bad one refuses the image. */
static void test_kconfig_note_malformed(void)
{
	static const struct {
		const char *why;
		uint32_t value; /* of version, hz, slice_ticks, timer, sched in turn */
	} bad[] = {
		{ "unknown version", 2 },         { "hz outside 1-100000", 0 },
		{ "a time slice of 0 ticks", 0 }, { "unknown timer mode", 4 },
		{ "unknown scheduler", 0 },
	};
	struct lde_kconfig k;
	char want[160];

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint32_t *fields[] = { &k.version, &k.hz, &k.slice_ticks, &k.timer, &k.sched };

		k = good_kconfig;
		*fields[i] = bad[i].value;
		snprintf(want, sizeof(want), "segment 2: malformed lde configuration note: %s",
		         bad[i].why);
		REFUSED(load_kconfig(&k, sizeof(k), 1), want);
	}
	k = good_kconfig;
	k.digest[3] = 'G';
	REFUSED(load_kconfig(&k, sizeof(k), 1), "segment 2: malformed lde configuration note: "
	                                        "digest is not 16 lower-case hex digits");
	REFUSED(load_kconfig(&good_kconfig, sizeof(good_kconfig) - 4, 1),
	        "segment 2: malformed lde configuration note: descriptor is not the 40 bytes "
	        "of struct lde_kconfig");
	REFUSED(load_kconfig(&good_kconfig, sizeof(good_kconfig), 2),
	        "segment 2: a second lde configuration note");
}

/* Guest RAM above 3 GiB lives above 4 GiB; a segment may load there. */
static void test_valid_above_4g(void)
{
	struct guest_mem big;
	struct elfb *b = elfb_new();
	const uint64_t hi = LDE_MMIO_HOLE_END + 0x1000;
	uint8_t *p;

	CU_ASSERT_EQUAL_FATAL(guest_mem_init(&big, LDE_MMIO_HOLE_START + 16 * MIB), 0);
	elfb_add_load(b, TEXT, TEXT, 0x10, 0x10, PF_R | PF_X, NULL);
	elfb_add_load(b, hi, hi, 0x100, 0x200, PF_R | PF_W, NULL);
	elfb_set_entry(b, TEXT);
	p = guest_ptr(&big, hi, 0x200);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	memset(p, FILL, 0x200);
	CU_ASSERT_EQUAL(load_in(b, &big), 0);
	CU_ASSERT_EQUAL(p[0xff], elfb_pattern(1, 0xff));
	CU_ASSERT_EQUAL(p[0x100], 0);
	CU_ASSERT_EQUAL(p[0x1ff], 0);
	CU_ASSERT_EQUAL(img.load_end, hi + 0x200);
	CU_ASSERT_EQUAL(img.low_end, TEXT + 0x10); /* below 3 GiB: the text only */
	CU_ASSERT_EQUAL(img.nlow, 1);
	CU_ASSERT_EQUAL(img.low[0].start, TEXT);
	CU_ASSERT_EQUAL(img.low[0].end, TEXT + 0x10);
	elfb_free(b);
	guest_mem_free(&big);
}

/*
 * Where the segments lie, for the vmm's placement around them: one range
 * each, by address whatever the header order; past ELF_IMAGE_MAX_RANGES the
 * last range covers the rest.
 */
static void test_low_ranges(void)
{
	struct elfb *b = elfb_new();
	const unsigned n = ELF_IMAGE_MAX_RANGES + 3;

	for (unsigned i = n; i-- > 0;) /* header order: highest first */
		elfb_add_load(b, TEXT + i * 0x2000, TEXT + i * 0x2000, 0x10, 0x100,
		              PF_R | (i ? 0 : PF_X), NULL);
	elfb_set_entry(b, TEXT);
	CU_ASSERT_EQUAL_FATAL(load(b), 0);
	CU_ASSERT_EQUAL(img.nlow, ELF_IMAGE_MAX_RANGES);
	for (unsigned i = 0; i + 1 < ELF_IMAGE_MAX_RANGES; i++) {
		CU_ASSERT_EQUAL(img.low[i].start, TEXT + i * 0x2000);
		CU_ASSERT_EQUAL(img.low[i].end, TEXT + i * 0x2000 + 0x100);
	}
	CU_ASSERT_EQUAL(img.low[ELF_IMAGE_MAX_RANGES - 1].start,
	                TEXT + (ELF_IMAGE_MAX_RANGES - 1) * 0x2000);
	CU_ASSERT_EQUAL(img.low[ELF_IMAGE_MAX_RANGES - 1].end, TEXT + (n - 1) * 0x2000 + 0x100);
	elfb_free(b);
}

/* ------------------------------------------------------ file problems */

static void test_missing_file(void)
{
	REFUSED(load_path("/nonexistent/lde/guest.elf", &gm), strerror(ENOENT));
}

static void test_directory(void)
{
	const char *dir = getenv("TMPDIR");

	REFUSED(load_path(dir && *dir ? dir : "/tmp", &gm), strerror(EISDIR));
}

static void test_empty_file(void)
{
	char *path = elfb_write_raw("", 0);

	CU_ASSERT_PTR_NOT_NULL_FATAL(path);
	REFUSED(load_path(path, &gm), "empty file");
	unlink(path);
	free(path);
}

static void test_not_elf(void)
{
	static const char text[] = "#!/bin/sh\necho this is not a kernel\n";
	char *path = elfb_write_raw(text, sizeof(text) - 1);

	CU_ASSERT_PTR_NOT_NULL_FATAL(path);
	REFUSED(load_path(path, &gm), "not an ELF file");
	unlink(path);
	free(path);
}

/* A Linux bzImage (boot protocol magic "HdrS" at 0x202): the message says
 * what to boot instead. */
static void test_bzimage(void)
{
	static char image[0x400];
	char *path;

	memcpy(image + 0x1fe, "\x55\xaa", 2);
	memcpy(image + 0x202, "HdrS", 4);
	path = elfb_write_raw(image, sizeof(image));
	CU_ASSERT_PTR_NOT_NULL_FATAL(path);
	REFUSED(load_path(path, &gm), "not an ELF file but a Linux bzImage; the vmm boots ELF64 "
	                              "kernels: give it the vmlinux, or a kernel with a PVH note");
	unlink(path);
	free(path);
}

/* Only meaningful without CAP_DAC_OVERRIDE (root reads mode-000 files). */
static void test_unreadable_file(void)
{
	struct elfb *b = std_image();
	const char *path = elfb_write(b);

	CU_ASSERT_PTR_NOT_NULL_FATAL(path);
	chmod(path, 0);
	if (geteuid() != 0)
		REFUSED(load_path(path, &gm), strerror(EACCES));
	elfb_free(b);
}

/* ---------------------------------------------------------- headers */

static void test_truncated_header(void)
{
	struct elfb *b = std_image();

	elfb_truncate(b, 40); /* ident intact, rest of the ELF64 header cut */
	REFUSE_IMAGE(b, "truncated ELF header");
	b = std_image();
	elfb_truncate(b, 10); /* ELF magic, partial e_ident */
	REFUSE_IMAGE(b, "truncated ELF header");
}

static void test_truncated_phdrs(void)
{
	struct elfb *b = std_image();

	/* Header and one and a half program headers. */
	elfb_truncate(b, sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr) * 3 / 2);
	REFUSE_IMAGE(b, "truncated program headers");
	/* e_phoff past the end of the file. */
	b = std_image();
	elfb_ehdr(b)->e_phoff = 1ULL << 40;
	REFUSE_IMAGE(b, "truncated program headers");
	/* e_phoff + size wraps around. */
	b = std_image();
	elfb_ehdr(b)->e_phoff = UINT64_MAX - 8;
	REFUSE_IMAGE(b, "truncated program headers");
}

static void test_bad_phdr_table(void)
{
	struct elfb *b = std_image();

	elfb_ehdr(b)->e_phoff = 0;
	REFUSE_IMAGE(b, "program headers at offset 0x0 overlap the ELF header");
	b = std_image();
	elfb_ehdr(b)->e_phentsize = 32;
	REFUSE_IMAGE(b, "program header entry size is 32; ELF64 needs 56");
}

static void test_wrong_class(void)
{
	struct elfb *b = elfb_new();

	elfb_set_class(b, ELFCLASS32);
	elfb_set_machine(b, EM_386);
	elfb_add_load(b, TEXT, TEXT, 0x100, 0x100, PF_R | PF_X, NULL);
	elfb_set_entry(b, TEXT);
	REFUSE_IMAGE(b, "ELF32 image; lde needs ELF64");
}

static void test_big_endian(void)
{
	struct elfb *b = std_image();

	elfb_set_data(b, ELFDATA2MSB);
	REFUSE_IMAGE(b, "big-endian");
}

static void test_wrong_machine(void)
{
	struct elfb *b = std_image();

	elfb_set_machine(b, EM_AARCH64);
	REFUSE_IMAGE(b, "image is for AArch64");
	b = std_image();
	elfb_set_machine(b, EM_386);
	REFUSE_IMAGE(b, "i386");
	b = std_image();
	elfb_set_machine(b, 0x4242);
	REFUSE_IMAGE(b, "machine 16962; lde needs x86-64");
}

static void test_type_dyn(void)
{
	struct elfb *b = std_image();

	elfb_set_type(b, ET_DYN);
	REFUSE_IMAGE(b,
	             "position-independent (ET_DYN) images are not supported; link with -no-pie");
}

static void test_type_rel(void)
{
	struct elfb *b = std_image();

	elfb_set_type(b, ET_REL);
	REFUSE_IMAGE(b, "relocatable object (ET_REL)");
}

static void test_no_load_segments(void)
{
	struct elfb *b = elfb_new();

	elfb_add_pvh_note(b, TEXT, 4);
	REFUSE_IMAGE(b, "no PT_LOAD segments");
	b = elfb_new(); /* no program headers at all */
	REFUSE_IMAGE(b, "no PT_LOAD segments");
}

/* --------------------------------------------------------- segments */

static void test_overlapping_segments(void)
{
	struct elfb *b = std_image();

	/* Segment 2 overlaps the end of the text (segment 0). */
	elfb_add_load(b, TEXT + TEXT_SIZE - 0x10, TEXT + 0x10000, 0x20, 0x20, PF_R, NULL);
	REFUSE_IMAGE(b, "segments 0 and 2 overlap");
	/* A .bss tail overlapping the next segment counts too. */
	b = std_image();
	elfb_add_load(b, DATA + DATA_MEMSZ - 1, DATA + DATA_MEMSZ - 1, 0, 0x100, PF_R, NULL);
	REFUSE_IMAGE(b, "segments 1 and 2 overlap");
}

static void test_segment_past_guest_memory(void)
{
	struct elfb *b = std_image();
	struct guest_mem odd;

	/* The hint: RAM for the segment's end rounded up to a MiB, plus 1 MiB
	 * (the trace ring goes above the image). */
	elfb_phdr(b, 1)->p_paddr = GUEST_SIZE - 0x1000; /* memsz 0x2000 */
	CU_ASSERT_EQUAL(load(b), -1);
	CU_ASSERT_STRING_EQUAL(err, "segment 1 ends past guest memory (64 MiB): "
	                            "give the guest more, e.g. --mem 66M");
	CU_ASSERT(all_untouched());
	/* Entirely past the end, beyond any --mem: no hint. */
	elfb_phdr(b, 1)->p_paddr = 1ULL << 40;
	CU_ASSERT_EQUAL(load(b), -1);
	CU_ASSERT_STRING_EQUAL(err, "segment 1 ends past guest memory (64 MiB)");
	CU_ASSERT(all_untouched());
	/* Not a whole number of MiB: bytes. */
	CU_ASSERT_EQUAL_FATAL(guest_mem_init(&odd, GUEST_SIZE + 4096), 0);
	elfb_phdr(b, 1)->p_paddr = GUEST_SIZE;
	CU_ASSERT_EQUAL(load_in(b, &odd), -1);
	CU_ASSERT_STRING_EQUAL(err, "segment 1 ends past guest memory (67112960 bytes): "
	                            "give the guest more, e.g. --mem 66M");
	guest_mem_free(&odd);
	elfb_free(b);
}

/* A segment across the MMIO hole is in neither RAM region. */
static void test_segment_across_ram_regions(void)
{
	struct guest_mem big;
	struct elfb *b = std_image();
	const uint64_t at = LDE_MMIO_HOLE_START - 0x1000;

	CU_ASSERT_EQUAL_FATAL(guest_mem_init(&big, LDE_MMIO_HOLE_START + 16 * MIB), 0);
	memset(guest_ptr(&big, at, 0x1000), FILL, 0x1000);
	elfb_phdr(b, 1)->p_paddr = at; /* memsz 0x2000 */
	CU_ASSERT_EQUAL(load_in(b, &big), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(
		err,
		"segment 1 [0xbffff000, 0xc0001000) does not lie inside one guest RAM region"));
	CU_ASSERT(untouched(&big, at, 0x1000));
	/* ...and so is a segment inside the hole. */
	elfb_phdr(b, 1)->p_paddr = LDE_MMIO_HOLE_START + 0x1000;
	CU_ASSERT_EQUAL(load_in(b, &big), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "does not lie inside one guest RAM region"));
	elfb_free(b);
	guest_mem_free(&big);
}

static void test_vaddr_overflow(void)
{
	struct elfb *b = std_image();

	elfb_phdr(b, 1)->p_vaddr = UINT64_MAX - 0xfff; /* + memsz 0x2000 */
	REFUSE_IMAGE(
		b, "segment 1: virtual address 0xfffffffffffff000 + size 0x2000 overflows 64 bits");
}

static void test_paddr_overflow(void)
{
	struct elfb *b = std_image();

	elfb_phdr(b, 1)->p_paddr = UINT64_MAX - 0xfff;
	REFUSE_IMAGE(
		b,
		"segment 1: physical address 0xfffffffffffff000 + size 0x2000 overflows 64 bits");
	b = std_image();
	elfb_phdr(b, 0)->p_memsz = UINT64_MAX; /* paddr 0x100000 + ~0 */
	REFUSE_IMAGE(b, "segment 0: physical address 0x100000 + size 0xffffffffffffffff overflows");
}

static void test_filesz_above_memsz(void)
{
	struct elfb *b = std_image();

	elfb_phdr(b, 0)->p_memsz = TEXT_SIZE - 1;
	REFUSE_IMAGE(b, "segment 0: file size 0x300 exceeds memory size 0x2ff");
}

static void test_file_bytes_past_eof(void)
{
	struct elfb *b = std_image();
	size_t len;

	elfb_bytes(b, &len);
	elfb_phdr(b, 1)->p_offset = len - DATA_FILESZ + 1;
	REFUSE_IMAGE(b, "segment 1: file bytes at offset");
	b = std_image();
	elfb_truncate(b, elfb_offset(b, 1) + DATA_FILESZ - 1);
	REFUSE_IMAGE(b, "run past the end of the file");
	/* p_offset + p_filesz wraps around. */
	b = std_image();
	elfb_phdr(b, 1)->p_offset = UINT64_MAX - 0x10;
	REFUSE_IMAGE(
		b,
		"segment 1: file bytes at offset 0xffffffffffffffef + 0x80 run past the end of the file");
}

static void test_segment_in_reserved_area(void)
{
	struct elfb *b = std_image();

	elfb_phdr(b, 1)->p_paddr = 0x8000;
	REFUSE_IMAGE(
		b,
		"segment 1 starts at 0x8000, inside the vmm's reserved boot area [0x0, 0x10000)");
	/* Straddling its end is no better. */
	b = std_image();
	elfb_phdr(b, 1)->p_paddr = LDE_RESERVED_END - 0x1000;
	REFUSE_IMAGE(b, "reserved boot area");
}

/* ------------------------------------------------------------ entry */

static void test_entry_outside_segments(void)
{
	struct elfb *b = std_image();

	elfb_set_entry(b, 0x500000);
	REFUSE_IMAGE(b, "entry point 0x500000 is not inside any loaded executable segment");
	b = std_image();
	elfb_set_entry(b, TEXT + TEXT_SIZE); /* one past the text */
	REFUSE_IMAGE(b, "is not inside any loaded executable segment");
	b = std_image();
	elfb_set_entry(b, DATA + 0x10); /* data is not executable */
	REFUSE_IMAGE(b, "entry point 0x102010 is in segment 1, which is not executable");
}

/* The 64-bit entry's identity map ends at 4 GiB: code above it can be
 * loaded, but not entered. */
static void test_entry_above_4g(void)
{
	struct guest_mem big;
	struct elfb *b = elfb_new();
	const uint64_t hi = LDE_MMIO_HOLE_END + 0x1000;

	CU_ASSERT_EQUAL_FATAL(guest_mem_init(&big, LDE_MMIO_HOLE_START + 16 * MIB), 0);
	elfb_add_load(b, hi, hi, 0x100, 0x100, PF_R | PF_X, NULL);
	elfb_set_entry(b, hi);
	check_refused(load_in(b, &big), "entry point 0x100001000 is above 4 GiB", true, __LINE__);
	elfb_free(b);
	guest_mem_free(&big);
}

/* With a PVH note, its entry is checked even when e_entry is fine. */
static void test_pvh_entry_outside_segments(void)
{
	struct elfb *b = std_image();

	elfb_add_pvh_note(b, 0x900000, 4);
	REFUSE_IMAGE(b, "PVH entry 0x900000 is not inside any loaded executable segment");
}

/* An entry in the zero-filled tail of an executable segment would run zeros. */
static void test_entry_in_zero_filled_part(void)
{
	struct elfb *b = elfb_new();

	elfb_add_load(b, TEXT, TEXT, 0x300, 0x1000, PF_R | PF_X, NULL);
	elfb_add_pvh_note(b, TEXT + 0x800, 4);
	elfb_set_entry(b, TEXT);
	REFUSE_IMAGE(b, "PVH entry 0x100800 is not in the file-backed part of any executable "
	                "PT_LOAD (it is in the zero-filled part of segment 0)");
	b = elfb_new();
	elfb_add_load(b, TEXT, TEXT, 0x300, 0x1000, PF_R | PF_X, NULL);
	elfb_set_entry(b, TEXT + 0x300); /* the first zero-filled byte */
	REFUSE_IMAGE(b, "entry point 0x100300 is not in the file-backed part of any executable "
	                "PT_LOAD");
	b = elfb_new();
	elfb_add_load(b, TEXT, TEXT, 0, 0x1000, PF_R | PF_X, NULL); /* all .bss */
	elfb_set_entry(b, TEXT);
	REFUSE_IMAGE(b, "not in the file-backed part");
}

/* ------------------------------------------------------------ notes */

static struct elfb *image_with_notes(const void *notes, size_t len)
{
	struct elfb *b = std_image();

	elfb_add_note_bytes(b, notes, len);
	return b;
}

static void test_pvh_note_bad_descsz(void)
{
	struct elfb *b = std_image();

	elfb_add_pvh_note(b, TEXT, 2);
	REFUSE_IMAGE(
		b,
		"segment 2: malformed PVH note (Xen PHYS32_ENTRY): descriptor is 2 bytes, expected 4 or 8");
	b = std_image();
	elfb_add_pvh_note(b, TEXT, 12);
	REFUSE_IMAGE(b, "descriptor is 12 bytes, expected 4 or 8");
}

/* Two PVH entry notes that disagree: neither is the right one. */
static void test_pvh_notes_conflicting(void)
{
	struct elfb *b = std_image();
	uint8_t notes[64];
	size_t len = 0;
	uint32_t e1 = TEXT + 0x10, e2 = TEXT + 0x20;

	elfb_note(notes, &len, "Xen", XEN_ELFNOTE_PHYS32_ENTRY, &e1, 4);
	elfb_note(notes, &len, "Xen", XEN_ELFNOTE_PHYS32_ENTRY, &e2, 4);
	elfb_add_note_bytes(b, notes, len);
	REFUSE_IMAGE(b, "conflicting PVH entry notes: 0x100010 (segment 2) and 0x100020 "
	                "(segment 2)");
	b = std_image(); /* in two PT_NOTE segments */
	elfb_add_pvh_note(b, TEXT + 0x10, 4);
	elfb_add_pvh_note(b, TEXT + 0x20, 8);
	REFUSE_IMAGE(b, "conflicting PVH entry notes: 0x100010 (segment 2) and 0x100020 "
	                "(segment 3)");
}

/* The entry is a 32-bit address: an 8-byte descriptor must not truncate. */
static void test_pvh_note_above_4g(void)
{
	struct elfb *b = std_image();

	elfb_add_pvh_note(b, 0x100000000ULL | TEXT, 8);
	REFUSE_IMAGE(b, "segment 2: malformed PVH note (Xen PHYS32_ENTRY): entry 0x100100000 "
	                "does not fit in 32 bits");
}

static void test_note_truncated_header(void)
{
	uint8_t notes[32];
	size_t len = 0;
	uint32_t entry = TEXT;

	elfb_note(notes, &len, "Xen", XEN_ELFNOTE_PHYS32_ENTRY, &entry, 4);
	REFUSE_IMAGE(image_with_notes(notes, 8), "malformed note: truncated note header");
	/* A good note followed by 4 stray bytes. */
	memset(notes + len, 0, 4);
	REFUSE_IMAGE(image_with_notes(notes, len + 4), "truncated note header");
}

static void test_note_name_past_end(void)
{
	uint8_t notes[32];
	size_t len = 0;
	uint32_t entry = TEXT;

	elfb_note(notes, &len, "Xen", XEN_ELFNOTE_PHYS32_ENTRY, &entry, 4);
	notes[0] = 0xf0; /* namesz 0xfffffff0: aligning must not wrap */
	notes[1] = notes[2] = notes[3] = 0xff;
	REFUSE_IMAGE(image_with_notes(notes, len),
	             "malformed note: name (4294967280 bytes) runs past the end");
	notes[0] = 4;
	notes[1] = notes[2] = notes[3] = 0;
	REFUSE_IMAGE(image_with_notes(notes, 14), "name (4 bytes) runs past the end");
}

static void test_note_desc_past_end(void)
{
	uint8_t notes[32];
	size_t len = 0;
	uint32_t entry = TEXT;

	elfb_note(notes, &len, "Xen", XEN_ELFNOTE_PHYS32_ENTRY, &entry, 4);
	REFUSE_IMAGE(image_with_notes(notes, len - 2),
	             "malformed note: descriptor (4 bytes) runs past the end");
	memset(notes + 4, 0xff, 4); /* descsz 0xffffffff */
	REFUSE_IMAGE(image_with_notes(notes, len),
	             "descriptor (4294967295 bytes) runs past the end");
}

static void test_note_segment_past_eof(void)
{
	struct elfb *b = std_image();

	elfb_add_pvh_note(b, TEXT, 4);
	elfb_phdr(b, 2)->p_offset = UINT64_MAX - 4;
	REFUSE_IMAGE(b, "segment 2 (PT_NOTE)");
}

/* ----------------------------------------------------------- errors */

/* A short ERR buffer is truncated and NUL-terminated, never overrun. */
static void test_short_error_buffer(void)
{
	char small[8];
	struct elfb *b = std_image();
	const char *path;

	elfb_set_type(b, ET_DYN);
	path = elfb_write(b);
	CU_ASSERT_PTR_NOT_NULL_FATAL(path);
	CU_ASSERT_EQUAL(elf_load(path, &gm, LDE_RESERVED_END, &img, small, sizeof(small)), -1);
	CU_ASSERT_STRING_EQUAL(small, "positio");
	CU_ASSERT_EQUAL(elf_load(path, &gm, LDE_RESERVED_END, &img, NULL, 0), -1);
	CU_ASSERT(all_untouched());
	elfb_free(b);
}

static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	if (!d)
		return -1;
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

/* Every path closes its file descriptor (leaks of memory are LSan's job). */
static void test_no_fd_leak(void)
{
	int before = count_fds();
	struct elfb *b = std_image();

	CU_ASSERT_NOT_EQUAL_FATAL(before, -1);
	CU_ASSERT_EQUAL(load(b), 0); /* success */
	elfb_free(b);
	b = std_image();
	elfb_set_type(b, ET_DYN);
	CU_ASSERT_EQUAL(load(b), -1); /* refused after elf_begin */
	elfb_truncate(b, 20);         /* refused before libelf */
	CU_ASSERT_EQUAL(load(b), -1);
	CU_ASSERT_EQUAL(load_path("/", &gm), -1); /* directory */
	elfb_free(b);
	CU_ASSERT_EQUAL(count_fds(), before);
}

/* ------------------------------------------------------------ suite */

int suite_elf_load(void)
{
	static const struct unit_test tests[] = {
#define T(fn) { #fn, fn }
		T(test_valid_image),
		T(test_low_ranges),
		T(test_valid_pvh_image),
		T(test_valid_pvh_note_8_bytes),
		T(test_valid_notes_8_aligned),
		T(test_valid_pvh_note_repeated),
		T(test_kconfig_note),
		T(test_kconfig_note_malformed),
		T(test_valid_above_4g),
		T(test_entry_above_4g),
		T(test_missing_file),
		T(test_directory),
		T(test_empty_file),
		T(test_not_elf),
		T(test_bzimage),
		T(test_unreadable_file),
		T(test_truncated_header),
		T(test_truncated_phdrs),
		T(test_bad_phdr_table),
		T(test_wrong_class),
		T(test_big_endian),
		T(test_wrong_machine),
		T(test_type_dyn),
		T(test_type_rel),
		T(test_no_load_segments),
		T(test_overlapping_segments),
		T(test_segment_past_guest_memory),
		T(test_segment_across_ram_regions),
		T(test_vaddr_overflow),
		T(test_paddr_overflow),
		T(test_filesz_above_memsz),
		T(test_file_bytes_past_eof),
		T(test_segment_in_reserved_area),
		T(test_entry_outside_segments),
		T(test_pvh_entry_outside_segments),
		T(test_entry_in_zero_filled_part),
		T(test_pvh_notes_conflicting),
		T(test_pvh_note_above_4g),
		T(test_pvh_note_bad_descsz),
		T(test_note_truncated_header),
		T(test_note_name_past_end),
		T(test_note_desc_past_end),
		T(test_note_segment_past_eof),
		T(test_short_error_buffer),
		T(test_no_fd_leak),
#undef T
	};
	return add_suite("elf_load", suite_init, suite_clean, fill_guest, NULL, tests,
	                 sizeof(tests) / sizeof(tests[0]));
}
