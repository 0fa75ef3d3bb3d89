// SPDX-License-Identifier: MIT
/*
 * The kernel's file system (guest/kernel/vfs.c, tmpfs.c, kheap.c),
 * compiled for the host over the test arena: populate (what the initrd
 * unpacker and the vmm's programs use), lookup with ".", "..", symbolic
 * links and ELOOP, exec lookup, create / unlink / rename with Linux's
 * errors, a file's bytes (in place until written, holes, truncate, the
 * page budget), directory listing, and an unlinked file that lives while
 * it is held.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "uapi/lde_sys.h"

#include "kalloc.h"
#include "kheap.h"
#include "suites.h"
#include "test_kernel_arena.h"
#include "vfs.h"

#define ARENA_PAGES 1024
#define BUDGET 64

static struct addrspace as;

static void setup(void)
{
	arena_fresh(&as);
	kheap_init();
	CU_ASSERT_EQUAL_FATAL(vfs_init(BUDGET), 0);
}

static int init(void)
{
	return arena_init(ARENA_PAGES);
}

/* What path names (following a last link if follow), or NULL. */
static struct inode *at(const char *path, bool follow)
{
	struct inode *ino;

	return vfs_lookup(NULL, path, follow ? VFS_FOLLOW : 0, &ino) ? NULL : ino;
}

static int lookup_err(const char *path)
{
	struct inode *ino;

	return vfs_lookup(NULL, path, VFS_FOLLOW, &ino);
}

/* vfs_copy_fn between a file and a plain buffer. */
static int to_buf(void *arg, uint64_t off, void *kbuf, size_t n)
{
	if (kbuf)
		memcpy((char *)arg + off, kbuf, n);
	else
		memset((char *)arg + off, 0, n);
	return 0;
}

static int from_buf(void *arg, uint64_t off, void *kbuf, size_t n)
{
	memcpy(kbuf, (const char *)arg + off, n);
	return 0;
}

static int64_t put(struct inode *ino, uint64_t off, const char *s)
{
	return vfs_write(ino, off, strlen(s), from_buf, (void *)s);
}

/* The file's bytes [off, off + n) as a string in buf. */
static const char *get(struct inode *ino, uint64_t off, size_t n, char *buf)
{
	int64_t r = vfs_read(ino, off, n, to_buf, buf);

	buf[r < 0 ? 0 : r] = '\0';
	return buf;
}

static int name_of(const char *path, struct vfs_name *n)
{
	return vfs_lookup_parent(NULL, path, n);
}

static int make(const char *path, uint32_t mode, struct inode **out)
{
	struct vfs_name n;
	struct inode *ino;
	int err = name_of(path, &n);

	if (!err)
		err = vfs_create(&n, mode, NULL, 0, out ? out : &ino);
	return err;
}

static int symlink_(const char *target, const char *path)
{
	struct vfs_name n;
	struct inode *ino;
	int err = name_of(path, &n);

	return err ? err : vfs_create(&n, S_IFLNK | 0777, target, strlen(target), &ino);
}

static int unlink_(const char *path, bool dir)
{
	struct vfs_name n;
	int err = name_of(path, &n);

	return err ? err : vfs_unlink(&n, dir);
}

static int rename_(const char *from, const char *to)
{
	struct vfs_name a, b;
	int err = name_of(from, &a);

	if (!err)
		err = name_of(to, &b);
	return err ? err : vfs_rename(&a, &b);
}

