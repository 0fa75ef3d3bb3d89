// SPDX-License-Identifier: MIT
/*
 * The kernel's newc cpio parser (guest/kernel/cpio.c), compiled for the
 * host: archives made by GNU cpio itself (newc and its checksum variant,
 * crc) parse to the files, directories, symlinks and hard links they hold,
 * names made absolute; and every field a hostile archive can get wrong is
 * refused with the entry's number, its name and the reason.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "../common/cpio_write.h"
#include "cpio.h"
#include "suites.h"

#define BUF_MAX CPIO_OUT_MAX
#define SEEN_MAX 32

/* ------------------------------------------------ archives made by hand */
/* An archive of ENTS (NULL name ends them) and the trailer. */
static struct cpio_out *make(const struct cpio_ent *ents)
{
	static struct cpio_out a;

	cpio_out_make(&a, ents);
	return &a;
}

/* ------------------------------------------------ collecting entries */
struct seen {
	char path[CPIO_PATH_MAX];
	uint32_t mode, nlink, ino;
	char data[64];
	uint64_t size;
	const char *skip;
	bool root;
};

struct collect {
	struct seen e[SEEN_MAX];
	unsigned n;
	int stop_at; /* return 7 at this entry (1-based); 0: never */
};

static int collect_fn(const struct cpio_entry *e, void *arg)
{
	struct collect *c = arg;
	struct seen *s = &c->e[c->n];

	if (c->n == SEEN_MAX)
		return 99;
	snprintf(s->path, sizeof(s->path), "%s", e->path);
	s->mode = e->mode;
	s->nlink = e->nlink;
	s->ino = e->ino;
	s->size = e->size;
	memcpy(s->data, e->data, e->size < sizeof(s->data) - 1 ? e->size : sizeof(s->data) - 1);
	s->skip = e->skip;
	s->root = e->root;
	c->n++;
	return c->stop_at && (int)e->index == c->stop_at ? 7 : 0;
}

static struct cpio_state st;
static struct collect col;

static int parse(const void *p, size_t n)
{
	memset(&col, 0, sizeof(col));
	return cpio_parse(p, n, collect_fn, &col, &st);
}

static int parse_a(const struct cpio_out *a)
{
	return parse(a->b, a->n);
}

static const struct seen *find(const char *path)
{
	for (unsigned i = 0; i < col.n; i++)
		if (!strcmp(col.e[i].path, path))
			return &col.e[i];
	return NULL;
}

/* The archive is refused at entry INDEX, named NAME, for a reason containing WHY. */
#define REFUSED(ret, index, name, why) check_refused((ret), (index), (name), (why), __LINE__)
static void check_refused(int ret, uint32_t index, const char *name, const char *why, int line)
{
	bool ok = ret == CPIO_BAD && st.error.index == index && !strcmp(st.error.name, name) &&
	          strstr(st.error.reason, why);

	if (!ok)
		fprintf(stderr,
		        "\nline %d: got %d, entry %u \"%s\": %s; want entry %u \"%s\": %s\n", line,
		        ret, st.error.index, st.error.name, st.error.reason, index, name, why);
	CU_ASSERT_TRUE(ok);
}

/* ------------------------------------------------ archives made by GNU cpio */
static char dir[64];

