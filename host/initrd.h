/* SPDX-License-Identifier: MIT */
/*
 * --initrd FILE: the root file system's archive, handed to the kernel as
 * one more PVH module (abi.h section 7) that programs.c places.  Here:
 * what the vmm checks of the file before boot, cheaply (the kernel checks
 * every entry), and the module's command line.
 */
#ifndef LDE_INITRD_H
#define LDE_INITRD_H

#include <stddef.h>
#include <stdint.h>

/*
 * The first bytes of the archive FD (named PATH), read with pread: 0 if
 * they are a newc cpio header's magic (070701 or 070702), else -1 with
 * the problem in WHY (an empty file, a compressed or an old-format
 * archive, something else) and how to make a good one.
 */
int initrd_check(int fd, char *why, size_t whylen);

/*
 * The module's command line: LDE_INITRD_MODULE_NAME, then, with INIT (the
 * --init argv, NULL-terminated), a space and its words encoded as the
 * programs' argv are.  A malloc'd string, or NULL when out of memory.
 */
char *initrd_cmdline(char *const *init);

/*
 * Guest RAM the kernel needs for an archive of SIZE bytes besides the
 * module itself: its file system's nodes and the first process.  An
 * estimate (docs/guest-kernel.md).
 */
uint64_t initrd_ram_extra(uint64_t size);

#endif
