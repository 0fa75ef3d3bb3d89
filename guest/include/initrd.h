/* SPDX-License-Identifier: MIT */
/*
 * The root file system's archive (abi.h section 7): the initrd module,
 * checked whole by cpio.c, then unpacked into the file system (vfs.h);
 * and the words that name the first process.  A bad archive is never
 * unpacked in part into a run that goes on: the run ends, before any
 * process starts, with LDE_EXIT_INITRD_REFUSED and status 126, after one
 * line that names the entry and the reason.
 */
#ifndef LDE_GUEST_INITRD_H
#define LDE_GUEST_INITRD_H

#include <stdbool.h>

#include "bootinfo.h"

/*
 * Is m the initrd?  Named LDE_INITRD_MODULE_NAME (alone or followed by a
 * space), or without a name (QEMU's -initrd) and starting with a newc
 * magic (070701 or 070702).
 */
bool initrd_is_module(const struct boot_module *m);

/* Is there an initrd among the modules? */
bool initrd_present(void);

/*
 * With an initrd: checks every entry, then creates each in the file
 * system (devices, FIFOs and sockets skipped, hard links as copies that
 * share the bytes), and says what it made.  On a bad entry, or one the
 * file system refuses, ends the run (status 126).
 */
void initrd_unpack(void);

/*
 * The first process's argv as the user gave it: the words after the
 * module's name (--init), or for a module without a name the kernel
 * command line's argv=; decoded into words[0..max).  The count (0: none
 * given), or -1 if they are malformed or too many.
 */
int initrd_init_argv(char **words, int max);

#endif