static void test_boot_tree(void)
{
	char buf[64];

	CU_ASSERT_PTR_EQUAL(at("/", true), vfs_root());
	CU_ASSERT_EQUAL(at("/tmp", true)->mode, S_IFDIR | 01777);
	CU_ASSERT_EQUAL(at("/dev/null", true)->mode & S_IFMT, S_IFCHR);
	CU_ASSERT_EQUAL(at("/dev/console", true)->rdev, VFS_RDEV_CONSOLE);
	CU_ASSERT_PTR_NOT_NULL(at("/bin", true));
	CU_ASSERT_EQUAL(vfs_root()->nlink, 6); /* ".", "..", dev, bin, tmp, proc */
	CU_ASSERT_EQUAL(at("/dev/zero", true)->rdev, VFS_RDEV_ZERO);
	CU_ASSERT_EQUAL(vfs_path_of(at("/dev", true), buf, sizeof(buf)), 4);
	CU_ASSERT_STRING_EQUAL(buf, "/dev");
	CU_ASSERT_EQUAL(vfs_path_of(vfs_root(), buf, sizeof(buf)), 1);
	CU_ASSERT_STRING_EQUAL(buf, "/");
	CU_ASSERT_EQUAL(vfs_path_of(at("/dev", true), buf, 4), -ERANGE);
	CU_ASSERT_EQUAL(vfs_path_of(at("/dev/null", true), buf, sizeof(buf)), 9); /* a file too */
	CU_ASSERT_STRING_EQUAL(buf, "/dev/null");
}

static void test_populate(void)
{
	static const char data[] = "#!/bin/sh\necho hi\n";
	struct inode *f;
	char buf[64];

	CU_ASSERT_EQUAL(vfs_populate("/etc", S_IFDIR | 0755, NULL, 0), 0);
	CU_ASSERT_EQUAL(vfs_populate("/etc/motd", S_IFREG | 0644, data, sizeof(data) - 1), 0);
	CU_ASSERT_EQUAL(vfs_populate("/etc/link", S_IFLNK | 0777, "motd", 4), 0);
	f = at("/etc/link", true);
	CU_ASSERT_PTR_EQUAL_FATAL(f, at("/etc/motd", false));
	CU_ASSERT_EQUAL(f->mode, S_IFREG | 0644);
	CU_ASSERT_EQUAL(f->size, sizeof(data) - 1);
	CU_ASSERT_PTR_EQUAL(f->inplace, data); /* in place, not copied */
	CU_ASSERT_EQUAL(vfs_pages_used(), 0);
	CU_ASSERT_STRING_EQUAL(get(f, 10, 4, buf), "echo");
	CU_ASSERT_EQUAL(at("/etc/link", false)->mode, S_IFLNK | 0777);
	/* an existing directory takes the mode; a regular file is replaced */
	CU_ASSERT_EQUAL(vfs_populate("/tmp", S_IFDIR | 0700, NULL, 0), 0);
	CU_ASSERT_EQUAL(at("/tmp", true)->mode, S_IFDIR | 0700);
	CU_ASSERT_EQUAL(vfs_populate("/", S_IFDIR | 0755, NULL, 0), 0);
	CU_ASSERT_EQUAL(vfs_populate("/etc/motd", S_IFREG | 0600, "new", 3), 0);
	CU_ASSERT_PTR_EQUAL(at("/etc/motd", true), f);
	CU_ASSERT_STRING_EQUAL(get(f, 0, 64, buf), "new");
	CU_ASSERT_EQUAL(f->mode, S_IFREG | 0600);
	/* the errors */
	CU_ASSERT_EQUAL(vfs_populate("/no/file", S_IFREG | 0644, "x", 1), -ENOENT);
	CU_ASSERT_EQUAL(vfs_populate("/etc/motd/x", S_IFREG | 0644, "x", 1), -ENOTDIR);
	CU_ASSERT_EQUAL(vfs_populate("/etc/motd", S_IFDIR | 0755, NULL, 0), -EEXIST);
	CU_ASSERT_EQUAL(vfs_populate("/etc", S_IFREG | 0644, "x", 1), -EEXIST);
	CU_ASSERT_EQUAL(vfs_populate("/etc/link", S_IFLNK | 0777, "x", 1), -EEXIST);
	CU_ASSERT_EQUAL(vfs_populate("/dev/sda", S_IFBLK | 0600, NULL, 0), -EINVAL);
	CU_ASSERT_EQUAL(vfs_populate("/etc/empty", S_IFLNK | 0777, "", 0), -EINVAL);
	CU_ASSERT_EQUAL(vfs_populate("etc/rel", S_IFREG | 0644, "x", 1), -ENOENT);
}

