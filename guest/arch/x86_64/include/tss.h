/* SPDX-License-Identifier: MIT */
/*
 * The task-state segment.  In 64-bit mode it switches no tasks; it only
 * tells the CPU which stack to use when a trap raises the privilege level
 * (rsp0) and which stacks some vectors always get (the IST).
 */
#ifndef LDE_GUEST_TSS_H
#define LDE_GUEST_TSS_H

#include <stdint.h>

/* Sets up the TSS and its IST stacks, installs it in the GDT, loads TR. */
void tss_init(void);

/*
 * The stack traps from ring 3 (and the syscall instruction) will use:
 * the top of the next task's kernel stack.
 */
void tss_set_rsp0(uint64_t rsp0);

#endif
