/* SPDX-License-Identifier: MIT */
#include "pio.h"

#include <stddef.h>

static const struct pio_device *const devices[] = {
	&debugcon_device, &uart_device,        &exit_device,
	&doorbell_device, &user_output_device, &stdin_status_device,
};

const struct pio_device *pio_find(uint16_t port, bool out, unsigned size)
{
	for (size_t i = 0; i < sizeof(devices) / sizeof(devices[0]); i++) {
		const struct pio_device *d = devices[i];

		if (port >= d->base && port - d->base < d->count)
			return ((out ? d->out_sizes : d->in_sizes) & size) ? d : NULL;
	}
	return NULL;
}
