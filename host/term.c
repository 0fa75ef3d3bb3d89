// SPDX-License-Identifier: MIT
/* The vmm's terminal (term.h). */
#include "term.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "log.h"

static struct termios saved;
static int saved_fd = -1;
static volatile sig_atomic_t is_raw;

int term_save(int fd)
{
	if (!isatty(fd))
		return 0;
	if (tcgetattr(fd, &saved) < 0) {
		vmm_error("stdin: tcgetattr: %s", strerror(errno));
		return -1;
	}
	saved_fd = fd;
	atexit(term_restore);
	return 0;
}

bool term_is_terminal(void)
{
	return saved_fd >= 0;
}

bool term_raw(void)
{
	struct termios t = saved;

	if (saved_fd < 0 || is_raw)
		return is_raw;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ECHONL | ISIG | IEXTEN);
	t.c_iflag &= ~(tcflag_t)(ICRNL | INLCR | IGNCR | IXON | ISTRIP | BRKINT);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(saved_fd, TCSANOW, &t) < 0) {
		vmm_error("stdin: tcsetattr (raw input for the guest's console): %s; "
		          "the terminal stays as it is",
		          strerror(errno));
		saved_fd = -1;
		return false;
	}
	is_raw = 1;
	return true;
}

void term_restore(void)
{
	if (is_raw && tcsetattr(saved_fd, TCSANOW, &saved) == 0)
		is_raw = 0;
}
