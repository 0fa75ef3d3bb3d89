/* SPDX-License-Identifier: MIT */
/*
 * The system calls themselves, Linux's numbers (uapi/lde_sys.h): each gets
 * the caller's trap frame (arguments in rdi, rsi, rdx, r10, r8, r9) and
 * returns the result for rax, -errno on failure.  syscall.c's table maps
 * numbers to them.
 */
#ifndef LDE_GUEST_SYSCALLS_H
#define LDE_GUEST_SYSCALLS_H

#include <stdint.h>

#include "trap.h"

typedef int64_t (*syscall_fn)(struct trap_frame *f);

/* sys_fs.c: files */
int64_t sys_read(struct trap_frame *f);
int64_t sys_write(struct trap_frame *f);
int64_t sys_readv(struct trap_frame *f);
int64_t sys_writev(struct trap_frame *f);
int64_t sys_close(struct trap_frame *f);
int64_t sys_ioctl(struct trap_frame *f);
int64_t sys_fcntl(struct trap_frame *f);
int64_t sys_dup(struct trap_frame *f);
int64_t sys_dup2(struct trap_frame *f);
int64_t sys_dup3(struct trap_frame *f);

/* sys_file.c: open files of the file system */
int64_t sys_open(struct trap_frame *f);
int64_t sys_openat(struct trap_frame *f);
int64_t sys_creat(struct trap_frame *f);
int64_t sys_lseek(struct trap_frame *f);
int64_t sys_pread64(struct trap_frame *f);
int64_t sys_pwrite64(struct trap_frame *f);
int64_t sys_ftruncate(struct trap_frame *f);
int64_t sys_fsync(struct trap_frame *f);
int64_t sys_getdents64(struct trap_frame *f);

/* sys_stat.c */
int64_t sys_stat(struct trap_frame *f);
int64_t sys_fstat(struct trap_frame *f);
int64_t sys_lstat(struct trap_frame *f);
int64_t sys_newfstatat(struct trap_frame *f);
int64_t sys_statx(struct trap_frame *f);

/* sys_path.c: paths */
int64_t sys_chdir(struct trap_frame *f);
int64_t sys_fchdir(struct trap_frame *f);
int64_t sys_getcwd(struct trap_frame *f);
int64_t sys_mkdir(struct trap_frame *f);
int64_t sys_mkdirat(struct trap_frame *f);
int64_t sys_rmdir(struct trap_frame *f);
int64_t sys_unlink(struct trap_frame *f);
int64_t sys_unlinkat(struct trap_frame *f);
int64_t sys_rename(struct trap_frame *f);
int64_t sys_renameat(struct trap_frame *f);
int64_t sys_renameat2(struct trap_frame *f);
int64_t sys_symlink(struct trap_frame *f);
int64_t sys_symlinkat(struct trap_frame *f);
int64_t sys_readlink(struct trap_frame *f);
int64_t sys_readlinkat(struct trap_frame *f);
int64_t sys_access(struct trap_frame *f);
int64_t sys_faccessat(struct trap_frame *f);
int64_t sys_faccessat2(struct trap_frame *f);
int64_t sys_truncate(struct trap_frame *f);
int64_t sys_chmod(struct trap_frame *f);
int64_t sys_fchmod(struct trap_frame *f);
int64_t sys_fchmodat(struct trap_frame *f);
int64_t sys_umask(struct trap_frame *f);
int64_t sys_utimensat(struct trap_frame *f);
int64_t sys_chown(struct trap_frame *f);
int64_t sys_fchown(struct trap_frame *f);
int64_t sys_lchown(struct trap_frame *f);
int64_t sys_fchownat(struct trap_frame *f);
int64_t sys_sync(struct trap_frame *f);

/* sys_mem.c: the address space */
int64_t sys_brk(struct trap_frame *f);
int64_t sys_mmap(struct trap_frame *f);
int64_t sys_munmap(struct trap_frame *f);
int64_t sys_mprotect(struct trap_frame *f);
int64_t sys_madvise(struct trap_frame *f);

/* sys_proc.c: the task, signals, identity */
int64_t sys_exit(struct trap_frame *f);
int64_t sys_getpid(struct trap_frame *f);
int64_t sys_getppid(struct trap_frame *f);
int64_t sys_getpgid(struct trap_frame *f);
int64_t sys_getpgrp(struct trap_frame *f);
int64_t sys_getsid(struct trap_frame *f);
int64_t sys_setpgid(struct trap_frame *f);
int64_t sys_setsid(struct trap_frame *f);
int64_t sys_getuid(struct trap_frame *f);
int64_t sys_uname(struct trap_frame *f);
int64_t sys_arch_prctl(struct trap_frame *f);
int64_t sys_set_tid_address(struct trap_frame *f);
int64_t sys_set_robust_list(struct trap_frame *f);
int64_t sys_prlimit64(struct trap_frame *f);
int64_t sys_getrlimit(struct trap_frame *f);
int64_t sys_rt_sigaction(struct trap_frame *f);
int64_t sys_rt_sigprocmask(struct trap_frame *f);
int64_t sys_sigaltstack(struct trap_frame *f);
/* pipe.c, poll.c */
int64_t sys_pipe(struct trap_frame *f);
int64_t sys_pipe2(struct trap_frame *f);
int64_t sys_poll(struct trap_frame *f);
int64_t sys_ppoll(struct trap_frame *f);

/* fork.c, wait.c, execve.c: processes */
int64_t sys_execve(struct trap_frame *f);
int64_t sys_fork(struct trap_frame *f);
int64_t sys_vfork(struct trap_frame *f);
int64_t sys_clone(struct trap_frame *f);
int64_t sys_wait4(struct trap_frame *f);
int64_t sys_waitid(struct trap_frame *f);

/* signal.c */
int64_t sys_kill(struct trap_frame *f);
int64_t sys_pause(struct trap_frame *f);
int64_t sys_rt_sigreturn(struct trap_frame *f);
int64_t sys_rt_sigsuspend(struct trap_frame *f);
int64_t sys_tkill(struct trap_frame *f);
int64_t sys_tgkill(struct trap_frame *f);
int64_t sys_getrandom(struct trap_frame *f);
int64_t sys_lde_taskinfo(struct trap_frame *f);
int64_t sys_lde_uptime(struct trap_frame *f);

/* sys_time.c: clocks and sleeping */
int64_t sys_clock_gettime(struct trap_frame *f);
int64_t sys_clock_getres(struct trap_frame *f);
int64_t sys_gettimeofday(struct trap_frame *f);
int64_t sys_time(struct trap_frame *f);
int64_t sys_nanosleep(struct trap_frame *f);
int64_t sys_clock_nanosleep(struct trap_frame *f);
int64_t sys_sched_yield(struct trap_frame *f);

#endif
