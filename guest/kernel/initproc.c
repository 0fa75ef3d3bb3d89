// SPDX-License-Identifier: MIT
/* Process 1 from the root file system (see initproc.h). */
#include "initproc.h"

#include <lde/abi.h>

#include "uapi/lde_sys.h"

#include "elf.h"
#include "exec.h"
#include "exit.h"
#include "initrd.h"
#include "kalloc.h"
#include "printf.h"
#include "programs.h"
#include "string.h"
#include "task.h"
#include "vfs.h"

#define WORDS_MAX 256 /* --init's words, in one page with runinit's argv[0] */
#define RUNINIT "runinit"

/* The programs Linux tries when no init= is given, in its order. */
static const char *const defaults[] = { "/init", "/bin/sh" };

static noreturn void refuse(int status)
{
	kprintf("initrd: no process was started; exit status %d\n", status);
	guest_exit(LDE_EXIT_PROGRAM(LDE_EXIT_INITRD_REFUSED, 0, status));
}

/* The status for a path the file system will not execute: 127 if it is not there. */
static int status_of(int err)
{
	return err == -ENOENT || err == -ENOTDIR ? LDE_VMM_NOT_FOUND : LDE_VMM_CANNOT_RUN;
}

static const char *why(int err)
{
	switch (-err) {
	case ENOENT:
		return "no such file";
	case ENOTDIR:
		return "a directory of its path is not a directory";
	case EACCES:
		return "not an executable regular file";
	case ELOOP:
		return "too many symbolic links";
	}
	return "cannot be executed";
}

/* The first default the file system can execute, or the end of the run. */
static const char *choose_default(void)
{
	struct exec_file f;

	for (size_t i = 0; i < ARRAY_SIZE(defaults); i++) {
		int err = vfs_exec_lookup(defaults[i], &f);

		if (!err)
			return defaults[i];
		if (err != -ENOENT)
			kprintf("initrd: %s: %s (error %d)\n", defaults[i], why(err), -err);
	}
	kprintf("initrd: no /init and no /bin/sh; give --init PATH\n");
	refuse(LDE_VMM_NOT_FOUND);
}

/* words[1..]: the program and its arguments; their count. */
static int choose(char **words)
{
	struct exec_file f;
	int argc = initrd_init_argv(words + 1, WORDS_MAX - 1), err;

	if (argc < 0) {
		kprintf("initrd: the first process's argv is malformed or too long\n");
		refuse(LDE_VMM_CANNOT_RUN);
	}
	if (argc == 0) {
		words[1] = (char *)choose_default();
		kprintf("initrd: process 1 runs %s (no --init given)\n", words[1]);
		return 1;
	}
	err = vfs_exec_lookup(words[1], &f);
	if (err) {
		kprintf("initrd: --init %s: %s (error %d)\n", words[1], why(err), -err);
		refuse(status_of(err));
	}
	kprintf("initrd: process 1 runs %s (named by --init or argv=)\n", words[1]);
	return argc;
}

struct task *initproc_start(int envc, char *const envp[])
{
	const struct program *prog = program_find(RUNINIT, sizeof(RUNINIT) - 1);
	char **words = kalloc();
	struct elf_src src;
	struct task *t;
	int argc, err;

	if (!words || !prog) {
		kprintf("initrd: cannot start process 1: %s\n",
		        words ? "no built-in " RUNINIT : "out of memory");
		return NULL;
	}
	argc = choose(words);
	words[0] = "init";
	t = task_alloc("init", NULL, &err);
	if (!t) {
		task_print_cannot_start("init", err);
		return NULL;
	}
	src = elf_src_flat(prog->image, prog->size);
	task_exec(t, &src, RUNINIT, argc + 1, words, envc, envp);
	kfree(words); /* on its stack now */
	return t;
}