static void test_name_limits(void)
{
	char name[300], path[VFS_PATH_MAX + 10];

	memset(name, 'n', sizeof(name));
	name[0] = '/';
	name[256] = '\0'; /* 255 bytes after the '/': the most a name may have */
	CU_ASSERT_EQUAL(vfs_populate(name, S_IFREG | 0644, "x", 1), 0);
	name[256] = 'n';
	name[257] = '\0';
	CU_ASSERT_EQUAL(vfs_populate(name, S_IFREG | 0644, "x", 1), -ENAMETOOLONG);
	CU_ASSERT_EQUAL(lookup_err(name), -ENAMETOOLONG);
	memset(path, '/', sizeof(path));
	path[VFS_PATH_MAX] = '\0'; /* 4096 bytes without the NUL: too long */
	CU_ASSERT_EQUAL(lookup_err(path), -ENAMETOOLONG);
	path[VFS_PATH_MAX - 1] = '\0';
	CU_ASSERT_EQUAL(lookup_err(path), 0);
	CU_ASSERT_EQUAL(lookup_err(""), -ENOENT);
}

static void test_dots_and_slashes(void)
{
	struct inode *tmp = at("/tmp", true), *ino;

	CU_ASSERT_PTR_EQUAL(at("/tmp/.", true), tmp);
	CU_ASSERT_PTR_EQUAL(at("//tmp//", true), tmp);
	CU_ASSERT_PTR_EQUAL(at("/tmp/../dev/../tmp", true), tmp);
	CU_ASSERT_PTR_EQUAL(at("/../..", true), vfs_root());
	CU_ASSERT_EQUAL(vfs_lookup(tmp, "..", 0, &ino), 0);
	CU_ASSERT_PTR_EQUAL(ino, vfs_root());
	CU_ASSERT_EQUAL(vfs_lookup(tmp, "../dev/null", 0, &ino), 0);
	CU_ASSERT_EQUAL(ino->rdev, VFS_RDEV_NULL);
	CU_ASSERT_EQUAL(lookup_err("/dev/null/"), -ENOTDIR);
	CU_ASSERT_EQUAL(lookup_err("/dev/null/x"), -ENOTDIR);
	CU_ASSERT_EQUAL(lookup_err("/tmp/none"), -ENOENT);
	CU_ASSERT_EQUAL(lookup_err("/none/x"), -ENOENT);
}

static void test_symlinks(void)
{
	struct inode *ino;

	CU_ASSERT_EQUAL(make("/tmp/d", S_IFDIR | 0755, NULL), 0);
	CU_ASSERT_EQUAL(make("/tmp/d/f", S_IFREG | 0644, NULL), 0);
	CU_ASSERT_EQUAL(symlink_("d/f", "/tmp/rel"), 0);
	CU_ASSERT_EQUAL(symlink_("/tmp/d", "/tmp/abs"), 0);
	CU_ASSERT_EQUAL(symlink_("../abs/f", "/tmp/d/up"), 0);
	CU_ASSERT_EQUAL(symlink_("missing", "/tmp/dangling"), 0);
	CU_ASSERT_PTR_EQUAL(at("/tmp/rel", true), at("/tmp/d/f", true));
	CU_ASSERT_PTR_EQUAL(at("/tmp/abs/f", false), at("/tmp/d/f", true));
	CU_ASSERT_PTR_EQUAL(at("/tmp/abs/up", true), at("/tmp/d/f", true)); /* link to link */
	CU_ASSERT_PTR_EQUAL(at("/tmp/abs/", false), at("/tmp/d", true));    /* '/' follows */
	CU_ASSERT_EQUAL(at("/tmp/abs", false)->mode & S_IFMT, S_IFLNK);
	CU_ASSERT_EQUAL(lookup_err("/tmp/dangling"), -ENOENT);
	CU_ASSERT_PTR_NOT_NULL(at("/tmp/dangling", false));
	CU_ASSERT_EQUAL(lookup_err("/tmp/rel/x"), -ENOTDIR);
	/* loops: a link to itself, two links to each other */
	CU_ASSERT_EQUAL(symlink_("self", "/tmp/self"), 0);
	CU_ASSERT_EQUAL(lookup_err("/tmp/self"), -ELOOP);
	CU_ASSERT_EQUAL(symlink_("b", "/tmp/a"), 0);
	CU_ASSERT_EQUAL(symlink_("a", "/tmp/b"), 0);
	CU_ASSERT_EQUAL(lookup_err("/tmp/a/x"), -ELOOP);
	CU_ASSERT_EQUAL(vfs_lookup(NULL, "/tmp/a", 0, &ino), 0); /* not followed: found */
}

