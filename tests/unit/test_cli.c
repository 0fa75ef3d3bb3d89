/* SPDX-License-Identifier: MIT */
/* Unit tests of ./vmm's command-line parsing (host/cli.c). */
#include <CUnit/CUnit.h>
#include <string.h>

#include "../../host/cli.h"
#include "../../host/trace.h"
#include "lde/abi.h"
#include "suites.h"

static struct vmm_options opt;
static char err[256];

/* Parse ARGV, a NULL-terminated argument list after argv[0]. */
static enum cli_result parse(char **argv)
{
	int argc = 0;

	while (argv[argc])
		argc++;
	cli_free(&opt);
	return cli_parse(argc, argv, &opt, err, sizeof(err));
}

/* Parse the arguments given (argv[0] is added). */
#define PARSE(...) parse((char *[]){ "vmm", __VA_ARGS__, NULL })

static void test_defaults(void)
{
	CU_ASSERT_EQUAL(PARSE("guest.elf"), CLI_RUN);
	CU_ASSERT_STRING_EQUAL(opt.guest_path, "guest.elf");
	CU_ASSERT_EQUAL(opt.mem_bytes, (uint64_t)CONFIG_GUEST_MEM_MB << 20);
	CU_ASSERT_STRING_EQUAL(opt.cmdline, CONFIG_CMDLINE_DEFAULT);
	CU_ASSERT_FALSE(opt.quiet);
	CU_ASSERT_EQUAL(opt.timeout_s, CONFIG_VMM_TIMEOUT_S);
}

static void test_all_options(void)
{
	CU_ASSERT_EQUAL(PARSE("--mem", "128M", "--trace", "t.jsonl", "--timeout", "2.5",
	                      "--cmdline", "test=spin exit=3", "--quiet", "g.elf"),
	                CLI_RUN);
	CU_ASSERT_EQUAL(opt.mem_bytes, 128ULL << 20);
	CU_ASSERT_STRING_EQUAL(opt.trace_path, "t.jsonl");
	CU_ASSERT_DOUBLE_EQUAL(opt.timeout_s, 2.5, 1e-9);
	CU_ASSERT_STRING_EQUAL(opt.cmdline, "test=spin exit=3");
	CU_ASSERT_TRUE(opt.quiet);
	CU_ASSERT_STRING_EQUAL(opt.guest_path, "g.elf");
	CU_ASSERT_EQUAL(PARSE("--strict-io", "--no-seccomp", "-t", "t", "--trace-max", "100M", "g"),
	                CLI_RUN);
	CU_ASSERT_TRUE(opt.strict_io);
	CU_ASSERT_TRUE(opt.no_seccomp);
	CU_ASSERT_EQUAL(opt.trace_max, 100ULL << 20);
}

static void test_equals_and_short_forms(void)
{
	CU_ASSERT_EQUAL(PARSE("--mem=1G", "-t", "-", "-q", "-F", "chrome", "g.elf"), CLI_RUN);
	CU_ASSERT_EQUAL(opt.trace_format, TRACE_CHROME);
	CU_ASSERT_EQUAL(opt.mem_bytes, 1ULL << 30);
	CU_ASSERT_STRING_EQUAL(opt.trace_path, "-");
	CU_ASSERT_TRUE(opt.quiet);
}

static void test_help_version(void)
{
	CU_ASSERT_EQUAL(PARSE("--help"), CLI_HELP);
	CU_ASSERT_EQUAL(PARSE("--version"), CLI_VERSION);
	CU_ASSERT_EQUAL(PARSE("-h", "g.elf"), CLI_HELP);
}

static void expect_error(enum cli_result r, const char *needle)
{
	CU_ASSERT_EQUAL(r, CLI_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, needle));
	if (!strstr(err, needle))
		fprintf(stderr, "\n  message was: '%s', expected '%s'\n", err, needle);
}

