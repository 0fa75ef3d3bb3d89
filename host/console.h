/* SPDX-License-Identifier: MIT */
/* The guest console: bytes from the debug console and the UART. */
#ifndef LDE_CONSOLE_H
#define LDE_CONSOLE_H

#include <stdint.h>

struct vm;

/*
 * Open the console the options name: --console FILE (created or
 * truncated), "none" (discarded), else stdout, or stderr when the trace
 * goes to stdout (line-buffered).  Returns 0, or -1 after printing why.
 */
int console_open(struct vm *vm);

/* Write one byte of guest console output. */
void console_putc(struct vm *vm, uint8_t c);

/* Flush what the guest wrote (before the vmm's closing messages). */
void console_flush(struct vm *vm);

/* Close a console file console_open() created. */
void console_close(struct vm *vm);

#endif
