/* SPDX-License-Identifier: MIT */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "argsplit.h"
#include "lde/abi.h"
#include "trace.h"

enum {
	OPT_HELP = 'h',
	OPT_VERSION = 'V',
	OPT_QUIET = 'q',
	OPT_MEM = 'm',
	OPT_TRACE = 't',
	OPT_TIMEOUT = 'T',
	OPT_CMDLINE = 'c',
	OPT_FORMAT = 'F',
	OPT_RUN = 'r',
	OPT_KVM_EXITS = 256, /* long only */
	OPT_ENV,
	OPT_CONSOLE,
	OPT_STRICT_IO,
	OPT_NO_SECCOMP,
	OPT_TRACE_MAX,
	OPT_INITRD,
	OPT_INIT,
};

static const struct option long_options[] = {
	{ "mem", required_argument, NULL, OPT_MEM },
	{ "trace", required_argument, NULL, OPT_TRACE },
	{ "trace-format", required_argument, NULL, OPT_FORMAT },
	{ "trace-kvm-exits", no_argument, NULL, OPT_KVM_EXITS },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "strict-io", no_argument, NULL, OPT_STRICT_IO },
	{ "no-seccomp", no_argument, NULL, OPT_NO_SECCOMP },
	{ "trace-max", required_argument, NULL, OPT_TRACE_MAX },
	{ "cmdline", required_argument, NULL, OPT_CMDLINE },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ "run", required_argument, NULL, OPT_RUN },
	{ "env", required_argument, NULL, OPT_ENV },
	{ "console", required_argument, NULL, OPT_CONSOLE },
	{ "initrd", required_argument, NULL, OPT_INITRD },
	{ "init", required_argument, NULL, OPT_INIT },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

void cli_usage(FILE *f, const char *prog)
{
	fprintf(f,
	        "Usage: %s [OPTIONS] GUEST.ELF [PROGRAM [ARG...]]\n"
	        "Boot GUEST.ELF (a PVH or 64-bit ELF kernel) on KVM; its console goes to stdout.\n"
	        "With PROGRAM (a static Linux x86-64 executable on this host), the lde kernel\n"
	        "runs it with argv = {PROGRAM, ARG...}: its fd 1 is our stdout, its fd 2 our\n"
	        "stderr, the kernel's console goes to stderr, and we exit with its status.\n"
	        "\n"
	        "  -r, --run 'PROG [ARG...]'  run this program too (repeatable; in command-line\n"
	        "                        order, before PROGRAM); words split at blanks, '...'\n"
	        "                        and \"...\" taken literally, no other expansion\n"
	        "      --env NAME=VALUE  add to the programs' environment (repeatable)\n"
	        "      --initrd FILE     the root file system: a cpio archive in the newc format\n"
	        "                        (find . | cpio -o -H newc > FILE), unpacked by the kernel\n"
	        "                        into memory; PROGRAMs are added to it as /bin/NAME.\n"
	        "                        Without PROGRAM the kernel runs its /init, else /bin/sh\n"
	        "      --init 'PATH [ARG...]'  with --initrd and no PROGRAM: run this program of\n"
	        "                        the root file system first (split as --run's)\n"
	        "  -m, --mem SIZE        guest RAM, e.g. 64M or 1G (default %d MiB)\n"
	        "  -t, --trace FILE      write a JSON Lines trace of every VM exit to FILE\n"
	        "                        ('-' = stdout; the guest console then goes to stderr)\n"
	        "  -F, --trace-format F  jsonl (default) or chrome (Chrome Trace Event format,\n"
	        "                        for Perfetto UI and chrome://tracing)\n"
	        "      --trace-max SIZE  end the run (status 124) once the trace holds SIZE bytes,\n"
	        "                        e.g. 100M; the trace is completed with its summary\n"
	        "      --trace-kvm-exits also trace every exit KVM handles in the kernel\n"
	        "                        (kvm:kvm_exit tracepoint: VMX and SVM; needs --trace)\n"
	        "  -T, --timeout SECS    stop the guest after SECS seconds of wall-clock time\n"
	        "  -c, --cmdline STR     kernel command line passed to the guest\n"
	        "      --strict-io       an access to an unclaimed port or MMIO address ends the\n"
	        "                        run (default: reads return all-ones, writes are dropped)\n"
	        "      --no-seccomp      no sandbox: no seccomp filter around the run (debugging)\n"
	        "  -q, --quiet           no vmm messages on stderr except errors\n"
	        "      --console FILE    the guest console to FILE instead of stdout\n"
	        "                        ('none' = discard it; with -q, a silent run)\n"
	        "  -h, --help            show this help and exit\n"
	        "  -V, --version         show the version and exit\n"
	        "\n"
	        "A terminal on stdin becomes the guest's once the guest reads its console\n"
	        "(raw input: the guest edits, echoes, and turns Ctrl-C into SIGINT);\n"
	        "then Ctrl-A x ends the run, and the terminal is restored at the end.\n"
	        "\n"
	        "Exit status: with programs, the first non-zero program status (128+N if the\n"
	        "kernel killed it with signal N), else 0; with --initrd alone, the first\n"
	        "process's status (126: the kernel refused the archive, 127: no init in it);\n"
	        "without, the guest's own status\n"
	        "(0-255) written to port 0xF4; the vmm's\n"
	        "own: 124 timeout, 125 the vmm failed (usage, KVM or host failure, guest\n"
	        "crash, no valid guest status), 126 a file cannot be run, 127 a file is\n"
	        "missing, 128+N stopped by signal N.  Each of these also prints one line.\n",
	        prog, CONFIG_GUEST_MEM_MB);
}

