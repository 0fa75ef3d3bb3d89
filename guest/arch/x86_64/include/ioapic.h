/* SPDX-License-Identifier: MIT */
/*
 * The I/O APIC at 0xFEC00000: it turns a device's interrupt pin (ISA IRQ
 * N is pin N) into a vector for a LAPIC.  Each pin has a 64-bit
 * redirection entry, reached through an index register (IOREGSEL) and a
 * data window (IOWIN); all entries start masked.  On KVM the IOAPIC is
 * in the host kernel (KVM_CREATE_IRQCHIP): these accesses never reach the
 * vmm.
 */
#ifndef LDE_GUEST_IOAPIC_H
#define LDE_GUEST_IOAPIC_H

#include <stdint.h>

#define IOAPIC_PHYS 0xfec00000

/* Pin PIN delivers VECTOR to this CPU's LAPIC (fixed delivery, physical
 * destination), level-triggered and active high, unmasked. */
void ioapic_route_level(unsigned pin, uint8_t vector);

/* Pin PIN masked again. */
void ioapic_mask(unsigned pin);

#endif
