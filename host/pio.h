/* SPDX-License-Identifier: MIT */
/* Port I/O devices and the table that routes a port to its device. */
#ifndef LDE_PIO_H
#define LDE_PIO_H

#include <stdint.h>

struct vm;

struct pio_device {
	const char *name; /* as in trace records: "debugcon", "uart", "exit" */
	uint16_t base;    /* first port */
	uint16_t count;   /* number of ports */
	/* One OUT of SIZE (1, 2 or 4) bytes, VAL zero-extended, at base+OFFSET. */
	void (*out)(struct vm *vm, uint16_t offset, uint32_t val, unsigned size);
	/* One IN of SIZE bytes at base+OFFSET; the value the guest reads. */
	uint32_t (*in)(struct vm *vm, uint16_t offset, unsigned size);
};

extern const struct pio_device debugcon_device; /* debugcon.c */
extern const struct pio_device uart_device;     /* uart.c */
extern const struct pio_device exit_device;     /* exit_port.c */
extern const struct pio_device doorbell_device; /* doorbell.c */

/* An `in` handler for write-only devices: every read returns 0. */
uint32_t pio_read_zero(struct vm *vm, uint16_t offset, unsigned size);

/* The device claiming PORT, or NULL. */
const struct pio_device *pio_find(uint16_t port);

#endif
