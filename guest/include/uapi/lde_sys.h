/* SPDX-License-Identifier: MIT */
/*
 * The lde system-call ABI: Linux's x86-64 one (numbers, registers, errno
 * values), plus a few lde extensions outside Linux's number range.  The
 * kernel includes it as "uapi/lde_sys.h", the built-in programs as
 * <lde_sys.h> (guest/user/include/lde.h); assembly may include it too.
 * docs/guest-kernel.md explains it in prose and lists what each call does.
 *
 * Trap instructions: `syscall`, as on Linux, or `int $0x80`, which on lde
 * is a second way into the same 64-bit calls (on Linux it is the 32-bit
 * compatibility ABI, with other numbers and registers):
 *   rax = number (SYS_*); arguments in rdi, rsi, rdx, r10, r8, r9;
 *   result in rax: >= 0 on success, -E* (below) on failure.
 *   `syscall` clobbers rcx (return RIP) and r11 (RFLAGS), as the CPU
 *   defines it; `int $0x80` preserves every register but rax.
 * Any number not listed here returns -ENOSYS.
 */
#ifndef LDE_SYS_H
#define LDE_SYS_H

/* ------------------------------------- system-call numbers (Linux x86-64) */
#define SYS_read 0              /* (fd, buf, count) */
#define SYS_write 1             /* (fd, buf, count) */
#define SYS_open 2              /* (path, flags, mode) */
#define SYS_close 3             /* (fd) */
#define SYS_stat 4              /* (path, statbuf) */
#define SYS_fstat 5             /* (fd, statbuf) */
#define SYS_lstat 6             /* (path, statbuf) */
#define SYS_poll 7              /* (fds, nfds, timeout_ms) */
#define SYS_lseek 8             /* (fd, offset, whence) */
#define SYS_mmap 9              /* (addr, len, prot, flags, fd, off) */
#define SYS_mprotect 10         /* (addr, len, prot) */
#define SYS_munmap 11           /* (addr, len) */
#define SYS_brk 12              /* (addr) */
#define SYS_rt_sigaction 13     /* (sig, act, oact, sigsetsize) */
#define SYS_rt_sigprocmask 14   /* (how, set, oset, sigsetsize) */
#define SYS_rt_sigreturn 15     /* () */
#define SYS_ioctl 16            /* (fd, cmd, arg) */
#define SYS_pread64 17          /* (fd, buf, count, offset) */
#define SYS_pwrite64 18         /* (fd, buf, count, offset) */
#define SYS_readv 19            /* (fd, iov, iovcnt) */
#define SYS_writev 20           /* (fd, iov, iovcnt) */
#define SYS_access 21           /* (path, mode) */
#define SYS_pipe 22             /* (fds[2]) */
#define SYS_sched_yield 24      /* () */
#define SYS_madvise 28          /* (addr, len, advice) */
#define SYS_dup 32              /* (fd) */
#define SYS_dup2 33             /* (oldfd, newfd) */
#define SYS_pause 34            /* () */
#define SYS_nanosleep 35        /* (req, rem) */
#define SYS_getpid 39           /* () */
#define SYS_clone 56            /* (flags, newsp, parent_tid, child_tid, tls) */
#define SYS_fork 57             /* () */
#define SYS_vfork 58            /* () */
#define SYS_execve 59           /* (path, argv, envp) */
#define SYS_exit 60             /* (status) */
#define SYS_wait4 61            /* (pid, wstatus, options, rusage) */
#define SYS_kill 62             /* (pid, sig) */
#define SYS_uname 63            /* (buf) */
#define SYS_fcntl 72            /* (fd, cmd, arg) */
#define SYS_fsync 74            /* (fd) */
#define SYS_fdatasync 75        /* (fd) */
#define SYS_truncate 76         /* (path, length) */
#define SYS_ftruncate 77        /* (fd, length) */
#define SYS_getcwd 79           /* (buf, size) */
#define SYS_chdir 80            /* (path) */
#define SYS_fchdir 81           /* (fd) */
#define SYS_rename 82           /* (old, new) */
#define SYS_mkdir 83            /* (path, mode) */
#define SYS_rmdir 84            /* (path) */
#define SYS_creat 85            /* (path, mode) */
#define SYS_unlink 87           /* (path) */
#define SYS_symlink 88          /* (target, linkpath) */
#define SYS_readlink 89         /* (path, buf, size) */
#define SYS_chmod 90            /* (path, mode) */
#define SYS_fchmod 91           /* (fd, mode) */
#define SYS_chown 92            /* (path, uid, gid) */
#define SYS_fchown 93           /* (fd, uid, gid) */
#define SYS_lchown 94           /* (path, uid, gid) */
#define SYS_umask 95            /* (mask) */
#define SYS_gettimeofday 96     /* (tv, tz) */
#define SYS_getrlimit 97        /* (resource, rlim) */
#define SYS_getuid 102          /* () */
#define SYS_getgid 104          /* () */
#define SYS_geteuid 107         /* () */
#define SYS_getegid 108         /* () */
#define SYS_setpgid 109         /* (pid, pgid) */
#define SYS_getppid 110         /* () */
#define SYS_getpgrp 111         /* () */
#define SYS_setsid 112          /* () */
#define SYS_getpgid 121         /* (pid) */
#define SYS_getsid 124          /* (pid) */
#define SYS_rt_sigsuspend 130   /* (mask, sigsetsize) */
#define SYS_sigaltstack 131     /* (ss, old_ss) */
#define SYS_arch_prctl 158      /* (code, addr) */
#define SYS_sync 162            /* () */
#define SYS_gettid 186          /* () */
#define SYS_tkill 200           /* (tid, sig) */
#define SYS_time 201            /* (tloc) */
#define SYS_getdents64 217      /* (fd, dirp, count) */
#define SYS_set_tid_address 218 /* (tidptr) */
#define SYS_clock_gettime 228   /* (clock, tp) */
#define SYS_clock_getres 229    /* (clock, res) */
#define SYS_clock_nanosleep 230 /* (clock, flags, req, rem) */
#define SYS_exit_group 231      /* (status) */
#define SYS_tgkill 234          /* (tgid, tid, sig) */
#define SYS_waitid 247          /* (idtype, id, infop, options, rusage) */
#define SYS_openat 257          /* (dirfd, path, flags, mode) */
#define SYS_mkdirat 258         /* (dirfd, path, mode) */
#define SYS_fchownat 260        /* (dirfd, path, uid, gid, flags) */
#define SYS_newfstatat 262      /* (dirfd, path, statbuf, flags) */
#define SYS_unlinkat 263        /* (dirfd, path, flags) */
#define SYS_renameat 264        /* (olddirfd, old, newdirfd, new) */
#define SYS_symlinkat 266       /* (target, newdirfd, linkpath) */
#define SYS_readlinkat 267      /* (dirfd, path, buf, size) */
#define SYS_fchmodat 268        /* (dirfd, path, mode) */
#define SYS_faccessat 269       /* (dirfd, path, mode) */
#define SYS_set_robust_list 273 /* (head, len) */
#define SYS_ppoll 271           /* (fds, nfds, timeout, sigmask, sigsetsize) */
#define SYS_utimensat 280       /* (dirfd, path, times, flags) */
#define SYS_dup3 292            /* (oldfd, newfd, flags) */
#define SYS_pipe2 293           /* (fds[2], flags) */
#define SYS_prlimit64 302       /* (pid, resource, new, old) */
#define SYS_renameat2 316       /* (olddirfd, old, newdirfd, new, flags) */
#define SYS_getrandom 318       /* (buf, count, flags) */
#define SYS_statx 332           /* (dirfd, path, flags, mask, statxbuf) */
#define SYS_faccessat2 439      /* (dirfd, path, mode, flags) */
#define SYS_LINUX_MAX 512       /* Linux's 64-bit numbers stay below this */

