/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the guest kernel's initial-stack builder
 * (guest/kernel/ustack.c) compiled for the host, with the stack region and
 * on-demand pages of guest/kernel/mm.c, on any argv, envp, program path and
 * ELF facts.  The kernel's page allocator hands out pages of a guarded
 * arena, so a write past the memory the kernel owns faults at once.
 *
 * The input: two little-endian 16-bit counts (argc, envc), the ELF facts,
 * the 16 AT_RANDOM bytes, then NUL-separated strings: the program's path,
 * then the words of argv and envp, used over again in turn when there are
 * fewer than the counts (so a short input can ask for a stack past the
 * limit).  The counts are cut where the words would need more than
 * CAP_BYTES, a little past the limit: the boundary is what matters, and
 * every byte past it costs time.
 *
 * After each input: either the stack was refused and it really did not fit
 * in USTACK_MAX_STRINGS, or it reads back, through the address space, as
 * the System V ABI lays it out: rsp 16-byte aligned at argc, argv[] and
 * envp[] pointing at copies of the strings, both NULL-terminated, the
 * auxiliary vector with every entry the kernel promises and AT_NULL last,
 * everything between rsp and the top.  Destroying the address space gives
 * every page back.
 */
#include <string.h>

#include "fuzz_kernel.h"
#include "fuzz_util.h"
#include "kalloc.h"
#include "mm.h"
#include "paging.h"
#include "uaccess.h"
#include "uapi/lde_sys.h"
#include "ustack.h"
#include "vm.h"

/* The stack's pages, at most USTACK_MAX_STRINGS / PAGE_SIZE, and the
 * page tables above them. */
#define ARENA_PAGES (USTACK_MAX_STRINGS / PAGE_SIZE + 16)
#define MAX_WORDS 0x1000 /* argc and envc are taken modulo this */
#define CAP_BYTES (USTACK_MAX_STRINGS + 0x2000)
#define TOP LDE_USER_STACK_TOP(1)
#define NAUX_MIN 18 /* the entries ustack.h promises, AT_NULL not counted */

static char *words[2 * MAX_WORDS];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_kernel_init(ARENA_PAGES);
	return 0;
}

/* The input's strings (each NUL-terminated in BUF, a copy); their count. */
static unsigned split(char *buf, size_t len, char **out, unsigned max)
{
	unsigned n = 0;

	for (size_t i = 0; i < len && n < max; i += strlen(buf + i) + 1)
		out[n++] = buf + i;
	return n;
}

/* Bytes the stack needs, as ustack.c lays it out (a bound, alignment included). */
static uint64_t needed(const struct exec_args *a)
{
	uint64_t n = 8 + strlen(a->execfn) + 1 + 7 + 16 + 16 * 2;

	for (int i = 0; i < a->argc; i++)
		n += strlen(a->argv[i]) + 1;
	for (int i = 0; i < a->envc; i++)
		n += strlen(a->envp[i]) + 1;
	return n + 8 * (3 + (uint64_t)a->argc + (uint64_t)a->envc + 2 * (NAUX_MIN + 2)) + 16;
}

static uint64_t word_at(struct addrspace *as, uint64_t va)
{
	uint64_t w = 0;

	FUZZ_CHECK(copy_from_user(as, &w, va, 8) == 0);
	return w;
}

/* The string at user address VA, inside [sp, TOP), equals WANT. */
static void check_string(struct addrspace *as, uint64_t sp, uint64_t va, const char *want)
{
	size_t n = strlen(want) + 1;
	char got[256];

	FUZZ_CHECK(va >= sp && va < TOP && TOP - va >= n);
	for (size_t off = 0; off < n; off += sizeof(got)) {
		size_t k = n - off < sizeof(got) ? n - off : sizeof(got);

		FUZZ_CHECK(copy_from_user(as, got, va + off, k) == 0);
		FUZZ_CHECK(memcmp(got, want + off, k) == 0);
	}
}