/* A chain of links, each to the next: fine up to VFS_MAX_LINKS, ELOOP past it. */
static void test_link_chain(void)
{
	char name[32], target[32];

	for (int i = 1; i <= VFS_MAX_LINKS + 1; i++) {
		snprintf(name, sizeof(name), "/tmp/l%d", i);
		snprintf(target, sizeof(target), "/tmp/l%d", i - 1);
		CU_ASSERT_EQUAL(symlink_(target, name), 0);
	}
	CU_ASSERT_EQUAL(make("/tmp/l0", S_IFREG | 0644, NULL), 0);
	CU_ASSERT_EQUAL(lookup_err("/tmp/l8"), 0); /* absolute targets nest no deeper */
	CU_ASSERT_EQUAL(lookup_err("/tmp/l40"), 0);
	CU_ASSERT_EQUAL(lookup_err("/tmp/l41"), -ELOOP);
}

static void test_exec_lookup(void)
{
	static const char prog[] = "\177ELF....";
	struct exec_file f;

	CU_ASSERT_EQUAL(vfs_populate_module("/bin/prog", S_IFREG | 0755, prog, 8, 3), 0);
	CU_ASSERT_EQUAL(vfs_populate("/bin/sh", S_IFLNK | 0777, "prog", 4), 0);
	CU_ASSERT_EQUAL(vfs_populate("/bin/text", S_IFREG | 0644, prog, 8), 0);
	CU_ASSERT_EQUAL(vfs_exec_lookup("/bin/sh", &f), 0);
	CU_ASSERT_PTR_EQUAL(f.src.flat, prog);
	CU_ASSERT_EQUAL(f.src.size, 8);
	CU_ASSERT_EQUAL(f.module, 3);
	CU_ASSERT_PTR_EQUAL(f.ino, at("/bin/prog", true));
	CU_ASSERT_EQUAL(vfs_exec_lookup("/bin/text", &f), -EACCES);
	CU_ASSERT_EQUAL(vfs_exec_lookup("/bin", &f), -EACCES);
	CU_ASSERT_EQUAL(vfs_exec_lookup("/dev/null", &f), -EACCES);
	CU_ASSERT_EQUAL(vfs_exec_lookup("/bin/none", &f), -ENOENT);
	CU_ASSERT_EQUAL(vfs_exec_lookup("/bin/prog/x", &f), -ENOTDIR);
	CU_ASSERT_EQUAL(vfs_populate("/bin/loop", S_IFLNK | 0777, "loop", 4), 0);
	CU_ASSERT_EQUAL(vfs_exec_lookup("/bin/loop", &f), -ELOOP);
	CU_ASSERT_EQUAL(vfs_exec_lookup_at(at("/bin", true), "prog", &f), 0);
}

