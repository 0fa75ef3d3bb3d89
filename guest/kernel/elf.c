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
#include "mm.h"
#include "paging.h"
#include "string.h"
#include "uapi/lde_sys.h"

static const char *const messages[] = {
	[-ELF_OK] = "ok",
	[-ELF_ETRUNC] = "truncated: shorter than an ELF header",
	[-ELF_EMAGIC] = "not an ELF file",
	[-ELF_EFORMAT] = "not little-endian ELF version 1",
	[-ELF_ETYPE] = "not an executable (ET_EXEC or static-pie ET_DYN)",
	[-ELF_EMACHINE] = "not an x86-64 program",
	[-ELF_EPHDR] = "bad program header table",
	[-ELF_ESEGMENT] = "truncated or corrupt: a segment lies outside the file",
	[-ELF_EADDR] = "segment outside user memory",
	[-ELF_ENOLOAD] = "no loadable segment",
	[-ELF_EENTRY] = "entry point outside executable code",
	[-ELF_ENOMEM] = "out of memory",
	[-ELF_EINTERP] = "dynamically linked: build with -static",
	[-ELF_ECLASS32] = "a 32-bit program: lde runs 64-bit x86-64 programs",
	[-ELF_EEMPTY] = "empty file",
	[-ELF_EWX] = "writable and executable at once (W^X): a segment, or two sharing a page",
	[-ELF_EEXECSTACK] = "asks for an executable stack (W^X): link with -z noexecstack",
	[-ELF_EENTRYBSS] = "entry point in a segment's zero-filled part (.bss), not its code",
	[-ELF_EOVERLAP] = "loadable segments overlap or are not in ascending address order",
};

_Static_assert(sizeof(messages) / sizeof(messages[0]) == 1 - ELF_ELAST, "a message per error");

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
	if (id[4] == ELFCLASS32)
		return ELF_ECLASS32;
	if (id[4] != ELFCLASS64 || id[5] != ELFDATA2LSB || id[6] != EV_CURRENT ||
	    eh->e_version != EV_CURRENT)
		return ELF_EFORMAT;
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return ELF_ETYPE;
	if (eh->e_machine != EM_X86_64)
		return ELF_EMACHINE;
	if (eh->e_phentsize != sizeof(struct elf64_phdr) || !eh->e_phnum ||
	    !in_file(eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr), size))
		return ELF_EPHDR;
	return ELF_OK;
}

struct elf_src elf_src_flat(const void *image, uint64_t size)
{
	return (struct elf_src){ image, size, NULL, NULL };
}

void elf_src_read(const struct elf_src *src, uint64_t off, void *dst, size_t len)
{
	char *d = dst;

	if (src->flat) {
		memcpy(d, src->flat + off, len);
		return;
	}
	while (len) {
		size_t at = off % PAGE_SIZE, n = PAGE_SIZE - at < len ? PAGE_SIZE - at : len;

		memcpy(d, src->page(src->arg, off / PAGE_SIZE) + at, n);
		d += n;
		off += n;
		len -= n;
	}
}

static void get_phdr(const struct elf_src *image, const struct elf64_ehdr *eh, unsigned i,
                     struct elf64_phdr *ph)
{
	elf_src_read(image, eh->e_phoff + i * sizeof(*ph), ph, sizeof(*ph));
}

/* Pages [vaddr, vaddr + memsz) touches; the range is inside user memory. */
static uint64_t pages_spanned(uint64_t vaddr, uint64_t memsz)
{
	return (PAGE_UP(vaddr + memsz) - (vaddr & ~(uint64_t)(PAGE_SIZE - 1))) / PAGE_SIZE;
}

/* The load bias: 0 for ET_EXEC, for ET_DYN what moves its lowest page to LDE_PIE_BASE. */
static uint64_t load_bias(const struct elf_src *image, const struct elf64_ehdr *eh)
{
	uint64_t low = UINT64_MAX;
	struct elf64_phdr ph;

	if (eh->e_type != ET_DYN)
		return 0;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		get_phdr(image, eh, i, &ph);
		if (ph.p_type == PT_LOAD && ph.p_memsz && ph.p_vaddr < low)
			low = ph.p_vaddr;
	}
	low &= ~(uint64_t)(PAGE_SIZE - 1);
	return low > LDE_PIE_BASE ? 0 : LDE_PIE_BASE - low;
}

