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

/*
 * The trace ring's header into %rsi: the first PVH module of the start
 * info (RBX at the 64-bit entry).  Without one (no --trace), print so and
 * exit with status 9.
 */
.macro FIND_RING
	movl 12(%rbx), %eax             /* hvm_start_info.nr_modules */
	testl %eax, %eax
	jnz .Lring\@
	PRINT .Lno_ring_msg\@
	EXIT 9
.Lno_ring_msg\@:
	.asciz "no trace ring (run with --trace)\n"
.Lring\@:
	movq 16(%rbx), %rsi             /* modlist_paddr */
	movq (%rsi), %rsi               /* the ring: struct lde_ring_header */
.endm

#endif