static void test_errors(void)
{
	expect_error(PARSE("--mem", "0", "g.elf"), "--mem: 0 is out of range");
	expect_error(PARSE("--mem", "lots", "g.elf"), "not a size");
	expect_error(PARSE("--mem", "1M", "g.elf"), "out of range");
	expect_error(PARSE("--mem", "1000T", "g.elf"), "out of range");
	expect_error(PARSE("--mem", "4097K", "g.elf"), "multiple of 4 KiB");
	expect_error(PARSE("--mem", "99999999999999999999G", "g.elf"), "not a size");
	expect_error(PARSE("--timeout", "0", "g.elf"), "--timeout");
	expect_error(PARSE("--timeout", "-1", "g.elf"), "--timeout");
	expect_error(PARSE("--timeout", "soon", "g.elf"), "--timeout");
	expect_error(PARSE("--timeout", "nan", "g.elf"), "--timeout");
	expect_error(PARSE("--bogus", "g.elf"), "unknown option '--bogus'");
	expect_error(PARSE("-z", "g.elf"), "unknown option '-z'");
	expect_error(PARSE("--mem"), "option '--mem' needs an argument");
	expect_error(PARSE("-m"), "option '-m' needs an argument");
	expect_error(PARSE("--quiet"), "no guest image");
	expect_error(PARSE("--trace", "", "g.elf"), "--trace: empty");
	expect_error(PARSE("--trace-max", "1M", "g.elf"), "--trace-max needs --trace FILE");
	expect_error(PARSE("-t", "t", "--trace-max", "4K", "g.elf"),
	             "--trace-max: '4K' is not a size of at least 64K");
	expect_error(PARSE("--trace-format", "xml", "g.elf"),
	             "--trace-format: 'xml' is not jsonl or chrome");
	/* An argument's control characters cannot break the line or reach the
	 * terminal as an escape sequence. */
	expect_error(PARSE("--env", "b\n\033[2J", "a.elf", "p"),
	             "--env: 'b??[2J' is not NAME=VALUE");
	expect_error(PARSE("--mem", "\t1G", "g.elf"), "--mem: '?1G' is not a size");
}

static void test_console(void)
{
	CU_ASSERT_EQUAL(PARSE("g.elf"), CLI_RUN);
	CU_ASSERT_PTR_NULL(opt.console);
	CU_ASSERT_EQUAL(PARSE("--console", "none", "-q", "g.elf"), CLI_RUN);
	CU_ASSERT_STRING_EQUAL(opt.console, "none");
	CU_ASSERT_EQUAL(PARSE("--console=out.txt", "-t", "-", "g.elf"), CLI_RUN);
	CU_ASSERT_STRING_EQUAL(opt.console, "out.txt");
	expect_error(PARSE("--console", "", "g.elf"), "--console: empty file name");
	expect_error(PARSE("--console", "t.jsonl", "--trace", "t.jsonl", "g.elf"),
	             "--console and --trace name the same file 't.jsonl'");
}

static void test_trace_kvm_exits(void)
{
	CU_ASSERT_EQUAL(PARSE("g.elf"), CLI_RUN);
	CU_ASSERT_FALSE(opt.trace_kvm_exits);
	CU_ASSERT_EQUAL(PARSE("--trace-kvm-exits", "--trace", "t.jsonl", "g.elf"), CLI_RUN);
	CU_ASSERT_TRUE(opt.trace_kvm_exits);
	CU_ASSERT_STRING_EQUAL(opt.trace_path, "t.jsonl");
	CU_ASSERT_EQUAL(PARSE("-t", "-", "--trace-kvm-exits", "g.elf"), CLI_RUN);
	CU_ASSERT_TRUE(opt.trace_kvm_exits);
	expect_error(PARSE("--trace-kvm-exits=yes", "-t", "t", "g.elf"),
	             "option '--trace-kvm-exits' takes no argument");
	expect_error(PARSE("--quiet=1", "g.elf"), "option '--quiet' takes no argument");
	if (!CONFIG_TRACE_PATH[0]) /* with a default trace, the option is enough */
		expect_error(PARSE("--trace-kvm-exits", "g.elf"),
		             "--trace-kvm-exits needs --trace FILE");
}

static void test_long_cmdline(void)
{
	static char big[LDE_BOOT_CMDLINE_MAX + 1];

	memset(big, 'x', LDE_BOOT_CMDLINE_MAX);
	expect_error(PARSE("--cmdline", big, "g.elf"), "--cmdline: longer than 4095");
	big[LDE_BOOT_CMDLINE_MAX - 1] = '\0';
	CU_ASSERT_EQUAL(PARSE("--cmdline", big, "g.elf"), CLI_RUN);
}

