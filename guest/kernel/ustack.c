// SPDX-License-Identifier: MIT
/* The initial user stack (see ustack.h). */
#include "ustack.h"

#include "string.h"
#include "uaccess.h"
#include "uapi/lde_sys.h"

#define NAUX 19 /* auxv pairs, AT_NULL included */

struct builder {
	struct addrspace *as;
	uint64_t sp, floor; /* strings go down from sp, never below floor */
	bool ok;
};

/* Pushes n bytes; returns their user address (0 once something failed). */
static uint64_t push(struct builder *b, const void *p, uint64_t n)
{
	if (!b->ok || b->sp - b->floor < n || copy_to_user(b->as, b->sp - n, p, n)) {
		b->ok = false;
		return 0;
	}
	b->sp -= n;
	return b->sp;
}

static uint64_t push_string(struct builder *b, const char *s)
{
	return push(b, s, strlen(s) + 1);
}

/* The auxiliary vector; rnd, platform, execfn: the strings' user addresses. */
static void fill_auxv(uint64_t *aux, const struct exec_args *a, const struct elf_info *info,
                      uint64_t rnd, uint64_t platform, uint64_t execfn)
{
	const uint64_t pairs[NAUX][2] = {
		{ AT_PHDR, info->phdr },
		{ AT_PHENT, info->phent },
		{ AT_PHNUM, info->phnum },
		{ AT_PAGESZ, 4096 },
		{ AT_BASE, 0 },
		{ AT_FLAGS, 0 },
		{ AT_ENTRY, info->entry },
		{ AT_UID, 0 },
		{ AT_EUID, 0 },
		{ AT_GID, 0 },
		{ AT_EGID, 0 },
		{ AT_SECURE, 0 },
		{ AT_RANDOM, rnd },
		{ AT_HWCAP, a->hwcap },
		{ AT_HWCAP2, 0 },
		{ AT_CLKTCK, a->clktck },
		{ AT_PLATFORM, platform },
		{ AT_EXECFN, execfn },
		{ AT_LDE_INT80, a->int80 },
	};

	memcpy(aux, pairs, sizeof(pairs));
	aux[2 * NAUX] = AT_NULL;
	aux[2 * NAUX + 1] = 0;
}

uint64_t ustack_build(struct addrspace *as, uint64_t top, const struct exec_args *a,
                      const struct elf_info *info)
{
	struct builder b = { as, top, top - USTACK_MAX_STRINGS, true };
	uint64_t zero = 0, execfn, platform, rnd, sp, n;
	uint64_t aux[2 * NAUX + 2], ptr;

	push(&b, &zero, sizeof(zero));
	execfn = push_string(&b, a->execfn);
	platform = push_string(&b, "x86_64");
	rnd = push(&b, a->random, sizeof(a->random));
	fill_auxv(aux, a, info, rnd, platform, execfn);
	/* argc, argv, NULL, envp, NULL, auxv: the words from the final sp up */
	n = 1 + (uint64_t)a->argc + 1 + (uint64_t)a->envc + 1 + 2 * NAUX + 2;
	sp = b.sp;
	for (int i = a->envc - 1; i >= 0; i--)
		push_string(&b, a->envp[i]);
	for (int i = a->argc - 1; i >= 0; i--)
		push_string(&b, a->argv[i]);
	if (!b.ok || b.sp - b.floor < n * 8 + 16)
		return 0;
	/* Second pass for the pointers: the strings' addresses again, top down. */
	ptr = sp;
	b.sp = (b.sp - n * 8) & ~15ULL;
	sp = b.sp;
	n = (uint64_t)a->argc;
	copy_to_user(as, sp, &n, 8);
	for (int i = a->envc - 1; i >= 0; i--) {
		ptr -= strlen(a->envp[i]) + 1;
		copy_to_user(as, sp + 8 * (2 + (uint64_t)a->argc + (uint64_t)i), &ptr, 8);
	}
	for (int i = a->argc - 1; i >= 0; i--) {
		ptr -= strlen(a->argv[i]) + 1;
		copy_to_user(as, sp + 8 * (1 + (uint64_t)i), &ptr, 8);
	}
	copy_to_user(as, sp + 8 * (1 + (uint64_t)a->argc), &zero, 8);
	copy_to_user(as, sp + 8 * (2 + (uint64_t)a->argc + (uint64_t)a->envc), &zero, 8);
	copy_to_user(as, sp + 8 * (3 + (uint64_t)a->argc + (uint64_t)a->envc), aux, sizeof(aux));
	return sp;
}
