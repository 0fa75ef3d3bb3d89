/* SPDX-License-Identifier: MIT */
/* The 16550 UART's registers, as offsets from its base port (COM1: abi.h). */
#ifndef LDE_GUEST_UART_H
#define LDE_GUEST_UART_H

#define UART_RBR 0 /* receive buffer (read) */
#define UART_THR 0 /* transmit holding (write) */
#define UART_DLL 0 /* divisor latch low (when LCR.DLAB) */
#define UART_IER 1 /* interrupt enable */
#define UART_DLM 1 /* divisor latch high (when LCR.DLAB) */
#define UART_FCR 2 /* FIFO control (write) */
#define UART_LCR 3 /* line control */
#define UART_MCR 4 /* modem control */
#define UART_LSR 5 /* line status */
#define UART_SCR 7 /* scratch */

#define IER_ERBFI 0x01 /* interrupt on received data */
#define IER_ELSI 0x04  /* interrupt on line status (a break: end of input) */

#define LCR_8N1 0x03  /* 8 data bits, no parity, 1 stop bit */
#define LCR_DLAB 0x80 /* DLL/DLM visible at offsets 0/1 */

#define FCR_ENABLE 0x07     /* enable FIFOs and clear both */
#define FCR_FIFO_ON 0x01    /* enable FIFOs, keep what they hold */
#define FCR_TRIGGER_14 0xc0 /* received-data interrupt at 14 bytes */

#define MCR_DTR_RTS 0x03
#define MCR_OUT2 0x08 /* on a PC, gates the UART's interrupt to the board */

#define LSR_DR 0x01   /* data ready */
#define LSR_THRE 0x20 /* transmit holding register empty */

#endif
