/* SPDX-License-Identifier: MIT */
/* COM1: the registers of a 16550A UART that polled output needs. */
#ifndef LDE_UART_H
#define LDE_UART_H

#include <stdint.h>

struct uart {
	uint8_t ier; /* interrupt enable (no interrupts are raised) */
	uint8_t lcr; /* line control; bit 7 = DLAB */
	uint8_t mcr; /* modem control */
	uint8_t scr; /* scratch */
	uint8_t dll; /* divisor latch, low */
	uint8_t dlm; /* divisor latch, high */
};

#endif
