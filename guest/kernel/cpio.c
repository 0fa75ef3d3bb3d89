// SPDX-License-Identifier: MIT
/* The newc cpio parser and validator (see cpio.h).  Pure: it reads the
 * archive and writes only the caller's state. */
#include "cpio.h"

#include <stdarg.h>

#include "printf.h"
#include "string.h"

#define TRAILER "TRAILER!!!"
#define MAGIC_LEN 6

/* The header's thirteen 8-digit hex fields, after the magic, in order. */
enum field {
	F_INO,
	F_MODE,
	F_UID,
	F_GID,
	F_NLINK,
	F_MTIME,
	F_FILESIZE,
	F_DEVMAJOR,
	F_DEVMINOR,
	F_RDEVMAJOR,
	F_RDEVMINOR,
	F_NAMESIZE,
	F_CHECK,
	F_COUNT,
};

static const char *const field_names[F_COUNT] = {
	"ino",      "mode",     "uid",       "gid",       "nlink",    "mtime", "filesize",
	"devmajor", "devminor", "rdevmajor", "rdevminor", "namesize", "check",
};

_Static_assert(MAGIC_LEN + 8 * F_COUNT == CPIO_HEADER_SIZE, "newc header layout");

/* Where the parser is: the archive and the current entry. */
struct cursor {
	const uint8_t *base;
	uint64_t size;
	uint64_t off; /* the current entry's header */
	uint32_t index;
	struct cpio_state *st;
	const uint8_t *name; /* the current entry's name as far as known, for errors */
	uint64_t name_len;
};

static uint64_t pad4(uint64_t x)
{
	return (x + 3) & ~(uint64_t)3;
}

static int refuse(struct cursor *c, const char *fmt, ...) printf_like(2, 3);

/* Fills the error with the current entry and the reason; CPIO_BAD. */
static int refuse(struct cursor *c, const char *fmt, ...)
{
	struct cpio_error *err = &c->st->error;
	va_list ap;

	err->index = c->index;
	err->offset = c->off;
	cpio_show_name(c->name, c->name_len, err->name);
	va_start(ap, fmt);
	vsnprintf(err->reason, sizeof(err->reason), fmt, ap);
	va_end(ap);
	return CPIO_BAD;
}

void cpio_show_name(const void *name, uint64_t n, char out[CPIO_SHOWN_MAX])
{
	const uint8_t *b = name;
	size_t room = CPIO_SHOWN_MAX - 4, i; /* "..." and the NUL */

	for (i = 0; i < n && i < room && b[i]; i++)
		out[i] = b[i] >= ' ' && b[i] <= '~' ? (char)b[i] : '?';
	if (i == room && i < n && b[i])
		memcpy(out + i, "...", 3), i += 3;
	out[i] = '\0';
}

/* An unaligned 8-byte load (the fields are 2 bytes off alignment). */
typedef uint64_t __attribute__((aligned(1), may_alias)) unaligned_u64;

#define BYTES(b) (0x0101010101010101ULL * (b)) /* b in each of 8 bytes */
#define HIGH BYTES(0x80)

/*
 * The header's hex digits, eight bytes at a time in a register: on PVM
 * every kernel instruction is emulated, and these are most of what a
 * header costs.  With every byte below 0x80, b + k sets a byte's top bit
 * iff b >= 0x80 - k.
 */

/* A mask with a byte's top bit set for each byte of x that is no hex digit. */
static inline uint64_t not_hex(uint64_t x)
{
	uint64_t l = x | BYTES(0x20); /* 'A'-'F' as 'a'-'f' */
	uint64_t digit = (x + BYTES(0x80 - '0')) & ~(x + BYTES(0x7f - '9'));
	uint64_t letter = (l + BYTES(0x80 - 'a')) & ~(l + BYTES(0x7f - 'f'));

	return (x | ~(digit | letter)) & HIGH;
}

