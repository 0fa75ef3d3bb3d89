// SPDX-License-Identifier: MIT
/*
 * memory: malloc of small and large blocks (brk and mmap underneath),
 * contents checked, realloc, free; a deep recursion that grows the stack
 * by about 1 MiB; an mprotect'ed page.  Prints "memory: ok" and exits 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static int failures;

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("memory: FAIL: %s\n", what);
		failures++;
	}
}

static unsigned long deep(int n)
{
	volatile char pad[1024];

	pad[0] = (char)n;
	if (!n)
		return 0;
	return deep(n - 1) + 1 + (pad[0] != (char)n); /* the frame survived the calls */
}

int main(void)
{
	char *small[64], *big;
	unsigned long sum = 0;

	for (int i = 0; i < 64; i++) {
		small[i] = malloc(16 + i);
		check(small[i] != NULL, "small malloc");
		memset(small[i], i, 16 + i);
	}
	for (int i = 0; i < 64; i++) {
		check(small[i][15 + i] == i, "small block contents");
		free(small[i]);
	}
	big = malloc(8 << 20); /* 8 MiB: mmap */
	check(big != NULL, "large malloc");
	for (size_t i = 0; i < (8 << 20); i += 4096)
		big[i] = (char)(i >> 12);
	for (size_t i = 0; i < (8 << 20); i += 4096)
		sum += (unsigned char)big[i];
	check(sum == 8 * (255 * 256 / 2), "large block contents"); /* 2048 pages: 8 x 0..255 */
	big = realloc(big, 16 << 20);
	check(big && big[4096] == 1, "realloc keeps the contents");
	free(big);
	check(deep(1000) == 1000, "deep recursion (1 MiB of stack)");
	{
		char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		               0);
		check(p != MAP_FAILED, "mmap");
		p[0] = 1;
		check(mprotect(p, 4096, PROT_READ) == 0, "mprotect");
		check(mprotect(p, 4096, PROT_READ | PROT_WRITE | PROT_EXEC) != 0, "W^X refused");
		check(munmap(p, 8192) == 0, "munmap");
	}
	printf("memory: %s\n", failures ? "FAILED" : "ok");
	return failures ? 1 : 0;
}
