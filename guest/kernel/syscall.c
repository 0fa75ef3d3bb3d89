// SPDX-License-Identifier: MIT
/*
 * The system-call table: Linux x86-64 numbers (uapi/lde_sys.h) to the
 * calls (syscalls.h), and the lde extensions above LDE_SYS_BASE.  Every
 * other number returns -ENOSYS; the trace records the number, and the
 * console says so once per number and task, so a user sees exactly what
 * their program asked for.  Every pointer from ring 3 goes through
 * uaccess.c before the kernel touches what it points at.
 */
#include "uapi/lde_sys.h"

#include "printf.h"
#include "sched.h"
#include "signal.h"
#include "syscall.h"
#include "syscalls.h"
#include "task.h"
#include "trace_records.h"

static const syscall_fn table[SYS_LINUX_MAX] = {
	[SYS_read] = sys_read,
	[SYS_write] = sys_write,
	[SYS_open] = sys_open,
	[SYS_close] = sys_close,
	[SYS_stat] = sys_stat,
	[SYS_fstat] = sys_fstat,
	[SYS_lstat] = sys_lstat,
	[SYS_poll] = sys_poll,
	[SYS_lseek] = sys_lseek,
	[SYS_mmap] = sys_mmap,
	[SYS_mprotect] = sys_mprotect,
	[SYS_munmap] = sys_munmap,
	[SYS_brk] = sys_brk,
	[SYS_rt_sigaction] = sys_rt_sigaction,
	[SYS_rt_sigprocmask] = sys_rt_sigprocmask,
	[SYS_rt_sigreturn] = sys_rt_sigreturn,
	[SYS_ioctl] = sys_ioctl,
	[SYS_pread64] = sys_pread64,
	[SYS_pwrite64] = sys_pwrite64,
	[SYS_readv] = sys_readv,
	[SYS_writev] = sys_writev,
	[SYS_access] = sys_access,
	[SYS_pipe] = sys_pipe,
	[SYS_sched_yield] = sys_sched_yield,
	[SYS_madvise] = sys_madvise,
	[SYS_dup] = sys_dup,
	[SYS_dup2] = sys_dup2,
	[SYS_pause] = sys_pause,
	[SYS_nanosleep] = sys_nanosleep,
	[SYS_getpid] = sys_getpid,
	[SYS_clone] = sys_clone,
	[SYS_fork] = sys_fork,
	[SYS_vfork] = sys_vfork,
	[SYS_execve] = sys_execve,
	[SYS_exit] = sys_exit,
	[SYS_wait4] = sys_wait4,
	[SYS_kill] = sys_kill,
	[SYS_uname] = sys_uname,
	[SYS_fcntl] = sys_fcntl,
	[SYS_fsync] = sys_fsync,
	[SYS_fdatasync] = sys_fsync,
	[SYS_truncate] = sys_truncate,
	[SYS_ftruncate] = sys_ftruncate,
	[SYS_getcwd] = sys_getcwd,
	[SYS_chdir] = sys_chdir,
	[SYS_fchdir] = sys_fchdir,
	[SYS_rename] = sys_rename,
	[SYS_mkdir] = sys_mkdir,
	[SYS_rmdir] = sys_rmdir,
	[SYS_creat] = sys_creat,
	[SYS_unlink] = sys_unlink,
	[SYS_symlink] = sys_symlink,
	[SYS_readlink] = sys_readlink,
	[SYS_chmod] = sys_chmod,
	[SYS_fchmod] = sys_fchmod,
	[SYS_chown] = sys_chown,
	[SYS_fchown] = sys_fchown,
	[SYS_lchown] = sys_lchown,
	[SYS_umask] = sys_umask,
	[SYS_gettimeofday] = sys_gettimeofday,
	[SYS_getrlimit] = sys_getrlimit,
	[SYS_getuid] = sys_getuid,
	[SYS_getgid] = sys_getuid,
	[SYS_geteuid] = sys_getuid,
	[SYS_getegid] = sys_getuid,
	[SYS_setpgid] = sys_setpgid,
	[SYS_getppid] = sys_getppid,
	[SYS_getpgrp] = sys_getpgrp,
	[SYS_setsid] = sys_setsid,
	[SYS_getpgid] = sys_getpgid,
	[SYS_getsid] = sys_getsid,
	[SYS_rt_sigsuspend] = sys_rt_sigsuspend,
	[SYS_sigaltstack] = sys_sigaltstack,
	[SYS_arch_prctl] = sys_arch_prctl,
	[SYS_sync] = sys_sync,
	[SYS_gettid] = sys_getpid,
	[SYS_tkill] = sys_tkill,
	[SYS_time] = sys_time,
	[SYS_getdents64] = sys_getdents64,
	[SYS_set_tid_address] = sys_set_tid_address,
	[SYS_clock_gettime] = sys_clock_gettime,
	[SYS_clock_getres] = sys_clock_getres,
	[SYS_clock_nanosleep] = sys_clock_nanosleep,
	[SYS_exit_group] = sys_exit,
	[SYS_tgkill] = sys_tgkill,
	[SYS_waitid] = sys_waitid,
	[SYS_openat] = sys_openat,
	[SYS_mkdirat] = sys_mkdirat,
	[SYS_fchownat] = sys_fchownat,
	[SYS_newfstatat] = sys_newfstatat,
	[SYS_unlinkat] = sys_unlinkat,
	[SYS_renameat] = sys_renameat,
	[SYS_symlinkat] = sys_symlinkat,
	[SYS_readlinkat] = sys_readlinkat,
	[SYS_fchmodat] = sys_fchmodat,
	[SYS_faccessat] = sys_faccessat,
	[SYS_ppoll] = sys_ppoll,
	[SYS_set_robust_list] = sys_set_robust_list,
	[SYS_utimensat] = sys_utimensat,
	[SYS_dup3] = sys_dup3,
	[SYS_pipe2] = sys_pipe2,
	[SYS_prlimit64] = sys_prlimit64,
	[SYS_renameat2] = sys_renameat2,
	[SYS_getrandom] = sys_getrandom,
	[SYS_statx] = sys_statx,
	[SYS_faccessat2] = sys_faccessat2,
};

