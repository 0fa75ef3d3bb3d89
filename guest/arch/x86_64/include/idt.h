/* SPDX-License-Identifier: MIT */
/* The interrupt descriptor table: one gate per vector (idt.c). */
#ifndef LDE_GUEST_IDT_H
#define LDE_GUEST_IDT_H

/* Fills all 256 gates and loads the IDT register. */
void idt_init(void);

#endif