/*
 * lde extensions, outside Linux's range (and below its x32 bit, 1 << 30):
 * what the built-in demos need that Linux has no call for.
 */
#define LDE_SYS_BASE 0x10000
#define LDE_SYS_taskinfo (LDE_SYS_BASE + 0) /* (struct lde_taskinfo *out): 0 */
#define LDE_SYS_uptime (LDE_SYS_BASE + 1)   /* (): timer ticks since boot */
#define LDE_SYS_COUNT 2

/* ------------------------------------------- errors (Linux's values, negated) */
#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define ENXIO 6
#define E2BIG 7
#define ENOEXEC 8
#define EBADF 9
#define ECHILD 10
#define EAGAIN 11
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define EXDEV 18
#define ENODEV 19
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define ENOTTY 25
#define EFBIG 27
#define ENOSPC 28
#define ESPIPE 29
#define EROFS 30
#define EMFILE 24
#define ERANGE 34
#define ENAMETOOLONG 36
#define EPIPE 32
#define ENOSYS 38
#define ENOTEMPTY 39
#define ELOOP 40
#define EOVERFLOW 75

/* --------------------------------------------- constants of the calls */
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_GROWSDOWN 0x100
#define MAP_DENYWRITE 0x800
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000
#define MAP_STACK 0x20000
#define MAP_FIXED_NOREPLACE 0x100000
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define TIMER_ABSTIME 1
#define TCGETS 0x5401
#define TIOCGWINSZ 0x5413
#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_ACCMODE 3
#define O_CREAT 0100
#define O_EXCL 0200
#define O_NOCTTY 0400
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define O_LARGEFILE 0100000
#define O_DIRECTORY 0200000
#define O_NOFOLLOW 0400000
#define O_CLOEXEC 02000000
#define O_PATH 010000000
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4
/* File types and permissions (st_mode), as Linux has them. */
#define S_IFMT 0170000
#define S_IFSOCK 0140000
#define S_IFLNK 0120000
#define S_IFREG 0100000
#define S_IFBLK 0060000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFIFO 0010000
#define S_IALLUGO 07777 /* permissions, setuid, setgid, sticky */
#define S_ISDIR(m) (((m)&S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m)&S_IFMT) == S_IFREG)
#define S_ISLNK(m) (((m)&S_IFMT) == S_IFLNK)
#define POLLIN 0x1
#define POLLPRI 0x2
#define POLLOUT 0x4
#define POLLERR 0x8
#define POLLHUP 0x10
#define POLLNVAL 0x20
#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR 0x200
#define AT_EACCESS 0x200
#define AT_SYMLINK_FOLLOW 0x400
#define AT_NO_AUTOMOUNT 0x800
#define AT_EMPTY_PATH 0x1000
#define AT_STATX_SYNC_TYPE 0x6000
#define UTIME_NOW ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)
#define RLIMIT_STACK 3
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGSEGV 11
#define SIGUSR1 10
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGWINCH 28

