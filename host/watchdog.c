/* SPDX-License-Identifier: MIT */
#include "watchdog.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "lde/abi.h"
#include "log.h"
#include "term.h"

static volatile sig_atomic_t pending;
static struct kvm_run *volatile kick;

/* The vCPU thread's last report (watchdog_spot()). */
static struct {
	bool in_run;
	uint64_t exits;
	const char *last_exit;
	uint64_t since_ns; /* CLOCK_MONOTONIC, when it entered its current state */
	pid_t tid;
} spot;

/* Where the vCPU thread was when the deadline passed. */
static char fired_where[160];

/* The watchdog thread: sleeps until deadline, unless stopped first. */
static struct {
	pthread_t thread, vcpu;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	struct timespec deadline;
	bool running, stop, started;
} dog = { .lock = PTHREAD_MUTEX_INITIALIZER };

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

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

void watchdog_spot(bool in_run, uint64_t exits, const char *last_exit)
{
	uint64_t now = mono_ns();

	__atomic_store_n(&spot.exits, exits, __ATOMIC_RELAXED);
	__atomic_store_n(&spot.last_exit, last_exit, __ATOMIC_RELAXED);
	__atomic_store_n(&spot.since_ns, now, __ATOMIC_RELAXED);
	__atomic_store_n(&spot.in_run, in_run, __ATOMIC_RELEASE);
}

char *watchdog_where(char *buf, size_t size)
{
	bool in_run = __atomic_load_n(&spot.in_run, __ATOMIC_ACQUIRE);
	uint64_t since = __atomic_load_n(&spot.since_ns, __ATOMIC_RELAXED);
	uint64_t exits = __atomic_load_n(&spot.exits, __ATOMIC_RELAXED);
	const char *last = __atomic_load_n(&spot.last_exit, __ATOMIC_RELAXED);
	double for_s = since ? (mono_ns() - since) / 1e9 : 0;

	if (!since)
		snprintf(buf, size, "setting up the VM (KVM_RUN not reached)");
	else
		snprintf(buf, size, "%s for %.3f s, after %llu exits%s%s%s",
		         in_run ? "in KVM_RUN" : "handling an exit", for_s,
		         (unsigned long long)exits, last ? " (the last: " : "", last ? last : "",
		         last ? ")" : "");
	return buf;
}

/* The vCPU thread's kernel wait channel file, opened when the watchdog
 * starts: the sandbox (sandbox.h) lets no file be opened later. */
static int wchan_fd = -1;

static void open_wchan(void)
{
	char path[64];

	if (wchan_fd >= 0)
		close(wchan_fd);
	snprintf(path, sizeof(path), "/proc/self/task/%d/wchan", (int)spot.tid);
	wchan_fd = open(path, O_RDONLY | O_CLOEXEC);
}

/* The vCPU thread's kernel wait channel, e.g. "kvm_vcpu_block", or "?". */
static void vcpu_wchan(char *buf, size_t size)
{
	ssize_t n = wchan_fd >= 0 ? pread(wchan_fd, buf, size - 1, 0) : -1;

	if (n <= 0)
		snprintf(buf, size, "?");
	else
		buf[n] = '\0';
}

/* The vCPU did not stop within the grace time: say where, and end. */
static void give_up(void)
{
	char where[160], wchan[64], msg[384];
	int n;

	vcpu_wchan(wchan, sizeof(wchan));
	n = snprintf(msg, sizeof(msg),
	             "vmm: timeout: the vCPU thread did not stop %d s after the deadline: it is %s,"
	             " kernel wait channel %s; ending the process (the trace is incomplete)\n",
	             WATCHDOG_GRACE_S, watchdog_where(where, sizeof(where)), wchan);
	if (write(STDERR_FILENO, msg, n > 0 ? (size_t)n : 0) < 0) {
		/* nothing left to tell it with */
	}
	term_restore();
	_exit(LDE_VMM_TIMEOUT);
}

/* Waits until ABS or watchdog_arm(0); true if stopped. */
static bool sleep_until(const struct timespec *abs)
{
	int r = 0;
	bool stopped;

	pthread_mutex_lock(&dog.lock);
	while (!dog.stop && r != ETIMEDOUT)
		r = pthread_cond_timedwait(&dog.wake, &dog.lock, abs);
	stopped = dog.stop;
	pthread_mutex_unlock(&dog.lock);
	return stopped;
}

static void *watch(void *arg)
{
	struct timespec t = dog.deadline;

	(void)arg;
	/* Running: the C library's thread start-up (robust list, rseq...) is
	 * done, so the sandbox, installed after start() returns, sees none of
	 * it.  (A start-up call under the filter would be killed unreported:
	 * this thread blocks SIGSYS with every other signal.) */
	pthread_mutex_lock(&dog.lock);
	dog.started = true;
	pthread_cond_broadcast(&dog.wake);
	pthread_mutex_unlock(&dog.lock);
	if (sleep_until(&t))
		return NULL;
	watchdog_where(fired_where, sizeof(fired_where));
	on_signal(SIGALRM); /* record the timeout, set immediate_exit */
	for (int i = 0; i < WATCHDOG_GRACE_S; i++) {
		pthread_kill(dog.vcpu, SIGALRM); /* out of KVM_RUN (or any call) */
		t.tv_sec += 1;
		if (sleep_until(&t))
			return NULL;
	}
	give_up();
	return NULL;
}

static int start(double seconds)
{
	static bool cond_ready;
	pthread_condattr_t ca;
	sigset_t all, old;
	int r;

	clock_gettime(CLOCK_MONOTONIC, &dog.deadline);
	dog.deadline.tv_sec += (time_t)floor(seconds);
	dog.deadline.tv_nsec += (long)((seconds - floor(seconds)) * 1e9);
	if (dog.deadline.tv_nsec >= 1000000000L) {
		dog.deadline.tv_sec++;
		dog.deadline.tv_nsec -= 1000000000L;
	}
	if (!cond_ready) { /* deadlines are CLOCK_MONOTONIC */
		pthread_condattr_init(&ca);
		pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
		pthread_cond_init(&dog.wake, &ca);
		pthread_condattr_destroy(&ca);
		cond_ready = true;
	}
	dog.vcpu = pthread_self();
	spot.tid = (pid_t)syscall(SYS_gettid);
	open_wchan();
	dog.stop = false;
	dog.started = false;
	/* Signals are for the vCPU thread: the watchdog blocks them all. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	r = pthread_create(&dog.thread, NULL, watch, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (r) {
		vmm_error("watchdog: pthread_create: %s", strerror(r));
		return -1;
	}
	pthread_mutex_lock(&dog.lock);
	while (!dog.started)
		pthread_cond_wait(&dog.wake, &dog.lock);
	pthread_mutex_unlock(&dog.lock);
	dog.running = true;
	return 0;
}

static void stop(void)
{
	pthread_mutex_lock(&dog.lock);
	dog.stop = true;
	pthread_cond_signal(&dog.wake);
	pthread_mutex_unlock(&dog.lock);
	pthread_join(dog.thread, NULL);
	dog.running = false;
}

int watchdog_arm(double seconds)
{
	if (dog.running)
		stop();
	return seconds > 0 ? start(seconds) : 0;
}

void watchdog_attach(struct kvm_run *run)
{
	kick = run;
	if (run && pending)
		run->immediate_exit = 1;
}

const char *watchdog_fired_where(void)
{
	return fired_where[0] ? fired_where : "?";
}

int watchdog_pending(void)
{
	return pending;
}
