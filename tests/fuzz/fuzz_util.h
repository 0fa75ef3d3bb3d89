/* SPDX-License-Identifier: MIT */
/*
 * What the libFuzzer harnesses in tests/fuzz share:
 *   - memory with a PROT_NONE guard page on each side, so that an overrun
 *     of fake guest memory faults at once (ASan does not watch an mmap);
 *   - fake guest RAM made of such mappings, optionally write-watched: the
 *     RAM is kept read-only and the first write to a region is caught
 *     (SIGSEGV), recorded and let through (the region becomes writable),
 *     so a harness knows for the price of two system calls whether the
 *     code under test wrote guest RAM at all;
 *   - FUZZ_CHECK, for the invariants checked after each input.
 */
#ifndef LDE_FUZZ_UTIL_H
#define LDE_FUZZ_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../host/guest_mem.h"

#define FUZZ_PAGE 4096

/* An invariant the code under test broke: say which, then abort, so that
 * libFuzzer saves the input. */
#define FUZZ_CHECK(cond)                                                                     \
	do {                                                                                 \
		if (!(cond)) {                                                               \
			fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, \
			        #cond);                                                      \
			abort();                                                             \
		}                                                                            \
	} while (0)

/* A fuzz input, read from the front. */
struct fuzz_input {
	const uint8_t *p;
	size_t left;
};

/* Copies the next N bytes of IN to OUT; false (nothing taken) if fewer are left. */
bool fuzz_take(struct fuzz_input *in, void *out, size_t n);

/* SIZE bytes (a multiple of FUZZ_PAGE), read-write, between two guard
 * pages; aborts when the mapping fails. */
void *fuzz_guarded(size_t size);

/* Add a guarded region of SIZE bytes at guest-physical GPA to GM. */
void fuzz_guest_region(struct guest_mem *gm, uint64_t gpa, uint64_t size);

/* A memfd named NAME (a regular file that lives in memory) and, in PATH,
 * the name under which open() reaches it; aborts on failure. */
int fuzz_memfd(const char *name, char *path, size_t len);

/* Fill every region of GM with FILL and watch it for writes (one GM per
 * process). */
void fuzz_watch_writes(const struct guest_mem *gm, uint8_t fill);

/* Was any region written since the last fuzz_watch_reset()? */
bool fuzz_written(void);

/* Is every byte of every written region FILL (again)? */
bool fuzz_written_all_fill(void);

/* Make the written regions read-only again (they must hold FILL). */
void fuzz_watch_reset(void);

#endif
