// SPDX-License-Identifier: MIT
/*
 * sig: signal handlers as Linux runs them, one case per argument:
 *   segv    - a write to a read-only page: the SIGSEGV handler gets the
 *             address, makes the page writable and returns; the write is
 *             done again and succeeds
 *   usr1    - raise(SIGUSR1): the handler runs on a frame of its own and
 *             returns; registers and the FPU are as they were; blocked, it
 *             waits for the unblock; SA_RESETHAND, SIG_IGN
 *   chld    - a SIGCHLD handler runs when a child ends; its siginfo names
 *             the child (si_pid), CLD_EXITED and the exit code
 *   sender  - siginfo names who sent a signal: a child's kill() (SI_USER,
 *             the child's pid), the process's own raise() (SI_TKILL)
 *   restart - a blocked read interrupted by a handled signal: -EINTR
 *             without SA_RESTART, the data with it
 * Exits 0 unless a step went wrong.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got;
static void *volatile fault_addr;
static char *page;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got = sig;
	fault_addr = si->si_addr;
	mprotect(page, 4096, PROT_READ | PROT_WRITE);
}

static volatile int si_code_seen, si_pid_seen, si_status_seen;

static void on_info(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got = sig;
	si_code_seen = si->si_code;
	si_pid_seen = si->si_pid;
	si_status_seen = si->si_status;
}

static void set_info(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO;
	sigaction(sig, &sa, NULL);
}

static void on_signal(int sig)
{
	volatile double x = 1.5;

	got = sig;
	x = x * x; /* the handler's own FPU use */
	(void)x;
}

static void set(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

static int segv(void)
{
	struct sigaction sa;

	page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	*(volatile char *)(page + 100) = 42; /* faults once; the handler fixes it */
	__asm__ volatile("" : : : "memory"); /* read what the handler wrote after it */
	printf("segv: handler ran %d, address ok %d, write done %d\n", got == SIGSEGV,
	       fault_addr == page + 100, page[100] == 42);
	return 0;
}

static int usr1(void)
{
	volatile double before = 2.25;
	sigset_t set1;

	got = 0;
	set(SIGUSR1, on_signal, 0);
	raise(SIGUSR1);
	printf("usr1: handled %d, FPU kept %d\n", got == SIGUSR1, before * 2 == 4.5);
	got = 0;
	sigemptyset(&set1);
	sigaddset(&set1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set1, NULL);
	raise(SIGUSR1);
	printf("usr1 blocked: handled %d\n", got);
	sigprocmask(SIG_UNBLOCK, &set1, NULL);
	printf("usr1 unblocked: handled %d\n", got == SIGUSR1);
	set(SIGUSR2, on_signal, SA_RESETHAND);
	raise(SIGUSR2);
	struct sigaction old;
	sigaction(SIGUSR2, NULL, &old);
	printf("resethand: handled %d, now default %d\n", got == SIGUSR2,
	       old.sa_handler == SIG_DFL);
	set(SIGUSR1, SIG_IGN, 0);
	got = 0;
	raise(SIGUSR1);
	printf("ignored: %d\n", got);
	return 0;
}

static int chld(void)
{
	struct timespec t = { 1, 0 };
	int st;
	pid_t pid;

	got = 0;
	set_info(SIGCHLD);
	pid = fork();
	if (pid == 0)
		_exit(3);
	while (!got && nanosleep(&t, NULL) == 0)
		;
	waitpid(pid, &st, 0);
	printf("chld: handled %d, status %d, si_pid ok %d, CLD_EXITED %d, si_status %d\n",
	       got == SIGCHLD, WEXITSTATUS(st), si_pid_seen == pid, si_code_seen == CLD_EXITED,
	       si_status_seen);
	set(SIGCHLD, SIG_DFL, 0);
	return 0;
}

/* siginfo's sender: a child's kill(), then our own raise(). */
static int sender(void)
{
	sigset_t block, none;
	pid_t pid;
	int st;

	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&none);
	sigprocmask(SIG_BLOCK, &block, NULL); /* no race: it waits in sigsuspend */
	set_info(SIGUSR1);
	got = 0;
	pid = fork();
	if (pid == 0) {
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	while (!got)
		sigsuspend(&none);
	printf("sender kill: SI_USER %d, si_pid ok %d\n", si_code_seen == SI_USER,
	       si_pid_seen == pid);
	waitpid(pid, &st, 0);
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	got = 0;
	raise(SIGUSR1);
	printf("sender raise: SI_TKILL %d, si_pid ok %d\n", si_code_seen == SI_TKILL,
	       si_pid_seen == getpid());
	set(SIGUSR1, SIG_DFL, 0);
	return 0;
}

/* A child signals us while we block in read(), then writes. */
static void one_restart(int flags)
{
	struct timespec t = { 0, 50000000 }; /* the parent is in read() by then */
	int p[2], st;
	char c = 0;
	ssize_t n;
	pid_t pid;

	pipe(p);
	set(SIGUSR1, on_signal, flags);
	got = 0;
	pid = fork();
	if (pid == 0) {
		nanosleep(&t, NULL);
		kill(getppid(), SIGUSR1);
		nanosleep(&t, NULL);
		write(p[1], "r", 1);
		_exit(0);
	}
	n = read(p[0], &c, 1);
	printf("restart %d: read %zd %s, handled %d\n", flags != 0, n, n < 0 ? strerror(errno) : "",
	       got == SIGUSR1);
	waitpid(pid, &st, 0);
	close(p[0]);
	close(p[1]);
}

static int restart(void)
{
	one_restart(0);
	one_restart(SA_RESTART);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "segv"))
			segv();
		else if (!strcmp(argv[i], "usr1"))
			usr1();
		else if (!strcmp(argv[i], "chld"))
			chld();
		else if (!strcmp(argv[i], "sender"))
			sender();
		else if (!strcmp(argv[i], "restart"))
			restart();
		else
			return 1;
	}
	return 0;
}
