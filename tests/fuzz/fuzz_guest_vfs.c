/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the guest kernel's file system (guest/kernel/vfs.c,
 * tmpfs.c, kheap.c) compiled for the host, driven by any sequence of the
 * operations its system calls make, on any paths: populate, create,
 * mkdir, symlink, unlink, rmdir, rename, write, truncate, lookups,
 * exec lookup, holding a file (an open file, a working directory) and
 * changing the directory paths are relative to.
 *
 * The input: operations, each an opcode byte, an argument byte and two
 * NUL-terminated paths (what is left over when the input ends is empty).
 *
 * After each operation: its result is 0 or an errno the calls return.
 * After the input: the tree is consistent (each entry's inode has the
 * directory as its parent; a directory's link count is 2 plus its
 * subdirectories, a file's 1; the pages the files hold add up to
 * vfs_pages_used()), every inode is either in the tree or held; and once
 * the holds go and the tree is emptied, every inode but the root and
 * every page of file data are free again.
 */
#include <string.h>

#include "fuzz_kernel.h"
#include "fuzz_util.h"
#include "kheap.h"
#include "uapi/lde_sys.h"
#include "vfs.h"

#define ARENA_PAGES 2048
#define BUDGET 48
#define MAX_OPS 256
#define MAX_HELD 16
#define PATH_CAP 300 /* a path of the input: past a name's limit, far below a path's */

static struct inode *held[MAX_HELD];
static unsigned nheld;
static struct inode *cwd;
static char sum; /* what reads saw, so that they are not optimized away */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_kernel_init(ARENA_PAGES);
	return 0;
}

/* The next NUL-terminated string of the input into buf (cut to PATH_CAP - 1). */
static void take_path(struct fuzz_input *in, char *buf)
{
	size_t n = 0;
	uint8_t c;

	while (fuzz_take(in, &c, 1) && c)
		if (n < PATH_CAP - 1)
			buf[n++] = (char)c;
	buf[n] = '\0';
}

static bool known_errno(int64_t r)
{
	static const int ok[] = { ENOENT, EEXIST,    ENOTDIR, EISDIR, EINVAL, ELOOP, ENAMETOOLONG,
		                  ENOSPC, ENOTEMPTY, EBUSY,   EACCES, EFBIG,  ENOMEM };

	if (r >= 0)
		return true;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (r == -ok[i])
			return true;
	return false;
}

static int copy_in(void *arg, uint64_t at, void *kbuf, size_t n)
{
	(void)at;
	memset(kbuf, *(const char *)arg, n);
	return 0;
}

/* A read's bytes, each touched (ASan sees a read past what the file owns). */
static int copy_out(void *arg, uint64_t at, void *kbuf, size_t n)
{
	char *sum = arg;

	(void)at;
	for (size_t i = 0; i < n; i++)
		*sum ^= ((const char *)kbuf)[i];
	return 0;
}

/* The inode a path names (a last link followed if follow), or NULL. */
static struct inode *find(const char *path, bool follow)
{
	struct inode *ino;

	return vfs_lookup(cwd, path, follow ? VFS_FOLLOW : 0, &ino) ? NULL : ino;
}

static int64_t with_name(const char *path, int op, uint8_t arg, const char *other)
{
	struct vfs_name n, m;
	struct inode *ino;
	int err = vfs_lookup_parent(cwd, path, &n);

	if (err)
		return err;
	switch (op) {
	case 0:
		return vfs_create(&n, S_IFREG | 0644, NULL, 0, &ino);
	case 1:
		return vfs_create(&n, S_IFDIR | 0755, NULL, 0, &ino);
	case 2:
		return vfs_create(&n, S_IFLNK | 0777, other, strlen(other), &ino);
	case 3:
		return vfs_unlink(&n, arg & 1);
	default:
		err = vfs_lookup_parent(cwd, other, &m);
		return err ? err : vfs_rename(&n, &m);
	}
}

