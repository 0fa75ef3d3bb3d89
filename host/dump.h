/* SPDX-License-Identifier: MIT */
/* Register and segment dump of a crashed guest (KVM_GET_REGS/SREGS). */
#ifndef LDE_DUMP_H
#define LDE_DUMP_H

struct vm;

/*
 * Print vm->crash_reason and the vCPU state on stderr and write them to the
 * trace as a "crash" record.
 */
void dump_crash(struct vm *vm);

#endif
