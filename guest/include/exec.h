/* SPDX-License-Identifier: MIT */
/*
 * execve (execve.c): the current task's program is replaced by another,
 * found by path; the caller keeps its process id, parent, open files
 * (less the close-on-exec ones) and signal mask.
 */
#ifndef LDE_GUEST_EXEC_H
#define LDE_GUEST_EXEC_H

#include <stdint.h>

/* A program file execve can run: its bytes, where they came from. */
struct exec_file {
	const void *image;
	uint64_t size;
	int module;       /* the PVH module holding it, or -1 */
	const char *path; /* its own path (/proc/self/exe: the program's) */
};

#endif
