/* SPDX-License-Identifier: MIT */
/* Register and segment dump of a crashed or stuck guest (KVM_GET_REGS/SREGS). */
#ifndef LDE_DUMP_H
#define LDE_DUMP_H

struct vm;

/*
 * Print vm->crash_reason and the vCPU state on stderr and write them to the
 * trace as a "crash" record.
 */
void dump_crash(struct vm *vm);

/*
 * The --timeout watchdog fired: print WHERE the vCPU thread was then and
 * the vCPU state on stderr, and write them to the trace as a "timeout"
 * record.
 */
void dump_timeout(struct vm *vm, const char *where);

#endif
