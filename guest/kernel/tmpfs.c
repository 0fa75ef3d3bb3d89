// SPDX-License-Identifier: MIT
/*
 * A regular file's bytes (see vfs.h).  A populated file's bytes stay
 * where its creator keeps them (a PVH module, the initrd) and are read
 * there until the first write or truncate, which copies them into pages
 * of the file's own.  Those pages hang off a two-level index: index[i]
 * is a page of 512 pointers, each to a data page or NULL (a hole: zeros).
 * The bytes of the last page past the file's size are always zero, so a
 * file that grows (a write past the end, a longer truncate) shows zeros
 * there without clearing anything.  Every page a file takes counts
 * against the budget vfs_init gave, and so does a link target long enough
 * to take a page: past it, ENOSPC.
 */
#include "vfs.h"

#include "uapi/lde_sys.h"

#include "kalloc.h"
#include "kheap.h"
#include "paging.h"
#include "string.h"

#define PTRS (PAGE_SIZE / sizeof(void *)) /* pointers in one index page */

static uint64_t budget, used;
const char vfs_zero_page[PAGE_SIZE];

void vfs_data_init(uint64_t data_pages)
{
	budget = data_pages;
	used = 0;
}

uint64_t vfs_pages_used(void)
{
	return used;
}

/* A page charged to ino (zeroed if zero), or NULL and *err -ENOSPC or -ENOMEM. */
static void *page_new(struct inode *ino, bool zero, int *err)
{
	void *p;

	if (used >= budget) {
		*err = -ENOSPC;
		return NULL;
	}
	p = zero ? kzalloc() : kalloc();
	if (!p) {
		*err = -ENOMEM;
		return NULL;
	}
	used++;
	ino->pages++;
	return p;
}

static void page_free(struct inode *ino, void *p)
{
	kfree(p);
	used--;
	ino->pages--;
}

/* The data page holding byte i * PAGE_SIZE, or NULL (a hole). */
static char *page_at(const struct inode *ino, uint64_t i)
{
	void **leaf;

	if (!ino->index)
		return NULL;
	leaf = ino->index[i / PTRS];
	return leaf ? leaf[i % PTRS] : NULL;
}

/*
 * The data page holding byte i * PAGE_SIZE, made if missing (then *fresh,
 * and its bytes are whatever they were: the caller writes or clears every
 * one, which costs the emulator half of clearing it first and writing it
 * again); NULL and *err if it cannot be.
 */
static char *page_make(struct inode *ino, uint64_t i, bool *fresh, int *err)
{
	void ***leaf;
	char *p;

	*fresh = false;
	if (!ino->index && !(ino->index = page_new(ino, true, err)))
		return NULL;
	leaf = (void ***)&ino->index[i / PTRS];
	if (!*leaf && !(*leaf = page_new(ino, true, err)))
		return NULL;
	p = (*leaf)[i % PTRS];
	if (!p && (p = page_new(ino, false, err))) {
		(*leaf)[i % PTRS] = p;
		*fresh = true;
	}
	return p;
}

/* A fresh page gets [at, at + n) from the caller: the rest is cleared. */
static void clear_around(char *p, uint64_t at, uint64_t n)
{
	memset(p, 0, at);
	memset(p + at + n, 0, PAGE_SIZE - at - n);
}

/* Frees the data pages of leaf (index page l) from index `from` on: true if it is empty then. */
static bool leaf_free_from(struct inode *ino, void **leaf, uint64_t l, uint64_t from)
{
	bool empty = true;

	for (uint64_t k = 0; k < PTRS; k++) {
		if (leaf[k] && l * PTRS + k >= from) {
			page_free(ino, leaf[k]);
			leaf[k] = NULL;
		}
		empty = empty && !leaf[k];
	}
	return empty;
}

/* Frees the data pages from index `from` on, and the index pages left empty. */
static void pages_free_from(struct inode *ino, uint64_t from)
{
	if (!ino->index)
		return;
	for (uint64_t l = from / PTRS; l < PTRS; l++) {
		void **leaf = ino->index[l];

		if (leaf && leaf_free_from(ino, leaf, l, from)) {
			page_free(ino, leaf);
			ino->index[l] = NULL;
		}
	}
	if (!from) {
		page_free(ino, ino->index);
		ino->index = NULL;
	}
}

void vfs_data_free(struct inode *ino)
{
	uint32_t type = ino->mode & S_IFMT;

	if (type == S_IFREG) {
		pages_free_from(ino, 0);
		ino->inplace = NULL;
		ino->size = 0;
		ino->module = -1;
	} else if (type == S_IFLNK && ino->target) {
		kheap_free(ino->target, ino->size + 1);
		ino->target = NULL;
		if (ino->pages) { /* a whole page: it counted */
			ino->pages = 0;
			used--;
		}
	}
}

