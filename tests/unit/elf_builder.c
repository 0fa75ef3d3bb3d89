/* SPDX-License-Identifier: MIT */
#include "elf_builder.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lde/abi.h"

#define ELFB_MAX_SEGS 16

struct elfb_seg {
	Elf64_Phdr ph;  /* p_offset is filled in by layout() */
	uint8_t *bytes; /* ph.p_filesz bytes */
};

struct elfb {
	unsigned char cls, data;
	uint16_t machine, type;
	uint64_t entry;
	struct elfb_seg seg[ELFB_MAX_SEGS];
	unsigned nseg;

	uint8_t *img; /* the laid-out image, once built */
	size_t len;
	char *path; /* written file, if any */
};

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		abort();
	return p;
}

struct elfb *elfb_new(void)
{
	struct elfb *b = xcalloc(1, sizeof(*b));

	b->cls = ELFCLASS64;
	b->data = ELFDATA2LSB;
	b->machine = EM_X86_64;
	b->type = ET_EXEC;
	return b;
}

void elfb_free(struct elfb *b)
{
	if (!b)
		return;
	if (b->path) {
		unlink(b->path);
		free(b->path);
	}
	for (unsigned i = 0; i < b->nseg; i++)
		free(b->seg[i].bytes);
	free(b->img);
	free(b);
}

void elfb_set_class(struct elfb *b, unsigned char cls)
{
	b->cls = cls;
}
void elfb_set_data(struct elfb *b, unsigned char data)
{
	b->data = data;
}
void elfb_set_machine(struct elfb *b, uint16_t machine)
{
	b->machine = machine;
}
void elfb_set_type(struct elfb *b, uint16_t type)
{
	b->type = type;
}
void elfb_set_entry(struct elfb *b, uint64_t entry)
{
	b->entry = entry;
}

uint8_t elfb_pattern(unsigned seg, uint64_t i)
{
	return (uint8_t)(0x11 * (seg + 1) + i * 7 + (i >> 8));
}

unsigned elfb_add_segment(struct elfb *b, uint32_t type, uint32_t flags, uint64_t paddr,
                          uint64_t vaddr, uint64_t filesz, uint64_t memsz, const void *content)
{
	unsigned idx = b->nseg;
	struct elfb_seg *s = &b->seg[idx];

	if (b->img || idx >= ELFB_MAX_SEGS || filesz > (64u << 20))
		abort(); /* misuse of the builder */
	b->nseg++;
	s->ph = (Elf64_Phdr){
		.p_type = type,
		.p_flags = flags,
		.p_vaddr = vaddr,
		.p_paddr = paddr,
		.p_filesz = filesz,
		.p_memsz = memsz,
		.p_align = type == PT_LOAD ? 0x1000 : 4,
	};
	s->bytes = xcalloc(1, filesz);
	for (uint64_t i = 0; i < filesz; i++)
		s->bytes[i] = content ? ((const uint8_t *)content)[i] : elfb_pattern(idx, i);
	return idx;
}

unsigned elfb_add_load(struct elfb *b, uint64_t paddr, uint64_t vaddr, uint64_t filesz,
                       uint64_t memsz, uint32_t flags, const void *content)
{
	return elfb_add_segment(b, PT_LOAD, flags, paddr, vaddr, filesz, memsz, content);
}

static size_t align_to(size_t n, size_t a)
{
	return (n + a - 1) & ~(a - 1);
}

void elfb_note_aligned(uint8_t *buf, size_t *len, const char *name, uint32_t type, const void *desc,
                       uint32_t descsz, size_t align)
{
	uint32_t hdr[3] = { (uint32_t)strlen(name) + 1, descsz, type };
	size_t at = align_to(*len, align), desc_at, end;

	memset(buf + *len, 0, at - *len);
	memcpy(buf + at, hdr, sizeof(hdr));
	memcpy(buf + at + sizeof(hdr), name, hdr[0]);
	desc_at = align_to(at + sizeof(hdr) + hdr[0], align);
	memset(buf + at + sizeof(hdr) + hdr[0], 0, desc_at - (at + sizeof(hdr) + hdr[0]));
	if (descsz)
		memcpy(buf + desc_at, desc, descsz);
	end = align_to(desc_at + descsz, align);
	memset(buf + desc_at + descsz, 0, end - (desc_at + descsz));
	*len = end;
}

void elfb_note(uint8_t *buf, size_t *len, const char *name, uint32_t type, const void *desc,
               uint32_t descsz)
{
	elfb_note_aligned(buf, len, name, type, desc, descsz, 4);
}

unsigned elfb_add_pvh_note(struct elfb *b, uint64_t entry, uint32_t descsz)
{
	uint8_t buf[64], desc[16] = { 0 };
	size_t len = 0;

	if (descsz > sizeof(desc))
		abort();
	memcpy(desc, &entry, sizeof(entry));
	elfb_note(buf, &len, "Xen", XEN_ELFNOTE_PHYS32_ENTRY, desc, descsz);
	return elfb_add_note_bytes(b, buf, len);
}

unsigned elfb_add_note_bytes(struct elfb *b, const void *bytes, size_t len)
{
	return elfb_add_segment(b, PT_NOTE, PF_R, 0, 0, len, len, bytes);
}

