/* SPDX-License-Identifier: MIT */
/*
 * elf_builder: build small ELF images in memory for the loader tests, break
 * them on purpose, and write them to a temporary file.
 *
 *   struct elfb *b = elfb_new();                 // ELF64 LE x86-64 ET_EXEC
 *   elfb_add_load(b, 0x100000, 0x100000, 0x200, 0x1000, PF_R | PF_X, NULL);
 *   elfb_add_pvh_note(b, 0x100000, 4);
 *   elfb_phdr(b, 0)->p_offset = ~0ULL;          // patch the built image
 *   const char *path = elfb_write(b);            // temp file
 *   ...
 *   elfb_free(b);                                // unlinks the file
 *
 * Layout: ELF header at 0, program headers right after it, then the file
 * bytes of each segment in order, each 16-byte aligned.  The image is laid
 * out on the first call of elfb_ehdr/elfb_phdr/elfb_bytes/elfb_truncate/
 * elfb_write; segments cannot be added afterwards.  Allocation failures
 * abort().
 */
#ifndef LDE_TEST_ELF_BUILDER_H
#define LDE_TEST_ELF_BUILDER_H

#include <elf.h>
#include <stddef.h>
#include <stdint.h>

struct elfb;

struct elfb *elfb_new(void);
/* Frees B and unlinks the file elfb_write created, if any.  NULL is ok. */
void elfb_free(struct elfb *b);

/* e_ident / header fields (defaults: ELFCLASS64, ELFDATA2LSB, EM_X86_64,
 * ET_EXEC, entry 0).  With ELFCLASS32 a genuine ELF32 header and ELF32
 * program headers are written (elfb_ehdr/elfb_phdr then return NULL). */
void elfb_set_class(struct elfb *b, unsigned char cls);
void elfb_set_data(struct elfb *b, unsigned char data);
void elfb_set_machine(struct elfb *b, uint16_t machine);
void elfb_set_type(struct elfb *b, uint16_t type);
void elfb_set_entry(struct elfb *b, uint64_t entry);

/* Byte I of the default segment content (used when content is NULL). */
uint8_t elfb_pattern(unsigned seg, uint64_t i);

/*
 * Add a program header of TYPE; returns its index.  FILESZ bytes of
 * CONTENT (or of elfb_pattern(index, i) when CONTENT is NULL) go into the
 * file.  p_align is 0x1000 for PT_LOAD, 4 otherwise.
 */
unsigned elfb_add_segment(struct elfb *b, uint32_t type, uint32_t flags, uint64_t paddr,
                          uint64_t vaddr, uint64_t filesz, uint64_t memsz, const void *content);
/* elfb_add_segment(b, PT_LOAD, ...) */
unsigned elfb_add_load(struct elfb *b, uint64_t paddr, uint64_t vaddr, uint64_t filesz,
                       uint64_t memsz, uint32_t flags, const void *content);

/* Append one note (4-byte aligned, as in PT_NOTE with p_align 4) to BUF at
 * *LEN (BUF must have room); NAME includes its NUL in namesz. */
void elfb_note(uint8_t *buf, size_t *len, const char *name, uint32_t type, const void *desc,
               uint32_t descsz);
/* The same with ALIGN (4 or 8, the PT_NOTE's p_align): the note, its
 * descriptor and the next note each start at a multiple of ALIGN from the
 * start of BUF, as the gABI lays out .note.gnu.property in ELF64. */
void elfb_note_aligned(uint8_t *buf, size_t *len, const char *name, uint32_t type, const void *desc,
                       uint32_t descsz, size_t align);
/* A PT_NOTE segment holding a "Xen" XEN_ELFNOTE_PHYS32_ENTRY note whose
 * DESCSZ-byte descriptor (<= 16; 4 or 8 are valid) holds ENTRY, little-endian
 * and zero-padded.  Returns its index. */
unsigned elfb_add_pvh_note(struct elfb *b, uint64_t entry, uint32_t descsz);
/* A PT_NOTE segment with arbitrary (possibly malformed) note bytes. */
unsigned elfb_add_note_bytes(struct elfb *b, const void *bytes, size_t len);

/* The built image, to patch before writing. */
Elf64_Ehdr *elfb_ehdr(struct elfb *b);
Elf64_Phdr *elfb_phdr(struct elfb *b, unsigned idx);
uint8_t *elfb_bytes(struct elfb *b, size_t *len);
/* File offset of segment IDX's bytes. */
uint64_t elfb_offset(struct elfb *b, unsigned idx);
/* Cut the image to its first N bytes (N <= current length). */
void elfb_truncate(struct elfb *b, size_t n);

/* Write the image to a new file under $TMPDIR (or /tmp); returns its path
 * (valid until elfb_free), or NULL on error. */
const char *elfb_write(struct elfb *b);

/* Write LEN raw bytes to a new temp file; returns a malloc'd path (caller
 * unlinks and frees), or NULL. */
char *elfb_write_raw(const void *bytes, size_t len);

#endif