static int check_segment(const struct elf64_phdr *ph, size_t size, uint64_t bias)
{
	if (ph->p_filesz > ph->p_memsz || !in_file(ph->p_offset, ph->p_filesz, size))
		return ELF_ESEGMENT;
	if (ph->p_vaddr > UINT64_MAX - bias || !uvm_user_range(ph->p_vaddr + bias, ph->p_memsz))
		return ELF_EADDR;
	if ((ph->p_flags & PF_W) && (ph->p_flags & PF_X))
		return ELF_EWX;
	return ELF_OK;
}

/* What pass 1 gathers over the program headers. */
struct pass1 {
	uint64_t pages;      /* pages the segments span, shared ones counted twice */
	uint64_t load_end;   /* end of the last PT_LOAD so far: the next starts there or above */
	uint32_t page_flags; /* PF_W | PF_X of every segment on load_end's page */
	bool entry_ok;       /* the entry point is in an executable segment's file bytes */
	bool entry_bss;      /* ... in an executable segment, past its file bytes */
};

/* Where the entry point is with respect to segment ph. */
static void find_entry(const struct elf64_phdr *ph, uint64_t entry, struct pass1 *p)
{
	if (!(ph->p_flags & PF_X) || entry < ph->p_vaddr || entry - ph->p_vaddr >= ph->p_memsz)
		return;
	if (entry - ph->p_vaddr < ph->p_filesz)
		p->entry_ok = true;
	else
		p->entry_bss = true;
}

/* Where the program headers are in memory: PT_PHDR, or inside a PT_LOAD. */
static void find_phdr(const struct elf64_phdr *ph, const struct elf64_ehdr *eh, uint64_t *phdr)
{
	if (ph->p_type == PT_PHDR)
		*phdr = ph->p_vaddr;
	else if (!*phdr && ph->p_type == PT_LOAD && eh->e_phoff >= ph->p_offset &&
	         eh->e_phoff - ph->p_offset < ph->p_filesz)
		*phdr = ph->p_vaddr + (eh->e_phoff - ph->p_offset);
}

/*
 * A page two segments share gets the union of their rights (vm.h): W^X
 * holds for pages too, so a writable and an executable segment may not
 * share one.  Segments are sorted, so only the previous ones' last page
 * can be ph's first.
 */
static int check_shared_page(const struct elf64_phdr *ph, struct pass1 *p)
{
	uint64_t first = ph->p_vaddr & ~(uint64_t)(PAGE_SIZE - 1);
	uint64_t last = PAGE_UP(ph->p_vaddr + ph->p_memsz) - PAGE_SIZE;
	uint32_t flags = ph->p_flags & (PF_W | PF_X);

	if (p->load_end && first < PAGE_UP(p->load_end))
		flags |= p->page_flags;
	if (flags == (PF_W | PF_X))
		return ELF_EWX;
	p->page_flags = last == first ? flags : ph->p_flags & (PF_W | PF_X);
	return ELF_OK;
}

/*
 * One program header in pass 1.  PT_LOADs must come in ascending p_vaddr
 * order without overlapping (they may share a page): checked against the
 * previous one's end, which keeps pass 1 linear in e_phnum.
 */
static int check_phdr(const struct elf64_phdr *ph, const struct elf64_ehdr *eh, size_t size,
                      struct elf_info *info, struct pass1 *p)
{
	int err;

	if (ph->p_type == PT_INTERP)
		return ELF_EINTERP;
	if (ph->p_type == PT_GNU_STACK && (ph->p_flags & PF_X))
		return ELF_EEXECSTACK;
	find_phdr(ph, eh, &info->phdr);
	if (ph->p_type != PT_LOAD || !ph->p_memsz)
		return ELF_OK;
	err = check_segment(ph, size, info->bias);
	if (err)
		return err;
	if (ph->p_vaddr < p->load_end)
		return ELF_EOVERLAP;
	err = check_shared_page(ph, p);
	if (err)
		return err;
	p->load_end = ph->p_vaddr + ph->p_memsz;
	find_entry(ph, eh->e_entry, p);
	p->pages += pages_spanned(ph->p_vaddr, ph->p_memsz);
	if (ph->p_vaddr + ph->p_memsz + info->bias > info->end)
		info->end = ph->p_vaddr + ph->p_memsz + info->bias;
	return ELF_OK;
}

/* Pass 1: everything checked, nothing mapped. */
static int check_image(const struct elf_src *image, size_t size, const struct elf64_ehdr *eh,
                       struct elf_info *info)
{
	struct pass1 p = { 0 };
	struct elf64_phdr ph;
	int err = check_header(eh, size);

