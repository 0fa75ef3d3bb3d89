/* SPDX-License-Identifier: MIT */
/*
 * COM1 and the stdin status port (com1.h).  The line behind the receive
 * FIFO is instantly fast: whenever the FIFO has room it takes the next
 * bytes the stdin thread buffered, so one `rep insb` of the count the
 * status port gives reads them all in one exit.
 */
#include "com1.h"

#include <errno.h>
#include <linux/kvm.h>
#include <string.h>
#include <sys/ioctl.h>

#include "console.h"
#include "lde/abi.h"
#include "log.h"
#include "pio.h"
#include "vm.h"

/* Refill the FIFO from the feed, end the line once the feed is done, and
 * put the interrupt's level on IRQ 4.  Lock held. */
static void sync_line(struct com1 *c)
{
	uint8_t b[UART_FIFO_SIZE];
	size_t n = stdin_feed_take(&c->feed, b, uart_rx_room(&c->uart));
	bool level;

	uart_rx_push(&c->uart, b, n);
	if (stdin_feed_done(&c->feed))
		uart_rx_end(&c->uart);
	level = uart_irq(&c->uart);
	if (level == c->irq || c->vm_fd < 0 || c->irq_failed)
		return;
	if (ioctl(c->vm_fd, KVM_IRQ_LINE,
	          &(struct kvm_irq_level){ .irq = LDE_COM1_IRQ, .level = level }) < 0) {
		vmm_error("KVM_IRQ_LINE (COM1, IRQ %d): %s; COM1 raises no more interrupts",
		          LDE_COM1_IRQ, strerror(errno));
		c->irq_failed = true;
		return;
	}
	c->irq = level;
	c->raised += level;
}

/* The stdin thread's callback: bytes arrived or the input ended. */
static void on_input(void *arg)
{
	sync_line(arg);
}

int com1_start(struct com1 *c, int fd, int vm_fd)
{
	c->vm_fd = vm_fd;
	return stdin_feed_start(&c->feed, fd, on_input, c);
}

void com1_stop(struct com1 *c)
{
	stdin_feed_stop(&c->feed);
}

static void com1_out(struct vm *vm, uint16_t offset, uint32_t val, unsigned size)
{
	struct com1 *c = &vm->com1;
	uint8_t tx;

	(void)size;
	stdin_feed_lock(&c->feed);
	if (uart_write(&c->uart, offset, (uint8_t)val, &tx))
		console_putc(vm, tx);
	if (c->uart.ier & (UART_IER_ERBFI | UART_IER_ELSI))
		stdin_feed_want(&c->feed);
	sync_line(c);
	stdin_feed_unlock(&c->feed);
}

static uint32_t com1_in(struct vm *vm, uint16_t offset, unsigned size)
{
	struct com1 *c = &vm->com1;
	uint8_t v;

	(void)size;
	stdin_feed_lock(&c->feed);
	if (offset == UART_RBR_THR && !(c->uart.lcr & UART_LCR_DLAB) && uart_rx_count(&c->uart))
		c->rx_bytes++;
	v = uart_read(&c->uart, offset);
	sync_line(c);
	stdin_feed_unlock(&c->feed);
	return v;
}

const struct pio_device uart_device = {
	.name = "uart",
	.base = LDE_PORT_COM1,
	.count = LDE_PORT_COM1_COUNT,
	.out_sizes = 1, /* 8-bit registers */
	.in_sizes = 1,
	.out = com1_out,
	.in = com1_in,
};

static uint32_t stdin_status_in(struct vm *vm, uint16_t offset, unsigned size)
{
	struct com1 *c = &vm->com1;
	uint64_t n;
	uint32_t v;

	(void)offset;
	(void)size;
	stdin_feed_lock(&c->feed);
	sync_line(c);
	n = uart_rx_count(&c->uart) + stdin_feed_count(&c->feed);
	v = LDE_STDIN_TAG | (n > LDE_STDIN_COUNT ? LDE_STDIN_COUNT : (uint32_t)n);
	if (c->feed.ended && n <= LDE_STDIN_COUNT) /* only with an exact count */
		v |= LDE_STDIN_ENDED;
	stdin_feed_unlock(&c->feed);
	return v;
}

const struct pio_device stdin_status_device = {
	.name = "stdin-status",
	.base = LDE_PORT_STDIN,
	.count = 1,
	.out_sizes = 0,
	.in_sizes = 4, /* a 32-bit IN; nothing else is decoded */
	.in = stdin_status_in,
};