static void test_options_after_image_stop_parsing(void)
{
	/* "+" in the optstring: the first non-option ends the options; what
	 * follows the image is the program and its arguments, as given. */
	char *argv[] = { "vmm", "-q", "g.elf", "./prog", "--quiet", "-m", "x", NULL };

	cli_free(&opt);
	CU_ASSERT_EQUAL_FATAL(cli_parse(7, argv, &opt, err, sizeof(err)), CLI_RUN);
	CU_ASSERT_TRUE(opt.quiet);
	CU_ASSERT_EQUAL_FATAL(opt.nprograms, 1);
	CU_ASSERT_STRING_EQUAL(opt.programs[0][0], "./prog");
	CU_ASSERT_STRING_EQUAL(opt.programs[0][1], "--quiet");
	CU_ASSERT_STRING_EQUAL(opt.programs[0][2], "-m");
	CU_ASSERT_STRING_EQUAL(opt.programs[0][3], "x");
	CU_ASSERT_PTR_NULL(opt.programs[0][4]);
	CU_ASSERT_EQUAL(PARSE("g.elf"), CLI_RUN);
	CU_ASSERT_EQUAL(opt.nprograms, 0);
}

/* -r: split at blanks, quotes taken literally, in command-line order. */
static void test_run_option(void)
{
	char *argv[] = { "vmm",  "-r", " /bin/a  x\t'y z' ", "--run", "b \"it's\"''c ''", "g.elf",
		         "last", NULL };

	cli_free(&opt);
	CU_ASSERT_EQUAL_FATAL(cli_parse(7, argv, &opt, err, sizeof(err)), CLI_RUN);
	CU_ASSERT_EQUAL_FATAL(opt.nprograms, 3);
	CU_ASSERT_STRING_EQUAL(opt.programs[0][0], "/bin/a");
	CU_ASSERT_STRING_EQUAL(opt.programs[0][1], "x");
	CU_ASSERT_STRING_EQUAL(opt.programs[0][2], "y z");
	CU_ASSERT_PTR_NULL(opt.programs[0][3]);
	CU_ASSERT_STRING_EQUAL(opt.programs[1][0], "b");
	CU_ASSERT_STRING_EQUAL(opt.programs[1][1], "it'sc");
	CU_ASSERT_STRING_EQUAL(opt.programs[1][2], ""); /* '' is an empty word */
	CU_ASSERT_PTR_NULL(opt.programs[1][3]);
	CU_ASSERT_STRING_EQUAL(opt.programs[2][0], "last");
	expect_error(PARSE("-r", "a 'b", "g.elf"), "--run 'a 'b': unclosed ' quote");
	expect_error(PARSE("-r", "a \"b", "g.elf"), "unclosed \" quote");
	expect_error(PARSE("-r", "  ", "g.elf"), "--run '  ': no program given");
	/* an empty name is refused by name, not looked up (fuzz_cli found it) */
	expect_error(PARSE("-r", "''", "g.elf"), "program 1: its name is empty");
	expect_error(PARSE("-r", "a", "g.elf", ""), "program 2: its name is empty");
	expect_error(PARSE(""), "the guest image's name is empty");
}

static void test_env_option(void)
{
	CU_ASSERT_EQUAL_FATAL(PARSE("--env", "A=1", "--env", "B=", "g.elf", "p"), CLI_RUN);
	CU_ASSERT_EQUAL_FATAL(opt.nenv, 2);
	CU_ASSERT_STRING_EQUAL(opt.env[0], "A=1");
	CU_ASSERT_STRING_EQUAL(opt.env[1], "B=");
	expect_error(PARSE("--env", "A", "g.elf", "p"), "--env: 'A' is not NAME=VALUE");
	expect_error(PARSE("--env", "=1", "g.elf", "p"), "--env: '=1' is not NAME=VALUE");
	expect_error(PARSE("--env", "A=1", "g.elf"), "--env: no program");
	expect_error(PARSE("--trace", "-", "g.elf", "p"), "stdout carries the program's output");
}

