/* SPDX-License-Identifier: MIT */
/*
 * FPU/SSE state of user tasks.  The kernel itself never touches it (it is
 * built with -mgeneral-regs-only), so a task's x87/SSE/AVX registers only
 * change hands at a context switch: saved there, the next task's restored
 * (eager switching), with xsave/xrstor (x87, SSE and AVX as XCR0 enables
 * them) wherever it works, else fxsave/fxrstor (x87 and SSE): with
 * fpu=fxsave on the command line, without XSAVE in CPUID, where ring 0 is
 * emulated (PVM's emulator cannot run xsave), and where XCR0 does not hold
 * across a VM exit (QEMU TCG's nested SVM: fpu.c).  The boot line "fpu:"
 * says which, and why.
 */
#ifndef LDE_GUEST_FPU_H
#define LDE_GUEST_FPU_H

#include <stdbool.h>

/* CR0/CR4 for SSE, the mechanism, the clean initial state; prints a line. */
void fpu_init(void);

/* A new task's FPU state: a copy of the clean one.  NULL if out of memory. */
void *fpu_state_new(void);

/* A copy of the current task's state (fork).  NULL if out of memory. */
void *fpu_state_copy(void);

/* The current task's x87/SSE state in fxsave's 512-byte format (a signal frame's). */
void fpu_save_legacy(void *buf);

/* ... and back, from such a buffer (rt_sigreturn); reserved MXCSR bits dropped. */
void fpu_load_legacy(const void *buf);

/* The current task's registers get the clean state (execve, a signal handler). */
void fpu_reset(void);

/* Saves the current task's state into prev (may be NULL: the idle task)
 * and loads next's (NULL: nothing to load). */
void fpu_switch(void *prev, void *next);

/* "xsave" or "fxsave". */
const char *fpu_mechanism(void);

#endif
