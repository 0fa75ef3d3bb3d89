/* SPDX-License-Identifier: MIT */
/*
 * Test guest: an image with a segment above 4 GiB (.high, linked at
 * 0x100001000; run it with --mem 5G).  Guest RAM below 3 GiB is almost all
 * free, so a run with --trace still gets its trace ring there: the guest
 * finds it and exits 10 (9 without a ring).
 */
#include "guest_macros.h"

	.text
	.code64
	.globl _start
_start:
	FIND_RING
	EXIT 10

	.section .high, "aw", @progbits
	.quad 0x1234

	.section .note.GNU-stack, "", @progbits
