/* SPDX-License-Identifier: MIT */
/*
 * A cpio archive in the "newc" format (magic 070701, or 070702 with a
 * checksum), as `find . | cpio -o -H newc` writes it and Linux's
 * initramfs takes it: pure parsing and validation, no file system.  Each
 * entry is a 110-byte header of ASCII hex fields, its NUL-terminated name
 * and its data, both padded to 4 bytes; the entry named TRAILER!!! ends
 * the archive.  Archives may follow one another (as Linux allows), with
 * NUL padding between them.
 *
 * Every field is checked, and an entry is refused (the whole archive with
 * it) for: a short header, bad magic, a field that is not 8 hex digits,
 * a name size of 0 or 1 (empty name) or over CPIO_NAME_MAX, a name or
 * data running past the end, a name without its NUL or with one inside
 * (NULs after it, up to the name size, are padding, as Linux's
 * gen_init_cpio -a writes to align file data),
 * padding that is not NULs, a file type that is none of regular file,
 * directory, symlink, character or block device, FIFO, socket, mode bits
 * above the type, a directory with data, a symlink target that is empty,
 * longer than CPIO_TARGET_MAX or has a NUL in it, a path component that
 * is empty ("a//b", "a/"), "." (but a leading "./", and "." for the root
 * itself) or "..", a component longer than CPIO_COMPONENT_MAX bytes, more
 * than CPIO_DEPTH_MAX components, a 070702 checksum that does not match,
 * a missing TRAILER!!!.  Devices, FIFOs and sockets are not refused but
 * skipped (cpio_entry.skip says why): an initramfs made for Linux often
 * has /dev/console, and the lde kernel has its own /dev.
 *
 * Hard links: newc stores a set of hard links (regular files with nlink
 * > 1 and one ino) as entries of which only the last has the data; the
 * entries carry ino, devmajor and devminor so that the caller can give
 * the earlier names the same bytes (initrd.c makes them copies).
 */
#ifndef LDE_GUEST_CPIO_H
#define LDE_GUEST_CPIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CPIO_HEADER_SIZE 110
#define CPIO_NAME_MAX 4096     /* a name's size with its NUL, as PATH_MAX */
#define CPIO_PATH_MAX 4096     /* the normalised path's size with its NUL */
#define CPIO_COMPONENT_MAX 255 /* bytes of one path component, as NAME_MAX */
#define CPIO_DEPTH_MAX 64      /* components in one path */
#define CPIO_TARGET_MAX 4095   /* bytes of a symlink's target */
#define CPIO_REASON_MAX 96     /* cpio_error.reason, with its NUL */
#define CPIO_SHOWN_MAX 64      /* cpio_error.name: the name as shown */

/* File types in cpio_entry.mode, Linux's S_IF* values. */
#define CPIO_S_IFMT 0170000
#define CPIO_S_IFSOCK 0140000
#define CPIO_S_IFLNK 0120000
#define CPIO_S_IFREG 0100000
#define CPIO_S_IFBLK 0060000
#define CPIO_S_IFDIR 0040000
#define CPIO_S_IFCHR 0020000
#define CPIO_S_IFIFO 0010000
#define CPIO_PERM_MASK 07777 /* permissions, set-id and sticky bits */

/* One entry of the archive, as the parser hands it to the callback. */
struct cpio_entry {
	uint32_t index;   /* 1 for the archive's first entry, 2, ... */
	uint64_t offset;  /* its header's offset in the archive */
	const char *name; /* its name in the archive, NUL-terminated there */
	uint32_t mode;    /* file type (CPIO_S_IF*) | permissions */
	uint32_t ino;     /* with devmajor, devminor: which hard-link set */
	uint32_t devmajor, devminor;
	uint32_t nlink;           /* hard links to it (a regular file's set) */
	const void *data;         /* regular file: its bytes; symlink: the target
			      (not NUL-terminated); in the archive itself */
	uint64_t size;            /* bytes at data */
	const char *skip;         /* a device, FIFO or socket: why it is not
			      created; NULL for the other types */
	bool root;                /* the name is "." (or "./", "/"): the root itself */
	char path[CPIO_PATH_MAX]; /* the name made absolute: "/" + the name
				     without its leading "./" or "/" */
};

/* Why an archive was refused. */
struct cpio_error {
	uint32_t index;               /* the entry refused (1, 2, ...) */
	uint64_t offset;              /* its header's offset */
	char name[CPIO_SHOWN_MAX];    /* its name as far as read: bytes outside
					  ' '..'~' as '?', cut with "..."; "" */
	char reason[CPIO_REASON_MAX]; /* what is wrong, one phrase */
};

/*
 * Called for each entry, in archive order (not for TRAILER!!!); a
 * non-zero return stops the parse, and cpio_parse returns it.
 */
typedef int (*cpio_fn)(const struct cpio_entry *e, void *arg);

/* The parser's state: an entry (with its path buffer) and the error. */
struct cpio_state {
	struct cpio_entry entry;
	struct cpio_error error;
};

#define CPIO_BAD (-1) /* cpio_parse: refused, state->error says why */

/*
 * Parses and checks archive[0..size), giving each entry to fn (which may
 * be NULL: only check).  Returns 0 when every entry up to the last
 * archive's TRAILER!!! was good, the rest of the bytes NULs (or another
 * archive); CPIO_BAD when an entry was refused (state->error); or fn's
 * non-zero result.  Reads nothing outside the archive, for any input.
 */
int cpio_parse(const void *archive, uint64_t size, cpio_fn fn, void *arg, struct cpio_state *st);

/*
 * A name as errors show it: at most n bytes of it, up to a NUL, bytes
 * outside ' '..'~' as '?', cut to fit out with "...".
 */
void cpio_show_name(const void *name, uint64_t n, char out[CPIO_SHOWN_MAX]);

#endif
