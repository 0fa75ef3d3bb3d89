/* SPDX-License-Identifier: MIT */
/*
 * What stops the vCPU from outside: the --timeout watchdog and
 * SIGINT/SIGTERM.
 *
 * The watchdog is a thread of its own that sleeps until the deadline.  Then
 * it records the timeout, sets kvm_run.immediate_exit and kicks the vCPU
 * thread with SIGALRM, so KVM_RUN returns -EINTR at once (or on its next
 * entry) and the exit loop ends the run cleanly: the trace is completed and
 * closed.  If the vCPU thread has not stopped WATCHDOG_GRACE_S seconds
 * later (stuck in the kernel, or in a host call that does not return), the
 * watchdog says where it is (watchdog_spot()'s last report, and the
 * thread's kernel wait channel) on stderr and ends the process with
 * LDE_VMM_TIMEOUT: --timeout always bounds the run.  The SIGINT/SIGTERM
 * handlers only record the signal and set immediate_exit the same way.
 */
#ifndef LDE_WATCHDOG_H
#define LDE_WATCHDOG_H

#include <linux/kvm.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WATCHDOG_TIMEOUT (-1) /* watchdog_pending(): the timer fired */
#define WATCHDOG_GRACE_S 5    /* after the deadline, before giving up */

/* Install the handlers (and ignore SIGPIPE).  Returns 0 or -1. */
int watchdog_install(void);

/*
 * Start the watchdog for SECONDS from now, on behalf of the calling (vCPU)
 * thread; SECONDS <= 0 stops it (and waits for its thread).  Returns 0 or -1.
 */
int watchdog_arm(double seconds);

/* Let the handlers kick RUN (NULL: nothing to kick). */
void watchdog_attach(struct kvm_run *run);

/* 0, WATCHDOG_TIMEOUT, or the number of the terminating signal. */
int watchdog_pending(void);

/*
 * Where the vCPU thread is, for the watchdog's report: IN_RUN while it is
 * inside KVM_RUN, after EXITS exits, the last of them LAST_EXIT (a static
 * name, or NULL before the first).  Cheap: a few stores and a clock read.
 */
void watchdog_spot(bool in_run, uint64_t exits, const char *last_exit);

/*
 * Writes that place into BUF, e.g. "in KVM_RUN for 4.981 s, after 1234
 * exits (the last: IO)"; returns BUF.
 */
char *watchdog_where(char *buf, size_t size);

/* watchdog_where() at the moment the deadline passed ("?" before). */
const char *watchdog_fired_where(void);

#endif
