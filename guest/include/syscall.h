/* SPDX-License-Identifier: MIT */
/*
 * System calls.  Four ways in (SYS_MECH_* in uapi/lde_sys.h): the
 * `syscall` instruction and `int $0x80`, each either natively or, on PVM,
 * completed by trap-and-emulate (syscall_trap.c).  All four end in
 * syscall_dispatch() and the one table in syscall.c.
 */
#ifndef LDE_GUEST_SYSCALL_H
#define LDE_GUEST_SYSCALL_H

#include <stdbool.h>

#include "trap.h"

/*
 * Runs system call f->rax for the current task with the arguments in the
 * frame's registers, stores the result in f->rax and records that it came
 * in through `mech`.
 */
void syscall_dispatch(struct trap_frame *f, unsigned mech);

/* --- syscall_trap.c: the arrival paths */

/* The RFLAGS a task returns with: its own arithmetic flags, IF on. */
uint64_t user_rflags(uint64_t rflags);

/* Sets EFER.SCE, STAR, LSTAR, FMASK and the GS bases. */
void syscall_arch_init(void);

/* `int $0x80` through its DPL-3 gate (trap.c). */
void syscall_from_int80(struct trap_frame *f);

/*
 * A #GP or #UD from ring 3 that is really a system call PVM could not
 * deliver: completes it and returns true; false for a genuine fault.
 */
bool syscall_emulate(struct trap_frame *f);

/* The instruction `syscall` jumps to (syscall_entry.S). */
extern char syscall_entry[];

#endif
