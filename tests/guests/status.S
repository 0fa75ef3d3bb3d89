/* SPDX-License-Identifier: MIT */
/* Test guest: writes status 42 to the exit port; the vmm exits with 42. */
#include "guest_macros.h"

	.text
	.code64
	.globl _start
_start:
	EXIT 42

	.section .note.GNU-stack, "", @progbits
