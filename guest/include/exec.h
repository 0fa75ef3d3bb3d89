/* SPDX-License-Identifier: MIT */
/*
 * execve (execve.c): the current task's program is replaced by another,
 * found by path; the caller keeps its process id, parent, open files
 * (less the close-on-exec ones) and signal mask.
 */
#ifndef LDE_GUEST_EXEC_H
#define LDE_GUEST_EXEC_H

#include <stdint.h>

#include "elf.h"

struct inode;

/* A program file execve can run: its bytes, where they came from. */
struct exec_file {
	struct elf_src src; /* its bytes (src.size of them) */
	int module;         /* the PVH module holding them, or -1 */
	const char *path;   /* its own path (/proc/self/exe: the program's) */
	struct inode *ino;  /* the file in the file system (vfs.h) */
};

#endif