char *vfs_target_alloc(struct inode *ino, uint64_t size, int *err)
{
	bool page = size + 1 > PAGE_SIZE / 2; /* kheap gives it a page of its own */
	char *t;

	*err = -ENOSPC;
	if (page && used >= budget)
		return NULL;
	*err = -ENOMEM;
	t = kheap_alloc(size + 1);
	if (!t)
		return NULL;
	if (page) {
		used++;
		ino->pages = 1;
	}
	return t;
}

const char *vfs_link_target(const struct inode *ino)
{
	return ino->target ? ino->target : ino->inplace;
}

/* The in-place bytes into pages of the file's own: 0 or -errno (nothing changed). */
static int copy_in_place(struct inode *ino)
{
	const char *src = ino->inplace;
	int err = 0;

	if (!src)
		return 0;
	for (uint64_t off = 0; off < ino->size && !err; off += PAGE_SIZE) {
		bool fresh;
		char *p = page_make(ino, off / PAGE_SIZE, &fresh, &err);
		uint64_t n = ino->size - off < PAGE_SIZE ? ino->size - off : PAGE_SIZE;

		if (p) {
			clear_around(p, 0, n);
			memcpy(p, src + off, n);
		}
	}
	if (err) {
		pages_free_from(ino, 0);
		return err;
	}
	ino->inplace = NULL;
	ino->module = -1;
	return 0;
}

int64_t vfs_read(struct inode *ino, uint64_t off, uint64_t len, vfs_copy_fn out, void *arg)
{
	uint64_t done = 0;

	if ((ino->mode & S_IFMT) == S_IFDIR)
		return -EISDIR;
	if (off >= ino->size)
		return 0;
	if (len > ino->size - off)
		len = ino->size - off;
	while (done < len) {
		uint64_t at = (off + done) % PAGE_SIZE, n = PAGE_SIZE - at;
		char *p = ino->inplace ? NULL : page_at(ino, (off + done) / PAGE_SIZE);
		int err;

		if (n > len - done)
			n = len - done;
		if (ino->inplace)
			err = out(arg, done, (void *)(uintptr_t)(ino->inplace + off + done), n);
		else
			err = out(arg, done, (void *)(uintptr_t)(p ? p + at : vfs_zero_page), n);
		if (err)
			return done ? (int64_t)done : err;
		done += n;
	}
	return (int64_t)done;
}

int64_t vfs_write(struct inode *ino, uint64_t off, uint64_t len, vfs_copy_fn in, void *arg)
{
	uint64_t done = 0;
	int err;

	if ((ino->mode & S_IFMT) == S_IFDIR)
		return -EISDIR;
	if (off >= VFS_FILE_MAX || len > VFS_FILE_MAX - off)
		return -EFBIG;
	err = copy_in_place(ino);
	if (err)
		return err;
	while (done < len) {
		uint64_t at = (off + done) % PAGE_SIZE, n = PAGE_SIZE - at;
		bool fresh;
		char *p = page_make(ino, (off + done) / PAGE_SIZE, &fresh, &err);

		if (n > len - done)
			n = len - done;
		if (p && fresh)
			clear_around(p, at, n);
		if (p)
			err = in(arg, done, p + at, n);
		if (err && p && fresh)
			memset(p + at, 0, n); /* nothing came: zeros, as a hole */
		if (err)
			break;
		done += n;
		if (off + done > ino->size)
			ino->size = off + done;
	}
	if (done)
		vfs_touch(ino, true);
	return done ? (int64_t)done : err;
}

int vfs_truncate(struct inode *ino, uint64_t size)
{
	char *p;
	int err;

	if ((ino->mode & S_IFMT) == S_IFDIR)
		return -EISDIR;
	if ((ino->mode & S_IFMT) != S_IFREG)
		return -EINVAL;
	if (size > VFS_FILE_MAX)
		return -EFBIG;
	if (!size) {
		vfs_data_free(ino);
	} else {
		err = copy_in_place(ino);
		if (err)
			return err;
		if (size < ino->size) {
			pages_free_from(ino, (size + PAGE_SIZE - 1) / PAGE_SIZE);
			p = page_at(ino, size / PAGE_SIZE);
			if (p && size % PAGE_SIZE)
				memset(p + size % PAGE_SIZE, 0, PAGE_SIZE - size % PAGE_SIZE);
		}
		ino->size = size;
	}
	vfs_touch(ino, true);
	return 0;
}

/* elf_src.page for a file in pages: a hole is zeros. */
static const char *src_page(const void *arg, uint64_t index)
{
	const char *p = page_at(arg, index);

	return p ? p : vfs_zero_page;
}

void vfs_elf_src(struct inode *ino, struct elf_src *src)
{
	*src = (struct elf_src){ ino->inplace, ino->size, src_page, ino };
}
