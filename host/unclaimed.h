/* SPDX-License-Identifier: MIT */
/*
 * The device policy for guest accesses nothing claims: a port no device
 * decodes (or a width or direction it does not decode), or MMIO outside
 * RAM and the in-kernel LAPIC/IOAPIC.
 *
 * By default the machine behaves as real hardware and QEMU do: a read
 * returns all-ones, a write is dropped, and the guest runs on.  Every such
 * access is still an exit record (marked "unclaimed"), and stderr gets one
 * warning per port or 4 KiB MMIO page, at most UNCLAIMED_WARN_MAX of them.
 * With --strict-io, the access ends the run as a crash instead.
 */
#ifndef LDE_UNCLAIMED_H
#define LDE_UNCLAIMED_H

#include <stdbool.h>
#include <stdint.h>

#define UNCLAIMED_WARN_MAX 16   /* warnings on stderr, then one line saying so */
#define UNCLAIMED_MMIO_PAGES 64 /* MMIO pages remembered as warned about */

struct unclaimed {
	bool strict;                    /* --strict-io */
	uint8_t port_warned[65536 / 8]; /* one bit per port */
	uint64_t mmio_warned[UNCLAIMED_MMIO_PAGES];
	unsigned nmmio;    /* entries used in mmio_warned */
	unsigned warnings; /* printed so far */
	uint64_t accesses; /* all unclaimed accesses (summary) */
};

struct vm;

/* An IN or OUT of SIZE bytes (COUNT times) at PORT that no device decodes.
 * For an IN, DATA (SIZE * COUNT bytes) gets what the guest reads. */
void unclaimed_io(struct vm *vm, uint16_t port, bool out, unsigned size, uint32_t count,
                  uint8_t *data);

/* An MMIO access of LEN bytes at ADDR; a read's DATA gets what the guest
 * reads. */
void unclaimed_mmio(struct vm *vm, uint64_t addr, bool write, uint32_t len, uint8_t *data);

#endif
