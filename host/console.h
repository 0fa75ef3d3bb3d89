/* SPDX-License-Identifier: MIT */
/* The guest console: bytes from the debug console and the UART. */
#ifndef LDE_CONSOLE_H
#define LDE_CONSOLE_H

#include <stdint.h>

struct vm;

/* Write one byte of guest console output (line-buffered stdio). */
void console_putc(struct vm *vm, uint8_t c);

#endif
