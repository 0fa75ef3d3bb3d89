// SPDX-License-Identifier: MIT
/*
 * forkcopy [PAGES]: what fork copies.  The parent maps PAGES pages
 * (default 64) and writes a 'p' into each; it forks; the child writes a
 * 'c' into the middle one, checks that it sees 'p' in all the others and
 * _exits; the parent waits and checks that it still sees 'p' everywhere.
 * Prints the written page's address, so that a test can find the page
 * fault that copied it in the trace:
 *
 *   forkcopy: 64 pages at 0x..., the child writes the page at 0x...
 *   forkcopy: the child saw its own write and the parent's pages
 *   forkcopy: the parent's pages are unchanged
 *
 * Exits 0, or 1 after saying what was wrong.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096

/* True if every page of buf but `skip` starts with c. */
static int all_are(const char *buf, long pages, long skip, char c)
{
	for (long i = 0; i < pages; i++)
		if (i != skip && buf[i * PAGE] != c)
			return 0;
	return 1;
}

int main(int argc, char **argv)
{
	long pages = argc > 1 ? atol(argv[1]) : 64, mid = pages / 2;
	char *buf;
	pid_t pid;
	int st;

	if (pages < 1)
		return 1;
	buf = mmap(NULL, (size_t)pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
	           -1, 0);
	if (buf == MAP_FAILED) {
		perror("forkcopy: mmap");
		return 1;
	}
	for (long i = 0; i < pages; i++)
		buf[i * PAGE] = 'p';
	printf("forkcopy: %ld pages at %p, the child writes the page at %p\n", pages, (void *)buf,
	       (void *)(buf + mid * PAGE));
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("forkcopy: fork");
		return 1;
	}
	if (pid == 0) {
		buf[mid * PAGE] = 'c';
		if (!all_are(buf, pages, mid, 'p') || buf[mid * PAGE] != 'c')
			_exit(1);
		_exit(0);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st)) {
		printf("forkcopy: the child saw the wrong pages (status 0x%x)\n", st);
		return 1;
	}
	printf("forkcopy: the child saw its own write and the parent's pages\n");
	if (!all_are(buf, pages, -1, 'p')) {
		printf("forkcopy: the child's write reached the parent\n");
		return 1;
	}
	printf("forkcopy: the parent's pages are unchanged\n");
	return 0;
}
