/* SPDX-License-Identifier: MIT */
/*
 * The lde system-call ABI: everything user programs and the guest kernel
 * agree on.  The kernel includes it as "uapi/lde_sys.h", user programs as
 * <lde_sys.h> (guest/user/include/lde.h); assembly may include it too.
 * docs/guest-kernel.md explains it in prose.
 *
 * Trap instructions: `syscall` or `int $0x80`, interchangeably.
 *   rax = number (SYS_*); arguments in rdi, rsi, rdx, r10, r8, r9;
 *   result in rax: >= 0 on success, -E* (below) on failure.
 *   `syscall` clobbers rcx (return RIP) and r11 (RFLAGS), as the CPU
 *   defines it; `int $0x80` preserves every register but rax.
 */
#ifndef LDE_SYS_H
#define LDE_SYS_H

/* ------------------------------------------------ system-call numbers */
#define SYS_exit 0     /* (int status): never returns */
#define SYS_write 1    /* (int fd, const void *buf, size_t len): fd 1 or 2 */
#define SYS_getpid 2   /* (): the task's id */
#define SYS_yield 3    /* (): let other runnable tasks run; returns 0 */
#define SYS_sleep 4    /* (uint64_t ticks): returns 0 after >= ticks ticks */
#define SYS_uptime 5   /* (): timer ticks since boot */
#define SYS_taskinfo 6 /* (struct lde_taskinfo *out): returns 0 */
#define SYS_COUNT 7

/* --------------------------------------- errors (Linux's values, negated) */
#define EBADF 9   /* write: fd is not 1 or 2 */
#define EFAULT 14 /* a pointer/length is outside the task's mapped memory */
#define EINVAL 22 /* an argument is out of range */
#define ENOSYS 38 /* no such system-call number */

/*
 * How a system call reached the kernel.  The same numbers as LDE_MECH_* in
 * include/lde/abi.h (the vmm's trace ring); 0 means "none".
 */
#define SYS_MECH_SYSCALL 1          /* `syscall`: arrived at LSTAR in ring 0 */
#define SYS_MECH_SYSCALL_EMULATED 2 /* `syscall`: completed from #GP (PVM) */
#define SYS_MECH_INT80 3            /* `int $0x80` through its IDT gate */
#define SYS_MECH_INT80_EMULATED 4   /* `int $0x80`: completed from #UD (PVM) */
#define SYS_MECHS 5                 /* array size; index 0 is unused */

/* ------------------------------------------------- program entry state */
/*
 * A program starts at its ELF entry point in ring 3 with
 *   rdi = argc, rsi = argv (argv[argc] == NULL; argv[0] = program name),
 *   rdx = LDE_ENTRY_* flags, rsp 16-byte aligned, RFLAGS.IF = 1,
 *   every other register 0.
 */
#define LDE_ENTRY_INT80 0x1 /* the kernel prefers int $0x80 over syscall */

/* ------------------------------------------------ user address space */
/*
 * Every task's user memory lies in [LDE_USER_BASE, LDE_USER_END): the lower
 * canonical half of the address space, less its first 64 KiB (so address 0
 * and its neighbourhood are never mapped: a NULL pointer always faults)
 * and its last page (as on Linux: `sysret` to the last canonical page is
 * unsafe on Intel CPUs).  The kernel lives in the upper half.  The built-in
 * programs are linked at LDE_PROGRAM_BASE, as Linux's toolchain links a
 * static executable.  Task N's stack ends at LDE_USER_STACK_TOP(N); it is
 * mapped in task N only.
 */
#define LDE_USER_BASE 0x0000000000010000
#define LDE_USER_END 0x00007ffffffff000
#define LDE_PROGRAM_BASE 0x400000
#define LDE_USER_STACK_SPACING 0x1000000 /* 16 MiB between tasks' stacks */
#define LDE_USER_STACK_TOP(pid) (LDE_USER_END - ((pid) + 1) * LDE_USER_STACK_SPACING)

#ifndef __ASSEMBLER__
#include <stdint.h>

/* SYS_taskinfo: the calling task's own accounting. */
struct lde_taskinfo {
	uint32_t pid;
	uint32_t hz;                  /* timer ticks per second */
	uint64_t uptime;              /* ticks since boot */
	uint64_t ticks;               /* ticks that found this task in ring 3 */
	uint64_t preempted;           /* times the timer took the CPU away */
	uint64_t syscalls[SYS_MECHS]; /* per SYS_MECH_*, this call included */
	uint32_t mech;                /* SYS_MECH_* of this very call */
	char name[20];                /* NUL-terminated */
};
#endif

#endif
