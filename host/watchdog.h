/* SPDX-License-Identifier: MIT */
/*
 * What stops the vCPU from outside: the --timeout watchdog (SIGALRM from an
 * interval timer) and SIGINT/SIGTERM.  The handlers only record the cause
 * and set kvm_run.immediate_exit, so KVM_RUN returns -EINTR at once (or on
 * its next entry) and the exit loop ends the run cleanly: the trace is
 * completed and closed on every path.
 */
#ifndef LDE_WATCHDOG_H
#define LDE_WATCHDOG_H

#include <linux/kvm.h>

#define WATCHDOG_TIMEOUT (-1) /* watchdog_pending(): the timer fired */

/* Install the handlers (and ignore SIGPIPE).  Returns 0 or -1. */
int watchdog_install(void);

/* Arm the timeout; SECONDS <= 0 disarms it.  Returns 0 or -1. */
int watchdog_arm(double seconds);

/* Let the handlers kick RUN (NULL: nothing to kick). */
void watchdog_attach(struct kvm_run *run);

/* 0, WATCHDOG_TIMEOUT, or the number of the terminating signal. */
int watchdog_pending(void);

#endif
