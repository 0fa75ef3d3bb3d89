/* SPDX-License-Identifier: MIT */
/* The 16550A register model (uart.h). */
#include "uart.h"

#include <string.h>

void uart_reset(struct uart *u)
{
	memset(u, 0, sizeof(*u));
}

static size_t rx_capacity(const struct uart *u)
{
	return u->fcr & UART_FCR_ENABLE ? UART_FIFO_SIZE : 1;
}

/* The receive trigger level FCR bits 7-6 select. */
static size_t rx_trigger(const struct uart *u)
{
	static const uint8_t levels[4] = { 1, 4, 8, 14 };

	return u->fcr & UART_FCR_ENABLE ? levels[u->fcr >> 6] : 1;
}

/* The end of input becomes a break once the bytes before it are read. */
static void check_break(struct uart *u)
{
	if (u->line_ended && !u->break_seen && !u->rx_count) {
		u->break_seen = true;
		u->lsr_bi = true;
	}
}

static uint8_t rx_pop(struct uart *u)
{
	uint8_t b;

	if (!u->rx_count)
		return 0; /* an empty FIFO reads 0 */
	b = u->rx[u->rx_head];
	u->rx_head = (uint8_t)((u->rx_head + 1) % UART_FIFO_SIZE);
	u->rx_count--;
	check_break(u);
	return b;
}

static void write_fcr(struct uart *u, uint8_t val)
{
	if ((val ^ u->fcr) & UART_FCR_ENABLE || val & UART_FCR_CLEAR_RX) {
		/* switching the FIFOs on or off empties them, as on the 16550A */
		u->rx_head = 0;
		u->rx_count = 0;
		check_break(u);
	}
	u->fcr = val & (UART_FCR_ENABLE | UART_FCR_TRIGGER);
}

bool uart_write(struct uart *u, unsigned offset, uint8_t val, uint8_t *tx)
{
	bool dlab = u->lcr & UART_LCR_DLAB;

	switch (offset) {
	case UART_RBR_THR:
		if (dlab) {
			u->dll = val;
			return false;
		}
		*tx = val;
		u->thre_pending = true; /* sent at once: empty again */
		return true;
	case UART_IER:
		if (dlab) {
			u->dlm = val;
		} else {
			/* enabling ETBEI with THR empty raises THRE, as on the 16550A */
			if (val & ~u->ier & UART_IER_ETBEI)
				u->thre_pending = true;
			u->ier = val & 0x0f;
		}
		return false;
	case UART_IIR_FCR:
		write_fcr(u, val);
		return false;
	case UART_LCR:
		u->lcr = val;
		return false;
	case UART_MCR:
		u->mcr = val & 0x1f;
		return false;
	case UART_SCR:
		u->scr = val;
		return false;
	default: /* LSR, MSR: read-only here */
		return false;
	}
}

/* The highest-priority pending interrupt, enabled or not counted by MASK. */
static uint8_t pending(const struct uart *u)
{
	if (u->ier & UART_IER_ELSI && u->lsr_bi)
		return UART_IIR_RLS;
	if (u->ier & UART_IER_ERBFI && u->rx_count)
		return u->rx_count >= rx_trigger(u) ? UART_IIR_RDA : UART_IIR_TIMEOUT;
	if (u->ier & UART_IER_ETBEI && u->thre_pending)
		return UART_IIR_THRE;
	return UART_IIR_NONE;
}

static uint8_t read_iir(struct uart *u)
{
	uint8_t id = pending(u);

	if (id == UART_IIR_THRE) /* reading IIR acknowledges THRE */
		u->thre_pending = false;
	return id | (u->fcr & UART_FCR_ENABLE ? UART_IIR_FIFO : 0);
}

static uint8_t read_lsr(struct uart *u)
{
	uint8_t lsr = UART_LSR_THRE | UART_LSR_TEMT;

	if (u->rx_count)
		lsr |= UART_LSR_DR;
	if (u->lsr_bi)
		lsr |= UART_LSR_BI;
	u->lsr_bi = false;
	return lsr;
}

uint8_t uart_read(struct uart *u, unsigned offset)
{
	bool dlab = u->lcr & UART_LCR_DLAB;

	switch (offset) {
	case UART_RBR_THR:
		return dlab ? u->dll : rx_pop(u);
	case UART_IER:
		return dlab ? u->dlm : u->ier;
	case UART_IIR_FCR:
		return read_iir(u);
	case UART_LCR:
		return u->lcr;
	case UART_MCR:
		return u->mcr;
	case UART_LSR:
		return read_lsr(u);
	case UART_MSR:
		return UART_MSR_DCD_DSR_CTS;
	default:
		return u->scr;
	}
}

size_t uart_rx_room(const struct uart *u)
{
	return u->line_ended ? 0 : rx_capacity(u) - u->rx_count;
}

size_t uart_rx_count(const struct uart *u)
{
	return u->rx_count;
}

size_t uart_rx_push(struct uart *u, const uint8_t *buf, size_t n)
{
	size_t room = uart_rx_room(u), i;

	if (n > room)
		n = room;
	for (i = 0; i < n; i++)
		u->rx[(u->rx_head + u->rx_count + i) % UART_FIFO_SIZE] = buf[i];
	u->rx_count = (uint8_t)(u->rx_count + n);
	return n;
}

void uart_rx_end(struct uart *u)
{
	u->line_ended = true;
	check_break(u);
}

bool uart_irq(const struct uart *u)
{
	return pending(u) != UART_IIR_NONE;
}
