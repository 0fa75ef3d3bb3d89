/* SPDX-License-Identifier: MIT */
#include "sandbox.h"

#include <errno.h>
#include <linux/kvm.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "lde/abi.h"
#include "log.h"
#include "term.h"

/* libseccomp's SCMP_A0(SCMP_CMP_EQ, x) leaves the second datum to the
 * compound literal's zero fill, which clang's -Wextra reports. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#define SYSCALL_NAMES 512

/* Names for the SIGSYS handler, resolved before the filter is loaded (the
 * handler may not allocate). */
static const char *names[SYSCALL_NAMES];

/* System calls allowed with any arguments. */
static const int plain[] = {
	/* the trace, the console, the vmm's messages; kvm_stats reads */
	SCMP_SYS(write),
	SCMP_SYS(writev),
	SCMP_SYS(pread64),
	SCMP_SYS(lseek),
	SCMP_SYS(fstat),
	SCMP_SYS(newfstatat),
	SCMP_SYS(close),
	/* memory: malloc and free (PROT_EXEC is refused below) */
	SCMP_SYS(brk),
	SCMP_SYS(munmap),
	SCMP_SYS(mremap),
	SCMP_SYS(madvise),
	/* time, the watchdog thread, signals */
	SCMP_SYS(clock_gettime),
	SCMP_SYS(clock_nanosleep),
	SCMP_SYS(nanosleep),
	SCMP_SYS(futex),
	SCMP_SYS(rt_sigreturn),
	SCMP_SYS(rt_sigprocmask),
	SCMP_SYS(getpid),
	SCMP_SYS(gettid),
	SCMP_SYS(sched_yield),
	SCMP_SYS(exit),
	SCMP_SYS(exit_group),
#ifdef __SANITIZE_ADDRESS__
	/* ASan/UBSan report, and LeakSanitizer's check at exit stops the
	 * other threads (clone, ptrace) and reads /proc/self (openat, read) */
	SCMP_SYS(read),
	SCMP_SYS(open),
	SCMP_SYS(openat),
	SCMP_SYS(getdents),
	SCMP_SYS(getdents64),
	SCMP_SYS(readlink),
	SCMP_SYS(clone),
	SCMP_SYS(clone3),
	SCMP_SYS(ptrace),
	SCMP_SYS(wait4),
	SCMP_SYS(prctl),
	SCMP_SYS(sigaltstack),
	SCMP_SYS(rt_sigaction),
	SCMP_SYS(sched_getaffinity),
	SCMP_SYS(set_robust_list),
	SCMP_SYS(rseq),
	SCMP_SYS(getppid),
	SCMP_SYS(uname),
#endif
};

static void on_sigsys(int sig, siginfo_t *si, void *ctx)
{
	static const char head[] = "vmm: sandbox: system call ";
	static const char tail[] = " is not allowed (seccomp); the vmm stops "
				   "(--no-seccomp turns the sandbox off)\n";
	const char *name = si->si_syscall >= 0 && si->si_syscall < SYSCALL_NAMES &&
	                                   names[si->si_syscall] ?
	                           names[si->si_syscall] :
	                           "(unknown)";
	char nr[16], *p = nr + sizeof(nr);
	unsigned v = (unsigned)si->si_syscall;

	(void)sig;
	(void)ctx;
	*--p = ')';
	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	*--p = '(';
	*--p = ' ';
	if (write(STDERR_FILENO, head, sizeof(head) - 1) < 0 ||
	    write(STDERR_FILENO, name, strlen(name)) < 0 ||
	    write(STDERR_FILENO, p, (size_t)(nr + sizeof(nr) - p)) < 0 ||
	    write(STDERR_FILENO, tail, sizeof(tail) - 1) < 0) {
		/* nothing left to say it with */
	}
	term_restore();
	_exit(LDE_VMM_FAILURE);
}

static int install_handler(void)
{
	struct sigaction sa;

	for (int nr = 0; nr < SYSCALL_NAMES; nr++)
		names[nr] = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	return sigaction(SIGSYS, &sa, NULL);
}

static int add_rules(scmp_filter_ctx ctx, const struct sandbox_fds *fds)
{
	const struct {
		int fd;
		unsigned long req;
	} ioctls[] = {
		{ fds->vcpu_fd, KVM_RUN },
		{ fds->vcpu_fd, KVM_GET_REGS },  /* RIP without sync regs; the dumps */
		{ fds->vcpu_fd, KVM_GET_SREGS }, /* the dumps */
		{ fds->vm_fd, KVM_IRQ_LINE },
	};
	int pid = getpid();
	int r = 0;

	for (size_t i = 0; !r && i < sizeof(plain) / sizeof(plain[0]); i++)
		r = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, plain[i], 0);
	for (size_t i = 0; !r && i < sizeof(ioctls) / sizeof(ioctls[0]); i++)
		if (ioctls[i].fd >= 0)
			r = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 2,
			                     SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)ioctls[i].fd),
			                     SCMP_A1(SCMP_CMP_EQ, ioctls[i].req));
	/* memory, but never executable */
	if (!r)
		r = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mmap), 1,
		                     SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
	if (!r)
		r = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mprotect), 1,
		                     SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
	/* the stdin thread (stdin_feed.h) reads fd 0, and only fd 0 */
	if (!r)
		r = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(read), 1,
		                     SCMP_A0(SCMP_CMP_EQ, STDIN_FILENO));
	/* stdio asks whether a stream is a terminal at its first write */
	if (!r)
		r = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1,
		                     SCMP_A1(SCMP_CMP_EQ, TCGETS));
	/* raw input mode on a terminal stdin, and back (term.h): fd 0 only */
	if (!r)
		r = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 2,
		                     SCMP_A0(SCMP_CMP_EQ, STDIN_FILENO),
		                     SCMP_A1(SCMP_CMP_EQ, TCSETS));
	/* signals to this process's own threads only (the watchdog's kick, abort) */
	if (!r)
		r = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 1,
		                     SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)pid));
	return r;
}

int sandbox_enter(const struct sandbox_fds *fds)
{
	scmp_filter_ctx ctx;
	int r;

	if (install_handler() < 0) {
		vmm_error("sandbox: sigaction(SIGSYS): %s", strerror(errno));
		return -1;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
		vmm_error("sandbox: prctl(PR_SET_NO_NEW_PRIVS): %s", strerror(errno));
		return -1;
	}
	ctx = seccomp_init(SCMP_ACT_TRAP);
	if (!ctx) {
		vmm_error("sandbox: seccomp_init failed");
		return -1;
	}
	r = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1); /* the watchdog thread too */
	if (!r)
		r = add_rules(ctx, fds);
	if (!r)
		r = seccomp_load(ctx);
	seccomp_release(ctx);
	if (r) {
		vmm_error("sandbox: installing the seccomp filter: %s", strerror(-r));
		return -1;
	}
	return 0;
}
