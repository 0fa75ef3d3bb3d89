/* SPDX-License-Identifier: MIT */
/*
 * COM1's receiver, interrupt-driven: IRQ 4 through the IOAPIC to vector
 * T_COM1, whose handler drains the UART into the console's input buffer
 * (tty.h) and wakes its readers.  Under the vmm the stdin status port
 * (LDE_PORT_STDIN) says how many bytes are there, and one `rep insb`
 * reads them all (one exit per page); on a plain 16550 (QEMU) the
 * handler reads byte by byte while LSR says data is ready.  When the
 * buffer is full the receiver's data interrupt goes off (throttled) until
 * a reader has made room: the vmm then stops reading its stdin.
 */
#ifndef LDE_GUEST_COM1_RX_H
#define LDE_GUEST_COM1_RX_H

/* The first read of the console starts the receiver: detects the UART
 * (none: the input has ended at once), programs it and the IOAPIC.
 * Later calls do nothing. */
void com1_rx_start(void);

/* The T_COM1 interrupt: drain, wake readers.  The caller sends the EOI. */
void com1_rx_interrupt(void);

/* A reader took bytes: if throttled and there is room again, resume. */
void com1_rx_resume(void);

#endif
