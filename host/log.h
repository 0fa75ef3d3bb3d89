/* SPDX-License-Identifier: MIT */
/* The vmm's own messages on stderr, each prefixed "vmm: ". */
#ifndef LDE_LOG_H
#define LDE_LOG_H

#include <stdbool.h>

/* When set, vmm_info() prints nothing (--quiet).  Errors always print. */
extern bool log_quiet;

void vmm_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vmm_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