/* Eight hex digits (checked), the first the most significant, as one value. */
static inline uint32_t hex_value(uint64_t x)
{
	uint64_t letter = (x & BYTES(0x40)) >> 6; /* 1 in each byte that is a letter */
	uint64_t v = (x & BYTES(0x0f)) + letter * 9;

	v = (v << 4 | v >> 8) & 0x00ff00ff00ff00ffULL;
	v = (v << 8 | v >> 16) & 0x0000ffff0000ffffULL;
	return (uint32_t)(v << 16 | v >> 32);
}

/* The fields whose values the parser uses (the others are only checked). */
#define USED                                                                     \
	((1u << F_INO) | (1u << F_MODE) | (1u << F_NLINK) | (1u << F_FILESIZE) | \
	 (1u << F_DEVMAJOR) | (1u << F_DEVMINOR) | (1u << F_NAMESIZE) | (1u << F_CHECK))

/* The header's fields into f[] (those in USED); 0 or CPIO_BAD. */
static int read_fields(struct cursor *c, const uint8_t *h, uint32_t f[F_COUNT], bool *crc)
{
	const unaligned_u64 *w = (const unaligned_u64 *)(h + MAGIC_LEN);
	uint64_t bad = 0;

	if (memcmp(h, "07070", MAGIC_LEN - 1) || (h[5] != '1' && h[5] != '2'))
		return refuse(c, "bad magic: not a newc cpio header (070701 or 070702)");
	*crc = h[5] == '2';
	for (int k = 0; k < F_COUNT; k++)
		bad |= not_hex(w[k]);
	if (bad)
		for (int k = 0;; k++) /* which one */
			if (not_hex(w[k]))
				return refuse(c, "field %s is not 8 hex digits", field_names[k]);
	for (int k = 0; k < F_COUNT; k++)
		if (USED & (1u << k))
			f[k] = hex_value(w[k]);
	return 0;
}

/* One component of a path, [p, p + n): 0 or CPIO_BAD. */
static int check_component(struct cursor *c, const char *p, size_t n)
{
	if (n == 0)
		return refuse(c, "an empty path component (\"//\" or a trailing \"/\")");
	if (n == 1 && p[0] == '.')
		return refuse(c, "a \".\" inside the name");
	if (n == 2 && p[0] == '.' && p[1] == '.')
		return refuse(c, "a name with \"..\"");
	if (n > CPIO_COMPONENT_MAX)
		return refuse(c, "a path component longer than %d bytes", CPIO_COMPONENT_MAX);
	return 0;
}

/* The name (len bytes, NUL after them) made absolute in e->path; 0 or CPIO_BAD. */
static int normalise(struct cursor *c, const char *name, size_t len, struct cpio_entry *e)
{
	const char *p = name, *end = name + len;
	unsigned depth = 0;

	if (p < end && *p == '/')
		p++;
	while (end - p >= 2 && p[0] == '.' && p[1] == '/')
		p += 2;
	e->root = p == end || (end - p == 1 && *p == '.');
	if (e->root) {
		memcpy(e->path, "/", 2);
		return 0;
	}
	if ((size_t)(end - p) + 1 >= CPIO_PATH_MAX)
		return refuse(c, "a name longer than %d bytes", CPIO_PATH_MAX - 2);
	for (const char *s = p; s <= end; s++) {
		const char *q = s;

		while (q < end && *q != '/')
			q++;
		if (++depth > CPIO_DEPTH_MAX)
			return refuse(c, "more than %d path components", CPIO_DEPTH_MAX);
		if (check_component(c, s, (size_t)(q - s)) < 0)
			return CPIO_BAD;
		s = q;
	}
	e->path[0] = '/';
	memcpy(e->path + 1, p, (size_t)(end - p));
	e->path[1 + (end - p)] = '\0';
	return 0;
}

/* The first NUL in p[0..n), or NULL (the kernel has no memchr). */
static const uint8_t *find_nul(const void *p, uint64_t n)
{
	const uint8_t *b = p;

	for (uint64_t i = 0; i < n; i++)
		if (!b[i])
			return b + i;
	return NULL;
}

