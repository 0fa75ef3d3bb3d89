// SPDX-License-Identifier: MIT
/*
 * execve (see exec.h): the caller's program is replaced by another, found
 * by path, with argv and envp copied from the old image first.  The new
 * image is built in a fresh address space before anything of the old one
 * goes, so a failing execve returns its error to a caller still intact:
 * ENOENT (no such program), EACCES (a directory), ENOEXEC (neither an ELF
 * executable the loader takes nor a `#!` script), E2BIG (more than
 * EXEC_MAX_STRINGS of argv and envp, a string longer than a page, or more
 * than EXEC_MAX_WORDS of them), ELOOP (scripts nested more than
 * EXEC_MAX_SCRIPTS deep), ENOMEM, EFAULT.
 *
 * A `#!` script runs as Linux runs it: "#!INTERP [ARG]" on its first line
 * (at most EXEC_SCRIPT_LINE bytes), argv becoming INTERP [ARG] PATH
 * argv[1]...
 */
#include "exec.h"

#include "uapi/lde_sys.h"

#include "arch.h"
#include "file.h"
#include "fpu.h"
#include "kalloc.h"
#include "paging.h"
#include "printf.h"
#include "sched.h"
#include "signal.h"
#include "string.h"
#include "syscalls.h"
#include "task.h"
#include "trace_records.h"
#include "uaccess.h"
#include "vfs.h"

#define EXEC_STRING_PAGES 16 /* 64 KiB of strings */
#define EXEC_MAX_STRINGS (EXEC_STRING_PAGES * PAGE_SIZE)
#define EXEC_MAX_WORDS (PAGE_SIZE / sizeof(char *) - 2) /* argv + envp pointers */
#define EXEC_MAX_SCRIPTS 4
#define EXEC_SCRIPT_LINE 256
#define PATH_MAX 4096

/* argv and envp in kernel memory: pointers in one page, strings in others. */
struct exec_strings {
	char **words; /* argv[0..argc), then envp[0..envc) */
	int argc, envc;
	char *pages[EXEC_STRING_PAGES]; /* the strings, none crossing a page */
	unsigned npages;
	size_t used; /* bytes used in the last page */
};

static void strings_free(struct exec_strings *s)
{
	for (unsigned i = 0; i < s->npages; i++)
		kfree(s->pages[i]);
	if (s->words)
		kfree(s->words);
	memset(s, 0, sizeof(*s));
}

/* Room for n bytes: a pointer into the string pages, or NULL (E2BIG/ENOMEM in *err). */
static char *strings_room(struct exec_strings *s, size_t n, int *err)
{
	*err = -E2BIG;
	if (n > PAGE_SIZE || s->argc + s->envc >= (int)EXEC_MAX_WORDS)
		return NULL;
	if (!s->npages || s->used + n > PAGE_SIZE) {
		if (s->npages == EXEC_STRING_PAGES)
			return NULL;
		*err = -ENOMEM;
		s->pages[s->npages] = kalloc();
		if (!s->pages[s->npages])
			return NULL;
		s->npages++;
		s->used = 0;
	}
	s->used += n;
	return s->pages[s->npages - 1] + s->used - n;
}

/* Appends the kernel string str to argv (before any of envp) or to envp. */
static int strings_add(struct exec_strings *s, const char *str, bool env)
{
	size_t n = strlen(str) + 1;
	int err;
	char *p = strings_room(s, n, &err);

	if (!p)
		return err;
	memcpy(p, str, n);
	s->words[s->argc + s->envc] = p;
	if (env)
		s->envc++;
	else
		s->argc++;
	return 0;
}

/* A user string of at most max - 1 bytes into buf: 0, -EFAULT or too_long. */
static int copy_user_string(struct addrspace *as, char *buf, uint64_t uaddr, size_t max,
                            int too_long)
{
	int64_t n = strncpy_from_user(as, buf, uaddr, max);

	return n < 0 ? (int)n : (size_t)n == max ? too_long : 0;
}

/* The user's NULL-terminated array of strings at uvec, appended to s. */
static int copy_user_vector(struct exec_strings *s, uint64_t uvec, bool env, char *scratch)
{
	for (uint64_t i = 0; uvec; i++) {
		uint64_t p;
		int err;

		if (copy_from_user(&current->as, &p, uvec + i * 8, 8))
			return -EFAULT;
		if (!p)
			return 0;
		err = copy_user_string(&current->as, scratch, p, PAGE_SIZE, -E2BIG);
		if (!err)
			err = strings_add(s, scratch, env);
		if (err)
			return err;
	}
	return 0;
}

/*
 * A `#!` script's argv into t: INTERP [ARG] PATH, then s's argv[1..] and
 * envp.  line (EXEC_SCRIPT_LINE bytes) holds the first line meanwhile.
 */