static void test_create_unlink(void)
{
	struct inode *d;
	unsigned before = vfs_inodes_used();

	CU_ASSERT_EQUAL(make("/tmp/d", S_IFDIR | 0755, &d), 0);
	CU_ASSERT_EQUAL(d->nlink, 2);
	CU_ASSERT_EQUAL(at("/tmp", true)->nlink, 3);
	CU_ASSERT_EQUAL(make("/tmp/d/f", S_IFREG | 0644, NULL), 0);
	CU_ASSERT_EQUAL(make("/tmp/d/f", S_IFREG | 0644, NULL), -EEXIST);
	CU_ASSERT_EQUAL(make("/tmp/d/.", S_IFDIR | 0755, NULL), -EEXIST);
	CU_ASSERT_EQUAL(make("/tmp/none/f", S_IFREG | 0644, NULL), -ENOENT);
	CU_ASSERT_EQUAL(make("/tmp/d/f/g", S_IFREG | 0644, NULL), -ENOTDIR);
	CU_ASSERT_EQUAL(unlink_("/tmp/d", true), -ENOTEMPTY);
	CU_ASSERT_EQUAL(unlink_("/tmp/d", false), -EISDIR);
	CU_ASSERT_EQUAL(unlink_("/tmp/d/f", true), -ENOTDIR);
	CU_ASSERT_EQUAL(unlink_("/tmp/d/f/", false), -ENOTDIR);
	CU_ASSERT_EQUAL(unlink_("/tmp/d/none", false), -ENOENT);
	CU_ASSERT_EQUAL(unlink_("/tmp/d/.", true), -EINVAL);
	CU_ASSERT_EQUAL(unlink_("/tmp/d/f", false), 0);
	CU_ASSERT_PTR_NULL(at("/tmp/d/f", true));
	CU_ASSERT_EQUAL(unlink_("/tmp/d/", true), 0); /* a trailing '/' names a directory */
	CU_ASSERT_PTR_NULL(at("/tmp/d", true));
	CU_ASSERT_EQUAL(at("/tmp", true)->nlink, 2);
	CU_ASSERT_EQUAL(vfs_inodes_used(), before);
}

/* A directory removed while held (a working directory): no entries, no ".." */
static void test_removed_dir(void)
{
	struct inode *d, *ino;
	struct vfs_name n;
	char buf[64];

	CU_ASSERT_EQUAL(make("/tmp/gone", S_IFDIR | 0755, &d), 0);
	vfs_hold(d);
	CU_ASSERT_EQUAL(unlink_("/tmp/gone", true), 0);
	CU_ASSERT_EQUAL(vfs_path_of(d, buf, sizeof(buf)), -ENOENT);
	CU_ASSERT_EQUAL(vfs_lookup(d, "..", 0, &ino), -ENOENT);
	CU_ASSERT_EQUAL(vfs_lookup_parent(d, "new", &n), 0);
	CU_ASSERT_EQUAL(vfs_create(&n, S_IFREG | 0644, NULL, 0, &ino), -ENOENT);
	vfs_release(d);
}

static void test_rename(void)
{
	struct inode *f, *d, *e;
	char buf[64];

	CU_ASSERT_EQUAL(make("/tmp/f", S_IFREG | 0644, &f), 0);
	CU_ASSERT_EQUAL(make("/tmp/g", S_IFREG | 0644, NULL), 0);
	CU_ASSERT_EQUAL(make("/tmp/d", S_IFDIR | 0755, &d), 0);
	CU_ASSERT_EQUAL(make("/tmp/e", S_IFDIR | 0755, &e), 0);
	CU_ASSERT_EQUAL(make("/tmp/e/x", S_IFREG | 0644, NULL), 0);
	CU_ASSERT_EQUAL(rename_("/tmp/f", "/tmp/g"), 0); /* replaces g */
	CU_ASSERT_PTR_EQUAL(at("/tmp/g", true), f);
	CU_ASSERT_PTR_NULL(at("/tmp/f", true));
	CU_ASSERT_EQUAL(f->nlink, 1);
	CU_ASSERT_EQUAL(rename_("/tmp/g", "/tmp/d"), -EISDIR);
	CU_ASSERT_EQUAL(rename_("/tmp/d", "/tmp/g"), -ENOTDIR);
	CU_ASSERT_EQUAL(rename_("/tmp/d", "/tmp/e"), -ENOTEMPTY);
	CU_ASSERT_EQUAL(rename_("/tmp/d", "/tmp/d/sub"), -EINVAL);
	CU_ASSERT_EQUAL(rename_("/tmp/none", "/tmp/x"), -ENOENT);
	CU_ASSERT_EQUAL(rename_("/tmp/g", "/tmp/g"), 0);
	/* a directory moves: its ".." and both parents' link counts follow */
	CU_ASSERT_EQUAL(rename_("/tmp/d", "/tmp/e/d2"), 0);
	CU_ASSERT_PTR_EQUAL(at("/tmp/e/d2/..", true), e);
	CU_ASSERT_EQUAL(e->nlink, 3);
	CU_ASSERT_EQUAL(at("/tmp", true)->nlink, 3); /* ., .. and e's .. */
	CU_ASSERT_EQUAL(vfs_path_of(d, buf, sizeof(buf)), 9);
	CU_ASSERT_STRING_EQUAL(buf, "/tmp/e/d2");
	/* onto an empty directory */
	CU_ASSERT_EQUAL(make("/tmp/empty", S_IFDIR | 0755, NULL), 0);
	CU_ASSERT_EQUAL(rename_("/tmp/e/d2", "/tmp/empty"), 0);
	CU_ASSERT_PTR_EQUAL(at("/tmp/empty", true), d);
	CU_ASSERT_EQUAL(at("/tmp", true)->nlink, 4);
}