	if (err)
		return err;
	memset(info, 0, sizeof(*info));
	info->bias = load_bias(image, eh);
	for (unsigned i = 0; !err && i < eh->e_phnum; i++) {
		get_phdr(image, eh, i, &ph);
		err = check_phdr(&ph, eh, size, info, &p);
	}
	if (err)
		return err;
	if (!p.pages)
		return ELF_ENOLOAD;
	if (!p.entry_ok)
		return p.entry_bss ? ELF_EENTRYBSS : ELF_EENTRY;
	/* An upper bound (segments may share pages): refuse early, cheaply. */
	if (p.pages > kalloc_free_pages())
		return ELF_ENOMEM;
	info->entry = eh->e_entry + info->bias;
	info->phdr = info->phdr ? info->phdr + info->bias : 0;
	info->phnum = eh->e_phnum;
	info->phent = eh->e_phentsize;
	return ELF_OK;
}

/* The segment's region: the pages no earlier segment's region holds. */
static int add_region(struct addrspace *as, uint64_t vaddr, uint64_t memsz, uint32_t flags)
{
	uint64_t start = vaddr & ~(uint64_t)(PAGE_SIZE - 1), end = PAGE_UP(vaddr + memsz);
	uint32_t prot = PROT_READ | (flags & PF_W ? PROT_WRITE : 0) |
	                (flags & PF_X ? PROT_EXEC : 0);

	while (start < end && mm_find(as, start))
		start += PAGE_SIZE;
	while (end > start && mm_find(as, end - PAGE_SIZE))
		end -= PAGE_SIZE;
	if (start == end)
		return ELF_OK;
	return mm_add(as, start, end, prot, VMA_IMAGE) ? ELF_ENOMEM : ELF_OK;
}

/* Pass 2 for one segment: map its pages, copy its file bytes. */
static int load_segment(struct addrspace *as, const struct elf_src *image,
                        const struct elf64_phdr *ph, uint64_t bias)
{
	uint64_t flags = (ph->p_flags & PF_W ? PTE_W : 0) | (ph->p_flags & PF_X ? 0 : PTE_NX);
	uint64_t vaddr = ph->p_vaddr + bias;
	uint64_t start = vaddr & ~(uint64_t)(PAGE_SIZE - 1);
	uint64_t file_end = vaddr + ph->p_filesz;

	for (uint64_t va = start; va < vaddr + ph->p_memsz; va += PAGE_SIZE) {
		/* The part of this page that comes from the file. */
		uint64_t from = va > vaddr ? va : vaddr;
		uint64_t to = va + PAGE_SIZE < file_end ? va + PAGE_SIZE : file_end;
		uint64_t off = ph->p_offset + (from - vaddr);
		char *page;

		/* a read-only page all from a flat file: the file's own page, shared */
		if (image->flat && !(flags & PTE_W) && from == va && to == va + PAGE_SIZE &&
		    uvm_map_foreign(as, va, image->flat + off, flags))
			continue;
		page = uvm_map(as, va, flags);
		if (!page)
			return ELF_ENOMEM;
		if (from < to)
			elf_src_read(image, off, page + (from - va), to - from);
	}
	return add_region(as, vaddr, ph->p_memsz, ph->p_flags);
}

int elf_load_program(struct addrspace *as, const void *image, size_t size, struct elf_info *info)
{
	struct elf_src src = elf_src_flat(image, size);

	return elf_load_src(as, &src, info);
}

int elf_load_src(struct addrspace *as, const struct elf_src *image, struct elf_info *info)
{
	size_t size = image->size;
	struct elf64_ehdr eh;
	struct elf64_phdr ph;
	int err;

	if (!size)
		return ELF_EEMPTY;
	if (size < sizeof(eh)) {
		unsigned char id[5] = { 0 };

		elf_src_read(image, 0, id, size < 5 ? size : 5);
		if (size < 4 || memcmp(id, "\177ELF", 4))
			return ELF_EMAGIC;
		return size > 4 && id[4] == ELFCLASS32 ? ELF_ECLASS32 : ELF_ETRUNC;
	}
	elf_src_read(image, 0, &eh, sizeof(eh));
	err = check_image(image, size, &eh, info);
	for (unsigned i = 0; !err && i < eh.e_phnum; i++) {
		get_phdr(image, &eh, i, &ph);
		if (ph.p_type == PT_LOAD && ph.p_memsz)
			err = load_segment(as, image, &ph, info->bias);
	}
	return err;
}
