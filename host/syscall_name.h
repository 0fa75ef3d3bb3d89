/* SPDX-License-Identifier: MIT */
/*
 * System-call names for the trace: Linux x86-64's, taken at build time from
 * the system's <asm/unistd_64.h> (the header strace and the C libraries
 * use), and lde's extensions (guest/include/uapi/lde_sys.h).
 */
#ifndef LDE_SYSCALL_NAME_H
#define LDE_SYSCALL_NAME_H

#include <stdint.h>

/* "write" for 1, "lde_taskinfo" for 0x10000; NULL for a number neither has. */
const char *syscall_name(uint64_t nr);

#endif
