/* SPDX-License-Identifier: MIT */
/*
 * 16550A UART at COM1, output only.  Transmit is instantaneous, so LSR
 * always reports THRE|TEMT and a polling driver never waits; there is no
 * input and no interrupt.
 */
#include "console.h"
#include "lde/abi.h"
#include "pio.h"
#include "vm.h"

enum { RBR_THR = 0, IER = 1, IIR_FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7 };

#define LCR_DLAB 0x80
#define LSR_THRE 0x20
#define LSR_TEMT 0x40
#define IIR_NO_INT 0x01
#define MSR_DCD_DSR_CTS 0xb0

static void uart_out(struct vm *vm, uint16_t offset, uint32_t val, unsigned size)
{
	struct uart *u = &vm->uart;
	uint8_t b = (uint8_t)val;
	int dlab = u->lcr & LCR_DLAB;

	(void)size;
	switch (offset) {
	case RBR_THR:
		if (dlab)
			u->dll = b;
		else
			console_putc(vm, b);
		break;
	case IER:
		if (dlab)
			u->dlm = b;
		else
			u->ier = b & 0x0f;
		break;
	case LCR:
		u->lcr = b;
		break;
	case MCR:
		u->mcr = b & 0x1f;
		break;
	case SCR:
		u->scr = b;
		break;
	default: /* FCR, LSR, MSR: writes ignored */
		break;
	}
}

static uint32_t uart_in(struct vm *vm, uint16_t offset, unsigned size)
{
	const struct uart *u = &vm->uart;
	int dlab = u->lcr & LCR_DLAB;

	(void)size;
	switch (offset) {
	case RBR_THR:
		return dlab ? u->dll : 0;
	case IER:
		return dlab ? u->dlm : u->ier;
	case IIR_FCR:
		return IIR_NO_INT;
	case LCR:
		return u->lcr;
	case MCR:
		return u->mcr;
	case LSR:
		return LSR_THRE | LSR_TEMT;
	case MSR:
		return MSR_DCD_DSR_CTS;
	default:
		return u->scr;
	}
}

const struct pio_device uart_device = {
	.name = "uart",
	.base = LDE_PORT_COM1,
	.count = LDE_PORT_COM1_COUNT,
	.out_sizes = 1, /* 8-bit registers */
	.in_sizes = 1,
	.out = uart_out,
	.in = uart_in,
};
