// SPDX-License-Identifier: MIT
/*
 * The file system's tree (see vfs.h): inodes, directories as lists of
 * entries, path lookup with symbolic links, and the changes to the tree.
 * A path is walked component by component over [p, end), so a link's
 * target needs no NUL and no copy; a link is followed by walking its
 * target from the link's directory, recursively (at most VFS_MAX_NESTING
 * deep, so the kernel stack stays small).
 */
#include "vfs.h"

#include "uapi/lde_sys.h"

#include "kheap.h"
#include "string.h"

static struct inode *root;
static unsigned inodes_used;
static uint64_t next_ino = 1;
static uint64_t (*clock_ns)(void);

void vfs_set_clock(uint64_t (*now_ns)(void))
{
	clock_ns = now_ns;
}

struct inode *vfs_root(void)
{
	return root;
}

unsigned vfs_inodes_used(void)
{
	return inodes_used;
}

void vfs_touch(struct inode *ino, bool data)
{
	uint64_t now = clock_ns ? clock_ns() : 0;

	ino->ctime = now;
	if (data)
		ino->mtime = now;
}

static struct inode *inode_new(uint32_t mode, int *err)
{
	struct inode *ino;

	*err = -ENOSPC;
	if (inodes_used >= VFS_MAX_INODES)
		return NULL;
	*err = -ENOMEM;
	ino = kheap_alloc(sizeof(*ino));
	if (!ino)
		return NULL;
	inodes_used++;
	ino->ino = next_ino++;
	ino->mode = mode;
	ino->module = -1;
	ino->next_cookie = 2;
	vfs_touch(ino, true);
	ino->atime = ino->mtime;
	return ino;
}

static void inode_free(struct inode *ino)
{
	vfs_data_free(ino);
	kheap_free(ino, sizeof(*ino));
	inodes_used--;
}

/* Frees ino if nothing names or holds it any more. */
static void maybe_free(struct inode *ino)
{
	if (!ino->nlink && !ino->refs)
		inode_free(ino);
}

void vfs_hold(struct inode *ino)
{
	if (ino)
		ino->refs++;
}

void vfs_release(struct inode *ino)
{
	if (ino && ino->refs) {
		ino->refs--;
		maybe_free(ino);
	}
}

struct vfs_dentry *vfs_find(const struct inode *dir, const char *name, size_t len)
{
	for (struct vfs_dentry *d = dir->entries; d; d = d->next)
		if (d->len == len && !memcmp(d->name, name, len))
			return d;
	return NULL;
}

/* Adds the entry name[0..len) -> ino at the end of dir: 0 or -ENOMEM. */
static int dir_add(struct inode *dir, const char *name, size_t len, struct inode *ino)
{
	struct vfs_dentry *d = kheap_alloc(sizeof(*d) + len + 1);

	if (!d)
		return -ENOMEM;
	d->ino = ino;
	d->len = (uint16_t)len;
	memcpy(d->name, name, len);
	d->cookie = dir->next_cookie++;
	if (dir->last)
		dir->last->next = d;
	else
		dir->entries = d;
	dir->last = d;
	ino->nlink++;
	ino->parent = dir;
	if (S_ISDIR(ino->mode))
		dir->nlink++;
	vfs_touch(dir, true);
	return 0;
}

/* Takes d out of dir's list and frees it (the counts stay). */
static void entry_free(struct inode *dir, struct vfs_dentry *d)
{
	struct vfs_dentry **pp = &dir->entries, *prev = NULL;

	while (*pp != d) {
		prev = *pp;
		pp = &(*pp)->next;
	}
	*pp = d->next;
	if (dir->last == d)
		dir->last = prev;
	kheap_free(d, sizeof(*d) + d->len + 1);
	vfs_touch(dir, true);
}

/* Takes d out of dir and frees it; its inode loses that name. */
static void dir_remove(struct inode *dir, struct vfs_dentry *d)
{
	struct inode *ino = d->ino;

	entry_free(dir, d);
	ino->nlink--;
	ino->parent = NULL; /* no hard links: that was its only name */
	if (S_ISDIR(ino->mode)) {
		ino->nlink = 0; /* its "." goes too */
		dir->nlink--;
	}
	vfs_touch(ino, false);
	maybe_free(ino);
}

/* ---------------------------------------------------------------- lookup */

/* One lookup's state: symbolic links followed so far. */
struct walk {
	int links;
	int depth;
};

static int walk(struct inode *dir, const char *p, const char *end, bool follow, struct walk *w,
                struct inode **out);

