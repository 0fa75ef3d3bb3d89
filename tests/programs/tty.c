// SPDX-License-Identifier: MIT
/*
 * tty: the console as a terminal, one case per argument, each printing
 * "ready" before it reads (so a test types only once it waits):
 *   canon  - one canonical read: prints what it got, escaped
 *   eof    - reads until two reads returned 0 (Ctrl-D ends each), printing each
 *   raw    - ICANON and ECHO off (tcsetattr): a read returns one key at once
 *   sigint - a SIGINT handler with siginfo, then pause(): prints the si_code
 *   modes  - isatty(0) and the flags tcgetattr reports
 * First of all it polls fd 0: the console's input starts, and the vmm's
 * terminal is the guest's from then on.  Exits 0 unless a step went wrong.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static void print_escaped(const char *what, const char *buf, ssize_t n)
{
	printf("%s %zd [", what, n);
	for (ssize_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c == '\n')
			printf("\\n");
		else if (c < 0x20 || c == 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	printf("]\n");
}

static int canon(void)
{
	char buf[256];
	ssize_t n;

	printf("ready\n");
	n = read(0, buf, sizeof(buf));
	print_escaped("canon", buf, n);
	return n > 0 ? 0 : 1;
}

static int eof(void)
{
	char buf[256];
	int zeros = 0;

	printf("ready\n");
	while (zeros < 2) {
		ssize_t n = read(0, buf, sizeof(buf));

		print_escaped("eof", buf, n);
		if (n < 0)
			return 1;
		zeros += n == 0;
	}
	return 0;
}

static int raw(void)
{
	struct termios t, old;
	char buf[16];
	ssize_t n;

	if (tcgetattr(0, &old) < 0)
		return 1;
	t = old;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(0, TCSANOW, &t) < 0)
		return 1;
	printf("ready\n");
	n = read(0, buf, sizeof(buf));
	print_escaped("raw", buf, n);
	tcsetattr(0, TCSANOW, &old);
	return 0;
}

static volatile int sig_code = -1000, sig_no;

static void on_int(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	sig_no = sig;
	sig_code = si->si_code;
}

static int sigint(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_int;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGINT, &sa, NULL);
	printf("ready\n");
	while (!sig_no)
		pause();
	printf("sigint: signal %d, si_code %#x\n", sig_no, sig_code);
	return 0;
}

static int modes(void)
{
	struct termios t;

	if (tcgetattr(0, &t) < 0) {
		printf("modes: isatty %d, tcgetattr: %s\n", isatty(0), strerror(errno));
		return 0;
	}
	printf("modes: isatty %d, ICANON %d, ECHO %d, ISIG %d, ICRNL %d, VINTR %d, VERASE %d\n",
	       isatty(0), !!(t.c_lflag & ICANON), !!(t.c_lflag & ECHO), !!(t.c_lflag & ISIG),
	       !!(t.c_iflag & ICRNL), t.c_cc[VINTR], t.c_cc[VERASE]);
	return 0;
}

int main(int argc, char **argv)
{
	int bad = 0;

	setvbuf(stdout, NULL, _IONBF, 0);
	poll(&(struct pollfd){ 0, POLLIN, 0 }, 1, 0);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "canon"))
			bad |= canon();
		else if (!strcmp(argv[i], "eof"))
			bad |= eof();
		else if (!strcmp(argv[i], "raw"))
			bad |= raw();
		else if (!strcmp(argv[i], "sigint"))
			bad |= sigint();
		else if (!strcmp(argv[i], "modes"))
			bad |= modes();
		else
			return 2;
	}
	return bad;
}
