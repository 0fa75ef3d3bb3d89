// SPDX-License-Identifier: MIT
/* The initrd (see initrd.h): two passes of cpio.c over the module. */
#include "initrd.h"

#include <lde/abi.h>

#include "uapi/lde_sys.h"

#include "argv.h"
#include "cmdline.h"
#include "cpio.h"
#include "exit.h"
#include "printf.h"
#include "string.h"
#include "vfs.h"

/* Sets of hard links whose data the archive holds: room for this many. */
#define LINKS_MAX 256
#define CMDLINE_ARGV_MAX 1024 /* bytes of argv= copied for decoding */

#define REFUSED 1 /* a callback's result: the run is refused (it said why) */

/* The data of one set of hard links (the entry of the set that has it). */
struct link_data {
	uint32_t ino, devmajor, devminor;
	const void *data;
	uint64_t size;
};

/* What the passes found and made. */
struct unpack {
	struct link_data links[LINKS_MAX];
	unsigned nlinks;
	unsigned dirs, files, symlinks, skipped, copies;
};

static struct cpio_state state; /* big (a path buffer): not on the stack */
static struct unpack unpacked;

static bool has_magic(const struct boot_module *m)
{
	return m->data && m->size >= 6 &&
	       (!memcmp(m->data, "070701", 6) || !memcmp(m->data, "070702", 6));
}

bool initrd_is_module(const struct boot_module *m)
{
	size_t n = sizeof(LDE_INITRD_MODULE_NAME) - 1;

	if (!m->name)
		return has_magic(m);
	return !memcmp(m->name, LDE_INITRD_MODULE_NAME, n) && (!m->name[n] || m->name[n] == ' ');
}

/* The initrd module in *m; false if there is none. */
static bool find_module(struct boot_module *m)
{
	for (uint32_t i = 0; bootinfo_module(i, m); i++)
		if (initrd_is_module(m))
			return true;
	return false;
}

bool initrd_present(void)
{
	struct boot_module m;

	return find_module(&m);
}

int initrd_init_argv(char **words, int max)
{
	static char buf[CMDLINE_ARGV_MAX];
	size_t n = sizeof(LDE_INITRD_MODULE_NAME) - 1, len;
	struct boot_module m;
	const char *v;

	if (!find_module(&m))
		return 0;
	if (m.name)
		return m.name[n] ? argv_decode((char *)m.name + n + 1, ' ', words, max) : 0;
	v = cmdline_value("argv", &len);
	if (!v)
		return 0;
	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, v, len);
	buf[len] = '\0';
	return argv_decode(buf, ',', words, max);
}

/* Ends the run: the archive was refused (its reason is on the console). */
static noreturn void refuse_run(void)
{
	kprintf("initrd: refused; no process was started; exit status %d\n", LDE_VMM_CANNOT_RUN);
	guest_exit(LDE_EXIT_PROGRAM(LDE_EXIT_INITRD_REFUSED, 0, LDE_VMM_CANNOT_RUN));
}

static bool same_set(const struct link_data *l, const struct cpio_entry *e)
{
	return l->ino == e->ino && l->devmajor == e->devmajor && l->devminor == e->devminor;
}

static bool is_link_member(const struct cpio_entry *e)
{
	return (e->mode & CPIO_S_IFMT) == CPIO_S_IFREG && e->nlink > 1;
}

/* Pass 1: every entry is checked by cpio.c; the hard links' data noted. */
static int note_entry(const struct cpio_entry *e, void *arg)
{
	struct unpack *u = arg;
	char shown[CPIO_SHOWN_MAX];

	if (!is_link_member(e) || !e->size)
		return 0;
	if (u->nlinks == LINKS_MAX) {
		cpio_show_name(e->name, CPIO_NAME_MAX, shown);
		kprintf("initrd: entry %u \"%s\": more than %d sets of hard links\n", e->index,
		        shown, LINKS_MAX);
		return REFUSED;
	}
	u->links[u->nlinks++] =
		(struct link_data){ e->ino, e->devmajor, e->devminor, e->data, e->size };
	return 0;
}

/* A name of a set of hard links without the data: the set's data, if any. */
static void link_data(const struct unpack *u, const struct cpio_entry *e, const void **data,
                      uint64_t *size)
{
	for (unsigned i = 0; i < u->nlinks; i++)
		if (same_set(&u->links[i], e)) {
			*data = u->links[i].data;
			*size = u->links[i].size;
			return;
		}
}

/* What a file system error means for an entry of the archive. */
static const char *populate_error(int err)
{
	switch (-err) {
	case ENOENT:
		return "its directory is not in the archive before it";
	case ENOTDIR:
		return "a directory of its path is not a directory";
	case EEXIST:
		return "its name is taken by an earlier entry of another type";
	case ENAMETOOLONG:
		return "its name is too long for the file system";
	case ENOMEM:
		return "out of memory";
	case EINVAL:
		return "the file system takes no such file";
	}
	return "the file system refused it";
}

static void count(struct unpack *u, uint32_t type)
{
	if (type == CPIO_S_IFDIR)
		u->dirs++;
	else if (type == CPIO_S_IFLNK)
		u->symlinks++;
	else
		u->files++;
}

/* Pass 2: each entry into the file system. */
static int create_entry(const struct cpio_entry *e, void *arg)
{
	struct unpack *u = arg;
	const void *data = e->data;
	uint64_t size = e->size;
	char shown[CPIO_SHOWN_MAX];
	int err;

	if (e->skip) {
		cpio_show_name(e->name, CPIO_NAME_MAX, shown);
		kprintf("initrd: entry %u \"%s\": %s: skipped (the kernel has its own /dev)\n",
		        e->index, shown, e->skip);
		u->skipped++;
		return 0;
	}
	if (is_link_member(e) && !size) {
		link_data(u, e, &data, &size);
		u->copies += size != 0;
	}
	err = vfs_populate(e->path, e->mode, data, size);
	if (!err) {
		count(u, e->mode & CPIO_S_IFMT);
		return 0;
	}
	cpio_show_name(e->name, CPIO_NAME_MAX, shown);
	kprintf("initrd: entry %u \"%s\": cannot create %s: %s (error %d)\n", e->index, shown,
	        e->path, populate_error(err), -err);
	return REFUSED;
}

void initrd_unpack(void)
{
	struct boot_module m;
	int r;

	if (!find_module(&m))
		return;
	if (!m.data) {
		kprintf("initrd: the module does not lie in the kernel's map\n");
		refuse_run();
	}
	r = cpio_parse(m.data, m.size, note_entry, &unpacked, &state);
	if (!r) /* all of it is good: now make it */
		r = cpio_parse(m.data, m.size, create_entry, &unpacked, &state);
	if (r == CPIO_BAD)
		kprintf("initrd: entry %u \"%s\": %s\n", state.error.index, state.error.name,
		        state.error.reason);
	if (r)
		refuse_run();
	kprintf("initrd: %lu bytes unpacked: %u directories, %u files (%u hard-link copies), "
	        "%u symbolic links, %u skipped (devices, FIFOs, sockets)\n",
	        m.size, unpacked.dirs, unpacked.files, unpacked.copies, unpacked.symlinks,
	        unpacked.skipped);
}
