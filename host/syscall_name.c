/* SPDX-License-Identifier: MIT */
#include "syscall_name.h"

#include <stddef.h>

/* [nr] = "name", generated from <asm/unistd_64.h> (Makefile). */
static const char *const linux_names[] = {
#include "generated/syscall_names.h"
};

/* guest/include/uapi/lde_sys.h: LDE_SYS_BASE and what follows it */
#define LDE_SYS_BASE 0x10000
static const char *const lde_names[] = { "lde_taskinfo", "lde_uptime" };

const char *syscall_name(uint64_t nr)
{
	if (nr < sizeof(linux_names) / sizeof(linux_names[0]))
		return linux_names[nr];
	if (nr - LDE_SYS_BASE < sizeof(lde_names) / sizeof(lde_names[0]))
		return lde_names[nr - LDE_SYS_BASE];
	return NULL;
}