static int script_argv(struct exec_strings *t, const struct exec_strings *s,
                       const struct exec_file *file, const char *path, char *line)
{
	size_t n = file->src.size < EXEC_SCRIPT_LINE - 1 ? file->src.size : EXEC_SCRIPT_LINE - 1;
	char *interp, *arg = NULL, *p;
	int err = 0;

	elf_src_read(&file->src, 0, line, n);
	line[n] = '\0';
	for (p = line; *p && *p != '\n'; p++)
		;
	if (!*p && n == EXEC_SCRIPT_LINE - 1)
		return -ENOEXEC; /* the line is too long */
	*p = '\0';
	for (interp = line + 2; *interp == ' ' || *interp == '\t'; interp++)
		;
	if (!*interp)
		return -ENOEXEC;
	for (p = interp; *p && *p != ' ' && *p != '\t'; p++)
		;
	if (*p) {
		*p++ = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		for (char *q = p + strlen(p); q > p && (q[-1] == ' ' || q[-1] == '\t');)
			*--q = '\0';
		arg = *p ? p : NULL; /* the rest of the line is one argument, as on Linux */
	}
	err = strings_add(t, interp, false);
	if (!err && arg)
		err = strings_add(t, arg, false);
	if (!err)
		err = strings_add(t, path, false);
	for (int i = 1; !err && i < s->argc; i++)
		err = strings_add(t, s->words[i], false);
	for (int i = 0; !err && i < s->envc; i++)
		err = strings_add(t, s->words[s->argc + i], true);
	return err;
}

/* The file path names (/proc/self/exe: the caller's own program). */
static int lookup(const char *path, struct exec_file *file)
{
	struct inode *ino = current->exe_ino;

	if (strcmp(path, "/proc/self/exe"))
		return vfs_exec_lookup_at(current->cwd, path, file);
	if (!ino)
		return -ENOENT;
	vfs_elf_src(ino, &file->src);
	file->module = ino->module;
	file->path = current->path;
	file->ino = ino;
	return 0;
}

/* True if the file starts with s[0..n). */
static bool starts_with(const struct exec_file *file, const char *s, size_t n)
{
	char head[4];

	if (file->src.size < n)
		return false;
	elf_src_read(&file->src, 0, head, n);
	return !memcmp(head, s, n);
}

/* The program path names, through `#!` scripts: *file and s's argv for it. */
static int resolve(const char **path, struct exec_strings *s, struct exec_file *file, char *line)
{
	for (int depth = 0;; depth++) {
		struct exec_strings t = { 0 };
		int err = lookup(*path, file);

		if (err)
			return err;
		if (!starts_with(file, "#!", 2))
			return 0;
		if (depth == EXEC_MAX_SCRIPTS)
			return -ELOOP;
		t.words = kalloc();
		err = t.words ? script_argv(&t, s, file, *path, line) : -ENOMEM;
		strings_free(s);
		*s = t;
		if (err)
			return err;
		*path = s->words[0]; /* the interpreter */
	}
}

/* The task's name: the path's last component, as Linux's comm. */
static void set_identity(struct task *t, const char *path, const struct exec_file *file)
{
	const char *base = path;

	for (const char *p = path; *p; p++)
		if (*p == '/' && p[1])
			base = p + 1;
	snprintf(t->name, sizeof(t->name), "%s", base);
	if (file->path != t->path) { /* /proc/self/exe: the same program */
		snprintf(t->exe, sizeof(t->exe), "%s", file->path);
		t->path = t->exe;
	}
	t->module = file->module;
	vfs_hold(file->ino);
	vfs_release(t->exe_ino);
	t->exe_ino = file->ino;
}

/* The old image goes, the new one (built in *as) comes: the point of no return. */
static void replace_image(struct trap_frame *f, struct addrspace *as, uint64_t entry, uint64_t sp)
{
	struct task *t = current;

	arch_switch_address_space(uvm_cr3(as));
	uvm_destroy(&t->as);
	memcpy(&t->as, as, sizeof(*as));
	t->cr3 = uvm_cr3(&t->as);
	file_table_close_on_exec(&t->files);
	signal_exec(t);
	sched_set_fs_base(0);
	t->tid_address = 0;
	fpu_reset();
	arch_exec_frame(f, entry, sp);
	if (t->vfork) { /* the parent waits in vfork until now */
		t->vfork = false;
		sched_wakeup(t);
	}
}

/* Loads path's program with s's argv and envp; 0 (the new image runs) or -errno. */
static int exec(struct trap_frame *f, const char *path, struct exec_strings *s, char *line)
{
	struct exec_file file;
	struct exec_image img;
	struct addrspace *as;
	uint64_t entry, sp;
	const char *why;
	int err = resolve(&path, s, &file, line);

	if (err)
		return err;
	if (!starts_with(&file, "\177ELF", 4))
		return -ENOEXEC;
	img = (struct exec_image){ &file.src, path, s->argc, s->words, s->envc, s->words + s->argc };
	as = kalloc(); /* not on the kernel stack: it is big */
	if (!as)
		return -ENOMEM;
	err = task_load(as, current->pid, &img, &entry, &sp, &why);
	if (!err) {
		replace_image(f, as, entry, sp);
		set_identity(current, path, &file);
		tp_exec(current, path, s->argc, s->words);
	}
	kfree(as);
	return err;
}

int64_t sys_execve(struct trap_frame *f)
{
	struct exec_strings s = { 0 };
	char *path = kalloc(), *scratch = kalloc();
	int err = -ENOMEM;

	s.words = kalloc();
	if (path && scratch && s.words) {
		err = copy_user_string(&current->as, path, f->rdi, PATH_MAX, -ENAMETOOLONG);
		if (!err)
			err = copy_user_vector(&s, f->rsi, false, scratch);
		if (!err)
			err = copy_user_vector(&s, f->rdx, true, scratch);
		if (!err)
			err = exec(f, path, &s, scratch);
	}
	strings_free(&s);
	if (path)
		kfree(path);
	if (scratch)
		kfree(scratch);
	return err;
}