/* Each auxv key the kernel promises is there once, with its value. */
static void check_auxv(struct addrspace *as, uint64_t sp, uint64_t at, const struct exec_args *a,
                       const struct elf_info *info)
{
	unsigned seen = 0;
	uint64_t key;

	for (; (key = word_at(as, at)) != AT_NULL; at += 16) {
		uint64_t val = word_at(as, at + 8);
		uint8_t rnd[16];

		FUZZ_CHECK(++seen <= 64);
		if (key == AT_PHDR)
			FUZZ_CHECK(val == info->phdr);
		else if (key == AT_PHNUM)
			FUZZ_CHECK(val == info->phnum);
		else if (key == AT_PHENT)
			FUZZ_CHECK(val == info->phent);
		else if (key == AT_ENTRY)
			FUZZ_CHECK(val == info->entry);
		else if (key == AT_PAGESZ)
			FUZZ_CHECK(val == PAGE_SIZE);
		else if (key == AT_EXECFN)
			check_string(as, sp, val, a->execfn);
		else if (key == AT_PLATFORM)
			check_string(as, sp, val, "x86_64");
		else if (key == AT_RANDOM) {
			FUZZ_CHECK(copy_from_user(as, rnd, val, 16) == 0);
			FUZZ_CHECK(memcmp(rnd, a->random, 16) == 0);
		}
	}
	FUZZ_CHECK(seen >= NAUX_MIN);
	FUZZ_CHECK(word_at(as, at + 8) == 0);
}

static void check_stack(struct addrspace *as, uint64_t sp, const struct exec_args *a,
                        const struct elf_info *info)
{
	uint64_t envp = sp + 8 * (2 + (uint64_t)a->argc);

	FUZZ_CHECK(sp % 16 == 0 && sp < TOP && TOP - sp <= USTACK_MAX_STRINGS);
	FUZZ_CHECK(word_at(as, sp) == (uint64_t)a->argc);
	for (int i = 0; i < a->argc; i++)
		check_string(as, sp, word_at(as, sp + 8 * (1 + (uint64_t)i)), a->argv[i]);
	FUZZ_CHECK(word_at(as, envp - 8) == 0);
	for (int i = 0; i < a->envc; i++)
		check_string(as, sp, word_at(as, envp + 8 * (uint64_t)i), a->envp[i]);
	FUZZ_CHECK(word_at(as, envp + 8 * (uint64_t)a->envc) == 0);
	check_auxv(as, sp, envp + 8 * ((uint64_t)a->envc + 1), a, info);
	FUZZ_CHECK(word_at(as, TOP - 8) == 0); /* the end marker */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	uint16_t argc = 0, envc = 0;
	struct elf_info info = { 0 };
	struct exec_args a = { 0 };
	struct addrspace as;
	char *buf, *strs[64], **argv = words, **envp = words + MAX_WORDS;
	unsigned nstr;
	uint64_t sp, total = 0;

	if (!fuzz_take(&in, &argc, 2) || !fuzz_take(&in, &envc, 2) ||
	    !fuzz_take(&in, &info.entry, 8) || !fuzz_take(&in, &info.phdr, 8) ||
	    !fuzz_take(&in, &info.phnum, 2) || !fuzz_take(&in, &info.phent, 2) ||
	    !fuzz_take(&in, a.random, 16))
		return 0;
	buf = malloc(in.left + 1);
	FUZZ_CHECK(buf != NULL);
	memcpy(buf, in.p, in.left);
	buf[in.left] = '\0';
	nstr = split(buf, in.left, strs, 64);
	a.execfn = nstr ? strs[0] : "";
	a.argc = argc % MAX_WORDS;
	a.envc = envc % MAX_WORDS;
	for (int i = 0; i < a.argc; i++) {
		argv[i] = nstr > 1 ? strs[1 + (unsigned)i % (nstr - 1)] : "";
		if ((total += strlen(argv[i]) + 1 + 8) > CAP_BYTES)
			a.argc = i + 1;
	}
	for (int i = 0; i < a.envc; i++) {
		envp[i] = nstr > 1 ? strs[1 + (unsigned)(a.argc + i) % (nstr - 1)] : "";
		if ((total += strlen(envp[i]) + 1 + 8) > CAP_BYTES)
			a.envc = i + 1;
	}
	a.argv = argv;
	a.envp = envp;

	fuzz_kernel_reset();
	FUZZ_CHECK(uvm_create(&as));
	FUZZ_CHECK(mm_add(&as, TOP - LDE_STACK_MAX, TOP, PROT_READ | PROT_WRITE, VMA_STACK) == 0);
	sp = ustack_build(&as, TOP, &a, &info);
	if (sp)
		check_stack(&as, sp, &a, &info);
	else /* refused: only when it does not fit */
		FUZZ_CHECK(needed(&a) > USTACK_MAX_STRINGS - 64);
	uvm_destroy(&as);
	FUZZ_CHECK(kalloc_free_pages() == ARENA_PAGES);
	free(buf);
	return 0;
}