/* Follows the link ino found in dir: *out is what it names. */
static int follow_link(struct inode *dir, struct inode *ino, struct walk *w, struct inode **out)
{
	const char *t = vfs_link_target(ino);
	int err;

	if (++w->links > VFS_MAX_LINKS || w->depth >= VFS_MAX_NESTING)
		return -ELOOP;
	if (!ino->size)
		return -ENOENT;
	w->depth++;
	err = walk(dir, t, t + ino->size, true, w, out);
	w->depth--;
	return err;
}

/* The component name[0..len) in dir (".", ".." too): 0 and *out, or -errno. */
static int step(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	struct vfs_dentry *d;

	if (!S_ISDIR(dir->mode))
		return -ENOTDIR;
	if (len > VFS_NAME_MAX)
		return -ENAMETOOLONG;
	if (len == 1 && name[0] == '.') {
		*out = dir;
		return 0;
	}
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		*out = dir->parent;
		return dir->parent ? 0 : -ENOENT;
	}
	d = vfs_find(dir, name, len);
	if (!d)
		return -ENOENT;
	*out = d->ino;
	return 0;
}

/*
 * Walks [p, end) from dir (the root if it starts with '/'); the last
 * component is followed if it is a link and follow, or if a '/' comes
 * after it (then it must be a directory).
 */
static int walk(struct inode *dir, const char *p, const char *end, bool follow, struct walk *w,
                struct inode **out)
{
	if (p < end && *p == '/')
		dir = root;
	for (;;) {
		const char *c, *rest;
		struct inode *next;
		bool last, slash;
		int err;

		while (p < end && *p == '/')
			p++;
		if (p == end) { /* "/" or a path that ended in '/' */
			*out = dir;
			return S_ISDIR(dir->mode) ? 0 : -ENOTDIR;
		}
		for (c = p; c < end && *c != '/'; c++)
			;
		for (rest = c; rest < end && *rest == '/'; rest++)
			;
		last = rest == end;
		slash = c < end;
		err = step(dir, p, (size_t)(c - p), &next);
		if (!err && S_ISLNK(next->mode) && last && !slash && follow) {
			/* the last component: its target's walk takes this one's place */
			if (++w->links > VFS_MAX_LINKS)
				return -ELOOP;
			if (!next->size)
				return -ENOENT;
			p = vfs_link_target(next);
			end = p + next->size;
			if (*p == '/')
				dir = root;
			continue;
		}
		if (!err && S_ISLNK(next->mode) && (!last || slash))
			err = follow_link(dir, next, w, &next);
		if (err)
			return err;
		if (last) {
			*out = next;
			return slash && !S_ISDIR(next->mode) ? -ENOTDIR : 0;
		}
		dir = next;
		p = rest;
	}
}

/* The path's bytes, checked: its end, or NULL (*err: -ENOENT empty, -ENAMETOOLONG). */
static const char *path_end(const char *path, int *err)
{
	size_t n = strnlen(path, VFS_PATH_MAX);

	*err = !n ? -ENOENT : n == VFS_PATH_MAX ? -ENAMETOOLONG : 0;
	return *err ? NULL : path + n;
}

int vfs_lookup(struct inode *cwd, const char *path, unsigned flags, struct inode **out)
{
	struct walk w = { 0, 0 };
	int err;
	const char *end = path_end(path, &err);

	if (!end)
		return err;
	return walk(cwd ? cwd : root, path, end, flags & VFS_FOLLOW, &w, out);
}

int vfs_lookup_parent(struct inode *cwd, const char *path, struct vfs_name *n)
{
	struct walk w = { 0, 0 };
	const char *last, *end;
	int err;

	end = path_end(path, &err);
	if (!end)
		return err;
	n->slash = false;
	while (end > path + 1 && end[-1] == '/') {
		end--;
		n->slash = true;
	}
	for (last = end; last > path && last[-1] != '/'; last--)
		;
	n->name = last;
	n->len = (size_t)(end - last);
	if (*path == '/' && last == path + 1 && !n->len) { /* "/" itself */
		n->name = ".";
		n->len = 1;
	}
	if (n->len > VFS_NAME_MAX)
		return -ENAMETOOLONG;
	cwd = cwd ? cwd : root;
	if (last == path) {
		n->dir = cwd;
		return S_ISDIR(cwd->mode) ? 0 : -ENOTDIR;
	}
	return walk(cwd, path, last, true, &w, &n->dir);
}

int64_t vfs_path_of(const struct inode *dir, char *buf, size_t size)
{
	size_t at = size;

	if (!size)
		return -ERANGE;
	buf[--at] = '\0';
	for (const struct inode *d = dir; d != root; d = d->parent) {
		const struct vfs_dentry *e;

		if (!d->parent)
			return -ENOENT;
		for (e = d->parent->entries; e && e->ino != d; e = e->next)
			;
		if (!e)
			return -ENOENT;
		if (at < (size_t)e->len + 1)
			return -ERANGE;
		at -= e->len;
		memcpy(buf + at, e->name, e->len);
		buf[--at] = '/';
	}
	if (at == size - 1) {
		if (!at)
			return -ERANGE;
		buf[--at] = '/';
	}
	memmove(buf, buf + at, size - at);
	return (int64_t)(size - at - 1);
}

