/* SPDX-License-Identifier: MIT */
/* Port I/O devices and the table that routes a port to its device. */
#ifndef LDE_PIO_H
#define LDE_PIO_H

#include <stdbool.h>
#include <stdint.h>

struct vm;

struct pio_device {
	const char *name; /* as in trace records: "debugcon", "uart", "exit" */
	uint16_t base;    /* first port */
	uint16_t count;   /* number of ports */
	/* The access sizes decoded, as a mask of sizes (1 | 2 | 4); any other
	 * access to the device's ports is unclaimed (unclaimed.h). */
	uint8_t out_sizes, in_sizes;
	/* One OUT of SIZE (1, 2 or 4) bytes, VAL zero-extended, at base+OFFSET. */
	void (*out)(struct vm *vm, uint16_t offset, uint32_t val, unsigned size);
	/* One IN of SIZE bytes at base+OFFSET; the value the guest reads (NULL
	 * when in_sizes is 0). */
	uint32_t (*in)(struct vm *vm, uint16_t offset, unsigned size);
};

extern const struct pio_device debugcon_device;     /* debugcon.c */
extern const struct pio_device uart_device;         /* com1.c */
extern const struct pio_device stdin_status_device; /* com1.c */
extern const struct pio_device exit_device;         /* exit_port.c */
extern const struct pio_device doorbell_device;     /* doorbell.c */
extern const struct pio_device user_output_device;  /* user_output.c */

/* The device that decodes an access of SIZE bytes at PORT (OUT if OUT,
 * else IN), or NULL: the access is unclaimed. */
const struct pio_device *pio_find(uint16_t port, bool out, unsigned size);

#endif
