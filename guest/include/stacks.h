/* SPDX-License-Identifier: MIT */
/*
 * Kernel stacks: one per task slot, plus the IST stacks.  They live in
 * .kstacks, a NOLOAD section after .bss (kernel.ld): loaders provide it as
 * memory, and head.S does not clear it, since a stack needs no zeroing and
 * on PVM clearing 150 KiB in ring 0 would cost about 10 ms.
 */
#ifndef LDE_GUEST_STACKS_H
#define LDE_GUEST_STACKS_H

#include <stdint.h>

#define KSTACK_SIZE 8192
#define IST_STACK_SIZE 4096

typedef char kstack_t[KSTACK_SIZE] __attribute__((aligned(16)));
typedef char ist_stack_t[IST_STACK_SIZE] __attribute__((aligned(16)));

extern kstack_t task_stacks[CONFIG_MAX_TASKS];
extern ist_stack_t ist_stacks[3];

/* The initial RSP of a stack: one past its last byte (16-byte aligned). */
#define stack_top(s) ((uint64_t)(uintptr_t)(s) + sizeof(s))

#endif
