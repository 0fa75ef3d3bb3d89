/* SPDX-License-Identifier: MIT */
/*
 * The kernel's ELF loader: turns an ELF64 executable (a user program) into
 * mappings in an address space.  Only what a static executable needs: the
 * file header, the PT_LOAD program headers, PT_PHDR, PT_INTERP (refused)
 * and PT_GNU_STACK.  Every field is checked
 * before it is used, so a malformed image is refused with a reason, never
 * followed outside the file or outside user memory.
 *
 * Pure logic; the unit tests run it on the host against good and
 * malformed images.
 */
#ifndef LDE_GUEST_ELF_H
#define LDE_GUEST_ELF_H

#include <stddef.h>
#include <stdint.h>

#include "vm.h"

/* The ELF64 file header (System V gABI), as it lies in the file. */
struct elf64_ehdr {
	unsigned char e_ident[16]; /* magic, class, data, version, ... */
	uint16_t e_type;           /* ET_EXEC or ET_DYN for us */
	uint16_t e_machine;        /* EM_X86_64 */
	uint32_t e_version;
	uint64_t e_entry; /* virtual address of the first instruction */
	uint64_t e_phoff; /* file offset of the program headers */
	uint64_t e_shoff; /* section headers: not needed to run */
	uint32_t e_flags;
	uint16_t e_ehsize;
	uint16_t e_phentsize; /* size of one program header */
	uint16_t e_phnum;     /* number of program headers */
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
};

/* One program header: a segment to load (PT_LOAD) or other information. */
struct elf64_phdr {
	uint32_t p_type;   /* PT_LOAD: map it */
	uint32_t p_flags;  /* PF_R | PF_W | PF_X */
	uint64_t p_offset; /* where its bytes start in the file */
	uint64_t p_vaddr;  /* where they go in memory */
	uint64_t p_paddr;
	uint64_t p_filesz; /* bytes from the file... */
	uint64_t p_memsz;  /* ...then zeros up to this size (.bss) */
	uint64_t p_align;
};

#define ELFCLASS32 1
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define EV_CURRENT 1
#define ET_EXEC 2
#define ET_DYN 3
#define EM_X86_64 62
#define PT_LOAD 1
#define PT_INTERP 3
#define PT_PHDR 6
#define PT_GNU_STACK 0x6474e551
#define PF_X 0x1
#define PF_W 0x2
#define PF_R 0x4

/* elf_load_program's errors (negative); elf_error_string() names them. */
enum elf_error {
	ELF_OK = 0,
	ELF_ETRUNC = -1,          /* shorter than the file header */
	ELF_EMAGIC = -2,          /* no \177ELF */
	ELF_EFORMAT = -3,         /* not little-endian ELF version 1 */
	ELF_ETYPE = -4,           /* not an executable (ET_EXEC or ET_DYN) */
	ELF_EMACHINE = -5,        /* not x86-64 */
	ELF_EPHDR = -6,           /* program header table malformed or outside file */
	ELF_ESEGMENT = -7,        /* a segment's bytes lie outside the file, or
				filesz > memsz */
	ELF_EADDR = -8,           /* a segment lies outside user memory */
	ELF_ENOLOAD = -9,         /* nothing to load */
	ELF_EENTRY = -10,         /* entry point not in an executable segment */
	ELF_ENOMEM = -11,         /* not enough free pages */
	ELF_EINTERP = -12,        /* PT_INTERP: needs a dynamic linker */
	ELF_ECLASS32 = -13,       /* a 32-bit program */
	ELF_EEMPTY = -14,         /* an empty file */
	ELF_EWX = -15,            /* a segment both writable and executable, or a
				writable and an executable one sharing a page */
	ELF_EEXECSTACK = -16,     /* PT_GNU_STACK asks for an executable stack */
	ELF_EENTRYBSS = -17,      /* entry point in a segment's zero-filled part */
	ELF_EOVERLAP = -18,       /* PT_LOAD segments overlap, or are not in
				ascending p_vaddr order (the gABI's rule) */
	ELF_ELAST = ELF_EOVERLAP, /* the last error: every error is in [ELF_ELAST, 0) */
};

/* What the initial stack's auxiliary vector needs to know. */
struct elf_info {
	uint64_t entry; /* where the program starts (load bias included) */
	uint64_t bias;  /* 0 for ET_EXEC; where ET_DYN's address 0 went */
	uint64_t phdr;  /* the program headers' address in memory, or 0 */
	uint16_t phnum, phent;
	uint64_t end; /* first byte past the highest segment: the heap starts there */
};

/*
 * A program file's bytes as the loader reads them: size bytes, either in
 * one piece (flat) that lives as long as the run (then its whole pages
 * may be mapped in place, read-only), or page by page: page(arg, i) is
 * the file's bytes [i * PAGE_SIZE, (i + 1) * PAGE_SIZE), a full page
 * (zeros past the end).
 */
struct elf_src {
	const char *flat; /* the whole file, or NULL: read it through page() */
	uint64_t size;
	const char *(*page)(const void *arg, uint64_t index);
	const void *arg;
};

/* The source of the flat image[0..size). */
struct elf_src elf_src_flat(const void *image, uint64_t size);

/* Copies src's bytes [off, off + len) (inside the file) to dst. */
void elf_src_read(const struct elf_src *src, uint64_t off, void *dst, size_t len);

/* elf_load_program on a source: a flat one or page by page. */
int elf_load_src(struct addrspace *as, const struct elf_src *src, struct elf_info *info);

/*
 * Checks image[0..size) and maps its PT_LOAD segments into as, each with
 * its own rights (PTE_W for PF_W, executable only with PF_X) and a region
 * (mm.h): file bytes copied, the rest zeroed.  ET_DYN (static PIE) is
 * loaded at LDE_PIE_BASE.  Nothing is mapped unless every check passes; on
 * ELF_ENOMEM some pages may be (uvm_destroy frees them).
 */
int elf_load_program(struct addrspace *as, const void *image, size_t size, struct elf_info *info);

/* A short description of an elf_error. */
const char *elf_error_string(int err);

#endif
