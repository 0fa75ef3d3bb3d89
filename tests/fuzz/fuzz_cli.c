/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the vmm's command-line parsers (host/cli.c).
 *
 * Input byte 0 picks what is fuzzed with the rest:
 *   even -> cli_parse_size() on the bytes as one string, checked against
 *           an independent reading of the grammar (digits, then "", K, M,
 *           G, T or KiB...TiB in any case; a value that fits 64 bits);
 *   odd  -> cli_parse() on the bytes split at NUL into argv, checked for
 *           what a caller relies on: a RUN result carries one guest image
 *           and values in their documented ranges; an error is one line.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "../../host/cli.h"
#include "../../host/trace.h"
#include "fuzz_util.h"
#include "lde/abi.h"

#define MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The grammar of a size, read another way: the value, or false. */
static bool reference_size(const char *s, uint64_t *out)
{
	static const char *const suffixes[][2] = {
		{ "", "" }, { "k", "kib" }, { "m", "mib" }, { "g", "gib" }, { "t", "tib" },
	};
	unsigned __int128 v = 0;
	size_t i = 0;

	for (; s[i] >= '0' && s[i] <= '9'; i++) {
		v = v * 10 + (unsigned)(s[i] - '0');
		if (v > UINT64_MAX)
			return false;
	}
	if (i == 0)
		return false;
	for (unsigned k = 0; k < 5; k++) {
		if (strcasecmp(s + i, suffixes[k][0]) != 0 &&
		    (k == 0 || strcasecmp(s + i, suffixes[k][1]) != 0))
			continue;
		v <<= 10 * k;
		if (v > UINT64_MAX)
			return false;
		*out = (uint64_t)v;
		return true;
	}
	return false;
}

static void fuzz_size(const uint8_t *data, size_t size)
{
	char *s = strndup((const char *)data, size);
	uint64_t got = 0xdead, want = 0;
	bool ok;

	FUZZ_CHECK(s != NULL);
	ok = reference_size(s, &want);
	FUZZ_CHECK((cli_parse_size(s, &got) == 0) == ok);
	FUZZ_CHECK(!ok || got == want);
	free(s);
}

static bool one_of(const char *p, char **argv, int argc)
{
	for (int i = 0; i < argc; i++)
		if (p == argv[i])
			return true;
	return false;
}

static void check_run(const struct vmm_options *o, char **argv, int argc)
{
	FUZZ_CHECK(o->guest_path && one_of(o->guest_path, argv, argc));
	FUZZ_CHECK(o->mem_bytes >= CLI_MEM_MIN && o->mem_bytes <= CLI_MEM_MAX);
	FUZZ_CHECK(o->mem_bytes % 4096 == 0);
	FUZZ_CHECK(o->timeout_s >= 0 && o->timeout_s <= CLI_TIMEOUT_MAX);
	FUZZ_CHECK(o->trace_format == TRACE_JSONL || o->trace_format == TRACE_CHROME);
	FUZZ_CHECK(!o->trace_kvm_exits || o->trace_path);
	FUZZ_CHECK(!o->trace_max || (o->trace_path && o->trace_max >= CLI_TRACE_MAX_MIN));
	FUZZ_CHECK(!o->trace_path || o->trace_path[0]);
	FUZZ_CHECK(o->cmdline && strlen(o->cmdline) < LDE_BOOT_CMDLINE_MAX);
	/* every program has a non-empty argv[0]; --env values are NAME=VALUE */
	FUZZ_CHECK(o->nprograms <= CLI_PROGRAMS_MAX && o->nsplit <= o->nprograms);
	for (unsigned i = 0; i < o->nprograms; i++)
		FUZZ_CHECK(o->programs[i] && o->programs[i][0] && o->programs[i][0][0]);
	FUZZ_CHECK(o->nenv <= CLI_ENV_MAX);
	for (unsigned i = 0; i < o->nenv; i++)
		FUZZ_CHECK(o->env[i] && strchr(o->env[i], '=') && o->env[i][0] != '=');
}

static void fuzz_argv(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1), *argv[MAX_ARGS + 2];
	int argc = 1;
	struct vmm_options opt;
	char err[256];
	enum cli_result r;

	FUZZ_CHECK(buf != NULL);
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[0] = "vmm";
	for (size_t i = 0; i <= size && argc <= MAX_ARGS; i += strlen(buf + i) + 1)
		argv[argc++] = buf + i;
	argv[argc] = NULL;
	memset(err, 'x', sizeof(err));
	r = cli_parse(argc, argv, &opt, err, sizeof(err));
	FUZZ_CHECK(memchr(err, '\0', sizeof(err)) != NULL);
	if (r == CLI_RUN)
		check_run(&opt, argv, argc);
	else if (r == CLI_ERROR)
		FUZZ_CHECK(err[0] && !strchr(err, '\n'));
	else
		FUZZ_CHECK(r == CLI_HELP || r == CLI_VERSION);
	cli_free(&opt); /* the --run programs' argv, whatever the result */
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	if (data[0] % 2 == 0)
		fuzz_size(data + 1, size - 1);
	else
		fuzz_argv(data + 1, size - 1);
	return 0;
}