int cli_parse_size(const char *s, uint64_t *out)
{
	static const char *const units[] = { "", "k", "m", "g", "t" };
	char *end;
	unsigned long long v;

	if (!s || !isdigit((unsigned char)s[0]))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -1;
	for (unsigned shift = 0; shift < sizeof(units) / sizeof(units[0]); shift++) {
		size_t ul = strlen(units[shift]);
		bool match = strcasecmp(end, units[shift]) == 0 ||
		             (ul && strncasecmp(end, units[shift], ul) == 0 &&
		              strcasecmp(end + ul, "ib") == 0);

		if (!match)
			continue;
		if (shift && v > (UINT64_MAX >> (10 * shift)))
			return -1;
		*out = (uint64_t)v << (10 * shift);
		return 0;
	}
	return -1;
}

static enum cli_result fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The message may quote an argument: its control characters are shown as
 * '?', so that the message stays one line and cannot drive a terminal. */
static enum cli_result fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	for (char *p = err; *p; p++)
		if (iscntrl((unsigned char)*p))
			*p = '?';
	return CLI_ERROR;
}

static enum cli_result parse_mem(const char *arg, struct vmm_options *opt, char *err, size_t errlen)
{
	if (cli_parse_size(arg, &opt->mem_bytes) < 0)
		return fail(err, errlen, "--mem: '%s' is not a size (e.g. 64M, 1G)", arg);
	if (opt->mem_bytes < CLI_MEM_MIN || opt->mem_bytes > CLI_MEM_MAX)
		return fail(err, errlen, "--mem: %s is out of range (2M to 256G)", arg);
	if (opt->mem_bytes % 4096)
		return fail(err, errlen, "--mem: %s is not a multiple of 4 KiB", arg);
	return CLI_RUN;
}

static enum cli_result parse_timeout(const char *arg, struct vmm_options *opt, char *err,
                                     size_t errlen)
{
	char *end;

	errno = 0;
	opt->timeout_s = strtod(arg, &end);
	if (errno || end == arg || *end || !isfinite(opt->timeout_s) || opt->timeout_s <= 0 ||
	    opt->timeout_s > CLI_TIMEOUT_MAX)
		return fail(err, errlen,
		            "--timeout: '%s' is not a number of seconds in (0, 1000000]", arg);
	return CLI_RUN;
}

static enum cli_result add_run(const char *arg, struct vmm_options *opt, char *err, size_t errlen)
{
	char why[128];
	char **argv;

