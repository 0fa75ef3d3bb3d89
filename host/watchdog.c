/* SPDX-License-Identifier: MIT */
#include "watchdog.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>

#include "log.h"

static volatile sig_atomic_t pending;
static struct kvm_run *volatile kick;

static void on_signal(int sig)
{
	if (!pending)
		pending = sig == SIGALRM ? WATCHDOG_TIMEOUT : sig;
	if (kick)
		kick->immediate_exit = 1;
}

int watchdog_install(void)
{
	static const int sigs[] = { SIGALRM, SIGINT, SIGTERM };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: KVM_RUN must return */
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], &sa, NULL) < 0) {
			vmm_error("sigaction: %s", strerror(errno));
			return -1;
		}
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

int watchdog_arm(double seconds)
{
	struct itimerval it = { 0 };

	if (seconds > 0) {
		double whole = floor(seconds);

		it.it_value.tv_sec = (time_t)whole;
		it.it_value.tv_usec = (suseconds_t)((seconds - whole) * 1e6);
		if (!it.it_value.tv_sec && !it.it_value.tv_usec)
			it.it_value.tv_usec = 1;
	}
	if (setitimer(ITIMER_REAL, &it, NULL) < 0) {
		vmm_error("setitimer: %s", strerror(errno));
		return -1;
	}
	return 0;
}

void watchdog_attach(struct kvm_run *run)
{
	kick = run;
	if (run && pending)
		run->immediate_exit = 1;
}

int watchdog_pending(void)
{
	return pending;
}
