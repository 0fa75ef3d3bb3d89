/* SPDX-License-Identifier: MIT */
/*
 * Guest image loader.  libelf parses the headers; every field is checked
 * against the file size, guest RAM and the other segments before the first
 * byte is written to guest memory (see elf_load.h).  The file bytes of each
 * PT_LOAD segment are read (elf_getdata_rawchunk) during validation too, so
 * that even an I/O error cannot leave a partially loaded guest behind.
 *
 * Structure: open_image -> check_ident -> validate_ehdr -> read_phdrs ->
 * validate_segment (each PT_LOAD) -> check_overlaps -> find_pvh_note (each
 * PT_NOTE) -> check_entry -> copy_segments.
 */
#include "elf_load.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "kconfig_note.h"
#include "lde/abi.h"

#define MIB ((uint64_t)1024 * 1024)

/* One non-empty PT_LOAD segment that passed validate_segment. */
struct seg {
	unsigned idx;      /* program-header index (used in messages) */
	uint64_t paddr;    /* where it is loaded */
	uint64_t filesz;   /* bytes copied from the file */
	uint64_t memsz;    /* bytes occupied in guest RAM (>= filesz) */
	uint32_t flags;    /* PF_* */
	const void *bytes; /* its filesz file bytes (owned by libelf) */
};

struct loader {
	const struct guest_mem *gm;
	uint64_t reserved_end;
	char *err;
	size_t errlen;

	int fd;
	Elf *elf;
	uint64_t fsize; /* file size in bytes */
	GElf_Ehdr eh;
	size_t phnum;     /* program headers (PN_XNUM resolved) */
	struct seg *segs; /* the loadable segments, in header order */
	unsigned nsegs;
	bool pvh;
	uint32_t pvh_entry;
	unsigned pvh_seg; /* the PT_NOTE that gave it */
	bool has_kconfig; /* the kernel's configuration note */
	struct lde_kconfig kconfig;
};

