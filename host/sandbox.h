/* SPDX-License-Identifier: MIT */
/*
 * The sandbox (docs/security.md): once the VM is set up and before the
 * first KVM_RUN, the vmm sets PR_SET_NO_NEW_PRIVS and installs a
 * seccomp-bpf allowlist (libseccomp) on every thread: only the system calls
 * the run loop and the end of the run need, the KVM ioctls pinned to the
 * vCPU's and the VM's file descriptors and to their requests.  Anything
 * else raises SIGSYS, whose handler names the call on stderr and ends the
 * process with LDE_VMM_FAILURE: a guest that takes over the vmm cannot
 * open a file, a socket or a process.  --no-seccomp skips it.
 */
#ifndef LDE_SANDBOX_H
#define LDE_SANDBOX_H

/* The file descriptors the run loop may use KVM ioctls on. */
struct sandbox_fds {
	int vcpu_fd; /* KVM_RUN, KVM_GET_REGS, KVM_GET_SREGS */
	int vm_fd;   /* KVM_IRQ_LINE */
};

/* Enter the sandbox for good.  Returns 0, or -1 after printing why. */
int sandbox_enter(const struct sandbox_fds *fds);

#endif
