// SPDX-License-Identifier: MIT
/*
 * The initial user stack (guest/kernel/ustack.c), compiled for the host and
 * read back word by word as a program would: argc, argv[], NULL, envp[],
 * NULL, the auxiliary vector in its order with its values, AT_NULL; the
 * strings where the pointers say, above the vector, under the end marker;
 * rsp 16-byte aligned at argc for every parity; the 128 KiB limit.
 */
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "mm.h"
#include "suites.h"
#include "test_kernel_arena.h"
#include "uaccess.h"
#include "uapi/lde_sys.h"
#include "ustack.h"

#define TOP LDE_USER_STACK_TOP(1)
#define NAUX 19 /* the pairs before AT_NULL */

static struct addrspace as;

static int suite_init(void)
{
	return arena_init(256);
}

static const struct elf_info info = { .entry = 0x401020,
	                              .phdr = 0x400040,
	                              .phnum = 7,
	                              .phent = 56,
	                              .end = 0x410000 };

/* The stack region as task.c makes it, in a fresh address space. */
static void fresh(void)
{
	arena_fresh(&as);
	CU_ASSERT_EQUAL_FATAL(
		mm_add(&as, TOP - LDE_STACK_MAX, TOP, PROT_READ | PROT_WRITE, VMA_STACK), 0);
}

static uint64_t word(uint64_t va)
{
	uint64_t w = 0xdeadbeef;

	CU_ASSERT_EQUAL(copy_from_user(&as, &w, va, sizeof(w)), 0);
	return w;
}

/* The NUL-terminated string at va (at most 255 bytes), in a static buffer. */
static const char *string(uint64_t va)
{
	static char s[256];
	size_t i;

	for (i = 0; i < sizeof(s) - 1; i++) {
		CU_ASSERT_EQUAL_FATAL(copy_from_user(&as, &s[i], va + i, 1), 0);
		if (!s[i])
			return s;
	}
	s[i] = '\0';
	return s;
}

static struct exec_args args(int argc, char *const *argv, int envc, char *const *envp)
{
	struct exec_args a = { .argc = argc,
		               .argv = argv,
		               .envc = envc,
		               .envp = envp,
		               .execfn = "/bin/prog",
		               .hwcap = 0x178bfbff,
		               .clktck = 100,
		               .int80 = 1 };

	for (int i = 0; i < 16; i++)
		a.random[i] = (uint8_t)(0xa0 + i);
	return a;
}

static void test_layout(void)
{
	char *argv[] = { "/bin/prog", "a", "b c", "" };
	char *envp[] = { "HOME=/", "LANG=C" };
	struct exec_args a = args(4, argv, 2, envp);
	static const uint64_t types[NAUX] = {
		AT_PHDR,   AT_PHENT,  AT_PHNUM,    AT_PAGESZ, AT_BASE,      AT_FLAGS,  AT_ENTRY,
		AT_UID,    AT_EUID,   AT_GID,      AT_EGID,   AT_SECURE,    AT_RANDOM, AT_HWCAP,
		AT_HWCAP2, AT_CLKTCK, AT_PLATFORM, AT_EXECFN, AT_LDE_INT80,
	};
	uint64_t sp, aux, v, lowest = ~0ULL;
	uint8_t rnd[16];

	fresh();
	sp = ustack_build(&as, TOP, &a, &info);
	CU_ASSERT_FATAL(sp != 0);
	CU_ASSERT_EQUAL(sp % 16, 0);
	CU_ASSERT(sp < TOP && sp > TOP - USTACK_MAX_STRINGS);
	CU_ASSERT_EQUAL(word(sp), 4);
	for (int i = 0; i < 4; i++) {
		v = word(sp + 8 * (1 + (uint64_t)i));
		CU_ASSERT_STRING_EQUAL(string(v), argv[i]);
		lowest = v < lowest ? v : lowest;
	}
	CU_ASSERT_EQUAL(word(sp + 8 * 5), 0);
	for (int i = 0; i < 2; i++)
		CU_ASSERT_STRING_EQUAL(string(word(sp + 8 * (6 + (uint64_t)i))), envp[i]);
	CU_ASSERT_EQUAL(word(sp + 8 * 8), 0);
	aux = sp + 8 * 9;
	for (int i = 0; i < NAUX; i++)
		CU_ASSERT_EQUAL(word(aux + 16 * (uint64_t)i), types[i]);
	CU_ASSERT_EQUAL(word(aux + 16 * NAUX), AT_NULL);
	CU_ASSERT_EQUAL(word(aux + 16 * NAUX + 8), 0);
	CU_ASSERT_EQUAL(word(aux + 8), info.phdr);
	CU_ASSERT_EQUAL(word(aux + 16 + 8), 56);
	CU_ASSERT_EQUAL(word(aux + 32 + 8), 7);
	CU_ASSERT_EQUAL(word(aux + 48 + 8), 4096);
	CU_ASSERT_EQUAL(word(aux + 64 + 8), 0); /* AT_BASE: no interpreter */
	CU_ASSERT_EQUAL(word(aux + 96 + 8), info.entry);
	for (int i = 7; i <= 11; i++) /* uid, euid, gid, egid 0; not secure */
		CU_ASSERT_EQUAL(word(aux + 16 * (uint64_t)i + 8), 0);
	CU_ASSERT_EQUAL(copy_from_user(&as, rnd, word(aux + 16 * 12 + 8), 16), 0);
	CU_ASSERT_EQUAL(memcmp(rnd, a.random, 16), 0);
	CU_ASSERT_EQUAL(word(aux + 16 * 13 + 8), 0x178bfbff);
	CU_ASSERT_EQUAL(word(aux + 16 * 15 + 8), 100);
	CU_ASSERT_STRING_EQUAL(string(word(aux + 16 * 16 + 8)), "x86_64");
	v = word(aux + 16 * 17 + 8);
	CU_ASSERT_STRING_EQUAL(string(v), "/bin/prog");
	CU_ASSERT_EQUAL(v, TOP - 8 - sizeof("/bin/prog")); /* right under the end marker */
	CU_ASSERT_EQUAL(word(TOP - 8), 0);
	CU_ASSERT_EQUAL(word(aux + 16 * 18 + 8), 1);
	/* the strings lie between the vector's end and the top, argv[0] lowest */
	CU_ASSERT(lowest >= aux + 16 * (NAUX + 1));
	CU_ASSERT_EQUAL(lowest, word(sp + 8));
	CU_ASSERT(arena_done(&as));
}

