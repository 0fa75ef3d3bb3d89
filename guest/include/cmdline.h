/* SPDX-License-Identifier: MIT */
/*
 * Kernel command line: space-separated words, each either a bare flag
 * ("quiet") or key=value ("test=spin").  No quoting.  When a key appears
 * more than once, the last occurrence wins.
 */
#ifndef LDE_GUEST_CMDLINE_H
#define LDE_GUEST_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Copies the boot loader's command line (NULL or "" selects
 * CONFIG_CMDLINE_DEFAULT) into kernel memory, truncated to
 * LDE_BOOT_CMDLINE_MAX - 1 bytes.
 */
void cmdline_init(const char *boot_cmdline);

/* The whole command line in use. */
const char *cmdline_get(void);

/* True if the bare word flag is present. */
bool cmdline_flag(const char *flag);

/*
 * Finds key=value.  Returns the value (not NUL-terminated) and stores its
 * length in *len, or returns NULL if key is absent.
 */
const char *cmdline_value(const char *key, size_t *len);

/*
 * Parses key=N (decimal, or hex with 0x).  Returns 1 and sets *out if
 * key is present and valid, 0 if absent, -1 if the value is malformed.
 */
int cmdline_u32(const char *key, uint32_t *out);

/* True if the command line has KEY=VALUE exactly. */
bool cmdline_is(const char *key, const char *value);

#endif
