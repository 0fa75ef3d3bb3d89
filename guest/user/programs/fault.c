// SPDX-License-Identifier: MIT
/*
 * fault KIND: does one thing ring 3 must not do, and should be killed for
 * it by the kernel (the kernel's demo table says which fault each KIND
 * must end in).  If it survives, it says so and exits 1.
 */
#include <lde.h>

static void privileged(const char *kind)
{
	if (!strcmp(kind, "cli"))
		__asm__ volatile("cli");
	else if (!strcmp(kind, "hlt"))
		__asm__ volatile("hlt");
	else if (!strcmp(kind, "outb")) /* IOPL 0, no I/O bitmap */
		__asm__ volatile("outb %%al, $0xe9" : : "a"(0x21));
	else if (!strcmp(kind, "wrmsr"))
		__asm__ volatile("wrmsr" : : "c"(0x10), "a"(0), "d"(0));
	else if (!strcmp(kind, "int81")) /* a DPL-0 gate: #GP */
		__asm__ volatile("int $0x81");
}

static void arithmetic(const char *kind)
{
	volatile long zero = 0, one = 1;

	if (!strcmp(kind, "divzero"))
		printf("fault: 1/0 = %ld?\n", one / zero);
}

static void instruction(const char *kind)
{
	if (!strcmp(kind, "ud2"))
		__asm__ volatile("ud2");
	else if (!strcmp(kind, "int3"))
		__asm__ volatile("int3");
	else if (!strcmp(kind, "sse")) /* CR4.OSFXSR is off: #UD, but not
					     on PVM (docs/guest-kernel.md) */
		__asm__ volatile("xorps %xmm0, %xmm0");
}

/* Set RFLAGS.AC, then a misaligned load: #AC, since the kernel set CR0.AM. */
static void alignment(const char *kind)
{
	static uint64_t words[2];
	volatile uint64_t *odd = (volatile uint64_t *)((char *)words + 1);

	if (strcmp(kind, "align"))
		return;
	__asm__ volatile("pushf; orl $0x40000, (%%rsp); popf" ::: "memory", "cc");
	printf("fault: misaligned read gave 0x%lx\n", *odd);
}

extern char _start[]; /* crt0.S: the first byte of the program's text */

/* The kernel image's first page (KERNEL_VMA + 1 MiB, guest/include/paging.h). */
#define KERNEL_TEXT ((volatile uint64_t *)0xffffffff80100000)

static void memory(const char *kind)
{
	volatile uint64_t *p;

	if (!strcmp(kind, "kread")) /* the kernel's first page: present, U=0 */
		p = KERNEL_TEXT;
	else if (!strcmp(kind, "null")) /* the first 64 KiB are never mapped */
		p = (volatile uint64_t *)0;
	else if (!strcmp(kind, "wild")) /* user half, nothing mapped */
		p = (volatile uint64_t *)0x40000000;
	else if (!strcmp(kind, "kwrite")) {
		*KERNEL_TEXT = 0xbad;
		return;
	} else if (!strcmp(kind, "codewrite")) { /* own text: present, read-only */
		*(volatile uint8_t *)_start = 0xc3;
		return;
	} else {
		return;
	}
	printf("fault: read 0x%lx at %p\n", *p, (void *)p);
}

int main(int argc, char **argv)
{
	const char *kind = argc > 1 ? argv[1] : "";

	privileged(kind);
	arithmetic(kind);
	instruction(kind);
	alignment(kind);
	memory(kind);
	printf("fault: '%s' did not fault\n", kind);
	return 1;
}