/* siginfo_t's si_code: who sent the signal (Linux's numbers). */
#define SI_USER 0      /* kill() */
#define SI_TKILL -6    /* tkill(), tgkill() */
#define SI_KERNEL 0x80 /* the kernel: a terminal's ^C */
#define CLD_EXITED 1   /* SIGCHLD: the child called exit; si_status its code */
#define CLD_KILLED 2   /* SIGCHLD: a signal ended the child; si_status the signal */

/*
 * The console's terminal ioctls and struct termios as Linux x86-64 has
 * them (the kernel's struct termios: TCGETS/TCSETS, not glibc's).
 */
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TCSBRK 0x5409
#define TCXONC 0x540A
#define TCFLSH 0x540B
#define TIOCSCTTY 0x540E
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCSWINSZ 0x5414
#define FIONREAD 0x541B
#define TIOCNOTTY 0x5422
#define TIOCGSID 0x5429

#define NCCS 19
#ifndef __ASSEMBLER__
#include <stdint.h>
struct termios_k {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[NCCS];
};
#endif

/* c_cc[] indices */
#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define VSUSP 10
#define VEOL 11
#define VWERASE 14
#define VLNEXT 15
#define VEOL2 16

/* c_iflag */
#define ISTRIP 0000040
#define INLCR 0000100
#define IGNCR 0000200
#define ICRNL 0000400
#define IXON 0002000
#define IUTF8 0040000
/* c_oflag */
#define OPOST 0000001
#define ONLCR 0000004
/* c_cflag */
#define B38400 0000017
#define CS8 0000060
#define CREAD 0000200
#define HUPCL 0002000
/* c_lflag */
#define ISIG 0000001
#define ICANON 0000002
#define ECHO 0000010
#define ECHOE 0000020
#define ECHOK 0000040
#define ECHONL 0000100
#define NOFLSH 0000200
#define ECHOCTL 0001000
#define ECHOKE 0004000
#define IEXTEN 0100000

/* TCFLSH's argument */
#define TCIFLUSH 0
#define TCIOFLUSH 2

/* Auxiliary-vector types (System V x86-64 ABI, Linux's numbers). */
#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_BASE 7
#define AT_FLAGS 8
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_PLATFORM 15
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_HWCAP2 26
#define AT_EXECFN 31
/* lde: 1 if the kernel prefers `int $0x80` (syscall=int80 on its command line) */
#define AT_LDE_INT80 0x4c00

/*
 * How a system call reached the kernel.  The same numbers as LDE_MECH_* in
 * include/lde/abi.h (the vmm's trace ring); 0 means "none".
 */
#define SYS_MECH_SYSCALL 1          /* `syscall`: arrived at LSTAR in ring 0 */
#define SYS_MECH_SYSCALL_EMULATED 2 /* `syscall`: completed from #PF/#GP (PVM) */
#define SYS_MECH_INT80 3            /* `int $0x80` through its IDT gate */
#define SYS_MECH_INT80_EMULATED 4   /* `int $0x80`: completed from #UD (PVM) */
#define SYS_MECHS 5                 /* array size; index 0 is unused */

/* ------------------------------------------------- program entry state */
/*
 * A program starts at its ELF entry point in ring 3, as on Linux (System V
 * x86-64 ABI, "Process Initialization"): rsp 16-byte aligned, pointing at
 * argc, then argv[0..argc), NULL, envp[], NULL, the auxiliary vector
 * (AT_* pairs up to AT_NULL), then the strings; every general register 0,
 * RFLAGS.IF = 1, a clean FPU state (x87 control word 0x37f, MXCSR 0x1f80).
 */

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
#define LDE_STACK_MAX 0x800000           /* 8 MiB: the stack grows on demand */
#define LDE_PIE_BASE 0x555555554000      /* where an ET_DYN program is loaded */
#define LDE_MMAP_TOP 0x7f0000000000      /* mmap() hands out memory below this */
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
