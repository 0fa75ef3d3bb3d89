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

#if defined(CONFIG_CONSOLE_UART)

/* 16550 registers, as offsets from the base port. */
#define UART_THR 0 /* transmit holding (write) */
#define UART_DLL 0 /* divisor latch low (when LCR.DLAB) */
#define UART_IER 1 /* interrupt enable */
#define UART_DLM 1 /* divisor latch high (when LCR.DLAB) */
#define UART_FCR 2 /* FIFO control (write) */
#define UART_LCR 3 /* line control */
#define UART_MCR 4 /* modem control */
#define UART_LSR 5 /* line status */

#define LCR_8N1 0x03    /* 8 data bits, no parity, 1 stop bit */
#define LCR_DLAB 0x80   /* DLL/DLM visible at offsets 0/1 */
#define FCR_ENABLE 0x07 /* enable FIFOs and clear both */
#define MCR_DTR_RTS 0x03
#define LSR_THRE 0x20 /* transmit holding register empty */

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
