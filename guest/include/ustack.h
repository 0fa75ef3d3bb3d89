/* SPDX-License-Identifier: MIT */
/*
 * The initial user stack of a new program, as Linux x86-64 builds it (System
 * V x86-64 ABI, "Process Initialization"; uapi/lde_sys.h): from the stack
 * pointer up, argc, argv[], NULL, envp[], NULL, the auxiliary vector, then
 * 16 random bytes (AT_RANDOM), the platform string, the strings of argv and
 * envp, the program's path (AT_EXECFN) and an 8-byte end marker.
 * Pure logic (unit-tested): everything goes through copy_to_user.
 */
#ifndef LDE_GUEST_USTACK_H
#define LDE_GUEST_USTACK_H

#include <stdint.h>

#include "elf.h"
#include "vm.h"

#define USTACK_MAX_STRINGS 0x20000 /* 128 KiB of argv and envp, like Linux's ARG_MAX/16 */

struct exec_args {
	int argc;
	char *const *argv; /* argv[0..argc), kernel pointers */
	int envc;
	char *const *envp;
	const char *execfn; /* the program's path */
	uint8_t random[16]; /* AT_RANDOM's bytes */
	uint64_t hwcap;     /* AT_HWCAP: CPUID.1:EDX */
	uint64_t clktck;    /* AT_CLKTCK */
	uint64_t int80;     /* AT_LDE_INT80 */
};

/*
 * Builds the stack below top in as (whose stack region must hold it) for a
 * program loaded as info says.  Returns the initial RSP (16-byte aligned,
 * at argc), or 0 if it does not fit.
 */
uint64_t ustack_build(struct addrspace *as, uint64_t top, const struct exec_args *a,
                      const struct elf_info *info);

#endif