	if (opt->nprograms == CLI_PROGRAMS_MAX)
		return fail(err, errlen, "--run: more than %d programs", CLI_PROGRAMS_MAX);
	argv = argsplit(arg, why, sizeof(why));
	if (!argv)
		return fail(err, errlen, "--run '%s': %s", arg, why);
	opt->programs[opt->nprograms++] = argv;
	opt->nsplit = opt->nprograms;
	return CLI_RUN;
}

/* --init 'PATH [ARG...]': an absolute path in the root file system. */
static enum cli_result parse_init(const char *arg, struct vmm_options *opt, char *err,
                                  size_t errlen)
{
	char why[128];

	argsplit_free(opt->init);
	opt->init = argsplit(arg, why, sizeof(why));
	if (!opt->init)
		return fail(err, errlen, "--init '%s': %s", arg, why);
	if (opt->init[0][0] != '/')
		return fail(err, errlen,
		            "--init '%s': '%s' is not an absolute path of the root file system "
		            "(e.g. /bin/sh)",
		            arg, opt->init[0]);
	return CLI_RUN;
}

void cli_free(struct vmm_options *opt)
{
	for (unsigned i = 0; i < opt->nsplit; i++)
		argsplit_free(opt->programs[i]);
	opt->nsplit = opt->nprograms = 0;
	argsplit_free(opt->init);
	opt->init = NULL;
}

static enum cli_result parse_option(int c, const char *arg, struct vmm_options *opt, char *err,
                                    size_t errlen)
{
	switch (c) {
	case OPT_MEM:
		return parse_mem(arg, opt, err, errlen);
	case OPT_TIMEOUT:
		return parse_timeout(arg, opt, err, errlen);
	case OPT_TRACE:
		if (!*arg)
			return fail(err, errlen, "--trace: empty file name");
		opt->trace_path = arg;
		return CLI_RUN;
	case OPT_FORMAT:
		if (strcmp(arg, "jsonl") == 0)
			opt->trace_format = TRACE_JSONL;
		else if (strcmp(arg, "chrome") == 0)
			opt->trace_format = TRACE_CHROME;
		else
			return fail(err, errlen, "--trace-format: '%s' is not jsonl or chrome",
			            arg);
		return CLI_RUN;
	case OPT_CMDLINE:
		if (strlen(arg) >= LDE_BOOT_CMDLINE_MAX)
			return fail(err, errlen, "--cmdline: longer than %d bytes",
			            LDE_BOOT_CMDLINE_MAX - 1);
		opt->cmdline = arg;
		return CLI_RUN;
	case OPT_QUIET:
		opt->quiet = true;
		return CLI_RUN;
	case OPT_RUN:
		return add_run(arg, opt, err, errlen);
	case OPT_ENV:
		if (!strchr(arg, '=') || arg[0] == '=')
			return fail(err, errlen, "--env: '%s' is not NAME=VALUE", arg);
		if (opt->nenv == CLI_ENV_MAX)
			return fail(err, errlen, "--env: more than %d", CLI_ENV_MAX);
		opt->env[opt->nenv++] = arg;
		return CLI_RUN;
	case OPT_KVM_EXITS:
		opt->trace_kvm_exits = true;
		return CLI_RUN;
	case OPT_STRICT_IO:
		opt->strict_io = true;
		return CLI_RUN;
	case OPT_NO_SECCOMP:
		opt->no_seccomp = true;
		return CLI_RUN;
	case OPT_TRACE_MAX:
		if (cli_parse_size(arg, &opt->trace_max) < 0 || opt->trace_max < CLI_TRACE_MAX_MIN)
			return fail(err, errlen, "--trace-max: '%s' is not a size of at least 64K",
			            arg);
		return CLI_RUN;
	case OPT_CONSOLE:
		if (!*arg)
			return fail(err, errlen,
			            "--console: empty file name (use 'none' to discard)");
		opt->console = arg;
		return CLI_RUN;
	case OPT_INITRD:
		if (!*arg)
			return fail(err, errlen, "--initrd: empty file name");
		opt->initrd = arg;
		return CLI_RUN;
	case OPT_INIT:
		return parse_init(arg, opt, err, errlen);
	case OPT_HELP:
		return CLI_HELP;
	case OPT_VERSION:
		return CLI_VERSION;
	default:
		return fail(err, errlen, "unhandled option '-%c'", c);
	}
}

