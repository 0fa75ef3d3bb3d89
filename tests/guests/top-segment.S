/* SPDX-License-Identifier: MIT */
/*
 * Test guest: an image whose second segment (.top, 64 KiB of zeros linked at
 * 0xff0000) ends at the very top of a 16 MiB guest (run it with --mem 16M).
 * Nothing is free above the image, but nearly 15 MiB are free between its
 * two segments: a run with --trace gets its trace ring there.  The guest
 * finds it and exits 10 (9 without a ring).
 */
#include "guest_macros.h"

	.text
	.code64
	.globl _start
_start:
	FIND_RING
	EXIT 10

	.section .top, "aw", @nobits
	.skip 0x10000

	.section .note.GNU-stack, "", @progbits
