/* SPDX-License-Identifier: MIT */
/*
 * COM1: the 16550A register model (uart.h) wired to the guest console
 * (output), the vmm's stdin (stdin_feed.h, input) and IRQ 4 of the
 * in-kernel IOAPIC (KVM_IRQ_LINE), plus the stdin status port of ours
 * (LDE_PORT_STDIN, abi.h section 1) that says how many bytes the guest can
 * read now and whether the input has ended.  Both the vCPU thread (the
 * guest's port accesses) and the stdin thread (new bytes) drive it, under
 * the feed's lock.
 */
#ifndef LDE_COM1_H
#define LDE_COM1_H

#include <stdbool.h>
#include <stdint.h>

#include "stdin_feed.h"
#include "uart.h"

struct com1 {
	struct uart uart;
	struct stdin_feed feed;
	int vm_fd;         /* for KVM_IRQ_LINE; -1 before the VM exists */
	bool irq;          /* the level last put on the IRQ line */
	bool irq_failed;   /* KVM_IRQ_LINE failed once (reported, not retried) */
	uint64_t raised;   /* times the line went from low to high */
	uint64_t rx_bytes; /* bytes the guest read from RBR */
};

#define COM1_INIT                                    \
	{                                            \
		.feed = STDIN_FEED_INIT, .vm_fd = -1 \
	}

/* Starts reading FD (the vmm's stdin) for the guest, raising IRQ 4 of
 * VM_FD's IOAPIC.  0, or -1 after saying why. */
int com1_start(struct com1 *c, int fd, int vm_fd);

/* The run is over: the stdin thread no longer touches the VM. */
void com1_stop(struct com1 *c);

#endif
