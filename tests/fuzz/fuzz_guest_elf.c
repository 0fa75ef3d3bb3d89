/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the guest kernel's own ELF loader (guest/kernel/elf.c)
 * compiled for the host, as the unit tests compile it, on any image.  The
 * kernel's page allocator hands out pages of a guarded arena, so a write
 * past the memory the kernel owns faults at once.
 *
 * After each input: the result is a known error code with a message, or
 * ELF_OK with no two PT_LOADs overlapping, the entry point in the file
 * bytes of an executable one (it reads back as that byte), each PT_LOAD
 * reading back, through the address space, as its file bytes then zeros,
 * and no page both writable and executable; and destroying the address
 * space gives every page back, whatever happened.
 */
#include <string.h>

#include "elf.h"
#include "fuzz_kernel.h"
#include "fuzz_util.h"
#include "kalloc.h"
#include "paging.h"
#include "vm.h"

#define ARENA_PAGES 64
#define MAX_CHECKED 32 /* segments whose bytes are read back */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_kernel_init(ARENA_PAGES);
	return 0;
}

static bool overlaps(const struct elf64_phdr *a, const struct elf64_phdr *b)
{
	return a->p_vaddr < b->p_vaddr + b->p_memsz && b->p_vaddr < a->p_vaddr + a->p_memsz;
}

/* The segment reads, through AS, as its file bytes then zeros; one page
 * at a time. */
static void check_segment(const struct addrspace *as, const uint8_t *data,
                          const struct elf64_phdr *ph, uint64_t bias)
{
	static const uint8_t zeros[PAGE_SIZE];

	for (uint64_t i = 0; i < ph->p_memsz;) {
		uint64_t va = bias + ph->p_vaddr + i, chunk = PAGE_SIZE - va % PAGE_SIZE, nfile;
		const uint8_t *p = uvm_kaddr(as, va, PTE_U);

		if (chunk > ph->p_memsz - i)
			chunk = ph->p_memsz - i;
		nfile = i < ph->p_filesz ? ph->p_filesz - i : 0;
		nfile = nfile < chunk ? nfile : chunk;
		FUZZ_CHECK(p != NULL);
		FUZZ_CHECK(!nfile || memcmp(p, data + ph->p_offset + i, nfile) == 0);
		FUZZ_CHECK(memcmp(p + nfile, zeros, chunk - nfile) == 0);
		i += chunk;
	}
}

/* The entry point is in an executable segment's file bytes and reads as them. */
static void check_entry(const struct addrspace *as, const uint8_t *data,
                        const struct elf64_phdr *ph, unsigned n, uint64_t entry, uint64_t bias)
{
	const uint8_t *p = uvm_kaddr(as, entry, PTE_U);
	bool found = false;

	FUZZ_CHECK(p != NULL);
	for (unsigned i = 0; i < n; i++) {
		uint64_t at = entry - bias - ph[i].p_vaddr;

		if (!(ph[i].p_flags & PF_X) || entry - bias < ph[i].p_vaddr || at >= ph[i].p_filesz)
			continue;
		FUZZ_CHECK(*p == data[ph[i].p_offset + at]);
		found = true;
	}
	FUZZ_CHECK(found);
}

/* W^X, page by page: no mapped page of a segment is writable and executable. */
static void check_wx(const struct addrspace *as, const struct elf64_phdr *ph, uint64_t bias)
{
	for (uint64_t va = (bias + ph->p_vaddr) & ~(uint64_t)(PAGE_SIZE - 1);
	     va < bias + ph->p_vaddr + ph->p_memsz; va += PAGE_SIZE) {
		const uint64_t *t = as->pml4;

		for (int level = 4; level > 1; level--)
			t = (const uint64_t *)(uintptr_t)(t[PT_INDEX(va, level)] & PTE_ADDR_MASK);
		FUZZ_CHECK(!(t[PT_INDEX(va, 1)] & PTE_W) || (t[PT_INDEX(va, 1)] & PTE_NX));
	}
}

static void check_loaded(const struct addrspace *as, const uint8_t *data, uint64_t entry,
                         uint64_t bias)
{
	struct elf64_ehdr eh;
	struct elf64_phdr ph[MAX_CHECKED];
	unsigned n = 0;

	memcpy(&eh, data, sizeof(eh));
	FUZZ_CHECK(uvm_kaddr(as, entry, PTE_U) != NULL);
	for (unsigned i = 0; i < eh.e_phnum && n < MAX_CHECKED; i++) {
		memcpy(&ph[n], data + eh.e_phoff + i * sizeof(ph[0]), sizeof(ph[0]));
		if (ph[n].p_type == PT_LOAD && ph[n].p_memsz)
			n++;
	}
	if (n == MAX_CHECKED)
		return; /* too many to compare pairwise, cheaply */
	check_entry(as, data, ph, n, entry, bias);
	for (unsigned i = 0; i < n; i++) {
		for (unsigned k = 0; k < n; k++)
			FUZZ_CHECK(k == i ||
			           !overlaps(&ph[i], &ph[k])); /* the loader refuses that */
		if (ph[i].p_memsz <= ARENA_PAGES * PAGE_SIZE) {
			check_segment(as, data, &ph[i], bias);
			check_wx(as, &ph[i], bias);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct addrspace as;
	struct elf_info info = { 0 };
	int err;

	fuzz_kernel_reset();
	FUZZ_CHECK(uvm_create(&as));
	err = elf_load_program(&as, data, size, &info);
	FUZZ_CHECK(err <= ELF_OK && err >= ELF_ELAST);
	FUZZ_CHECK(strcmp(elf_error_string(err), "unknown error") != 0);
	if (err == ELF_OK)
		check_loaded(&as, data, info.entry, info.bias);
	uvm_destroy(&as);
	FUZZ_CHECK(kalloc_free_pages() == ARENA_PAGES);
	return 0;
}