/*
 * The name at h + CPIO_HEADER_SIZE, namesize bytes: the name, its NUL, and
 * maybe more NULs (Linux's gen_init_cpio -a pads names so that file data
 * starts page-aligned).  Its length in *len; 0 or CPIO_BAD.
 */
static int read_name(struct cursor *c, uint32_t namesize, struct cpio_entry *e, size_t *len)
{
	uint64_t at = c->off + CPIO_HEADER_SIZE, left = c->size - at;
	const uint8_t *name = c->base + at;
	const uint8_t *nul;

	c->name = name; /* errors show it from here on */
	c->name_len = namesize - (namesize > 0) < left ? namesize - (namesize > 0) : left;
	if (namesize == 0)
		return refuse(c, "name size 0: no name, not even its NUL");
	if (namesize == 1)
		return refuse(c, "an empty name");
	if (namesize > CPIO_NAME_MAX)
		return refuse(c, "name size %u: a name longer than %d bytes", namesize,
		              CPIO_NAME_MAX - 1);
	if (namesize > left)
		return refuse(c, "the name runs past the end of the archive (truncated)");
	nul = find_nul(name, namesize);
	if (!nul)
		return refuse(c, "the name is not NUL-terminated (name size %u)", namesize);
	*len = (size_t)(nul - name);
	if (*len == 0)
		return refuse(c, "an empty name");
	while (++nul < name + namesize)
		if (*nul)
			return refuse(c, "a NUL inside the name (name size %u)", namesize);
	e->name = (const char *)name;
	return 0;
}

/* Bytes [from, to) are NULs, and lie in the archive: 0 or CPIO_BAD. */
static int check_padding(struct cursor *c, uint64_t from, uint64_t to, const char *what)
{
	if (to > c->size)
		return refuse(c, "the padding after its %s runs past the end of the archive", what);
	for (uint64_t i = from; i < to; i++)
		if (c->base[i])
			return refuse(c, "the padding after its %s is not NULs", what);
	return 0;
}

static const char *skipped_type(uint32_t type)
{
	switch (type) {
	case CPIO_S_IFCHR:
		return "a character device";
	case CPIO_S_IFBLK:
		return "a block device";
	case CPIO_S_IFIFO:
		return "a FIFO";
	case CPIO_S_IFSOCK:
		return "a socket";
	}
	return NULL;
}

/* The entry's type and data against each other: 0 or CPIO_BAD. */
static int check_type(struct cursor *c, struct cpio_entry *e)
{
	uint32_t type = e->mode & CPIO_S_IFMT;

	if (e->mode & ~(uint32_t)(CPIO_S_IFMT | CPIO_PERM_MASK))
		return refuse(c, "mode 0x%x has bits above the file type", e->mode);
	e->skip = skipped_type(type);
	switch (type) {
	case CPIO_S_IFREG:
		return 0;
	case CPIO_S_IFDIR:
		return e->size ? refuse(c, "a directory with %lu bytes of data",
		                        (unsigned long)e->size) :
		                 0;
	case CPIO_S_IFLNK:
		if (e->size == 0)
			return refuse(c, "a symbolic link with an empty target");
		if (e->size > CPIO_TARGET_MAX)
			return refuse(c, "a symbolic link whose target is longer than %d bytes",
			              CPIO_TARGET_MAX);
		if (find_nul(e->data, e->size))
			return refuse(c, "a NUL in the symbolic link's target");
		return 0;
	}
	if (e->skip)
		return e->size ? refuse(c, "%s with %lu bytes of data", e->skip,
		                        (unsigned long)e->size) :
		                 0;
	return refuse(c, "mode 0x%x: no file type cpio knows", e->mode);
}

/* 070702: the data's bytes add up to the check field (regular files only). */
static int check_sum(struct cursor *c, const struct cpio_entry *e, uint32_t want)
{
	uint32_t sum = 0;

	if ((e->mode & CPIO_S_IFMT) != CPIO_S_IFREG)
		return 0;
	for (uint64_t i = 0; i < e->size; i++)
		sum += ((const uint8_t *)e->data)[i];
	return sum == want ? 0 :
	                     refuse(c, "checksum 0x%x, but its data adds up to 0x%x", want, sum);
}

