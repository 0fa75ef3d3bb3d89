/* SPDX-License-Identifier: MIT */
#include "pio.h"

#include <stddef.h>

static const struct pio_device *const devices[] = {
	&debugcon_device,
	&uart_device,
	&exit_device,
	&doorbell_device,
};

const struct pio_device *pio_find(uint16_t port)
{
	for (size_t i = 0; i < sizeof(devices) / sizeof(devices[0]); i++)
		if (port >= devices[i]->base && port - devices[i]->base < devices[i]->count)
			return devices[i];
	return NULL;
}

uint32_t pio_read_zero(struct vm *vm, uint16_t offset, unsigned size)
{
	(void)vm;
	(void)offset;
	(void)size;
	return 0;
}
