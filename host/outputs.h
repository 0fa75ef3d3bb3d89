/* SPDX-License-Identifier: MIT */
/*
 * No output the vmm writes may be one of its inputs: `./vmm --trace G G`
 * (or --console G) would truncate the guest image G and write over it, and
 * `./vmm G >> G` would append the console to it.  Files are compared by
 * device and inode (so links and other names of a file are caught), before
 * anything is opened for writing.
 */
#ifndef LDE_OUTPUTS_H
#define LDE_OUTPUTS_H

#include <stddef.h>

struct vmm_options;

/* 0, or -1 with one line in ERR naming the output and the input it is. */
int outputs_check(const struct vmm_options *opt, char *err, size_t errlen);

#endif
