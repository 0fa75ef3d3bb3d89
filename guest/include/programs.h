/* SPDX-License-Identifier: MIT */
/*
 * The user programs built into the kernel image.  Each is a complete ELF
 * executable (guest/user/programs/NAME.c, linked by guest/guest.mk) that
 * guest/user/embed.S includes byte for byte, together with an entry in the
 * .user_programs table that kernel.ld gathers.
 */
#ifndef LDE_GUEST_PROGRAMS_H
#define LDE_GUEST_PROGRAMS_H

#include <stddef.h>
#include <stdint.h>

struct program {
	const char *name;
	const void *image; /* the ELF file */
	uint64_t size;     /* its size in bytes */
};

/* The program called name[0..len), or NULL. */
const struct program *program_find(const char *name, size_t len);

/* Prints "programs: a (N bytes), b (M bytes), ..." on the console. */
void programs_print(void);

#endif
