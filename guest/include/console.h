/* SPDX-License-Identifier: MIT */
/*
 * Kernel console: port 0xE9 (CONFIG_CONSOLE_DEBUGCON) or the COM1 16550
 * UART (CONFIG_CONSOLE_UART).  Both emit exactly the bytes given ("\n" is
 * not expanded), so the output is identical whichever is configured.
 */
#ifndef LDE_GUEST_CONSOLE_H
#define LDE_GUEST_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

void console_init(void);
void console_putc(char c);
void console_write(const char *s, size_t len);
/* Writes s[0..len) to an output port with one `rep outsb`. */
void console_write_port(uint16_t port, const char *s, size_t len);
/* Writes the NUL-terminated string s; adds no newline. */
void console_puts(const char *s);

#endif
