/* SPDX-License-Identifier: MIT */
/*
 * Bad invocations of the real ./vmm: each prints one clear line naming the
 * problem and exits with its documented status.  None of these reach KVM.
 */
#include <elf.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "itests.h"
#include "lde/abi.h"

static void expect(struct vmm_result *r, int status, const char *msg)
{
	CU_ASSERT_EQUAL(r->status, status);
	if (r->status != status)
		fprintf(stderr, "\n  status %d, expected %d; stderr: %s\n", r->status, status,
		        r->err);
	CU_ASSERT_TRUE(itest_contains(r->err, msg));
	CU_ASSERT_STRING_EQUAL(r->out, "");
	itest_result_free(r);
}

static void test_help(void)
{
	struct vmm_result r;

	RUN_VMM(&r, "--help");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_TRUE(itest_contains(r.out, "Usage:"));
	CU_ASSERT_TRUE(itest_contains(r.out, "--timeout"));
	itest_result_free(&r);
}

static void test_version(void)
{
	struct vmm_result r;

	RUN_VMM(&r, "--version");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_TRUE(itest_contains(r.out, "vmm (lde)"));
	itest_result_free(&r);
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
	const char *path = itest_write_tmpfile("#!/bin/sh\necho hello\n", 21);
	char msg[4200];

	snprintf(msg, sizeof(msg), "vmm: %s: not an ELF file", path);
	RUN_VMM(&r, path);
	expect(&r, LDE_VMM_BAD_IMAGE, msg);
}

/* A Linux bzImage: the message says what the vmm boots instead. */
static void test_bzimage(void)
{
	static char image[0x400];
	struct vmm_result r;

	memcpy(image + 0x1fe, "\x55\xaa", 2);
	memcpy(image + 0x202, "HdrS", 4); /* the x86 boot protocol's magic */
	RUN_VMM(&r, itest_write_tmpfile(image, sizeof(image)));
	expect(&r, LDE_VMM_BAD_IMAGE,
	       "not an ELF file but a Linux bzImage; the vmm boots ELF64 "
	       "kernels: give it the vmlinux, or a kernel with a PVH note");
}

/* A kernel whose .bss does not fit: the message says how much --mem would. */
static void test_needs_more_mem(void)
{
	struct {
		Elf64_Ehdr eh;
		Elf64_Phdr ph;
		uint8_t code[16];
	} image = {
		.eh = { .e_ident = { ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS64, ELFDATA2LSB,
		                     EV_CURRENT },
		        .e_type = ET_EXEC,
		        .e_machine = EM_X86_64,
		        .e_version = EV_CURRENT,
		        .e_entry = 0x100000,
		        .e_phoff = sizeof(Elf64_Ehdr),
		        .e_ehsize = sizeof(Elf64_Ehdr),
		        .e_phentsize = sizeof(Elf64_Phdr),
		        .e_phnum = 1 },
		.ph = { .p_type = PT_LOAD,
		        .p_flags = PF_R | PF_X,
		        .p_offset = offsetof(__typeof__(image), code),
		        .p_vaddr = 0x100000,
		        .p_paddr = 0x100000,
		        .p_filesz = 16,
		        .p_memsz = 8 << 20, /* 1 MiB + 8 MiB: past 4 MiB of RAM */
		        .p_align = 16 },
		.code = { 0xf4 }, /* hlt */
	};
	struct vmm_result r;

	RUN_VMM(&r, "--mem", "4M", itest_write_tmpfile(&image, sizeof(image)));
	expect(&r, LDE_VMM_BAD_IMAGE,
	       "segment 0 ends past guest memory (4 MiB): "
	       "give the guest more, e.g. --mem 10M");
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

	RUN_VMM(&r, itest_write_tmpfile(&eh, sizeof(eh)));
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

	itest_run_vmm_signal(&r, 0, 0, (const char *const[]){ NULL });
	expect(&r, LDE_VMM_USAGE, "vmm: no guest image given");
}

/* The N bytes of PATH (malloc'd), or NULL. */
static char *read_file(const char *path, long *n)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;

	if (f && fseek(f, 0, SEEK_END) == 0 && (*n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)*n + 1)) && fread(buf, 1, (size_t)*n, f) != (size_t)*n) {
		free(buf);
		buf = NULL;
	}
	if (f)
		fclose(f);
	return buf;
}

/* --trace G G: the trace must not overwrite the guest image (a real one,
 * which boots), under any name (here a hard link too). */
static void test_trace_is_the_image(void)
{
	long n = 0, m = 0;
	char *image = read_file(itest_test_guest("status"), &n), *after;
	const char *path;
	char link_path[4200], msg[8500];
	struct vmm_result r;

	CU_ASSERT_PTR_NOT_NULL_FATAL(image);
	path = itest_write_tmpfile(image, (size_t)n);
	RUN_VMM(&r, "--trace", path, path);
	snprintf(msg, sizeof(msg),
	         "vmm: --trace %s is the guest image %s (the same file): refusing to overwrite "
	         "an input",
	         path, path);
	expect(&r, LDE_VMM_USAGE, msg);
	snprintf(link_path, sizeof(link_path), "%s.link", path);
	CU_ASSERT_EQUAL_FATAL(link(path, link_path), 0);
	RUN_VMM(&r, "--quiet", "--trace", link_path, path);
	expect(&r, LDE_VMM_USAGE, "is the guest image");
	RUN_VMM(&r, "--quiet", "--console", path, path);
	expect(&r, LDE_VMM_USAGE, "--console");
	after = read_file(path, &m);
	CU_ASSERT_TRUE(after && m == n && memcmp(after, image, (size_t)n) == 0); /* untouched */
	free(after);
	free(image);
	remove(link_path);
	remove(path);
}

/* --timeout bounds the whole run: a FIFO as --trace blocks its open until
 * a reader comes, and none does. */
static void test_timeout_during_setup(void)
{
	const char *fifo = itest_tmpfile(".fifo");
	struct vmm_result r;

	CU_ASSERT_EQUAL_FATAL(mkfifo(fifo, 0600), 0);
	RUN_VMM(&r, "--quiet", "--timeout", "1", "--trace", fifo, itest_guest());
	CU_ASSERT_FALSE(r.hung);
	CU_ASSERT(r.seconds < 1 + 5); /* the deadline plus the watchdog's grace */
	expect(&r, LDE_VMM_TIMEOUT, "vmm: timeout: 1 s passed during setup, before the guest ran");
	remove(fifo);
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
		{ "bzImage -> 126, says to boot a vmlinux or PVH ELF", test_bzimage },
		{ "kernel larger than RAM -> 126, with a --mem hint", test_needs_more_mem },
		{ "directory -> 126", test_directory },
		{ "--mem 0 -> 125", test_mem_zero },
		{ "unknown option -> 125", test_unknown_option },
		{ "no guest image -> 125", test_no_image },
		{ "unwritable trace file -> 125", test_unwritable_trace },
		{ "--trace naming the guest image -> 125, image untouched",
		  test_trace_is_the_image },
		{ "--timeout bounds setup (a FIFO as --trace) -> 124", test_timeout_during_setup },
		{ NULL, NULL },
	};
	return itest_add_suite("invocation", tests, out);
}
