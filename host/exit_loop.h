/* SPDX-License-Identifier: MIT */
/* The vCPU run loop: KVM_RUN, then the handler for the exit reason. */
#ifndef LDE_EXIT_LOOP_H
#define LDE_EXIT_LOOP_H

struct vm;

/* Run vCPU 0 until vm->end is set.  Every exit is counted and traced. */
void exit_loop_run(struct vm *vm);

#endif