/* ---------------------------------------------------------- layout */

static size_t align16(size_t n)
{
	return (n + 15) & ~(size_t)15;
}

static void put_ehdr32(struct elfb *b)
{
	Elf32_Ehdr eh = {
		.e_type = b->type,
		.e_machine = b->machine,
		.e_version = EV_CURRENT,
		.e_entry = (Elf32_Addr)b->entry,
		.e_phoff = sizeof(Elf32_Ehdr),
		.e_ehsize = sizeof(Elf32_Ehdr),
		.e_phentsize = sizeof(Elf32_Phdr),
		.e_phnum = (Elf32_Half)b->nseg,
	};

	memcpy(b->img, &eh, sizeof(eh));
	for (unsigned i = 0; i < b->nseg; i++) {
		const Elf64_Phdr *p = &b->seg[i].ph;
		Elf32_Phdr ph = {
			.p_type = p->p_type,
			.p_flags = p->p_flags,
			.p_offset = (Elf32_Off)p->p_offset,
			.p_vaddr = (Elf32_Addr)p->p_vaddr,
			.p_paddr = (Elf32_Addr)p->p_paddr,
			.p_filesz = (Elf32_Word)p->p_filesz,
			.p_memsz = (Elf32_Word)p->p_memsz,
			.p_align = (Elf32_Word)p->p_align,
		};
		memcpy(b->img + sizeof(eh) + i * sizeof(ph), &ph, sizeof(ph));
	}
}

static void put_ehdr64(struct elfb *b)
{
	Elf64_Ehdr eh = {
		.e_type = b->type,
		.e_machine = b->machine,
		.e_version = EV_CURRENT,
		.e_entry = b->entry,
		.e_phoff = sizeof(Elf64_Ehdr),
		.e_ehsize = sizeof(Elf64_Ehdr),
		.e_phentsize = sizeof(Elf64_Phdr),
		.e_phnum = (Elf64_Half)b->nseg,
	};

	memcpy(b->img, &eh, sizeof(eh));
	for (unsigned i = 0; i < b->nseg; i++)
		memcpy(b->img + sizeof(eh) + i * sizeof(Elf64_Phdr), &b->seg[i].ph,
		       sizeof(Elf64_Phdr));
}

static void layout(struct elfb *b)
{
	bool is32 = b->cls == ELFCLASS32;
	size_t off = is32 ? sizeof(Elf32_Ehdr) + b->nseg * sizeof(Elf32_Phdr) :
	                    sizeof(Elf64_Ehdr) + b->nseg * sizeof(Elf64_Phdr);

	if (b->img)
		return;
	for (unsigned i = 0; i < b->nseg; i++) {
		off = align16(off);
		b->seg[i].ph.p_offset = off;
		off += b->seg[i].ph.p_filesz;
	}
	b->len = off;
	b->img = xcalloc(1, off);
	for (unsigned i = 0; i < b->nseg; i++)
		memcpy(b->img + b->seg[i].ph.p_offset, b->seg[i].bytes, b->seg[i].ph.p_filesz);
	if (is32)
		put_ehdr32(b);
	else
		put_ehdr64(b);
	memcpy(b->img, ELFMAG, SELFMAG);
	b->img[EI_CLASS] = b->cls;
	b->img[EI_DATA] = b->data;
	b->img[EI_VERSION] = EV_CURRENT;
}

Elf64_Ehdr *elfb_ehdr(struct elfb *b)
{
	layout(b);
	return b->cls == ELFCLASS32 ? NULL : (Elf64_Ehdr *)b->img;
}

Elf64_Phdr *elfb_phdr(struct elfb *b, unsigned idx)
{
	layout(b);
	if (b->cls == ELFCLASS32 || idx >= b->nseg)
		return NULL;
	return (Elf64_Phdr *)(b->img + sizeof(Elf64_Ehdr)) + idx;
}

uint8_t *elfb_bytes(struct elfb *b, size_t *len)
{
	layout(b);
	if (len)
		*len = b->len;
	return b->img;
}

uint64_t elfb_offset(struct elfb *b, unsigned idx)
{
	layout(b);
	return b->seg[idx].ph.p_offset;
}

void elfb_truncate(struct elfb *b, size_t n)
{
	layout(b);
	if (n < b->len)
		b->len = n;
}

/* ----------------------------------------------------------- files */

char *elfb_write_raw(const void *bytes, size_t len)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
	if (asprintf(&path, "%s/lde-elf-XXXXXX", dir) < 0)
		return NULL;
	fd = mkstemp(path);
	if (fd < 0) {
		free(path);
		return NULL;
	}
	for (size_t done = 0; done < len;) {
		ssize_t n = write(fd, (const uint8_t *)bytes + done, len - done);
		if (n <= 0) {
			close(fd);
			unlink(path);
			free(path);
			return NULL;
		}
		done += (size_t)n;
	}
	close(fd);
	return path;
}

const char *elfb_write(struct elfb *b)
{
	layout(b);
	if (b->path) {
		unlink(b->path);
		free(b->path);
	}
	b->path = elfb_write_raw(b->img, b->len);
	return b->path;
}