/* rsp is 16-byte aligned at argc whatever the number of words. */
static void test_alignment(void)
{
	char *words[] = { "p", "x", "yy", "zzz", "wwww" };

	for (int argc = 1; argc <= 5; argc++)
		for (int envc = 0; envc <= 3; envc++) {
			struct exec_args a = args(argc, words, envc, words + 1);
			uint64_t sp;

			fresh();
			sp = ustack_build(&as, TOP, &a, &info);
			CU_ASSERT(sp != 0 && sp % 16 == 0);
			CU_ASSERT_EQUAL(word(sp), (uint64_t)argc);
			CU_ASSERT_EQUAL(word(sp + 8 * (1 + (uint64_t)argc)), 0);
			CU_ASSERT_EQUAL(word(sp + 8 * (2 + (uint64_t)argc + (uint64_t)envc)), 0);
			CU_ASSERT_EQUAL(word(sp + 8 * (3 + (uint64_t)argc + (uint64_t)envc)),
			                AT_PHDR);
			CU_ASSERT(arena_done(&as));
		}
}

/* No environment at all: envp is just its NULL. */
static void test_no_environment(void)
{
	char *argv[] = { "prog" };
	struct exec_args a = args(1, argv, 0, NULL);
	uint64_t sp;

	fresh();
	sp = ustack_build(&as, TOP, &a, &info);
	CU_ASSERT_FATAL(sp != 0);
	CU_ASSERT_EQUAL(word(sp), 1);
	CU_ASSERT_STRING_EQUAL(string(word(sp + 8)), "prog");
	CU_ASSERT_EQUAL(word(sp + 16), 0);
	CU_ASSERT_EQUAL(word(sp + 24), 0);
	CU_ASSERT_EQUAL(word(sp + 32), AT_PHDR);
	CU_ASSERT(arena_done(&as));
}

/* Strings up to the limit fit; one byte more does not (0: the caller refuses). */
static void test_limits(void)
{
	size_t big = 100 * 1024;
	char *s = malloc(USTACK_MAX_STRINGS + 1);
	char *argv[] = { "p", s };
	struct exec_args a = args(2, argv, 0, NULL);
	uint64_t sp;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	memset(s, 'x', big);
	s[big] = '\0';
	fresh();
	sp = ustack_build(&as, TOP, &a, &info);
	CU_ASSERT(sp != 0 && sp % 16 == 0);
	CU_ASSERT(sp >= TOP - USTACK_MAX_STRINGS);
	CU_ASSERT(arena_done(&as));

	memset(s, 'x', USTACK_MAX_STRINGS);
	s[USTACK_MAX_STRINGS] = '\0';
	fresh();
	CU_ASSERT_EQUAL(ustack_build(&as, TOP, &a, &info), 0);
	CU_ASSERT(arena_done(&as));

	/* many small words: their pointers count against the limit too */
	{
		int n = USTACK_MAX_STRINGS / 8;
		char **many = calloc((size_t)n, sizeof(*many));

		CU_ASSERT_PTR_NOT_NULL_FATAL(many);
		for (int i = 0; i < n; i++)
			many[i] = "";
		a = args(n, many, 0, NULL);
		fresh();
		CU_ASSERT_EQUAL(ustack_build(&as, TOP, &a, &info), 0);
		CU_ASSERT(arena_done(&as));
		free(many);
	}
	free(s);
}

/* Without a stack region there is nowhere to write: 0, not a crash. */
static void test_no_stack_region(void)
{
	char *argv[] = { "p" };
	struct exec_args a = args(1, argv, 0, NULL);

	arena_fresh(&as);
	CU_ASSERT_EQUAL(ustack_build(&as, TOP, &a, &info), 0);
	CU_ASSERT(arena_done(&as));
}

int suite_kernel_ustack(void)
{
	static const struct unit_test tests[] = {
#define T(fn) { #fn, fn }
		T(test_layout), T(test_alignment),       T(test_no_environment),
		T(test_limits), T(test_no_stack_region),
#undef T
	};
	return add_suite("kernel_ustack", suite_init, arena_clean, NULL, NULL, tests,
	                 sizeof(tests) / sizeof(tests[0]));
}