static int write_file(const char *rel, const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

/* The tree every real archive holds. */
static int make_tree(void)
{
	char p[128];

	snprintf(dir, sizeof(dir), "%s/lde-cpio-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir))
		return -1;
	snprintf(p, sizeof(p), "%s/etc", dir);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/bin", dir);
	mkdir(p, 0711);
	if (write_file("etc/hello", "hello from the initrd\n") < 0 ||
	    write_file("init", "#!/bin/sh\necho init\n") < 0 || write_file("empty", "") < 0 ||
	    write_file("bin/busybox", "not really busybox") < 0)
		return -1;
	snprintf(p, sizeof(p), "%s/init", dir);
	chmod(p, 0755);
	snprintf(p, sizeof(p), "%s/bin/sh", dir);
	if (symlink("busybox", p) < 0)
		return -1;
	{
		char a[128], b[128];

		snprintf(a, sizeof(a), "%s/etc/hello", dir);
		snprintf(b, sizeof(b), "%s/etc/hello.link", dir);
		return link(a, b);
	}
}

/* dir's tree archived by GNU cpio -H FORMAT; the bytes (malloc'd) and *n. */
static uint8_t *gnu_cpio(const char *format, size_t *n)
{
	char cmd[512], out[128];
	uint8_t *buf = malloc(BUF_MAX);
	FILE *f;

	snprintf(out, sizeof(out), "%s.cpio", dir);
	snprintf(cmd, sizeof(cmd), "cd %s && find . | LC_ALL=C sort | cpio -o -H %s --quiet > %s",
	         dir, format, out);
	CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
	f = fopen(out, "rb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	*n = fread(buf, 1, BUF_MAX, f);
	fclose(f);
	remove(out);
	return buf;
}

static int real_init(void)
{
	return make_tree() < 0 ? -1 : 0;
}

static int real_clean(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void check_tree(void)
{
	const struct seen *e;

	CU_ASSERT_PTR_NOT_NULL_FATAL(e = find("/"));
	CU_ASSERT_TRUE(e->root);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e = find("/etc"));
	CU_ASSERT_EQUAL(e->mode & CPIO_S_IFMT, CPIO_S_IFDIR);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e = find("/bin"));
	CU_ASSERT_EQUAL(e->mode, CPIO_S_IFDIR | 0711);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e = find("/init"));
	CU_ASSERT_EQUAL(e->mode & CPIO_PERM_MASK, 0755);
	CU_ASSERT_STRING_EQUAL(e->data, "#!/bin/sh\necho init\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e = find("/bin/sh"));
	CU_ASSERT_EQUAL(e->mode & CPIO_S_IFMT, CPIO_S_IFLNK);
	CU_ASSERT_EQUAL(e->size, 7);
	CU_ASSERT_STRING_EQUAL(e->data, "busybox");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e = find("/empty"));
	CU_ASSERT_EQUAL(e->size, 0);
	CU_ASSERT_EQUAL(e->mode & CPIO_S_IFMT, CPIO_S_IFREG);
	CU_ASSERT_EQUAL(col.n, 9); /* . bin bin/busybox bin/sh empty etc 2x hello init */
}

/* A newc archive of a real tree: every entry, its path, mode and data. */
static void test_gnu_newc(void)
{
	size_t n;
	uint8_t *a = gnu_cpio("newc", &n);
	const struct seen *x, *y;

	CU_ASSERT_EQUAL(parse(a, n), 0);
	check_tree();
	/* the hard links: one ino, nlink 2, the data on the last one only */
	x = find("/etc/hello");
	y = find("/etc/hello.link");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_PTR_NOT_NULL_FATAL(y);
	CU_ASSERT_EQUAL(x->ino, y->ino);
	CU_ASSERT_EQUAL(x->nlink, 2);
	CU_ASSERT_EQUAL(x->size + y->size, 22);
	CU_ASSERT_TRUE(x->size == 0 || y->size == 0);
	free(a);
}

/* The crc variant (070702): checksums verified; one flipped data byte is caught. */
static void test_gnu_crc(void)
{
	size_t n;
	uint8_t *a = gnu_cpio("crc", &n);
	uint8_t *p;

	CU_ASSERT_EQUAL(memcmp(a, "070702", 6), 0);
	CU_ASSERT_EQUAL(parse(a, n), 0);
	check_tree();
	p = memmem(a, n, "echo init", 9);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	*p = 'E';
	CU_ASSERT_EQUAL(parse(a, n), CPIO_BAD);
	CU_ASSERT_STRING_EQUAL(st.error.name, "init"); /* GNU cpio drops the "./" */
	CU_ASSERT_PTR_NOT_NULL(strstr(st.error.reason, "checksum"));
	free(a);
}

/* Archives one after the other, NUL padding between them, as Linux takes them. */
static void test_concatenated(void)
{
	static uint8_t two[2 * BUF_MAX];
	size_t n;
	uint8_t *a = gnu_cpio("newc", &n);

	memcpy(two, a, n);
	memset(two + n, 0, 512);
	{
		struct cpio_out *b = make((const struct cpio_ent[]){
			{ .name = "extra", .mode = CPIO_S_IFREG | 0644, .data = "x" },
			{ 0 } });

		memcpy(two + n + 512, b->b, b->n);
		CU_ASSERT_EQUAL(parse(two, n + 512 + b->n), 0);
		CU_ASSERT_EQUAL(col.n, 10);
		CU_ASSERT_PTR_NOT_NULL(find("/extra"));
		memmove(two + n + 513, b->b, b->n); /* not at a 4-byte boundary */
		two[n + 512] = 0;
		CU_ASSERT_EQUAL(parse(two, n + 513 + b->n), CPIO_BAD);
		CU_ASSERT_PTR_NOT_NULL(strstr(st.error.reason, "after TRAILER!!!"));
	}
	free(a);
}

/* ------------------------------------------------ names */
static const struct cpio_ent good_file = { .name = "a", .mode = CPIO_S_IFREG | 0644, .data = "A" };

static int parse_name(const char *name)
{
	return parse_a(make((const struct cpio_ent[]){
		{ .name = name, .mode = CPIO_S_IFREG | 0644, .data = "data" },
		{ 0 } }));
}

static void test_names_normalised(void)
{
	CU_ASSERT_EQUAL(parse_name("./bin/x"), 0);
	CU_ASSERT_STRING_EQUAL(col.e[0].path, "/bin/x");
	CU_ASSERT_EQUAL(parse_name("bin/x"), 0);
	CU_ASSERT_STRING_EQUAL(col.e[0].path, "/bin/x");
	CU_ASSERT_EQUAL(parse_name("/bin/x"), 0);
	CU_ASSERT_STRING_EQUAL(col.e[0].path, "/bin/x");
	CU_ASSERT_EQUAL(parse_name("././x"), 0);
	CU_ASSERT_STRING_EQUAL(col.e[0].path, "/x");
	CU_ASSERT_EQUAL(parse_name("a b\x01"), 0); /* any byte but NUL and '/' */
	CU_ASSERT_STRING_EQUAL(col.e[0].path, "/a b\x01");
	CU_ASSERT_EQUAL(parse_a(make((const struct cpio_ent[]){
				{ .name = ".", .mode = CPIO_S_IFDIR | 0755 },
				{ 0 } })),
	                0);
	CU_ASSERT_TRUE(col.e[0].root);
	CU_ASSERT_STRING_EQUAL(col.e[0].path, "/");
}

/* How an error shows a long name: its first bytes, then "...". */
static const char *shown(const char *name)
{
	static char buf[CPIO_SHOWN_MAX];

	snprintf(buf, sizeof(buf), "%.*s...", CPIO_SHOWN_MAX - 4, name);
	return buf;
}

static void test_names_refused(void)
{
	static char longc[300], deep[200], longp[4200];

	REFUSED(parse_name("bin/../x"), 1, "bin/../x", "a name with \"..\"");
	REFUSED(parse_name(".."), 1, "..", "\"..\"");
	REFUSED(parse_name("a//b"), 1, "a//b", "empty path component");
	REFUSED(parse_name("a/"), 1, "a/", "empty path component");
	REFUSED(parse_name("//a"), 1, "//a", "empty path component");
	REFUSED(parse_name("a/./b"), 1, "a/./b", "a \".\" inside");
	memset(longc, 'c', 256);
	REFUSED(parse_name(longc), 1, shown(longc), "longer than 255 bytes");
	longc[255] = '\0';
	CU_ASSERT_EQUAL(parse_name(longc), 0);
	for (int i = 0; i < 65; i++)
		memcpy(deep + 2 * i, "d/", 2);
	deep[129] = '\0';
	REFUSED(parse_name(deep), 1, shown(deep), "more than 64 path components");
	deep[127] = '\0'; /* 64 components */
	CU_ASSERT_EQUAL(parse_name(deep), 0);
	for (int i = 0; i < 16; i++) {
		memset(longp + 256 * i, 'p', 255);
		longp[256 * i + 255] = '/';
	}
	longp[4095] = '\0'; /* 4095 bytes: "/" + it is 4096 */
	CU_ASSERT_EQUAL(parse_name(longp), CPIO_BAD);
	CU_ASSERT_PTR_NOT_NULL(strstr(st.error.reason, "a name longer than 4094 bytes"));
	longp[4094] = '\0';
	CU_ASSERT_EQUAL(parse_name(longp), 0);
	CU_ASSERT_EQUAL(strlen(col.e[0].path), 4095);
}

/* Name sizes against the name: 0, 1, too big, past the end, NULs. */
static void test_name_sizes(void)
{
	struct cpio_out *a;

	REFUSED(parse_a(make((const struct cpio_ent[]){
			{ .name = "a", .mode = CPIO_S_IFREG, .namesize = 1 },
			{ 0 } })),
	        1, "", "an empty name");
	/* namesize 0: the name "a" is not read; the header alone is refused */
	a = make((const struct cpio_ent[]){
		good_file,
		{ .name = "b", .mode = CPIO_S_IFREG, .namesize = 0x10000 },
		{ 0 } });
	REFUSED(parse_a(a), 2, "b", "a name longer than 4095 bytes");
	a = make((const struct cpio_ent[]){ { .name = "abc", .mode = CPIO_S_IFREG, .namesize = 3 },
	                                    { 0 } });
	REFUSED(parse_a(a), 1, "ab", "not NUL-terminated");
	a = make((const struct cpio_ent[]){ { .name = "ab", .mode = CPIO_S_IFREG, .namesize = 4 },
	                                    { 0 } });
	a->b[CPIO_HEADER_SIZE + 3] = 'x'; /* "ab\0x" */
	REFUSED(parse_a(a), 1, "ab", "a NUL inside the name");
	a = make((const struct cpio_ent[]){ { .name = "ab", .mode = CPIO_S_IFREG }, { 0 } });
	REFUSED(parse(a->b, CPIO_HEADER_SIZE + 2), 1, "ab", "the name runs past the end");
	/* NULs after the name's own, up to the name size: padding (data aligned) */
	a = make((const struct cpio_ent[]){
		{ .name = "ab", .mode = CPIO_S_IFREG | 0644, .namesize = 8, .data = "D" },
		{ 0 } });
	CU_ASSERT_EQUAL(parse_a(a), 0);
	CU_ASSERT_STRING_EQUAL(col.e[0].path, "/ab");
	CU_ASSERT_STRING_EQUAL(col.e[0].data, "D");
	a = make((const struct cpio_ent[]){ { .name = "TRAILER!!!", .namesize = 16 },
	                                    { 0 } }); /* a padded trailer ends it too */
	CU_ASSERT_EQUAL(parse(a->b, 128), 0);
	CU_ASSERT_EQUAL(col.n, 0);
	a = make((const struct cpio_ent[]){ { .name = "ab", .mode = CPIO_S_IFREG, .namesize = 0 },
	                                    { 0 } });
	memcpy(a->b + 6 + 8 * 11, "00000000", 8);
	REFUSED(parse_a(a), 1, "", "name size 0");
}

/* ------------------------------------------------ headers and data */
static void test_header_fields(void)
{
	static const char *const names[] = { "ino",      "mode",      "uid",       "gid",
		                             "nlink",    "mtime",     "filesize",  "devmajor",
		                             "devminor", "rdevmajor", "rdevminor", "namesize",
		                             "check" };
	struct cpio_out *a;

	for (int k = 0; k < 13; k++) {
		char want[64];
		size_t second;

		a = make((const struct cpio_ent[]){ { 0 } });
		a->n = 0;
		cpio_out_put(a, &good_file);
		cpio_out_put(a, &good_file);
		second = cpio_out_put(a, &good_file); /* a third entry, its field k spoilt */
		cpio_out_trailer(a);
		a->b[second + 6 + 8 * k + k % 8] = k % 2 ? 'g' : ' ';
		snprintf(want, sizeof(want), "field %s is not 8 hex digits", names[k]);
		REFUSED(parse_a(a), 3, "", want);
	}
	a = make((const struct cpio_ent[]){ good_file, { 0 } });
	memcpy(a->b, "070707", 6); /* the old portable format */
	REFUSED(parse_a(a), 1, "", "bad magic");
	/* lower-case hex digits are hex digits */
	a = make((const struct cpio_ent[]){
		{ .name = "a", .mode = CPIO_S_IFREG | 0644, .data = "xyz" },
		{ 0 } });
	memcpy(a->b + 6 + 8, "000081a4", 8);
	CU_ASSERT_EQUAL(parse_a(a), 0);
	CU_ASSERT_EQUAL(col.e[0].mode, CPIO_S_IFREG | 0644);
}

/* Every byte value at every digit of a field: taken iff a hex digit, with its value. */
static void test_hex_digits(void)
{
	int wrong = 0;

	for (int pos = 0; pos < 8; pos++)
		for (int b = 0; b < 256; b++) {
			struct cpio_out *a = make((const struct cpio_ent[]){ good_file, { 0 } });
			char digits[9] = "9aF0c1E5";
			bool hex = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') ||
			           (b >= 'A' && b <= 'F');
			int r;

			digits[pos] = (char)b;
			memcpy(a->b + 6, digits, 8); /* ino */
			r = parse_a(a);
			if (hex)
				wrong += r != 0 || col.e[0].ino != strtoul(digits, NULL, 16);
			else
				wrong += r != CPIO_BAD || !strstr(st.error.reason, "field ino");
		}
	CU_ASSERT_EQUAL(wrong, 0);
	/* and the extremes */
	CU_ASSERT_EQUAL(parse_a(make((const struct cpio_ent[]){
				{ .name = "a", .mode = CPIO_S_IFREG, .ino = 0xffffffff },
				{ 0 } })),
	                0);
	CU_ASSERT_EQUAL(col.e[0].ino, 0xffffffff);
}

static void test_truncated(void)
{
	struct cpio_out *a = make((const struct cpio_ent[]){
		good_file,
		{ .name = "b", .mode = CPIO_S_IFREG, .data = "0123456789" },
		{ 0 } });

	REFUSED(parse(a->b, 50), 1, "", "truncated");
	REFUSED(parse(a->b, 0), 1, "", "an empty archive");
	/* each cut: refused, never read past it (ASan would say) */
	for (size_t cut = 1; cut < a->n; cut++) {
		uint8_t *copy = malloc(cut);

		memcpy(copy, a->b, cut);
		CU_ASSERT_EQUAL(parse(copy, cut), CPIO_BAD);
		free(copy);
	}
	CU_ASSERT_EQUAL(parse_a(a), 0);
}

static void test_sizes(void)
{
	struct cpio_out *a;

	a = make((const struct cpio_ent[]){
		good_file,
		{ .name = "huge", .mode = CPIO_S_IFREG, .data = "x", .size = 0xffffffff },
		{ 0 } });
	REFUSED(parse_a(a), 2, "huge", "runs past the end of the archive");
	a = make((const struct cpio_ent[]){
		{ .name = "d", .mode = CPIO_S_IFDIR | 0755, .data = "x" },
		{ 0 } });
	REFUSED(parse_a(a), 1, "d", "a directory with 1 bytes of data");
}

static void test_padding(void)
{
	struct cpio_out *a =
		make((const struct cpio_ent[]){ { .name = "ab", .mode = CPIO_S_IFREG, .data = "x" },
	                                        { 0 } });

	a->b[CPIO_HEADER_SIZE + 3] = 1; /* 110 + 3 = 113, padded to 116 */
	REFUSED(parse_a(a), 1, "ab", "padding after its name is not NULs");
	a = make((const struct cpio_ent[]){ { .name = "ab", .mode = CPIO_S_IFREG, .data = "x" },
	                                    { 0 } });
	a->b[116 + 2] = 1; /* data at 116, 1 byte, padded to 120 */
	REFUSED(parse_a(a), 1, "ab", "padding after its data is not NULs");
}

static void test_types(void)
{
	char target[CPIO_TARGET_MAX + 2];
	struct cpio_out *a;

	a = make((const struct cpio_ent[]){ { .name = "dev/console", .mode = CPIO_S_IFCHR | 0600 },
	                                    { .name = "dev/sda", .mode = CPIO_S_IFBLK | 0600 },
	                                    { .name = "fifo", .mode = CPIO_S_IFIFO | 0600 },
	                                    { .name = "sock", .mode = CPIO_S_IFSOCK | 0600 },
	                                    good_file,
	                                    { 0 } });
	CU_ASSERT_EQUAL(parse_a(a), 0);
	CU_ASSERT_EQUAL(col.n, 5);
	CU_ASSERT_STRING_EQUAL(col.e[0].skip, "a character device");
	CU_ASSERT_STRING_EQUAL(col.e[1].skip, "a block device");
	CU_ASSERT_STRING_EQUAL(col.e[2].skip, "a FIFO");
	CU_ASSERT_STRING_EQUAL(col.e[3].skip, "a socket");
	CU_ASSERT_PTR_NULL(col.e[4].skip);
	REFUSED(parse_a(make((const struct cpio_ent[]){ { .name = "x", .mode = 0644 }, { 0 } })), 1,
	        "x", "no file type");
	REFUSED(parse_a(make((const struct cpio_ent[]){ { .name = "x", .mode = 0170644 }, { 0 } })),
	        1, "x", "no file type");
	REFUSED(parse_a(make(
			(const struct cpio_ent[]){ { .name = "x", .mode = 0x10000 | CPIO_S_IFREG },
	                                           { 0 } })),
	        1, "x", "bits above the file type");
	REFUSED(parse_a(make((const struct cpio_ent[]){
			{ .name = "c", .mode = CPIO_S_IFCHR, .data = "x" },
			{ 0 } })),
	        1, "c", "a character device with 1 bytes");
	REFUSED(parse_a(make(
			(const struct cpio_ent[]){ { .name = ".", .mode = CPIO_S_IFREG }, { 0 } })),
	        1, ".", "the root itself");
	/* symbolic links: the target's length and bytes */
	REFUSED(parse_a(make((const struct cpio_ent[]){ { .name = "l", .mode = CPIO_S_IFLNK | 0777 },
	                                                { 0 } })),
	        1, "l", "an empty target");
	memset(target, 't', sizeof(target) - 1);
	target[sizeof(target) - 1] = '\0';
	REFUSED(parse_a(make((const struct cpio_ent[]){
			{ .name = "l", .mode = CPIO_S_IFLNK | 0777, .data = target },
			{ 0 } })),
	        1, "l", "longer than 4095 bytes");
	target[CPIO_TARGET_MAX] = '\0';
	CU_ASSERT_EQUAL(parse_a(make((const struct cpio_ent[]){
				{ .name = "l", .mode = CPIO_S_IFLNK | 0777, .data = target },
				{ 0 } })),
	                0);
	REFUSED(parse_a(make((const struct cpio_ent[]){
			{ .name = "l", .mode = CPIO_S_IFLNK | 0777, .data = "a\0b", .size = 3 },
			{ 0 } })),
	        1, "l", "a NUL in the symbolic link's target");
}

static void test_trailer(void)
{
	struct cpio_out *a = make((const struct cpio_ent[]){ good_file, { 0 } });

	/* no trailer */
	REFUSED(parse(a->b, a->n - 124), 2, "", "no TRAILER!!!");
	a = make((const struct cpio_ent[]){ good_file,
	                                    { .name = "TRAILER!!!", .data = "x" },
	                                    { 0 } });
	REFUSED(parse_a(a), 2, "TRAILER!!!", "TRAILER!!! with 1 bytes of data");
	/* NUL padding after it (GNU cpio pads to 512 bytes) is fine */
	a = make((const struct cpio_ent[]){ good_file, { 0 } });
	memset(a->b + a->n, 0, 300);
	CU_ASSERT_EQUAL(parse(a->b, a->n + 300), 0);
	/* anything else is not */
	a->b[a->n + 8] = 'J';
	REFUSED(parse(a->b, a->n + 300), 3, "", "bad magic");
}

/* The callback's non-zero result stops the parse and is returned. */
static void test_callback_stops(void)
{
	struct cpio_out *a =
		make((const struct cpio_ent[]){ good_file, good_file, good_file, { 0 } });

	memset(&col, 0, sizeof(col));
	col.stop_at = 2;
	CU_ASSERT_EQUAL(cpio_parse(a->b, a->n, collect_fn, &col, &st), 7);
	CU_ASSERT_EQUAL(col.n, 2);
	CU_ASSERT_EQUAL(cpio_parse(a->b, a->n, NULL, NULL, &st), 0); /* check only */
}

int suite_kernel_cpio(void)
{
#define T(fn)           \
	{               \
#fn, fn \
	}
	static const struct unit_test real[] = {
		T(test_gnu_newc),
		T(test_gnu_crc),
		T(test_concatenated),
	};
	static const struct unit_test tests[] = {
		T(test_names_normalised),
		T(test_names_refused),
		T(test_name_sizes),
		T(test_header_fields),
		T(test_hex_digits),
		T(test_truncated),
		T(test_sizes),
		T(test_padding),
		T(test_types),
		T(test_trailer),
		T(test_callback_stops),
	};
#undef T
	int r = add_suite("kernel_cpio_gnu", real_init, real_clean, NULL, NULL, real,
	                  sizeof(real) / sizeof(real[0]));

	return r ? r :
	           add_suite("kernel_cpio", NULL, NULL, NULL, NULL, tests,
	                     sizeof(tests) / sizeof(tests[0]));
}
