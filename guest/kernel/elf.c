// SPDX-License-Identifier: MIT
/*
 * ELF loader (see elf.h).  Two passes over the program headers: the first
 * checks everything, the second maps and copies.  Headers are copied out
 * of the image with memcpy, so the image needs no particular alignment.
 * The arithmetic is written so that no sum can wrap: every "a + b <= c"
 * is tested as "b <= c - a" after checking a <= c.
 */
#include "elf.h"
#include "kalloc.h"
#include "paging.h"
#include "string.h"

static const char *const messages[] = {
	[-ELF_OK] = "ok",
	[-ELF_ETRUNC] = "truncated file header",
	[-ELF_EMAGIC] = "not an ELF file",
	[-ELF_EFORMAT] = "not 64-bit little-endian ELF version 1",
	[-ELF_ETYPE] = "not an executable (ET_EXEC)",
	[-ELF_EMACHINE] = "not an x86-64 program",
	[-ELF_EPHDR] = "bad program header table",
	[-ELF_ESEGMENT] = "segment outside the file",
	[-ELF_EADDR] = "segment outside user memory",
	[-ELF_ENOLOAD] = "no loadable segment",
	[-ELF_EENTRY] = "entry point outside executable code",
	[-ELF_ENOMEM] = "out of memory",
};

const char *elf_error_string(int err)
{
	if (err > 0 || -err >= (int)(sizeof(messages) / sizeof(messages[0])))
		return "unknown error";
	return messages[-err];
}

/* True if [off, off + len) lies inside a file of `size` bytes. */
static bool in_file(uint64_t off, uint64_t len, size_t size)
{
	return off <= size && len <= size - off;
}

static int check_header(const struct elf64_ehdr *eh, size_t size)
{
	const unsigned char *id = eh->e_ident;

	if (id[0] != 0x7f || id[1] != 'E' || id[2] != 'L' || id[3] != 'F')
		return ELF_EMAGIC;
	if (id[4] != ELFCLASS64 || id[5] != ELFDATA2LSB || id[6] != EV_CURRENT ||
	    eh->e_version != EV_CURRENT)
		return ELF_EFORMAT;
	if (eh->e_type != ET_EXEC)
		return ELF_ETYPE;
	if (eh->e_machine != EM_X86_64)
		return ELF_EMACHINE;
	if (eh->e_phentsize != sizeof(struct elf64_phdr) || !eh->e_phnum ||
	    !in_file(eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr), size))
		return ELF_EPHDR;
	return ELF_OK;
}

static void get_phdr(const void *image, const struct elf64_ehdr *eh, unsigned i,
                     struct elf64_phdr *ph)
{
	memcpy(ph, (const char *)image + eh->e_phoff + i * sizeof(*ph), sizeof(*ph));
}

/* Pages [vaddr, vaddr + memsz) touches; the range is inside user memory. */
static uint64_t pages_spanned(const struct elf64_phdr *ph)
{
	uint64_t first = ph->p_vaddr / PAGE_SIZE;
	uint64_t end = (ph->p_vaddr + ph->p_memsz + PAGE_SIZE - 1) / PAGE_SIZE;

	return end - first;
}

static int check_segment(const struct elf64_phdr *ph, size_t size)
{
	if (ph->p_filesz > ph->p_memsz || !in_file(ph->p_offset, ph->p_filesz, size))
		return ELF_ESEGMENT;
	if (!uvm_user_range(ph->p_vaddr, ph->p_memsz))
		return ELF_EADDR;
	return ELF_OK;
}

/* True if entry lies inside segment ph and ph is executable. */
static bool holds_entry(const struct elf64_phdr *ph, uint64_t entry)
{
	return (ph->p_flags & PF_X) && entry >= ph->p_vaddr && entry - ph->p_vaddr < ph->p_memsz;
}

/* Pass 1: everything checked, nothing mapped. */
static int check_image(const void *image, size_t size, const struct elf64_ehdr *eh)
{
	uint64_t pages = 0;
	bool loads = false, entry_ok = false;
	struct elf64_phdr ph;
	int err = check_header(eh, size);

	for (unsigned i = 0; !err && i < eh->e_phnum; i++) {
		get_phdr(image, eh, i, &ph);
		if (ph.p_type != PT_LOAD || !ph.p_memsz)
			continue;
		err = check_segment(&ph, size);
		loads = true;
		entry_ok |= holds_entry(&ph, eh->e_entry);
		pages += pages_spanned(&ph);
	}
	if (err)
		return err;
	if (!loads)
		return ELF_ENOLOAD;
	if (!entry_ok)
		return ELF_EENTRY;
	/* An upper bound (segments may share pages): refuse early, cheaply. */
	if (pages > kalloc_free_pages())
		return ELF_ENOMEM;
	return ELF_OK;
}

/* Pass 2 for one segment: map its pages, copy its file bytes. */
static int load_segment(struct addrspace *as, const char *image, const struct elf64_phdr *ph)
{
	uint64_t flags = (ph->p_flags & PF_W) ? PTE_W : 0;
	uint64_t start = ph->p_vaddr & ~(uint64_t)(PAGE_SIZE - 1);
	uint64_t file_end = ph->p_vaddr + ph->p_filesz;

	for (uint64_t va = start; va < ph->p_vaddr + ph->p_memsz; va += PAGE_SIZE) {
		char *page = uvm_map(as, va, flags);
		/* The part of this page that comes from the file. */
		uint64_t from = va > ph->p_vaddr ? va : ph->p_vaddr;
		uint64_t to = va + PAGE_SIZE < file_end ? va + PAGE_SIZE : file_end;

		if (!page)
			return ELF_ENOMEM;
		if (from < to)
			memcpy(page + (from - va), image + ph->p_offset + (from - ph->p_vaddr),
			       to - from);
	}
	return ELF_OK;
}

int elf_load_program(struct addrspace *as, const void *image, size_t size, uint64_t *entry)
{
	struct elf64_ehdr eh;
	struct elf64_phdr ph;
	int err;

	if (size < sizeof(eh))
		return ELF_ETRUNC;
	memcpy(&eh, image, sizeof(eh));
	err = check_image(image, size, &eh);
	for (unsigned i = 0; !err && i < eh.e_phnum; i++) {
		get_phdr(image, &eh, i, &ph);
		if (ph.p_type == PT_LOAD && ph.p_memsz)
			err = load_segment(as, image, &ph);
	}
	if (!err)
		*entry = eh.e_entry;
	return err;
}
