/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the guest kernel's newc cpio parser (guest/kernel/
 * cpio.c), which checks the initrd the vmm passes, compiled for the host.
 * The input is the archive, copied to the end of a guarded mapping so
 * that a read one byte past it faults at once.
 *
 * After each input: an archive is either refused with an entry number, a
 * printable name and a reason, or every entry it handed out is one the
 * kernel can create as it is: an absolute path without empty, "." or ".."
 * components, none longer than CPIO_COMPONENT_MAX, at most CPIO_DEPTH_MAX
 * deep; a known file type; data inside the archive; a directory without
 * data; a symlink target of 1..CPIO_TARGET_MAX bytes without a NUL.  The
 * entries come in order, and a second parse finds the same.
 */
#include <string.h>

#include "cpio.h"
#include "fuzz_util.h"

#define MAX_INPUT (1 << 20)

static uint8_t *area; /* MAX_INPUT bytes between guard pages */
static struct cpio_state st;

struct walk {
	const uint8_t *lo, *hi; /* the archive */
	uint32_t last;          /* the previous entry's index */
	unsigned count;
};

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	area = fuzz_guarded(MAX_INPUT);
	return 0;
}

static void check_path(const char *path)
{
	unsigned depth = 0;

	FUZZ_CHECK(path[0] == '/');
	if (!path[1])
		return;
	for (const char *s = path + 1;; s++) {
		const char *q = strchr(s, '/');
		size_t n = q ? (size_t)(q - s) : strlen(s);

		FUZZ_CHECK(n > 0 && n <= CPIO_COMPONENT_MAX);
		FUZZ_CHECK(!(n == 1 && s[0] == '.') && !(n == 2 && s[0] == '.' && s[1] == '.'));
		FUZZ_CHECK(++depth <= CPIO_DEPTH_MAX);
		if (!q)
			break;
		s = q;
	}
	FUZZ_CHECK(strlen(path) < CPIO_PATH_MAX);
}

static int check_entry(const struct cpio_entry *e, void *arg)
{
	struct walk *w = arg;
	const uint8_t *d = e->data;
	uint32_t type = e->mode & CPIO_S_IFMT;

	FUZZ_CHECK(e->index > w->last);
	w->last = e->index;
	w->count++;
	FUZZ_CHECK(d >= w->lo && d <= w->hi && e->size <= (uint64_t)(w->hi - d));
	FUZZ_CHECK((const uint8_t *)e->name >= w->lo && (const uint8_t *)e->name < w->hi);
	FUZZ_CHECK(!(e->mode & ~(uint32_t)(CPIO_S_IFMT | CPIO_PERM_MASK)));
	check_path(e->path);
	FUZZ_CHECK(e->root == !strcmp(e->path, "/"));
	switch (type) {
	case CPIO_S_IFREG:
		FUZZ_CHECK(!e->skip && !e->root);
		break;
	case CPIO_S_IFDIR:
		FUZZ_CHECK(!e->skip && e->size == 0);
		break;
	case CPIO_S_IFLNK:
		FUZZ_CHECK(!e->skip && !e->root && e->size >= 1 && e->size <= CPIO_TARGET_MAX);
		FUZZ_CHECK(!memchr(d, 0, e->size));
		break;
	default:
		FUZZ_CHECK(e->skip && e->size == 0 && !e->root);
		FUZZ_CHECK(type == CPIO_S_IFCHR || type == CPIO_S_IFBLK || type == CPIO_S_IFIFO ||
		           type == CPIO_S_IFSOCK);
	}
	return 0;
}

static void check_error(const struct cpio_error *err)
{
	FUZZ_CHECK(err->index >= 1);
	FUZZ_CHECK(err->reason[0] && memchr(err->reason, 0, sizeof(err->reason)));
	FUZZ_CHECK(memchr(err->name, 0, sizeof(err->name)));
	for (const char *p = err->name; *p; p++)
		FUZZ_CHECK(*p >= ' ' && *p <= '~');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *a;
	struct walk w, again;
	int r;

	if (size > MAX_INPUT)
		return -1;
	a = area + MAX_INPUT - size; /* its end is the guard page */
	memcpy(a, data, size);
	w = (struct walk){ a, a + size, 0, 0 };
	r = cpio_parse(a, size, check_entry, &w, &st);
	FUZZ_CHECK(r == 0 || r == CPIO_BAD);
	if (r == CPIO_BAD)
		check_error(&st.error);
	again = (struct walk){ a, a + size, 0, 0 };
	FUZZ_CHECK(cpio_parse(a, size, check_entry, &again, &st) == r);
	FUZZ_CHECK(again.count == w.count);
	return 0;
}