static void test_data(void)
{
	static char big[3 * 4096 + 100];
	static char back[sizeof(big)];
	struct inode *f;
	char buf[64];

	CU_ASSERT_EQUAL(make("/tmp/f", S_IFREG | 0644, &f), 0);
	CU_ASSERT_EQUAL(put(f, 0, "hello world"), 11);
	CU_ASSERT_EQUAL(f->size, 11);
	CU_ASSERT_STRING_EQUAL(get(f, 6, 64, buf), "world");
	CU_ASSERT_EQUAL(vfs_read(f, 11, 10, to_buf, buf), 0);
	CU_ASSERT_EQUAL(vfs_read(f, 100, 10, to_buf, buf), 0);
	/* a hole reads as zeros, the tail past a shorter size too */
	CU_ASSERT_EQUAL(put(f, 10000, "end"), 3);
	CU_ASSERT_EQUAL(f->size, 10003);
	CU_ASSERT_EQUAL(vfs_read(f, 4000, 200, to_buf, back), 200);
	for (int i = 0; i < 200; i++)
		CU_ASSERT_EQUAL_FATAL(back[i], 0);
	CU_ASSERT_EQUAL(vfs_truncate(f, 5), 0);
	CU_ASSERT_EQUAL(vfs_truncate(f, 20), 0);
	CU_ASSERT_EQUAL(vfs_read(f, 0, 20, to_buf, back), 20);
	CU_ASSERT_EQUAL(memcmp(back, "hello\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 20), 0);
	/* pages across boundaries */
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7);
	CU_ASSERT_EQUAL(vfs_write(f, 1, sizeof(big), from_buf, big), (int64_t)sizeof(big));
	CU_ASSERT_EQUAL(vfs_read(f, 1, sizeof(big), to_buf, back), (int64_t)sizeof(big));
	CU_ASSERT_EQUAL(memcmp(big, back, sizeof(big)), 0);
	CU_ASSERT_EQUAL(vfs_truncate(f, 0), 0);
	CU_ASSERT_EQUAL(vfs_pages_used(), 0);
	CU_ASSERT_EQUAL(vfs_truncate(at("/tmp", true), 0), -EISDIR);
	CU_ASSERT_EQUAL(vfs_write(f, VFS_FILE_MAX, 1, from_buf, big), -EFBIG);
}

/* A populated file's bytes stay where they are until its first write. */
static void test_in_place_copy(void)
{
	static const char data[] = "original bytes";
	struct inode *f;
	char buf[64];

	CU_ASSERT_EQUAL(vfs_populate_module("/tmp/p", S_IFREG | 0755, data, 14, 2), 0);
	f = at("/tmp/p", true);
	CU_ASSERT_EQUAL(put(f, 0, "ORIG"), 4);
	CU_ASSERT_PTR_NULL(f->inplace);
	CU_ASSERT_EQUAL(f->module, -1); /* its bytes are no longer the module's */
	CU_ASSERT_STRING_EQUAL(get(f, 0, 64, buf), "ORIGinal bytes");
	CU_ASSERT_STRING_EQUAL(data, "original bytes");
	CU_ASSERT_EQUAL(vfs_populate("/tmp/q", S_IFREG | 0644, data, 14), 0);
	f = at("/tmp/q", true);
	CU_ASSERT_EQUAL(vfs_truncate(f, 8), 0);
	CU_ASSERT_STRING_EQUAL(get(f, 0, 64, buf), "original");
	CU_ASSERT_EQUAL(vfs_truncate(f, 10), 0);
	CU_ASSERT_EQUAL(vfs_read(f, 0, 64, to_buf, buf), 10);
	CU_ASSERT_EQUAL(memcmp(buf, "original\0\0", 10), 0);
}

/* The page budget: ENOSPC past it, the pages back when the file goes. */
static void test_budget(void)
{
	static char page[4096];
	struct inode *f;
	int64_t r = 0;
	uint64_t off;

	CU_ASSERT_EQUAL(make("/tmp/big", S_IFREG | 0644, &f), 0);
	for (off = 0; off < 2 * BUDGET * 4096 && (r = vfs_write(f, off, 4096, from_buf, page)) > 0;
	     off += 4096)
		;
	CU_ASSERT_EQUAL(r, -ENOSPC);
	CU_ASSERT_EQUAL(vfs_pages_used(), BUDGET);
	CU_ASSERT_TRUE(off < BUDGET * 4096);
	CU_ASSERT_EQUAL(f->size, off);
	CU_ASSERT_EQUAL(unlink_("/tmp/big", false), 0);
	CU_ASSERT_EQUAL(vfs_pages_used(), 0);
}

/* Long link targets take a page each from the budget too. */
static void test_link_budget(void)
{
	static char target[3000];
	char name[32];
	int err = 0, made = 0;

	memset(target, 't', sizeof(target) - 1);
	while (!err) {
		snprintf(name, sizeof(name), "/tmp/long%d", made);
		err = symlink_(target, name);
		made += !err;
	}
	CU_ASSERT_EQUAL(err, -ENOSPC);
	CU_ASSERT_EQUAL(made, BUDGET);
	CU_ASSERT_EQUAL(symlink_("short", "/tmp/short"), 0); /* kheap's small blocks: free */
	CU_ASSERT_EQUAL(unlink_("/tmp/long0", false), 0);
	CU_ASSERT_EQUAL(vfs_pages_used(), BUDGET - 1);
}

/* VFS_MAX_INODES: ENOSPC past it. */
static void test_inode_limit(void)
{
	char name[32];
	int err = 0;
	unsigned i;

	for (i = 0; i < VFS_MAX_INODES + 1 && !err; i++) {
		snprintf(name, sizeof(name), "/tmp/%u", i);
		err = make(name, S_IFREG | 0644, NULL);
	}
	CU_ASSERT_EQUAL(err, -ENOSPC);
	CU_ASSERT_EQUAL(vfs_inodes_used(), VFS_MAX_INODES);
}

/* An unlinked file lives while held, and goes with its last holder. */
static void test_held_file(void)
{
	struct inode *f;
	unsigned before = vfs_inodes_used();
	char buf[16];

	CU_ASSERT_EQUAL(make("/tmp/f", S_IFREG | 0644, &f), 0);
	CU_ASSERT_EQUAL(put(f, 0, "still here"), 10);
	vfs_hold(f);
	CU_ASSERT_EQUAL(unlink_("/tmp/f", false), 0);
	CU_ASSERT_STRING_EQUAL(get(f, 0, 16, buf), "still here");
	CU_ASSERT_EQUAL(vfs_inodes_used(), before + 1);
	vfs_release(f);
	CU_ASSERT_EQUAL(vfs_inodes_used(), before);
	CU_ASSERT_EQUAL(vfs_pages_used(), 0);
}

struct listing {
	char names[256];
	int room; /* entries it still takes */
};

static int fill(void *arg, const char *name, size_t len, const struct inode *ino, uint64_t next)
{
	struct listing *l = arg;

	(void)ino;
	(void)next;
	if (!l->room)
		return 1;
	l->room--;
	strncat(l->names, name, len);
	strcat(l->names, " ");
	return 0;
}

static void test_readdir(void)
{
	struct listing l = { "", 3 };
	struct inode *d;
	uint64_t pos = 0;

	CU_ASSERT_EQUAL(make("/tmp/d", S_IFDIR | 0755, &d), 0);
	CU_ASSERT_EQUAL(make("/tmp/d/a", S_IFREG | 0644, NULL), 0);
	CU_ASSERT_EQUAL(make("/tmp/d/b", S_IFREG | 0644, NULL), 0);
	CU_ASSERT_EQUAL(make("/tmp/d/c", S_IFREG | 0644, NULL), 0);
	CU_ASSERT_EQUAL(vfs_readdir(d, &pos, fill, &l), 1);
	CU_ASSERT_STRING_EQUAL(l.names, ". .. a ");
	/* b goes between the two reads: the listing goes on after a */
	CU_ASSERT_EQUAL(unlink_("/tmp/d/b", false), 0);
	l.room = 10;
	CU_ASSERT_EQUAL(vfs_readdir(d, &pos, fill, &l), 0);
	CU_ASSERT_STRING_EQUAL(l.names, ". .. a c ");
	l.room = 10;
	CU_ASSERT_EQUAL(vfs_readdir(d, &pos, fill, &l), 0);
	CU_ASSERT_STRING_EQUAL(l.names, ". .. a c "); /* at the end: nothing more */
}

/* A file written in pages reads back through the ELF loader's source. */
static void test_elf_src(void)
{
	static char data[2 * 4096 + 10], back[sizeof(data)];
	struct elf_src src;
	struct inode *f;

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)(i * 13 + 1);
	CU_ASSERT_EQUAL(make("/tmp/x", S_IFREG | 0755, &f), 0);
	CU_ASSERT_EQUAL(vfs_write(f, 0, sizeof(data), from_buf, data), (int64_t)sizeof(data));
	vfs_elf_src(f, &src);
	CU_ASSERT_PTR_NULL(src.flat);
	CU_ASSERT_EQUAL(src.size, sizeof(data));
	elf_src_read(&src, 0, back, sizeof(back));
	CU_ASSERT_EQUAL(memcmp(data, back, sizeof(data)), 0);
	elf_src_read(&src, 4090, back, 20);
	CU_ASSERT_EQUAL(memcmp(data + 4090, back, 20), 0);
}

