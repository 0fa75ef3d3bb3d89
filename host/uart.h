/* SPDX-License-Identifier: MIT */
/*
 * The register model of a 16550A UART: what the guest reads and writes at
 * each of its eight ports, the 16-byte receive FIFO and which interrupt is
 * pending.  Pure logic, no I/O: com1.c connects it to the console, the
 * vmm's stdin (stdin_feed.h) and IRQ 4, and the unit tests drive it
 * directly.
 *
 * Transmit is instantaneous: LSR always reads THRE|TEMT, a THR write hands
 * the byte to the caller at once.  Receive: bytes enter the FIFO with
 * uart_rx_push() (16 bytes with FCR's FIFO enable, else a 1-byte holding
 * register); there is never an overrun, because the caller only pushes
 * what uart_rx_room() allows.  The end of the vmm's stdin is a break on
 * the line: once every byte before it has been read, LSR.BI is set (no
 * NUL byte enters the FIFO) and, with IER.ELSI, the receiver-line-status
 * interrupt is pending until LSR is read.
 *
 * Interrupts, highest priority first, as IIR reports them (IIR's bits 7-6
 * are 11 with the FIFO enabled): receiver line status (LSR.BI, IER.ELSI);
 * received data (IER.ERBFI; "data available" at the FCR trigger level,
 * "character timeout" below it, since with an instantly fast line no more
 * will come until the vmm's stdin gives more); transmitter empty
 * (IER.ETBEI; cleared by reading IIR or writing THR, set again at once).
 * Modem-status interrupts never happen (MSR reads DCD|DSR|CTS, fixed).
 * MCR.OUT2 does not gate the interrupt (neither does QEMU's model).
 */
#ifndef LDE_UART_H
#define LDE_UART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Register offsets from the base port. */
enum uart_reg {
	UART_RBR_THR = 0, /* receive buffer (read) / transmit holding (write); DLL with DLAB */
	UART_IER = 1,     /* interrupt enable; DLM with DLAB */
	UART_IIR_FCR = 2, /* interrupt identification (read) / FIFO control (write) */
	UART_LCR = 3,     /* line control; bit 7 = DLAB */
	UART_MCR = 4,     /* modem control */
	UART_LSR = 5,     /* line status (writes ignored) */
	UART_MSR = 6,     /* modem status (writes ignored) */
	UART_SCR = 7,     /* scratch */
};

#define UART_IER_ERBFI 0x01 /* interrupt on received data */
#define UART_IER_ETBEI 0x02 /* interrupt on transmitter empty */
#define UART_IER_ELSI 0x04  /* interrupt on receiver line status (break = end of input) */
#define UART_IER_EDSSI 0x08 /* interrupt on modem status (never raised) */

#define UART_FCR_ENABLE 0x01   /* FIFOs on (16 bytes), else 1-byte registers */
#define UART_FCR_CLEAR_RX 0x02 /* empty the receive FIFO */
#define UART_FCR_CLEAR_TX 0x04 /* empty the transmit FIFO (always empty here) */
#define UART_FCR_TRIGGER 0xc0  /* receive trigger level: 1, 4, 8 or 14 bytes */

#define UART_IIR_NONE 0x01    /* no interrupt pending */
#define UART_IIR_THRE 0x02    /* transmitter holding register empty */
#define UART_IIR_RDA 0x04     /* received data at the trigger level */
#define UART_IIR_RLS 0x06     /* receiver line status (break) */
#define UART_IIR_TIMEOUT 0x0c /* received data below the trigger level */
#define UART_IIR_FIFO 0xc0    /* FIFOs enabled */

#define UART_LSR_DR 0x01   /* data ready: the FIFO holds a byte */
#define UART_LSR_BI 0x10   /* break: the end of input was reached (cleared by reading LSR) */
#define UART_LSR_THRE 0x20 /* transmit holding register empty (always) */
#define UART_LSR_TEMT 0x40 /* transmitter empty (always) */

#define UART_MSR_DCD_DSR_CTS 0xb0 /* carrier, data set ready, clear to send: fixed */

#define UART_LCR_DLAB 0x80
#define UART_FIFO_SIZE 16

struct uart {
	uint8_t ier; /* interrupt enable, bits 0-3 */
	uint8_t fcr; /* FIFO control as last written: ENABLE and TRIGGER bits */
	uint8_t lcr; /* line control; bit 7 = DLAB */
	uint8_t mcr; /* modem control, bits 0-4 */
	uint8_t scr; /* scratch */
	uint8_t dll; /* divisor latch, low */
	uint8_t dlm; /* divisor latch, high */

	uint8_t rx[UART_FIFO_SIZE]; /* receive FIFO, a ring from rx_head */
	uint8_t rx_head;            /* index of the oldest byte */
	uint8_t rx_count;           /* bytes in it */
	bool line_ended;            /* uart_rx_end() was called: no byte will follow */
	bool break_seen;            /* LSR.BI was set (it is set once) */
	bool lsr_bi;                /* LSR.BI, until LSR is read */
	bool thre_pending;          /* the transmitter-empty interrupt condition */
};

/* The UART after reset: everything 0, FIFO off and empty, no interrupt. */
void uart_reset(struct uart *u);

/* A guest write of VAL at OFFSET (0-7).  Every bit of VAL is checked: bits
 * a register does not have are dropped.  A THR write returns true and puts
 * the byte in *TX; every other write returns false. */
bool uart_write(struct uart *u, unsigned offset, uint8_t val, uint8_t *tx);

/* A guest read at OFFSET (0-7): the register's value, with its side
 * effects (RBR pops the FIFO, IIR clears the THRE condition, LSR clears BI). */
uint8_t uart_read(struct uart *u, unsigned offset);

/* Bytes the receive FIFO can take now (0 to 16). */
size_t uart_rx_room(const struct uart *u);

/* Bytes in the receive FIFO. */
size_t uart_rx_count(const struct uart *u);

/* Put up to N bytes of BUF into the receive FIFO; returns how many it took. */
size_t uart_rx_push(struct uart *u, const uint8_t *buf, size_t n);

/* The line has ended (the vmm's stdin reached end of file): once the FIFO
 * is empty, LSR.BI is set, once. */
void uart_rx_end(struct uart *u);

/* The interrupt line: true while an enabled interrupt is pending. */
bool uart_irq(const struct uart *u);

#endif