static int fail(struct loader *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct loader *l, const char *fmt, ...)
{
	va_list ap;

	if (l->err && l->errlen) {
		va_start(ap, fmt);
		vsnprintf(l->err, l->errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int fail_libelf(struct loader *l, const char *what)
{
	return fail(l, "cannot parse ELF image: %s (libelf, %s)", elf_errmsg(-1), what);
}

/* "64 MiB" when SIZE is a whole number of MiB, else "N bytes". */
static const char *fmt_size(uint64_t size, char *buf, size_t len)
{
	if (size && size % MIB == 0)
		snprintf(buf, len, "%" PRIu64 " MiB", size / MIB);
	else
		snprintf(buf, len, "%" PRIu64 " bytes", size);
	return buf;
}

/* Does [off, off + len) lie inside the file?  Never overflows. */
static bool in_file(const struct loader *l, uint64_t off, uint64_t len)
{
	return off <= l->fsize && len <= l->fsize - off;
}

/* ------------------------------------------------------------ file */

static int open_image(struct loader *l, const char *path)
{
	struct stat st;

	/* O_NONBLOCK: opening a FIFO must not hang; no effect on files. */
	l->fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (l->fd < 0)
		return fail(l, "%s", strerror(errno));
	if (fstat(l->fd, &st) < 0)
		return fail(l, "%s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		return fail(l, "%s", strerror(EISDIR));
	if (!S_ISREG(st.st_mode))
		return fail(l, "not a regular file");
	if (st.st_size == 0)
		return fail(l, "empty file");
	l->fsize = (uint64_t)st.st_size;
	return 0;
}

/* A Linux x86 boot image (bzImage): the boot protocol's "HdrS" magic at
 * 0x202 (Documentation/arch/x86/boot.rst). */
static bool is_bzimage(struct loader *l)
{
	char magic[4];

	return pread(l->fd, magic, sizeof(magic), 0x202) == (ssize_t)sizeof(magic) &&
	       memcmp(magic, "HdrS", sizeof(magic)) == 0;
}

/* e_ident checks, on the raw bytes: precise messages for files libelf
 * would merely call "not ELF" (short files, ELF32, big-endian...). */
static int check_ident(struct loader *l)
{
	unsigned char id[EI_NIDENT] = { 0 };
	ssize_t n = pread(l->fd, id, sizeof(id), 0);

	if (n < 0)
		return fail(l, "read error: %s", strerror(errno));
	if (((size_t)n < SELFMAG || memcmp(id, ELFMAG, SELFMAG) != 0) && is_bzimage(l))
		return fail(l, "not an ELF file but a Linux bzImage; the vmm boots ELF64 kernels: "
		               "give it the vmlinux, or a kernel with a PVH note");
	if ((size_t)n < SELFMAG || memcmp(id, ELFMAG, SELFMAG) != 0)
		return fail(l, "not an ELF file");
	if ((size_t)n < EI_NIDENT)
		return fail(l,
		            "truncated ELF header: file has %zd bytes, the ELF64 header needs %zu",
		            n, sizeof(Elf64_Ehdr));
	if (id[EI_CLASS] == ELFCLASS32)
		return fail(l, "ELF32 image; lde needs ELF64 (ELFCLASS64)");
	if (id[EI_CLASS] != ELFCLASS64)
		return fail(l, "unknown ELF class %u; lde needs ELF64 (ELFCLASS64)", id[EI_CLASS]);
	if (id[EI_DATA] == ELFDATA2MSB)
		return fail(l, "big-endian image; lde needs little-endian (ELFDATA2LSB)");
	if (id[EI_DATA] != ELFDATA2LSB)
		return fail(l,
		            "unknown ELF data encoding %u; lde needs little-endian (ELFDATA2LSB)",
		            id[EI_DATA]);
	if (id[EI_VERSION] != EV_CURRENT)
		return fail(l, "unsupported ELF version %u", id[EI_VERSION]);
	if (l->fsize < sizeof(Elf64_Ehdr))
		return fail(l,
		            "truncated ELF header: file has %" PRIu64
		            " bytes, the ELF64 header needs %zu",
		            l->fsize, sizeof(Elf64_Ehdr));
	return 0;
}

static int open_elf(struct loader *l)
{
	if (elf_version(EV_CURRENT) == EV_NONE)
		return fail_libelf(l, "elf_version");
	l->elf = elf_begin(l->fd, ELF_C_READ, NULL);
	if (!l->elf)
		return fail_libelf(l, "elf_begin");
	if (elf_kind(l->elf) != ELF_K_ELF)
		return fail(l, "not an ELF file");
	return 0;
}

/* ---------------------------------------------------------- header */

static const char *machine_name(unsigned m)
{
	static const struct {
		unsigned m;
		const char *name;
	} names[] = {
		{ EM_386, "i386" },         { EM_ARM, "ARM" },     { EM_AARCH64, "AArch64" },
		{ EM_RISCV, "RISC-V" },     { EM_PPC, "PowerPC" }, { EM_PPC64, "PowerPC64" },
		{ EM_MIPS, "MIPS" },        { EM_S390, "S/390" },  { EM_SPARC, "SPARC" },
		{ EM_SPARCV9, "SPARC V9" }, { EM_IA_64, "IA-64" }, { EM_NONE, "none (EM_NONE)" },
		{ 258, "LoongArch" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].m == m)
			return names[i].name;
	return NULL;
}

static int bad_type(struct loader *l, unsigned type)
{
	switch (type) {
	case ET_DYN:
		return fail(
			l,
			"position-independent (ET_DYN) images are not supported; link with -no-pie");
	case ET_REL:
		return fail(
			l,
			"relocatable object (ET_REL), not a linked executable; lde needs ET_EXEC");
	case ET_CORE:
		return fail(l, "core dump (ET_CORE), not an executable; lde needs ET_EXEC");
	default:
		return fail(l, "unsupported ELF type %u; lde needs ET_EXEC", type);
	}
}

static int validate_ehdr(struct loader *l)
{
	const char *name;

	if (!gelf_getehdr(l->elf, &l->eh))
		return fail_libelf(l, "gelf_getehdr");
	if (l->eh.e_machine != EM_X86_64) {
		name = machine_name(l->eh.e_machine);
		if (name)
			return fail(l,
			            "image is for %s (e_machine %u); lde needs x86-64 (EM_X86_64)",
			            name, l->eh.e_machine);
		return fail(l, "image is for machine %u; lde needs x86-64 (EM_X86_64)",
		            l->eh.e_machine);
	}
	if (l->eh.e_type != ET_EXEC)
		return bad_type(l, l->eh.e_type);
	return 0;
}

/* Count the program headers and make sure they all lie in the file
 * (libelf silently clamps the count to what fits). */
static int read_phdrs(struct loader *l)
{
	uint64_t n = l->eh.e_phnum;
	GElf_Shdr sh0;

	if (n == PN_XNUM) {
		Elf_Scn *scn = elf_getscn(l->elf, 0);
		if (!scn || !gelf_getshdr(scn, &sh0))
			return fail(l, "e_phnum is PN_XNUM but section 0 is missing");
		n = sh0.sh_info;
	}
	if (n == 0)
		return fail(l, "no program headers, so no PT_LOAD segments");
	if (l->eh.e_phentsize != sizeof(Elf64_Phdr))
		return fail(l, "program header entry size is %u; ELF64 needs %zu",
		            l->eh.e_phentsize, sizeof(Elf64_Phdr));
	if (l->eh.e_phoff < sizeof(Elf64_Ehdr))
		return fail(l, "program headers at offset 0x%" PRIx64 " overlap the ELF header",
		            (uint64_t)l->eh.e_phoff);
	if (n > UINT64_MAX / sizeof(Elf64_Phdr) ||
	    !in_file(l, l->eh.e_phoff, n * sizeof(Elf64_Phdr)))
		return fail(l,
		            "truncated program headers: %" PRIu64 " entries at offset 0x%" PRIx64
		            " run past the end of the file (%" PRIu64 " bytes)",
		            n, (uint64_t)l->eh.e_phoff, l->fsize);
	l->phnum = n;
	return 0;
}

/* --------------------------------------------------------- segments */

/* One past the highest guest-physical RAM address. */
static uint64_t ram_top(const struct guest_mem *gm)
{
	uint64_t top = 0;

	for (unsigned r = 0; r < gm->nregions; r++)
		if (gm->region[r].gpa + gm->region[r].size > top)
			top = gm->region[r].gpa + gm->region[r].size;
	return top;
}

/* Segment I ends at END, past guest RAM: say how much --mem would hold it
 * (with room for the trace ring above it), if a guest can have that much. */
static int past_memory(struct loader *l, unsigned i, uint64_t end)
{
	uint64_t mib = ((end + (1 << 20) - 1) >> 20) + 1; /* rounded up, plus 1 MiB */
	char size[32];

	fmt_size(l->gm->size, size, sizeof(size));
	if (end > CLI_MEM_MAX - (2 << 20))
		return fail(l, "segment %u ends past guest memory (%s)", i, size);
	return fail(
		l,
		"segment %u ends past guest memory (%s): give the guest more, e.g. --mem %" PRIu64
		"M",
		i, size, mib);
}

static int check_placement(struct loader *l, unsigned i, const GElf_Phdr *ph)
{
	uint64_t end = ph->p_paddr + ph->p_memsz; /* no overflow: checked */

	if (ph->p_paddr < l->reserved_end)
		return fail(l,
		            "segment %u starts at 0x%" PRIx64
		            ", inside the vmm's reserved boot area [0x0, 0x%" PRIx64 ")",
		            i, (uint64_t)ph->p_paddr, l->reserved_end);
	if (end > ram_top(l->gm))
		return past_memory(l, i, end);
	if (!guest_ptr(l->gm, ph->p_paddr, ph->p_memsz))
		return fail(l,
		            "segment %u [0x%" PRIx64 ", 0x%" PRIx64
		            ") does not lie inside one guest RAM region",
		            i, (uint64_t)ph->p_paddr, end);
	return 0;
}

static int validate_segment(struct loader *l, unsigned i, const GElf_Phdr *ph)
{
	if (ph->p_filesz > ph->p_memsz)
		return fail(l, "segment %u: file size 0x%" PRIx64 " exceeds memory size 0x%" PRIx64,
		            i, (uint64_t)ph->p_filesz, (uint64_t)ph->p_memsz);
	if (ph->p_filesz && !in_file(l, ph->p_offset, ph->p_filesz))
		return fail(l,
		            "segment %u: file bytes at offset 0x%" PRIx64 " + 0x%" PRIx64
		            " run past the end of the file (%" PRIu64 " bytes)",
		            i, (uint64_t)ph->p_offset, (uint64_t)ph->p_filesz, l->fsize);
	if (ph->p_memsz > UINT64_MAX - ph->p_paddr)
		return fail(l,
		            "segment %u: physical address 0x%" PRIx64 " + size 0x%" PRIx64
		            " overflows 64 bits",
		            i, (uint64_t)ph->p_paddr, (uint64_t)ph->p_memsz);
	if (ph->p_memsz > UINT64_MAX - ph->p_vaddr)
		return fail(l,
		            "segment %u: virtual address 0x%" PRIx64 " + size 0x%" PRIx64
		            " overflows 64 bits",
		            i, (uint64_t)ph->p_vaddr, (uint64_t)ph->p_memsz);
	if (ph->p_memsz == 0)
		return 0; /* occupies nothing; ignored */
	return check_placement(l, i, ph);
}

/* Validate every PT_LOAD and read its file bytes. */
static int collect_segments(struct loader *l)
{
	GElf_Phdr ph;
	Elf_Data *d;

	l->segs = calloc(l->phnum, sizeof(*l->segs));
	if (!l->segs)
		return fail(l, "%s", strerror(ENOMEM));
	for (size_t i = 0; i < l->phnum; i++) {
		if (!gelf_getphdr(l->elf, (int)i, &ph))
			return fail_libelf(l, "gelf_getphdr");
		if (ph.p_type != PT_LOAD)
			continue;
		if (validate_segment(l, (unsigned)i, &ph) < 0)
			return -1;
		if (ph.p_memsz == 0)
			continue;
		d = NULL;
		if (ph.p_filesz) {
			d = elf_getdata_rawchunk(l->elf, (int64_t)ph.p_offset, ph.p_filesz,
			                         ELF_T_BYTE);
			if (!d)
				return fail_libelf(l, "elf_getdata_rawchunk");
		}
		l->segs[l->nsegs++] = (struct seg){
			(unsigned)i, ph.p_paddr, ph.p_filesz,
			ph.p_memsz,  ph.p_flags, d ? d->d_buf : NULL,
		};
	}
	if (l->nsegs == 0)
		return fail(l, "no PT_LOAD segments (nothing to load)");
	return 0;
}

static int cmp_paddr(const void *a, const void *b)
{
	const struct seg *s = a, *t = b;

	if (s->paddr != t->paddr)
		return s->paddr < t->paddr ? -1 : 1;
	return s->idx < t->idx ? -1 : s->idx > t->idx;
}

/* Sorted by address, any overlap shows up between neighbours. */
static int check_overlaps(struct loader *l)
{
	qsort(l->segs, l->nsegs, sizeof(*l->segs), cmp_paddr);
	for (unsigned k = 1; k < l->nsegs; k++) {
		const struct seg *s = &l->segs[k - 1], *t = &l->segs[k];
		uint64_t se = s->paddr + s->memsz, te = t->paddr + t->memsz;

		if (t->paddr < se)
			return fail(l,
			            "segments %u and %u overlap at guest-physical [0x%" PRIx64
			            ", 0x%" PRIx64 ")",
			            s->idx < t->idx ? s->idx : t->idx,
			            s->idx < t->idx ? t->idx : s->idx, t->paddr, se < te ? se : te);
	}
	return 0;
}

/* ------------------------------------------------------------ notes */

/* V rounded up to a multiple of A (a power of two); V < 2^63 here. */
static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

struct note {
	uint32_t namesz, descsz, type;
	const uint8_t *name, *desc;
};

/*
 * Read the note at *POS of the LEN note bytes at P (segment I) into N and
 * advance *POS past it; every size is checked against what is left.  With
 * the segment's alignment ALIGN (4, or 8 as for .note.gnu.property), the
 * descriptor and the next note start at the next multiple of ALIGN after
 * what precedes them, counted from the segment's start (as readelf reads
 * them): for "GNU" and ALIGN 8 the descriptor is at 16, not at 12 + 8.
 */
static int next_note(struct loader *l, unsigned i, const uint8_t *p, uint64_t len, uint64_t align,
                     uint64_t *pos, struct note *n)
{
	uint32_t hdr[3]; /* namesz, descsz, type */
	uint64_t at = *pos, end;

	if (len - at < sizeof(hdr))
		return fail(
			l, "segment %u: malformed note: truncated note header at offset 0x%" PRIx64,
			i, at);
	memcpy(hdr, p + at, sizeof(hdr));
	at += sizeof(hdr);
	*n = (struct note){ hdr[0], hdr[1], hdr[2], p + at, NULL };
	at = align_up(at + n->namesz, align); /* at, len < 2^63; namesz < 2^32 */
	if (at > len)
		return fail(l,
		            "segment %u: malformed note: name (%" PRIu32
		            " bytes) runs past the end of the segment",
		            i, n->namesz);
	if (n->descsz > len - at)
		return fail(l,
		            "segment %u: malformed note: descriptor (%" PRIu32
		            " bytes) runs past the end of the segment",
		            i, n->descsz);
	n->desc = p + at;
	end = align_up(at + n->descsz, align); /* the last note may omit its padding */
	*pos = end < len ? end : len;
	return 0;
}

static bool is_pvh_note(const struct note *n)
{
	return n->type == XEN_ELFNOTE_PHYS32_ENTRY && n->namesz == 4 &&
	       memcmp(n->name, "Xen", 4) == 0;
}

/* The 32-bit entry of PVH note N (segment I): a 4-byte descriptor, or an
 * 8-byte one whose high half is 0. */
static int pvh_note_entry(struct loader *l, unsigned i, const struct note *n, uint32_t *entry)
{
	uint64_t v = 0;

	if (n->descsz != 4 && n->descsz != 8)
		return fail(
			l,
			"segment %u: malformed PVH note (Xen PHYS32_ENTRY): descriptor is %" PRIu32
			" bytes, expected 4 or 8",
			i, n->descsz);
	memcpy(&v, n->desc, n->descsz); /* little-endian */
	if (v > UINT32_MAX)
		return fail(l,
		            "segment %u: malformed PVH note (Xen PHYS32_ENTRY): entry 0x%" PRIx64
		            " does not fit in 32 bits (the PVH entry is a 32-bit physical address)",
		            i, v);
	*entry = (uint32_t)v;
	return 0;
}

/* The kernel's configuration note N (segment I): at most one, valid. */
static int kconfig_note(struct loader *l, unsigned i, const struct note *n)
{
	const char *why;

	if (l->has_kconfig)
		return fail(l, "segment %u: a second lde configuration note", i);
	why = kconfig_note_check(n->desc, n->descsz, &l->kconfig);
	if (why)
		return fail(l, "segment %u: malformed lde configuration note: %s", i, why);
	l->has_kconfig = true;
	return 0;
}

/* Parse the notes of one PT_NOTE segment (index I, LEN bytes at P); a
 * "Xen" XEN_ELFNOTE_PHYS32_ENTRY note gives the PVH entry, and every such
 * note in the image must give the same one; an "lde" LDE_NOTE_KCONFIG
 * note, the kernel's configuration. */
static int parse_notes(struct loader *l, unsigned i, const uint8_t *p, uint64_t len, uint64_t align)
{
	struct note n = { 0 };
	uint32_t entry = 0;

	for (uint64_t pos = 0; pos < len;) {
		if (next_note(l, i, p, len, align, &pos, &n) < 0)
			return -1;
		if (kconfig_note_is(n.name, n.namesz, n.type)) {
			if (kconfig_note(l, i, &n) < 0)
				return -1;
			continue;
		}
		if (!is_pvh_note(&n))
			continue;
		if (pvh_note_entry(l, i, &n, &entry) < 0)
			return -1;
		if (l->pvh && entry != l->pvh_entry)
			return fail(l,
			            "conflicting PVH entry notes: 0x%" PRIx32 " (segment %u) and "
			            "0x%" PRIx32 " (segment %u)",
			            l->pvh_entry, l->pvh_seg, entry, i);
		l->pvh = true;
		l->pvh_entry = entry;
		l->pvh_seg = i;
	}
	return 0;
}

static int find_pvh_note(struct loader *l)
{
	GElf_Phdr ph;
	Elf_Data *d;

	for (size_t i = 0; i < l->phnum; i++) {
		if (!gelf_getphdr(l->elf, (int)i, &ph))
			return fail_libelf(l, "gelf_getphdr");
		if (ph.p_type != PT_NOTE || ph.p_filesz == 0)
			continue;
		if (!in_file(l, ph.p_offset, ph.p_filesz))
			return fail(l,
			            "segment %u (PT_NOTE): offset 0x%" PRIx64 " + 0x%" PRIx64
			            " runs past the end of the file (%" PRIu64 " bytes)",
			            (unsigned)i, (uint64_t)ph.p_offset, (uint64_t)ph.p_filesz,
			            l->fsize);
		d = elf_getdata_rawchunk(l->elf, (int64_t)ph.p_offset, ph.p_filesz, ELF_T_BYTE);
		if (!d)
			return fail_libelf(l, "elf_getdata_rawchunk");
		if (parse_notes(l, (unsigned)i, d->d_buf, ph.p_filesz, ph.p_align == 8 ? 8 : 4) < 0)
			return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ entry */

/*
 * The vCPU starts fetching at the entry as a guest-physical address (PVH:
 * paging off; 64-bit: identity map), so it is checked against p_paddr, and
 * against the segment's file bytes: its zero-filled tail (.bss) holds no
 * code.  A 64-bit entry must also be inside the boot identity map.
 */
static int check_entry(struct loader *l)
{
	uint64_t entry = l->pvh ? l->pvh_entry : l->eh.e_entry;
	const char *what = l->pvh ? "PVH entry" : "entry point";

	if (!l->pvh && entry >= LDE_BOOT_MAP_END)
		return fail(l,
		            "entry point 0x%" PRIx64 " is above 4 GiB, which the 64-bit "
		            "entry's page tables do not map (abi.h section 4)",
		            entry);

	for (unsigned k = 0; k < l->nsegs; k++) {
		const struct seg *s = &l->segs[k];

		if (entry < s->paddr || entry - s->paddr >= s->memsz)
			continue;
		if (!(s->flags & PF_X))
			return fail(l, "%s 0x%" PRIx64 " is in segment %u, which is not executable",
			            what, entry, s->idx);
		if (entry - s->paddr >= s->filesz)
			return fail(
				l,
				"%s 0x%" PRIx64 " is not in the file-backed part of any "
				"executable PT_LOAD (it is in the zero-filled part of segment %u)",
				what, entry, s->idx);
		return 0;
	}
	return fail(l, "%s 0x%" PRIx64 " is not inside any loaded executable segment", what, entry);
}

/* ------------------------------------------------------------- load */

/* Only called once everything is validated: cannot fail. */
/* Segments come sorted by address (check_overlaps): the last range grows once full. */
static void add_low_range(struct elf_image *img, uint64_t start, uint64_t end)
{
	if (img->nlow == ELF_IMAGE_MAX_RANGES)
		img->low[img->nlow - 1].end = end;
	else
		img->low[img->nlow++] = (struct elf_range){ start, end };
}

static void copy_segments(struct loader *l, struct elf_image *img)
{
	memset(img, 0, sizeof(*img));
	img->load_start = UINT64_MAX;
	for (unsigned k = 0; k < l->nsegs; k++) {
		const struct seg *s = &l->segs[k];
		uint8_t *dst = guest_ptr(l->gm, s->paddr, s->memsz);

		if (s->filesz)
			memcpy(dst, s->bytes, s->filesz);
		memset(dst + s->filesz, 0, s->memsz - s->filesz);
		if (s->paddr < img->load_start)
			img->load_start = s->paddr;
		if (s->paddr + s->memsz > img->load_end)
			img->load_end = s->paddr + s->memsz;
		if (s->paddr < LDE_MMIO_HOLE_START) {
			if (s->paddr + s->memsz > img->low_end)
				img->low_end = s->paddr + s->memsz;
			add_low_range(img, s->paddr, s->paddr + s->memsz);
		}
	}
	img->entry = l->eh.e_entry;
	img->pvh = l->pvh;
	img->pvh_entry = l->pvh_entry;
	img->has_kconfig = l->has_kconfig;
	img->kconfig = l->kconfig;
	img->nsegments = l->nsegs;
}

static int load(struct loader *l, const char *path, struct elf_image *img)
{
	if (open_image(l, path) < 0 || check_ident(l) < 0 || open_elf(l) < 0 ||
	    validate_ehdr(l) < 0 || read_phdrs(l) < 0 || collect_segments(l) < 0 ||
	    check_overlaps(l) < 0 || find_pvh_note(l) < 0 || check_entry(l) < 0)
		return -1;
	copy_segments(l, img);
	return 0;
}

int elf_load(const char *path, const struct guest_mem *gm, uint64_t reserved_end,
             struct elf_image *img, char *err, size_t errlen)
{
	struct loader l = {
		.gm = gm,
		.reserved_end = reserved_end,
		.err = err,
		.errlen = errlen,
		.fd = -1,
	};
	int ret;

	if (err && errlen)
		err[0] = '\0';
	ret = load(&l, path, img);
	free(l.segs);
	if (l.elf)
		elf_end(l.elf);
	if (l.fd >= 0)
		close(l.fd);
	return ret;
}
