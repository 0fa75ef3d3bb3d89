// SPDX-License-Identifier: MIT
/* COM1's receiver (see com1_rx.h). */
#include "com1_rx.h"

#include <lde/abi.h>
#include <stdbool.h>

#include "io.h"
#include "ioapic.h"
#include "printf.h"
#include "trap.h"
#include "tty.h"
#include "uart.h"

static enum {
	RX_OFF,   /* not started */
	RX_NONE,  /* no UART: no input */
	RX_LDE,   /* the vmm's COM1, with its stdin status port */
	RX_PLAIN, /* a 16550 without it (QEMU): LSR.DR byte by byte */
} mode;
static bool throttled;

static void com1_out(unsigned reg, uint8_t val)
{
	outb(LDE_PORT_COM1 + reg, val);
}

static uint8_t com1_in(unsigned reg)
{
	return inb(LDE_PORT_COM1 + reg);
}

/* A UART keeps what is written to its scratch register; nothing (all-ones) doesn't. */
static bool uart_present(void)
{
	com1_out(UART_SCR, 0x5a);
	if (com1_in(UART_SCR) != 0x5a)
		return false;
	com1_out(UART_SCR, 0xa5);
	return com1_in(UART_SCR) == 0xa5;
}

void com1_rx_start(void)
{
	static const char *const
		names[] = { [RX_LDE] = "rep insb of the vmm's count", [RX_PLAIN] = "byte by byte" };

	if (mode != RX_OFF)
		return;
	if ((inl(LDE_PORT_STDIN) & LDE_STDIN_TAG_MASK) == LDE_STDIN_TAG)
		mode = RX_LDE;
	else
		mode = uart_present() ? RX_PLAIN : RX_NONE;
	if (mode == RX_NONE) {
		kprintf("console input: no UART at COM1: reads of fd 0 find the end of input\n");
		tty_end();
		return;
	}
	com1_out(UART_LCR, LCR_8N1);
	com1_out(UART_FCR, FCR_FIFO_ON | FCR_TRIGGER_14);
	com1_out(UART_MCR, MCR_DTR_RTS | MCR_OUT2);
	ioapic_route_level(LDE_COM1_IRQ, T_COM1);
	com1_out(UART_IER, IER_ERBFI | IER_ELSI);
	kprintf("console input: COM1, IRQ %d level-triggered -> vector 0x%x, drained %s\n",
	        LDE_COM1_IRQ, T_COM1, names[mode]);
}

/* The buffer is full: no data interrupts until a reader makes room. */
static void throttle(void)
{
	throttled = true;
	com1_out(UART_IER, IER_ELSI);
}

void com1_rx_resume(void)
{
	if (throttled && tty_room() >= TTY_BUF_SIZE / 2) {
		throttled = false;
		com1_out(UART_IER, IER_ERBFI | IER_ELSI);
	}
}

/* Under the vmm: LSR first (it clears the break, which the status then
 * says), then as many bytes as the status counts, in one `rep insb` per
 * free piece of the buffer. */
static void drain_counted(void)
{
	uint32_t st, n;
	size_t piece;
	char *p;

	(void)com1_in(UART_LSR);
	st = inl(LDE_PORT_STDIN);
	n = st & LDE_STDIN_COUNT;
	while (n && (p = tty_space(&piece), piece)) {
		if (piece > n)
			piece = n;
		insb(LDE_PORT_COM1 + UART_RBR, p, piece);
		tty_commit(piece);
		n -= (uint32_t)piece;
	}
	if (n)
		throttle();
	else if (st & LDE_STDIN_ENDED)
		tty_end();
}

static void drain_polled(void)
{
	size_t piece;
	char *p;

	while (com1_in(UART_LSR) & LSR_DR) {
		p = tty_space(&piece);
		if (!piece) {
			throttle();
			return;
		}
		*p = (char)com1_in(UART_RBR);
		tty_commit(1);
	}
}

void com1_rx_interrupt(void)
{
	if (mode == RX_LDE)
		drain_counted();
	else if (mode == RX_PLAIN)
		drain_polled();
	tty_wake();
}
