/* SPDX-License-Identifier: MIT */
/*
 * The guest kernel's configuration note (include/lde/abi.h section 8):
 * checked here, once, when the image is loaded, and written into the
 * trace's boot record.
 */
#ifndef LDE_KCONFIG_NOTE_H
#define LDE_KCONFIG_NOTE_H

#include <lde/abi.h>
#include <stdbool.h>
#include <stdint.h>

#include "json.h"

/* Is a note named NAME (NAMESZ bytes, with its NUL) of TYPE the kernel's
 * configuration note? */
bool kconfig_note_is(const void *name, uint32_t namesz, uint32_t type);

/* Why the note's descriptor (DESCSZ bytes at DESC) is not a configuration
 * the vmm can report, or NULL after copying it to *K. */
const char *kconfig_note_check(const void *desc, uint32_t descsz, struct lde_kconfig *k);

/* The boot record's "config": {"hz", "slice_ticks", "timer", "sched",
 * "kconfig_digest"}, or null for an image without the note (K NULL). */
void kconfig_note_json(struct json *j, const struct lde_kconfig *k);

#endif
