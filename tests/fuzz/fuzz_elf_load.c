/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the vmm's ELF loader (host/elf_load.c) on any file.
 * The input is the image, handed over as a memfd (a regular file, as the
 * loader demands).  Fake guest RAM is two guarded, write-watched regions,
 * as --mem above 3 GiB gives: [0, 4 MiB + 64 KiB) and [4 GiB, 4 GiB + 1 MiB).
 *
 * After each input:
 *   refused  -> one line of message, NUL-terminated, and not one byte of
 *               RAM written;
 *   accepted -> the image facts are right (segment count, load range, the
 *               entry in the file bytes of an executable segment), every
 *               PT_LOAD holds its file bytes then zeros, and no byte
 *               outside the segments was written.
 * The check reads the program headers itself, from the raw input.
 */
#include <elf.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../host/elf_load.h"
#include "fuzz_util.h"
#include "lde/abi.h"

#define LOW_SIZE (0x410000u) /* holds tests/guests/cet-note.elf */
#define HIGH_GPA LDE_MMIO_HOLE_END
#define HIGH_SIZE (1u << 20)
#define FILL 0xAA

static struct guest_mem gm;
static int memfd = -1;
static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_guest_region(&gm, 0, LOW_SIZE);
	fuzz_guest_region(&gm, HIGH_GPA, HIGH_SIZE);
	fuzz_watch_writes(&gm, FILL);
	memfd = fuzz_memfd("fuzz-elf", path, sizeof(path));
	return 0;
}

/* The program headers as the file holds them (accepted images only, so
 * the table is known to be inside the file). */
static const uint8_t *phdrs(const uint8_t *data, size_t size, uint64_t *n)
{
	Elf64_Ehdr eh;
	Elf64_Shdr sh0;

	memcpy(&eh, data, sizeof(eh));
	*n = eh.e_phnum;
	if (*n == PN_XNUM) {
		FUZZ_CHECK(eh.e_shoff <= size && size - eh.e_shoff >= sizeof(sh0));
		memcpy(&sh0, data + eh.e_shoff, sizeof(sh0));
		*n = sh0.sh_info;
	}
	FUZZ_CHECK(eh.e_phoff <= size && *n <= (size - eh.e_phoff) / sizeof(Elf64_Phdr));
	return data + eh.e_phoff;
}

/* Check one loaded segment's bytes, then put FILL back. */
static void check_segment(const uint8_t *data, size_t size, const Elf64_Phdr *ph)
{
	static const uint8_t zeros[FUZZ_PAGE];
	uint8_t *p = guest_ptr(&gm, ph->p_paddr, ph->p_memsz);

	FUZZ_CHECK(p != NULL);
	FUZZ_CHECK(ph->p_paddr >= LDE_RESERVED_END);
	FUZZ_CHECK(ph->p_filesz <= ph->p_memsz);
	if (ph->p_filesz) { /* p_offset means nothing without file bytes */
		FUZZ_CHECK(ph->p_offset <= size && ph->p_filesz <= size - ph->p_offset);
		FUZZ_CHECK(memcmp(p, data + ph->p_offset, ph->p_filesz) == 0);
	}
	for (uint64_t i = ph->p_filesz; i < ph->p_memsz; i += sizeof(zeros)) {
		uint64_t n = ph->p_memsz - i < sizeof(zeros) ? ph->p_memsz - i : sizeof(zeros);

		FUZZ_CHECK(memcmp(p + i, zeros, n) == 0);
	}
	memset(p, FILL, ph->p_memsz);
}

static void check_accepted(const uint8_t *data, size_t size, const struct elf_image *img)
{
	uint64_t n, entry = img->pvh ? img->pvh_entry : img->entry, lo = UINT64_MAX, hi = 0;
	const uint8_t *table = phdrs(data, size, &n);
	unsigned loaded = 0;
	bool entry_ok = false;

	FUZZ_CHECK(img->pvh || entry < LDE_BOOT_MAP_END);
	for (uint64_t i = 0; i < n; i++) {
		Elf64_Phdr p;

		memcpy(&p, table + i * sizeof(p), sizeof(p)); /* the input need not be aligned */
		if (p.p_type != PT_LOAD || p.p_memsz == 0)
			continue;
		loaded++;
		lo = p.p_paddr < lo ? p.p_paddr : lo;
		hi = p.p_paddr + p.p_memsz > hi ? p.p_paddr + p.p_memsz : hi;
		if ((p.p_flags & PF_X) && entry >= p.p_paddr && entry - p.p_paddr < p.p_filesz)
			entry_ok = true;
		check_segment(data, size, &p);
	}
	FUZZ_CHECK(entry_ok);
	FUZZ_CHECK(loaded == img->nsegments && loaded > 0);
	FUZZ_CHECK(img->load_start == lo && img->load_end == hi);
	FUZZ_CHECK(fuzz_written_all_fill()); /* nothing outside the segments */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct elf_image img;
	char err[256];
	int r;

	FUZZ_CHECK(ftruncate(memfd, 0) == 0);
	FUZZ_CHECK(pwrite(memfd, data, size, 0) == (ssize_t)size);
	memset(err, 'x', sizeof(err));
	r = elf_load(path, &gm, LDE_RESERVED_END, &img, err, sizeof(err));
	FUZZ_CHECK(memchr(err, '\0', sizeof(err)) != NULL);
	if (r < 0) {
		FUZZ_CHECK(r == -1 && err[0] && !strchr(err, '\n'));
		FUZZ_CHECK(!fuzz_written());
		return 0;
	}
	FUZZ_CHECK(r == 0 && err[0] == '\0');
	check_accepted(data, size, &img);
	fuzz_watch_reset();
	return 0;
}