static void set_defaults(struct vmm_options *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->mem_bytes = (uint64_t)CONFIG_GUEST_MEM_MB << 20;
	opt->trace_path = CONFIG_TRACE_PATH[0] ? CONFIG_TRACE_PATH : NULL;
	opt->timeout_s = CONFIG_VMM_TIMEOUT_S;
	opt->cmdline = CONFIG_CMDLINE_DEFAULT;
}

/* getopt returned ':' (missing argument) or '?' (unknown option). */
static enum cli_result bad_option(int c, int argc, char **argv, char *err, size_t errlen)
{
	const char *arg = optind >= 1 && optind - 1 < argc ? argv[optind - 1] : "?";

	if (c == ':')
		return fail(err, errlen, "option '%s' needs an argument", arg);
	if (optopt && strncmp(arg, "--", 2) == 0) /* known, but "--quiet=x" */
		return fail(err, errlen, "option '%.*s' takes no argument", (int)strcspn(arg, "="),
		            arg);
	if (optopt)
		return fail(err, errlen, "unknown option '-%c'", optopt);
	return fail(err, errlen, "unknown option '%s'", arg);
}

/* The options against each other, once all are parsed. */
static enum cli_result check_combinations(const struct vmm_options *opt, char *err, size_t errlen)
{
	bool runs = opt->nprograms || opt->initrd;

	if (runs && opt->trace_path && strcmp(opt->trace_path, "-") == 0)
		return fail(err, errlen,
		            "--trace -: stdout carries the program's output; give a file");
	if (opt->nenv && !runs)
		return fail(err, errlen, "--env: no program to give it to");
	if (opt->init && !opt->initrd)
		return fail(err, errlen,
		            "--init: needs --initrd FILE (the root file system it runs from)");
	if (opt->init && opt->nprograms)
		return fail(err, errlen,
		            "--init and PROGRAM (or --run) both name the first process: give one "
		            "(put PROGRAM into the archive to run it from --init)");
	if (opt->initrd && opt->nprograms > CLI_PROGRAMS_MAX - 1)
		return fail(err, errlen, "more than %d programs with --initrd (it takes a module)",
		            CLI_PROGRAMS_MAX - 1);
	return CLI_RUN;
}

enum cli_result cli_parse(int argc, char **argv, struct vmm_options *opt, char *err, size_t errlen)
{
	enum cli_result r = CLI_RUN;
	int c;

	set_defaults(opt);
	err[0] = '\0';
	optind = 0; /* full re-initialisation (GNU getopt) */
	opterr = 0; /* we word the messages ourselves */
	while (r == CLI_RUN &&
	       (c = getopt_long(argc, argv, "+:m:t:T:c:F:r:qhV", long_options, NULL)) != -1)
		r = c == '?' || c == ':' ? bad_option(c, argc, argv, err, errlen) :
		                           parse_option(c, optarg, opt, err, errlen);
	if (r != CLI_RUN)
		return r;
	if (opt->trace_max && !opt->trace_path)
		return fail(err, errlen, "--trace-max needs --trace FILE (it limits that file)");
	if (opt->trace_kvm_exits && !opt->trace_path)
		return fail(err, errlen,
		            "--trace-kvm-exits needs --trace FILE (its records go there)");
	if (opt->console && opt->trace_path && strcmp(opt->console, opt->trace_path) == 0)
		return fail(err, errlen, "--console and --trace name the same file '%s'",
		            opt->console);
	if (optind >= argc)
		return fail(err, errlen, "no guest image given");
	opt->guest_path = argv[optind];
	if (optind + 1 < argc) {
		if (opt->nprograms == CLI_PROGRAMS_MAX)
			return fail(err, errlen, "more than %d programs", CLI_PROGRAMS_MAX);
		opt->programs[opt->nprograms++] = argv + optind + 1;
	}
	if (!opt->guest_path[0])
		return fail(err, errlen, "the guest image's name is empty");
	for (unsigned i = 0; i < opt->nprograms; i++)
		if (!opt->programs[i][0][0])
			return fail(err, errlen, "program %u: its name is empty", i + 1);
	return check_combinations(opt, err, errlen);
}
