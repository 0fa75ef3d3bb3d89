/* SPDX-License-Identifier: MIT */
#include "syscall_name.h"

#include <stddef.h>

/* [nr] = "name", generated from <asm/unistd_64.h> (Makefile). */
static const char *const linux_names[] = {
#include "generated/syscall_names.h"
};

/* [nr - LDE_SYS_BASE] = "lde_name", generated from guest/include/uapi/lde_sys.h
 * (Makefile), which also gives LDE_SYS_BASE. */
static const char *const lde_names[] = {
#include "generated/lde_syscall_names.h"
};

const char *syscall_name(uint64_t nr)
{
	if (nr < sizeof(linux_names) / sizeof(linux_names[0]))
		return linux_names[nr];
	if (nr - LDE_SYS_BASE < sizeof(lde_names) / sizeof(lde_names[0]))
		return lde_names[nr - LDE_SYS_BASE];
	return NULL;
}
