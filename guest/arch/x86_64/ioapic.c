// SPDX-License-Identifier: MIT
/* The I/O APIC's redirection entries (see ioapic.h). */
#include "ioapic.h"

#include "lapic.h"
#include "paging.h"

#define IOREGSEL 0x00                    /* byte offset: the index register */
#define IOWIN 0x10                       /* byte offset: the data window */
#define IOREDTBL(pin) (0x10 + 2 * (pin)) /* low dword; high dword at +1 */

#define RTE_LEVEL (1u << 15)  /* trigger mode: level (else edge) */
#define RTE_MASKED (1u << 16) /* the pin delivers nothing */

static void ioapic_write(unsigned index, uint32_t value)
{
	/* the MMIO hole is mapped uncached in the direct map (pagetables.S) */
	volatile uint32_t *base = phys_to_virt(IOAPIC_PHYS);

	base[IOREGSEL / 4] = index;
	base[IOWIN / 4] = value;
}

/* This CPU's APIC ID, as a physical destination names it. */
static uint32_t apic_id(void)
{
	uint32_t id = lapic_read(LAPIC_ID);

	return lapic_x2apic() ? id : id >> 24;
}

void ioapic_route_level(unsigned pin, uint8_t vector)
{
	ioapic_write(IOREDTBL(pin) + 1, apic_id() << 24);
	ioapic_write(IOREDTBL(pin), vector | RTE_LEVEL);
}

void ioapic_mask(unsigned pin)
{
	ioapic_write(IOREDTBL(pin), RTE_MASKED);
}
