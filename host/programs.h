/* SPDX-License-Identifier: MIT */
/*
 * The user programs the vmm hands to the guest (abi.h section 7): each a
 * file on the host, run with an argv, passed as one PVH module in guest
 * RAM that the memory map marks reserved, plus the environment as one more
 * module.  Everything is checked here, before boot.
 */
#ifndef LDE_PROGRAMS_H
#define LDE_PROGRAMS_H

#include <stddef.h>
#include <stdint.h>

#include "boot.h"
#include "guest_mem.h"
#include "lde/abi.h"

#define PROGRAMS_MAX (LDE_BOOT_MODLIST_MAX - 2) /* the ring and the environment */
_Static_assert(PROGRAMS_MAX == 14, "CLI_PROGRAMS_MAX in cli.h");

struct program {
	char **argv;   /* argv[0] is the file; NULL-terminated */
	int fd;        /* open until placed */
	uint64_t size; /* file size */
	char *cmdline; /* the module's command line: argv, encoded */
	uint64_t gpa;  /* where the module is in guest RAM */
};

struct program_set {
	struct program prog[PROGRAMS_MAX];
	unsigned n;
	struct program initrd; /* --initrd: argv[0] the file; argv NULL if none */
	char *initrd_argv[2];  /* its argv: {FILE, NULL} */
	char *env;             /* the environment module: NAME=VALUE\0... */
	char env_name[32];     /* its command line: LDE_ENV_MODULE_NAME tty=ABC */
	size_t env_size;
	uint64_t env_gpa;
};

/* What to hand the kernel: the programs, their environment, the initrd. */
struct program_request {
	char **const *argvs; /* argvs[i]: program i's argv, argv[0] the file */
	unsigned n;
	const char *const *envs; /* NAME=VALUE, after the default environment */
	unsigned nenv;
	const char *initrd; /* --initrd FILE, or NULL */
	char *const *init;  /* --init's argv, or NULL */
};

/*
 * Opens and checks each program and the initrd and records the
 * environment (with programs or an initrd).  Returns 0, or the vmm's exit
 * status after printing one line that names the file and the problem:
 * LDE_VMM_NOT_FOUND, LDE_VMM_CANNOT_RUN.
 */
int programs_open(struct program_set *ps, const struct program_request *req);

/*
 * Places the programs, the environment and the initrd in guest RAM the
 * kernel image leaves free (guest_mem_reserve: the top of the largest
 * free range) and describes them in MODS (room for ps->n + 2), in that
 * order, so that program i is module i.  Returns the number of modules,
 * or -1 after saying how much RAM they need and the --mem that would hold
 * them.  ALSO: bytes the vmm will reserve later.
 */
int programs_place(struct program_set *ps, struct guest_mem *gm, uint64_t also,
                   struct boot_module *mods);

/* Closes the files and frees what programs_open() allocated. */
void programs_free(struct program_set *ps);

/*
 * Encodes ARGV as a module command line: the words, each with every byte
 * outside '!'..'~', and '%' and ',', as %XX, separated by single spaces.
 * Returns a malloc'd string, or NULL when out of memory.
 */
char *programs_encode_argv(char *const *argv);

#endif
