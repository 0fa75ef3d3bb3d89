/* SPDX-License-Identifier: MIT */
/*
 * Bad invocations of the real ./vmm: each prints one clear line naming the
 * problem and exits with its documented status.  None of these reach KVM.
 */
#include <elf.h>
#include <string.h>

#include "harness.h"
#include "itests.h"
#include "lde/abi.h"

static void expect(struct vmm_result *r, int status, const char *msg)
{
	CU_ASSERT_EQUAL(r->status, status);
	if (r->status != status)
		fprintf(stderr, "\n  status %d, expected %d; stderr: %s\n", r->status, status,
		        r->err);
	CU_ASSERT_TRUE(contains(r->err, msg));
	CU_ASSERT_STRING_EQUAL(r->out, "");
	vmm_result_free(r);
}

static void test_help(void)
{
	struct vmm_result r;

	RUN_VMM(&r, "--help");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_TRUE(contains(r.out, "Usage:"));
	CU_ASSERT_TRUE(contains(r.out, "--timeout"));
	vmm_result_free(&r);
}

static void test_version(void)
{
	struct vmm_result r;

	RUN_VMM(&r, "--version");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_TRUE(contains(r.out, "vmm (lde)"));
	vmm_result_free(&r);
}

static void test_missing_file(void)
{
	struct vmm_result r;

	RUN_VMM(&r, "/nonexistent/guest.elf");
	expect(&r, LDE_VMM_NOT_FOUND, "vmm: /nonexistent/guest.elf: ");
}

static void test_not_elf(void)
{
	struct vmm_result r;
	const char *path = write_tmpfile("#!/bin/sh\necho hello\n", 21);
	char msg[4200];

	snprintf(msg, sizeof(msg), "vmm: %s: not an ELF file", path);
	RUN_VMM(&r, path);
	expect(&r, LDE_VMM_BAD_IMAGE, msg);
}

static void test_elf32(void)
{
	struct vmm_result r;
	Elf32_Ehdr eh = {
		.e_ident = { ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS32, ELFDATA2LSB,
		             EV_CURRENT },
		.e_type = ET_EXEC,
		.e_machine = EM_386,
		.e_version = EV_CURRENT,
		.e_ehsize = sizeof(Elf32_Ehdr),
		.e_phentsize = sizeof(Elf32_Phdr),
	};

	RUN_VMM(&r, write_tmpfile(&eh, sizeof(eh)));
	expect(&r, LDE_VMM_BAD_IMAGE, "ELF32");
}

static void test_directory(void)
{
	struct vmm_result r;

	RUN_VMM(&r, "/");
	expect(&r, LDE_VMM_BAD_IMAGE, "vmm: /: ");
}

static void test_mem_zero(void)
{
	struct vmm_result r;

	RUN_VMM(&r, "--mem", "0", itest_guest());
	expect(&r, LDE_VMM_USAGE, "vmm: --mem: 0 is out of range");
}

static void test_unknown_option(void)
{
	struct vmm_result r;

	RUN_VMM(&r, "--frobnicate", itest_guest());
	expect(&r, LDE_VMM_USAGE, "vmm: unknown option '--frobnicate'");
}

static void test_no_image(void)
{
	struct vmm_result r;

	run_vmm_signal(&r, 0, 0, (const char *const[]){ NULL });
	expect(&r, LDE_VMM_USAGE, "vmm: no guest image given");
}

static void test_unwritable_trace(void)
{
	struct vmm_result r;

	RUN_VMM(&r, "--trace", "/nonexistent/dir/t.jsonl", itest_guest());
	expect(&r, LDE_VMM_HOST_ERROR, "vmm: /nonexistent/dir/t.jsonl: cannot create trace file");
}

int suite_invocation(CU_pSuite *out)
{
	static const struct itest tests[] = {
		{ "--help prints usage, exits 0", test_help },
		{ "--version", test_version },
		{ "missing guest file -> 127", test_missing_file },
		{ "non-ELF file -> 126", test_not_elf },
		{ "ELF32 image -> 126", test_elf32 },
		{ "directory -> 126", test_directory },
		{ "--mem 0 -> 125", test_mem_zero },
		{ "unknown option -> 125", test_unknown_option },
		{ "no guest image -> 125", test_no_image },
		{ "unwritable trace file -> 125", test_unwritable_trace },
		{ NULL, NULL },
	};
	return itest_add_suite("invocation", tests, out);
}
