/* SPDX-License-Identifier: MIT */
/*
 * A newc cpio archive written field by field, for the tests of the
 * kernel's initrd: any field may be given a value no archiver would write
 * (a name size, a checksum, the magic), and the bytes poked afterwards.
 */
#ifndef LDE_TEST_CPIO_WRITE_H
#define LDE_TEST_CPIO_WRITE_H

#include <stddef.h>
#include <stdint.h>

#define CPIO_OUT_MAX (64 * 1024)

/* One entry to write: the fields a test sets; the others are 0. */
struct cpio_ent {
	const char *name;
	uint32_t mode;
	const char *data;  /* NULL: none */
	uint32_t size;     /* 0: strlen(data); above CPIO_OUT_MAX / 2, in the header only */
	uint32_t namesize; /* 0: strlen(name) + 1 */
	uint32_t nlink;    /* 0: 1 */
	uint32_t ino;      /* 0: 1 */
	uint32_t check;
	const char *magic; /* NULL: 070701 */
};

struct cpio_out {
	uint8_t b[CPIO_OUT_MAX];
	size_t n;
};

/* Appends e (padded to 4 bytes); returns its header's offset. */
size_t cpio_out_put(struct cpio_out *a, const struct cpio_ent *e);

/* Appends the TRAILER!!! entry. */
void cpio_out_trailer(struct cpio_out *a);

/* Empties a, then writes ENTS (up to one with a NULL name) and the trailer. */
void cpio_out_make(struct cpio_out *a, const struct cpio_ent *ents);

#endif
