/* SPDX-License-Identifier: MIT */
/* Pipes (pipe.c): two open files, a read end and a write end, around a ring. */
#ifndef LDE_GUEST_PIPE_H
#define LDE_GUEST_PIPE_H

#include <stdint.h>

#include "file.h"

/* A new pipe: its two ends (no references yet), flags O_NONBLOCK or 0; 0 or -ENOMEM. */
int pipe_create(struct file **read_end, struct file **write_end, uint32_t flags);

#endif
