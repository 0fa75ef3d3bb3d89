/* SPDX-License-Identifier: MIT */
/*
 * Assembler macros for the tiny test guests in this directory.  Each one
 * assembles to instructions that decode identically in 32-bit and 64-bit
 * mode (no REX prefixes, no stack), so a guest still reports sensibly if
 * the vmm enters it in the wrong mode.
 */
#ifndef LDE_TEST_GUEST_MACROS_H
#define LDE_TEST_GUEST_MACROS_H

#include <lde/abi.h>

/* Writes the NUL-terminated string at label to the debug console. */
.macro PRINT label
	movl $\label, %esi
	movl $LDE_PORT_DEBUGCON, %edx
.Lprint_loop\@:
	lodsb
	testb %al, %al
	jz .Lprint_done\@
	outb %al, (%dx)
	jmp .Lprint_loop\@
.Lprint_done\@:
.endm

/* 32-bit OUT of status to the exit port, then halt forever. */
.macro EXIT status
	movl $\status, %eax
	movl $LDE_PORT_EXIT, %edx
	outl %eax, (%dx)
.Lhalt\@:
	cli
	hlt
	jmp .Lhalt\@
.endm

#endif