int suite_kernel_vfs(void)
{
	static const struct unit_test tests[] = {
		{ "boot tree: /, /dev, /bin, /tmp; getcwd's path", test_boot_tree },
		{ "populate: dirs, files in place, links, replace, errors", test_populate },
		{ "name and path limits: ENAMETOOLONG", test_name_limits },
		{ "lookup: ., .., //, trailing slash, ENOTDIR, ENOENT", test_dots_and_slashes },
		{ "symlinks: relative, absolute, chained, dangling, ELOOP", test_symlinks },
		{ "symlink chain: 40 followed, 41 is ELOOP", test_link_chain },
		{ "exec lookup: links followed, EACCES, ENOENT, ELOOP", test_exec_lookup },
		{ "create, unlink, rmdir: EEXIST, ENOTEMPTY, EISDIR, ENOTDIR", test_create_unlink },
		{ "a removed directory still held", test_removed_dir },
		{ "rename: replace, EISDIR, ENOTDIR, ENOTEMPTY, EINVAL, dirs", test_rename },
		{ "file data: write, read, holes, truncate, EFBIG", test_data },
		{ "in-place file copied on first write or truncate", test_in_place_copy },
		{ "page budget: ENOSPC, pages freed with the file", test_budget },
		{ "inode limit: ENOSPC", test_inode_limit },
		{ "long link targets count against the page budget", test_link_budget },
		{ "unlinked file lives while held", test_held_file },
		{ "readdir: ., .., entries, resumes after an unlink", test_readdir },
		{ "a written file through the ELF loader's source", test_elf_src },
	};

	return add_suite("kernel_vfs", init, arena_clean, setup, NULL, tests,
	                 sizeof(tests) / sizeof(tests[0]));
}
