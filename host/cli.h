/* SPDX-License-Identifier: MIT */
/* Command-line parsing of ./vmm (getopt_long). */
#ifndef LDE_CLI_H
#define LDE_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CLI_MEM_MIN (2ULL << 20)        /* 2 MiB: room for a kernel at 1 MiB */
#define CLI_MEM_MAX (256ULL << 30)      /* 256 GiB */
#define CLI_TIMEOUT_MAX 1e6             /* seconds */
#define CLI_TRACE_MAX_MIN (64ULL << 10) /* --trace-max: room for boot and summary */
#define CLI_PROGRAMS_MAX 14             /* LDE_BOOT_MODLIST_MAX less the ring and the environment */
#define CLI_ENV_MAX 64                  /* --env options */

struct vmm_options {
	uint64_t mem_bytes;     /* --mem, default CONFIG_GUEST_MEM_MB MiB */
	const char *trace_path; /* --trace; NULL = no trace; "-" = stdout */
	int trace_format;       /* --trace-format: enum trace_format */
	double timeout_s;       /* --timeout; 0 = none */
	uint64_t trace_max;     /* --trace-max bytes; 0 = no limit */
	bool quiet;             /* --quiet */
	bool trace_kvm_exits;   /* --trace-kvm-exits (needs a trace) */
	bool strict_io;         /* --strict-io: an unclaimed access ends the run */
	bool no_seccomp;        /* --no-seccomp: no sandbox (host/sandbox.h) */
	const char *console;    /* --console FILE, "none"; NULL = stdout (stderr with --trace -) */
	const char *cmdline;    /* --cmdline; "" when not given */
	const char *guest_path; /* the first positional argument */
	/* The programs to run, in command-line order: each -r, then PROGRAM
	 * [ARG...] after GUEST.ELF; each argv NULL-terminated, argv[0] the file. */
	char **programs[CLI_PROGRAMS_MAX];
	unsigned nprograms;
	unsigned nsplit;              /* programs[0..nsplit) are argsplit()'s */
	const char *env[CLI_ENV_MAX]; /* --env NAME=VALUE, in order */
	unsigned nenv;
	const char *initrd; /* --initrd FILE: the root file system's archive; NULL = none */
	char **init;        /* --init 'PATH [ARG...]' (argsplit's), the first process; NULL =
			       the kernel's choice (/init, else /bin/sh) */
};

enum cli_result {
	CLI_RUN,     /* options are valid: boot the guest */
	CLI_HELP,    /* --help: print usage, exit 0 */
	CLI_VERSION, /* --version: print version, exit 0 */
	CLI_ERROR,   /* bad usage: ERR holds one line, exit LDE_VMM_USAGE */
};

/*
 * Parse ARGV into OPT.  Resets getopt's state first, so it can be reused.
 * Options stop at GUEST.ELF: what follows is the program and its arguments.
 * Call cli_free(OPT) afterwards, whatever the result.
 */
enum cli_result cli_parse(int argc, char **argv, struct vmm_options *opt, char *err, size_t errlen);

/* Frees the argv of each -r option. */
void cli_free(struct vmm_options *opt);

/*
 * Parse a memory size: a number with an optional binary suffix K, M, G or T
 * (also KiB, MiB, GiB, TiB; case-insensitive); no suffix means bytes.
 * Returns 0, or -1 when S is malformed or overflows 64 bits.
 */
int cli_parse_size(const char *s, uint64_t *out);

void cli_usage(FILE *f, const char *prog);

#endif
