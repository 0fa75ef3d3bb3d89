/* SPDX-License-Identifier: MIT */
/*
 * Puts one user program into the kernel image: the ELF file byte for byte
 * (.incbin) and a struct program entry (programs.h) in .user_programs,
 * which kernel.ld gathers into the table program_find() searches.
 * guest/guest.mk assembles it once per program with
 *   -DPROGRAM_NAME='"spin"' -DPROGRAM_FILE='"build/guest/user/bin/spin.elf"'
 */
	.section .rodata.user_images, "a"
	.balign 16
image:
	.incbin PROGRAM_FILE
image_end:

	.section .rodata.user_names, "a"
name:
	.asciz PROGRAM_NAME

	.section .user_programs, "a"
	.balign 8
	.quad name, image, image_end - image

	.section .note.GNU-stack, "", @progbits