/*
 * The entry at c->off into e; on success *next is the following header's
 * offset and *trailer says whether it was TRAILER!!!.  0 or CPIO_BAD.
 */
static int read_entry(struct cursor *c, struct cpio_entry *e, uint64_t *next, bool *trailer)
{
	uint32_t f[F_COUNT];
	uint64_t name_end, data_at;
	size_t len = 0;
	bool crc = false;

	c->name_len = 0;
	if (c->size - c->off < CPIO_HEADER_SIZE)
		return refuse(c, "a header of %lu bytes: truncated (a header has %d)",
		              (unsigned long)(c->size - c->off), CPIO_HEADER_SIZE);
	if (read_fields(c, c->base + c->off, f, &crc) < 0 ||
	    read_name(c, f[F_NAMESIZE], e, &len) < 0)
		return CPIO_BAD;
	name_end = c->off + CPIO_HEADER_SIZE + f[F_NAMESIZE];
	data_at = pad4(name_end);
	if (check_padding(c, name_end, data_at, "name") < 0)
		return CPIO_BAD;
	*trailer = len == sizeof(TRAILER) - 1 && !memcmp(e->name, TRAILER, len);
	if (*trailer && f[F_FILESIZE])
		return refuse(c, "TRAILER!!! with %u bytes of data", f[F_FILESIZE]);
	if (f[F_FILESIZE] > c->size - data_at)
		return refuse(c, "its data (%u bytes) runs past the end of the archive (%lu left)",
		              f[F_FILESIZE], (unsigned long)(c->size - data_at));
	/* field by field: the path buffer is written by normalise() */
	e->index = c->index;
	e->offset = c->off;
	e->mode = f[F_MODE];
	e->ino = f[F_INO];
	e->devmajor = f[F_DEVMAJOR];
	e->devminor = f[F_DEVMINOR];
	e->nlink = f[F_NLINK];
	e->data = c->base + data_at;
	e->size = f[F_FILESIZE];
	e->skip = NULL;
	e->root = false;
	*next = pad4(data_at + e->size);
	if (check_padding(c, data_at + e->size, *next, "data") < 0)
		return CPIO_BAD;
	if (*trailer)
		return 0;
	if (check_type(c, e) < 0 || (crc && check_sum(c, e, f[F_CHECK]) < 0) ||
	    normalise(c, e->name, len, e) < 0)
		return CPIO_BAD;
	if (e->root && (e->mode & CPIO_S_IFMT) != CPIO_S_IFDIR)
		return refuse(c, "the root itself (\".\") is not a directory");
	return 0;
}

/* After a TRAILER!!! at *off: skip NULs; true if another archive follows. */
static bool another_archive(struct cursor *c, uint64_t *off)
{
	while (*off < c->size && !c->base[*off])
		++*off;
	return *off < c->size;
}

int cpio_parse(const void *archive, uint64_t size, cpio_fn fn, void *arg, struct cpio_state *st)
{
	struct cursor c = { archive, size, 0, 1, st, NULL, 0 };
	struct cpio_entry *e = &st->entry;

	memset(&st->error, 0, sizeof(st->error));
	if (size == 0)
		return refuse(&c, "an empty archive");
	for (;;) {
		uint64_t next = 0;
		bool trailer = false;
		int r;

		if (read_entry(&c, e, &next, &trailer) < 0)
			return CPIO_BAD;
		if (trailer) {
			if (!another_archive(&c, &next))
				return 0;
			if (next % 4) {
				c.off = next;
				c.index++;
				c.name_len = 0;
				return refuse(&c, "bytes after TRAILER!!! that are neither NULs "
				                  "nor an archive at a 4-byte boundary");
			}
		} else if (fn && (r = fn(e, arg)) != 0) {
			return r;
		}
		c.off = next;
		c.index++;
		if (c.off >= size) {
			c.name_len = 0;
			return refuse(&c, "no TRAILER!!!: the archive ends after %u entries",
			              c.index - 1);
		}
	}
}