int vfs_readdir(const struct inode *dir, uint64_t *pos, vfs_fill_fn fill, void *arg)
{
	int r;

	if (*pos == 0) {
		r = fill(arg, ".", 1, dir, 1);
		if (r)
			return r;
		*pos = 1;
	}
	if (*pos == 1) {
		r = fill(arg, "..", 2, dir->parent ? dir->parent : dir, 2);
		if (r)
			return r;
		*pos = 2;
	}
	for (const struct vfs_dentry *d = dir->entries; d; d = d->next) {
		if (d->cookie < *pos)
			continue;
		r = fill(arg, d->name, d->len, d->ino, d->cookie + 1);
		if (r)
			return r;
		*pos = d->cookie + 1;
	}
	return 0;
}

/* --------------------------------------------------------------- changes */

static bool is_dot_or_dotdot(const struct vfs_name *n)
{
	return n->name[0] == '.' && (n->len == 1 || (n->len == 2 && n->name[1] == '.'));
}

int vfs_create(const struct vfs_name *n, uint32_t mode, const char *target, uint64_t size,
               struct inode **out)
{
	struct inode *ino;
	int err;

	if (is_dot_or_dotdot(n) || vfs_find(n->dir, n->name, n->len))
		return -EEXIST;
	if (!n->dir->nlink)
		return -ENOENT; /* a directory that was removed takes no entries */
	if (S_ISLNK(mode) && size >= VFS_PATH_MAX)
		return -ENAMETOOLONG;
	ino = inode_new(mode, &err);
	if (!ino)
		return err;
	if (S_ISLNK(mode)) {
		ino->target = vfs_target_alloc(ino, size, &err);
		if (!ino->target) {
			inode_free(ino);
			return err;
		}
		memcpy(ino->target, target, size);
		ino->size = size;
	}
	if (S_ISDIR(mode))
		ino->nlink = 1; /* its "." */
	err = dir_add(n->dir, n->name, n->len, ino);
	if (err) {
		inode_free(ino);
		return err;
	}
	*out = ino;
	return 0;
}

int vfs_unlink(const struct vfs_name *n, bool dir)
{
	struct vfs_dentry *d;

	if (is_dot_or_dotdot(n))
		return !dir ? -EISDIR : n->len == 1 ? -EINVAL : -ENOTEMPTY;
	d = vfs_find(n->dir, n->name, n->len);
	if (!d)
		return -ENOENT;
	if (dir && !S_ISDIR(d->ino->mode))
		return -ENOTDIR;
	if (!dir && S_ISDIR(d->ino->mode))
		return -EISDIR;
	if (!dir && n->slash)
		return -ENOTDIR;
	if (dir && d->ino->entries)
		return -ENOTEMPTY;
	dir_remove(n->dir, d);
	return 0;
}

/* True if dir is ino or lies inside it. */
static bool inside(const struct inode *dir, const struct inode *ino)
{
	for (const struct inode *d = dir; d; d = d->parent) {
		if (d == ino)
			return true;
		if (d == root)
			break;
	}
	return false;
}

/* May what renames onto the existing dst (the entry of to)? 0 or -errno. */
static int check_target(const struct inode *src, const struct inode *dst)
{
	if (S_ISDIR(src->mode) && !S_ISDIR(dst->mode))
		return -ENOTDIR;
	if (!S_ISDIR(src->mode) && S_ISDIR(dst->mode))
		return -EISDIR;
	if (S_ISDIR(dst->mode) && dst->entries)
		return -ENOTEMPTY;
	return 0;
}

int vfs_rename(const struct vfs_name *from, const struct vfs_name *to)
{
	struct vfs_dentry *s, *t;
	struct inode *ino;
	int err;

	if (is_dot_or_dotdot(from) || is_dot_or_dotdot(to))
		return -EBUSY;
	s = vfs_find(from->dir, from->name, from->len);
	if (!s)
		return -ENOENT;
	ino = s->ino;
	if ((from->slash || to->slash) && !S_ISDIR(ino->mode))
		return -ENOTDIR;
	t = vfs_find(to->dir, to->name, to->len);
	if (t && t->ino == ino)
		return 0;
	if (t && (err = check_target(ino, t->ino)))
		return err;
	if (S_ISDIR(ino->mode) && inside(to->dir, ino))
		return -EINVAL;
	if (!to->dir->nlink)
		return -ENOENT;
	err = dir_add(to->dir, to->name, to->len, ino); /* ino->parent is to->dir now */
	if (err)
		return err;
	if (t)
		dir_remove(to->dir, t);
	entry_free(from->dir, s);
	ino->nlink--;
	if (S_ISDIR(ino->mode))
		from->dir->nlink--;
	vfs_touch(ino, false);
	return 0;
}