static const syscall_fn lde_table[LDE_SYS_COUNT] = {
	[LDE_SYS_taskinfo - LDE_SYS_BASE] = sys_lde_taskinfo,
	[LDE_SYS_uptime - LDE_SYS_BASE] = sys_lde_uptime,
};

/* The call for nr, or NULL. */
static syscall_fn lookup(uint64_t nr)
{
	if (nr < SYS_LINUX_MAX)
		return table[nr];
	if (nr - LDE_SYS_BASE < LDE_SYS_COUNT)
		return lde_table[nr - LDE_SYS_BASE];
	return NULL;
}

/* -ENOSYS, said on the console the first time a task asks for nr. */
static int64_t not_implemented(uint64_t nr)
{
	bool first = true;

	if (nr < SYS_LINUX_MAX) {
		uint8_t bit = (uint8_t)(1u << (nr % 8));

		first = !(current->enosys_seen[nr / 8] & bit);
		current->enosys_seen[nr / 8] |= bit;
	}
	if (first && current->module >= 0)
		kprintf("task %u (%s): system call %ld not implemented: -ENOSYS\n", current->pid,
		        current->name, (long)nr);
	return -ENOSYS;
}

void syscall_dispatch(struct trap_frame *f, unsigned mech)
{
	uint64_t nr = f->rax, tsc = tp_syscall_arrival();
	syscall_fn fn = lookup(nr);

	current->syscalls[mech]++;
	current->last_mech = mech;
	current->call.f = f; /* exit() never returns: task.c records it at the end */
	current->call.nr = nr;
	current->call.tsc = tsc;
	current->call.mech = mech;
	f->rax = fn ? (uint64_t)fn(f) : (uint64_t)not_implemented(nr);
	current->call.f = NULL;
	tp_syscall(f, nr, tsc, mech, LDE_CALL_RETURNED);
	signal_check(f, nr);
}
