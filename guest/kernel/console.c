// SPDX-License-Identifier: MIT
/*
 * Kernel console, chosen at build time (Kconfig "Kernel console"):
 *   CONFIG_CONSOLE_DEBUGCON  one OUT to port 0xE9 per byte
 *   CONFIG_CONSOLE_UART      COM1 16550, polled: wait for THRE, then OUT
 * Bytes go out unchanged (no "\n" -> "\r\n"), so both consoles produce
 * byte-identical output.
 */
#include <lde/abi.h>

#include "arch.h"
#include "console.h"
#include "io.h"
#include "uart.h"

#if defined(CONFIG_CONSOLE_UART)

static void uart_out(unsigned reg, uint8_t val)
{
	outb(LDE_PORT_COM1 + reg, val);
}

void console_init(void)
{
	uart_out(UART_IER, 0); /* polled: no interrupts */
	uart_out(UART_LCR, LCR_DLAB);
	uart_out(UART_DLL, 1); /* divisor 1: 115200 baud */
	uart_out(UART_DLM, 0);
	uart_out(UART_LCR, LCR_8N1); /* also clears DLAB */
	uart_out(UART_FCR, FCR_ENABLE);
	uart_out(UART_MCR, MCR_DTR_RTS);
}

void console_putc(char c)
{
	while (!(inb(LDE_PORT_COM1 + UART_LSR) & LSR_THRE))
		arch_relax();
	uart_out(UART_THR, (uint8_t)c);
}

#else /* CONFIG_CONSOLE_DEBUGCON */

void console_init(void)
{
}

void console_putc(char c)
{
	outb(LDE_PORT_DEBUGCON, (uint8_t)c);
}

#endif

void console_write_port(uint16_t port, const char *s, size_t len)
{
	/* One exit for the lot (KVM and QEMU batch a string OUT). */
	__asm__ volatile("rep outsb" : "+S"(s), "+c"(len) : "d"(port) : "memory");
}

void console_write(const char *s, size_t len)
{
	while (len--)
		console_putc(*s++);
}

void console_puts(const char *s)
{
	while (*s)
		console_putc(*s++);
}