/* ---------------------------------------------------- boot and populate */

/* Makes path's inode of mode under the existing parent, or finds it. */
static int populate_one(const struct vfs_name *n, uint32_t mode, const void *data, uint64_t size,
                        int module)
{
	struct vfs_dentry *d = is_dot_or_dotdot(n) ? NULL : vfs_find(n->dir, n->name, n->len);
	struct inode *ino = NULL;
	uint32_t type = mode & S_IFMT;
	int err;

	if (n->len == 1 && n->name[0] == '.' && type == S_IFDIR) { /* "/" or ".../." */
		n->dir->mode = S_IFDIR | (mode & S_IALLUGO);
		return 0;
	}
	if (is_dot_or_dotdot(n))
		return -EEXIST;
	if (d && (d->ino->mode & S_IFMT) != type)
		return -EEXIST;
	if (d && type != S_IFREG && type != S_IFDIR)
		return -EEXIST;
	if (d) {
		ino = d->ino;
		vfs_data_free(ino);
		vfs_touch(ino, true);
	} else {
		err = vfs_create(n, type | (mode & S_IALLUGO), data, size, &ino);
		if (err)
			return err;
		if (type == S_IFLNK) /* the copy vfs_create made is enough */
			return 0;
	}
	ino->mode = type | (mode & S_IALLUGO);
	if (type == S_IFREG) {
		ino->inplace = data;
		ino->size = size;
		ino->module = module;
	}
	return 0;
}

int vfs_populate_module(const char *path, uint32_t mode, const void *data, uint64_t size,
                        int module)
{
	uint32_t type = mode & S_IFMT;
	struct vfs_name n;
	int err;

	if (type != S_IFDIR && type != S_IFREG && type != S_IFLNK)
		return -EINVAL;
	if (type == S_IFLNK && (!size || size >= VFS_PATH_MAX))
		return size ? -ENAMETOOLONG : -EINVAL;
	if (type == S_IFREG && size > VFS_FILE_MAX)
		return -EINVAL;
	if (!root || path[0] != '/')
		return -ENOENT;
	err = vfs_lookup_parent(root, path, &n);
	if (err)
		return err;
	if (n.slash && type != S_IFDIR)
		return -ENOTDIR;
	return populate_one(&n, mode, data, size, module);
}

int vfs_populate(const char *path, uint32_t mode, const void *data, uint64_t size)
{
	return vfs_populate_module(path, mode, data, size, -1);
}

int vfs_exec_lookup_at(struct inode *cwd, const char *path, struct exec_file *file)
{
	struct inode *ino;
	int err = vfs_lookup(cwd, path, VFS_FOLLOW, &ino);

	if (err)
		return err;
	if (!S_ISREG(ino->mode) || !(ino->mode & 0111))
		return -EACCES;
	vfs_elf_src(ino, &file->src);
	file->module = ino->module;
	file->path = path;
	file->ino = ino;
	return 0;
}

int vfs_exec_lookup(const char *path, struct exec_file *file)
{
	return vfs_exec_lookup_at(root, path, file);
}

/* A directory or device at boot. */
static int boot_node(const char *path, uint32_t mode, uint32_t rdev)
{
	struct vfs_name n;
	struct inode *ino;
	int err = vfs_lookup_parent(root, path, &n);

	if (!err)
		err = vfs_create(&n, mode, NULL, 0, &ino);
	if (!err)
		ino->rdev = rdev;
	return err;
}

int vfs_init(uint64_t data_pages)
{
	int err;

	vfs_data_init(data_pages);
	inodes_used = 0; /* a fresh tree (the unit tests start many) */
	next_ino = 1;
	root = inode_new(S_IFDIR | 0755, &err);
	if (!root)
		return err;
	root->nlink = 2; /* "." and ".." */
	root->parent = root;
	root->refs = 1; /* never freed */
	err = boot_node("/dev", S_IFDIR | 0755, 0);
	if (!err)
		err = boot_node("/dev/console", S_IFCHR | 0600, VFS_RDEV_CONSOLE);
	if (!err)
		err = boot_node("/dev/null", S_IFCHR | 0666, VFS_RDEV_NULL);
	if (!err)
		err = boot_node("/dev/zero", S_IFCHR | 0666, VFS_RDEV_ZERO);
	if (!err)
		err = boot_node("/bin", S_IFDIR | 0755, 0);
	if (!err)
		err = boot_node("/tmp", S_IFDIR | 01777, 0);
	if (!err)
		err = boot_node("/proc", S_IFDIR | 0555, 0);
	return err;
}
