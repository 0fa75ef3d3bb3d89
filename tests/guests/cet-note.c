/* SPDX-License-Identifier: MIT */
/*
 * Test guest in C, built the way a user builds a first kernel on Ubuntu:
 *   gcc -ffreestanding -nostdlib -static -no-pie -fcf-protection=full
 *       -Wl,-Ttext=0x200000
 * -fcf-protection makes gcc add a .note.gnu.property (x86 feature IBT,
 * SHSTK) in a PT_NOTE aligned to 8 bytes, next to the 4-byte aligned
 * build-id note.  The vmm must read those notes as readelf does, find no
 * PVH note, and enter _start in 64-bit mode (RSP = 0x10000 is a stack).
 */
#include <lde/abi.h>

static void outb(unsigned short port, unsigned char v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static void print(const char *s)
{
	while (*s)
		outb(LDE_PORT_DEBUGCON, (unsigned char)*s++);
}

void _start(void)
{
	print("cet-note: booted from a gcc -fcf-protection=full image\n");
	__asm__ volatile("outl %0, %1" : : "a"(0), "Nd"((unsigned short)LDE_PORT_EXIT));
	for (;;)
		__asm__ volatile("cli; hlt");
}
