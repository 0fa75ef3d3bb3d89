/* SPDX-License-Identifier: MIT */
/* The architecture's boot-time setup (arch/x86_64/setup.c). */
#ifndef LDE_GUEST_ARCH_H
#define LDE_GUEST_ARCH_H

/*
 * The "trap table" phase of limited direct execution: everything the CPU
 * must know before the kernel lets a user program run: where traps go
 * (TSS, IDT), where `syscall` goes (MSRs), and a timer that guarantees the
 * kernel gets the CPU back.  Interrupts stay off.
 */
void arch_setup(void);

#endif