/* --initrd, --init: split as --run is, and only where they make sense. */
static void test_initrd_options(void)
{
	CU_ASSERT_EQUAL(PARSE("--initrd", "r.cpio", "--init", "/bin/sh -c 'ls /etc'", "g.elf"),
	                CLI_RUN);
	CU_ASSERT_STRING_EQUAL(opt.initrd, "r.cpio");
	CU_ASSERT_PTR_NOT_NULL_FATAL(opt.init);
	CU_ASSERT_STRING_EQUAL(opt.init[0], "/bin/sh");
	CU_ASSERT_STRING_EQUAL(opt.init[1], "-c");
	CU_ASSERT_STRING_EQUAL(opt.init[2], "ls /etc");
	CU_ASSERT_PTR_NULL(opt.init[3]);
	CU_ASSERT_EQUAL(PARSE("--init", "/a", "--init", "/b x", "--initrd", "r", "g.elf"), CLI_RUN);
	CU_ASSERT_STRING_EQUAL(opt.init[0], "/b"); /* the last one counts */
	CU_ASSERT_EQUAL(PARSE("--initrd=r", "--env", "A=1", "g.elf"), CLI_RUN); /* for /init */
	CU_ASSERT_PTR_NULL(opt.init);
	CU_ASSERT_EQUAL(PARSE("--initrd", "r", "g.elf", "./prog", "x"), CLI_RUN);
	CU_ASSERT_EQUAL(opt.nprograms, 1);
	expect_error(PARSE("--initrd", "", "g.elf"), "--initrd: empty file name");
	expect_error(PARSE("--init", "/bin/sh", "g.elf"), "--init: needs --initrd FILE");
	expect_error(PARSE("--initrd", "r", "--init", "sh -c x", "g.elf"),
	             "--init 'sh -c x': 'sh' is not an absolute path");
	expect_error(PARSE("--initrd", "r", "--init", "'/bin/sh", "g.elf"), "--init ''/bin/sh':");
	expect_error(PARSE("--initrd", "r", "--init", "/bin/sh", "g.elf", "./p"),
	             "--init and PROGRAM (or --run) both name the first process");
	expect_error(PARSE("--initrd", "r", "-t", "-", "g.elf"), "stdout carries");
	expect_error(PARSE("--initrd", "r", "-r", "a", "-r", "a", "-r", "a", "-r", "a", "-r", "a",
	                   "-r", "a", "-r", "a", "-r", "a", "-r", "a", "-r", "a", "-r", "a", "-r",
	                   "a", "-r", "a", "-r", "a", "g.elf"),
	             "more than 13 programs with --initrd");
}

static void test_parse_size(void)
{
	uint64_t v;

	CU_ASSERT(cli_parse_size("4096", &v) == 0 && v == 4096);
	CU_ASSERT(cli_parse_size("64M", &v) == 0 && v == 64ULL << 20);
	CU_ASSERT(cli_parse_size("64m", &v) == 0 && v == 64ULL << 20);
	CU_ASSERT(cli_parse_size("2GiB", &v) == 0 && v == 2ULL << 30);
	CU_ASSERT(cli_parse_size("512k", &v) == 0 && v == 512ULL << 10);
	CU_ASSERT(cli_parse_size("1T", &v) == 0 && v == 1ULL << 40);
	CU_ASSERT_EQUAL(cli_parse_size("", &v), -1);
	CU_ASSERT_EQUAL(cli_parse_size("-5M", &v), -1);
	CU_ASSERT_EQUAL(cli_parse_size("5X", &v), -1);
	CU_ASSERT_EQUAL(cli_parse_size("5 M", &v), -1);
	CU_ASSERT_EQUAL(cli_parse_size("16777216T", &v), -1); /* 2^64 */
	CU_ASSERT_EQUAL(cli_parse_size("18446744073709551616", &v), -1);
}

int suite_cli(void)
{
	static const struct unit_test tests[] = {
		{ "defaults", test_defaults },
		{ "all options", test_all_options },
		{ "--opt=value and short forms", test_equals_and_short_forms },
		{ "--help and --version", test_help_version },
		{ "errors name the option", test_errors },
		{ "--cmdline length limit", test_long_cmdline },
		{ "--trace-kvm-exits", test_trace_kvm_exits },
		{ "--console", test_console },
		{ "options end at the image", test_options_after_image_stop_parsing },
		{ "-r/--run splitting", test_run_option },
		{ "--env", test_env_option },
		{ "--initrd and --init", test_initrd_options },
		{ "memory sizes", test_parse_size },
	};

	return add_suite("cli", NULL, NULL, NULL, NULL, tests, sizeof(tests) / sizeof(tests[0]));
}