static int64_t on_inode(const char *path, int op, uint8_t arg)
{
	struct inode *ino = find(path, !(arg & 0x80));
	struct exec_file f;
	uint64_t off = (uint64_t)(arg & 0x7f) * 1000;

	if (!ino)
		return -ENOENT;
	switch (op) {
	case 5:
		if ((ino->mode & S_IFMT) != S_IFREG)
			return -EINVAL;
		return vfs_write(ino, off, (uint64_t)arg * 37 + 1, copy_in, &arg);
	case 6:
		if ((ino->mode & S_IFMT) != S_IFREG && (ino->mode & S_IFMT) != S_IFDIR)
			return -EINVAL;
		return vfs_truncate(ino, off);
	case 7:
		if ((ino->mode & S_IFMT) == S_IFREG)
			return vfs_read(ino, off, 5000, copy_out, &sum);
		return vfs_exec_lookup_at(cwd, path, &f);
	case 8:
		if (nheld == MAX_HELD)
			return 0;
		vfs_hold(ino);
		held[nheld++] = ino;
		return 0;
	default:
		if ((ino->mode & S_IFMT) != S_IFDIR)
			return -ENOTDIR;
		vfs_hold(ino);
		vfs_release(cwd);
		cwd = ino;
		return 0;
	}
}

static int64_t one_op(uint8_t op, uint8_t arg, const char *a, const char *b)
{
	static const char data[] = "#!/bin/sh\n";

	switch (op % 12) {
	case 0:
	case 1:
	case 2:
	case 3:
	case 4:
		return with_name(a, op % 12, arg, b);
	case 10:
		return vfs_populate(a,
		                    (arg & 3) == 0 ? S_IFDIR | 0755 :
		                    (arg & 3) == 1 ? S_IFREG | 0755 :
		                    (arg & 3) == 2 ? S_IFLNK | 0777 :
		                                     S_IFIFO | 0644,
		                    (arg & 3) == 2 ? b : data,
		                    (arg & 3) == 2 ? strlen(b) : sizeof(data));
	case 11:
		if (nheld)
			vfs_release(held[--nheld]);
		return 0;
	default:
		return on_inode(a, op % 12, arg);
	}
}

/* Checks dir's subtree; adds its inodes and their pages to *inodes, *pages. */
static void check_tree(struct inode *dir, unsigned *inodes, uint64_t *pages, int depth)
{
	uint32_t subdirs = 0;

	FUZZ_CHECK(depth < 8192);
	for (struct vfs_dentry *d = dir->entries; d; d = d->next) {
		struct inode *ino = d->ino;

		FUZZ_CHECK(ino->parent == dir);
		FUZZ_CHECK(d->len >= 1 && d->len <= VFS_NAME_MAX);
		FUZZ_CHECK(vfs_find(dir, d->name, d->len) == d);
		FUZZ_CHECK(!memchr(d->name, '/', d->len));
		(*inodes)++;
		*pages += ino->pages;
		if ((ino->mode & S_IFMT) == S_IFDIR) {
			subdirs++;
			check_tree(ino, inodes, pages, depth + 1);
		} else {
			FUZZ_CHECK(ino->nlink == 1);
		}
	}
	FUZZ_CHECK(dir->nlink == 2 + subdirs);
}

/* Removes everything under dir. */
static void empty_tree(struct inode *dir)
{
	while (dir->entries) {
		struct vfs_dentry *d = dir->entries;
		struct vfs_name n = { dir, d->name, d->len, false };
		bool is_dir = (d->ino->mode & S_IFMT) == S_IFDIR;

		if (is_dir)
			empty_tree(d->ino);
		FUZZ_CHECK(vfs_unlink(&n, is_dir) == 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	static char a[PATH_CAP], b[PATH_CAP];
	unsigned inodes = 1, held_out = 0;
	uint64_t pages = 0;
	uint8_t op, arg;

	fuzz_kernel_reset();
	kheap_init();
	FUZZ_CHECK(vfs_init(BUDGET) == 0);
	cwd = NULL;
	nheld = 0;
	for (int i = 0; i < MAX_OPS && fuzz_take(&in, &op, 1); i++) {
		if (!fuzz_take(&in, &arg, 1))
			arg = 0;
		take_path(&in, a);
		take_path(&in, b);
		FUZZ_CHECK(known_errno(one_op(op, arg, a, b)));
	}
	check_tree(vfs_root(), &inodes, &pages, 0);
	for (unsigned i = 0; i < nheld; i++) /* held and no longer named */
		held_out += !held[i]->nlink;
	if (cwd && !cwd->nlink)
		held_out++;
	FUZZ_CHECK(inodes <= vfs_inodes_used() && vfs_inodes_used() <= inodes + held_out);
	FUZZ_CHECK(pages <= vfs_pages_used());
	while (nheld)
		vfs_release(held[--nheld]);
	vfs_release(cwd);
	empty_tree(vfs_root());
	FUZZ_CHECK(vfs_inodes_used() == 1);
	FUZZ_CHECK(vfs_pages_used() == 0);
	return 0;
}
