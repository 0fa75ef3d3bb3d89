// SPDX-License-Identifier: MIT
/* The user's programs (see userprog.h). */
#include "userprog.h"

#include <lde/abi.h>

#include "uapi/lde_sys.h"

#include "argv.h"
#include "bootinfo.h"
#include "cmdline.h"
#include "exec.h"
#include "exit.h"
#include "file.h"
#include "initproc.h"
#include "initrd.h"
#include "kalloc.h"
#include "trace_ring.h"
#include "printf.h"
#include "sched.h"
#include "string.h"
#include "task.h"
#include "timer.h"
#include "vfs.h"

#define WORDS_MAX (PAGE_SIZE_WORDS / 2) /* argv and envp share one page */
#define PAGE_SIZE_WORDS 512

static struct task *programs[CONFIG_MAX_TASKS];
static unsigned nprograms;
static char **envp;
static int envc;

static bool is_env(const struct boot_module *m)
{
	size_t n = sizeof(LDE_ENV_MODULE_NAME) - 1;

	return m->name && !memcmp(m->name, LDE_ENV_MODULE_NAME, n) &&
	       (!m->name[n] || m->name[n] == ' ');
}

/* " tty=ABC" after the environment module's name. */
static void read_ttys(const struct boot_module *m)
{
	const char *tty = m->name + sizeof(LDE_ENV_MODULE_NAME) - 1;

	if (!memcmp(tty, " tty=", 5))
		file_set_ttys(tty + 5);
}

static bool is_program(const struct boot_module *m)
{
	return !trace_ring_is_module(m) && !is_env(m) && !initrd_is_module(m);
}

static bool programs_given(void)
{
	struct boot_module m;

	for (uint32_t i = 0; bootinfo_module(i, &m); i++)
		if (is_program(&m))
			return true;
	return false;
}

bool userprog_present(void)
{
	return programs_given() || initrd_present();
}

/* The environment module's strings into words[]; the default one without it. */
static int read_env(char **words)
{
	struct boot_module m;

	for (uint32_t i = 0; bootinfo_module(i, &m); i++)
		if (is_env(&m) && m.data) {
			read_ttys(&m);
			return argv_strings((char *)m.data, m.size, words, WORDS_MAX);
		}
	for (int i = 0; i < task_default_envc; i++)
		words[i] = task_default_env[i];
	return task_default_envc;
}

/* A module without a name (QEMU's -initrd): argv from the kernel's argv=. */
static char *argv_from_cmdline(char *buf, size_t size)
{
	size_t len;
	const char *v = cmdline_value("argv", &len);

	if (!v || len >= size) {
		v = "/init";
		len = 5;
	}
	memcpy(buf, v, len);
	buf[len] = '\0';
	return buf;
}

/* Decodes m's argv into words[] (its name, in place); the count, or -1. */
static int program_argv(const struct boot_module *m, char **words, char *spare, size_t spare_size)
{
	if (!m->name)
		return argv_decode(argv_from_cmdline(spare, spare_size), ',', words, WORDS_MAX);
	return argv_decode((char *)m->name, ' ', words, WORDS_MAX);
}

/* The task's name: the path's last component, as Linux's comm. */
static const char *base_name(const char *path)
{
	const char *base = path;

	for (const char *p = path; *p; p++)
		if (*p == '/' && p[1])
			base = p + 1;
	return base;
}

/*
 * The program as /bin/NAME in the file system (the first program of that
 * name keeps it): its inode, or NULL.
 */
static struct inode *add_bin(uint32_t index, const struct boot_module *m, const char *name)
{
	char path[5 + VFS_NAME_MAX + 1];
	struct inode *ino;
	int err;

	snprintf(path, sizeof(path), "/bin/%s", name);
	if (!vfs_lookup(NULL, path, 0, &ino)) {
		struct vfs_name n;

		if (ino->module >= 0)
			return NULL; /* an earlier program's */
		/* the initrd's: the program takes its place */
		if ((ino->mode & S_IFMT) != S_IFREG && !vfs_lookup_parent(NULL, path, &n))
			vfs_unlink(&n, (ino->mode & S_IFMT) == S_IFDIR);
	}
	err = vfs_populate_module(path, S_IFREG | 0755, m->data, m->size, (int)index);
	if (err) {
		kprintf("programs: module %u: cannot add %s: error %d\n", index, path, -err);
		return NULL;
	}
	return vfs_lookup(NULL, path, 0, &ino) ? NULL : ino;
}

static void start_one(uint32_t index, const struct boot_module *m)
{
	char **words = kalloc();
	struct elf_src src = elf_src_flat(m->data, m->size);
	struct inode *exe = NULL;
	struct task *t;
	int argc, err;

	if (!words) {
		kprintf("programs: module %u: out of memory\n", index);
		return;
	}
	argc = program_argv(m, words, (char *)&words[WORDS_MAX], WORDS_MAX * sizeof(char *) / 2);
	if (argc <= 0) {
		kprintf("programs: module %u: bad argv\n", index);
		return;
	}
	if (m->data)
		exe = add_bin(index, m, base_name(words[0]));
	t = task_alloc(base_name(words[0]), NULL, &err);
	if (!t) {
		task_print_cannot_start(base_name(words[0]), err);
		return;
	}
	t->module = (int)index;
	t->exe_ino = exe;
	vfs_hold(exe);
	programs[nprograms++] = t;
	if (!m->data)
		kprintf("task %u (%s): module %u does not lie in the kernel's map\n", t->pid,
		        t->name, index);
	task_exec(t, &src, words[0], argc, words, envc, envp);
}

void userprog_start(void)
{
	struct boot_module m;

	file_set_user_ports(1);
	envp = kalloc();
	envc = envp ? read_env(envp) : 0;
	if (envc < 0)
		envc = 0;
	initrd_unpack(); /* before the programs: /bin/NAME of theirs wins */
	for (uint32_t i = 0; bootinfo_module(i, &m); i++)
		if (is_program(&m))
			start_one(i, &m);
	if (!programs_given() && initrd_present()) {
		struct task *init = initproc_start(envc, envp);

		if (init)
			programs[nprograms++] = init;
	}
}

/* The exit port's value for t's end (abi.h section 5). */
static uint32_t result_of(const struct task *t)
{
	switch (t->end) {
	case TASK_END_EXIT:
		return LDE_EXIT_PROGRAM(LDE_EXIT_EXITED, 0, t->exit_status);
	case TASK_END_KILLED:
	case TASK_END_SIGNAL:
		return LDE_EXIT_PROGRAM(LDE_EXIT_SIGNALED, t->signal, t->exit_status);
	default:
		return LDE_EXIT_PROGRAM(LDE_EXIT_REFUSED, 0, 126);
	}
}

noreturn void userprog_finish(void)
{
	uint32_t result = LDE_EXIT_PROGRAM(LDE_EXIT_EXITED, 0, 0);
	bool decided = false;

	for (unsigned i = 0; i < nprograms; i++) {
		const struct task *t = programs[i];

		kprintf("program %u: %s: status %d\n", i + 1, t->path ? t->path : t->name,
		        t->exit_status);
		if (!decided && t->exit_status) {
			result = result_of(t);
			decided = true;
		}
	}
	if (!nprograms)
		result = LDE_EXIT_PROGRAM(LDE_EXIT_REFUSED, 0, 126);
	kprintf("lde: %u program%s ended; uptime %lu ticks at %d Hz; exit status %u\n", nprograms,
	        nprograms == 1 ? "" : "s", timer_ticks(), timer_hz(),
	        LDE_EXIT_PROGRAM_STATUS(result));
	guest_exit(result);
}
