/* SPDX-License-Identifier: MIT */
/*
 * The 16550A register model (host/uart.c) as a guest driver sees it, and
 * the stdin feed (host/stdin_feed.c) on a real pipe: bounded, in order,
 * and the end of input after the last byte.
 */
#include <CUnit/CUnit.h>
#include <string.h>
#include <unistd.h>

#include "../../host/stdin_feed.h"
#include "../../host/uart.h"
#include "suites.h"

static struct uart u;

static void reset(void)
{
	uart_reset(&u);
}

static uint8_t iir_id(void)
{
	return uart_read(&u, UART_IIR_FCR) & 0x0f;
}

static void test_fifo_order_and_capacity(void)
{
	uint8_t in[20], tx;

	for (int i = 0; i < 20; i++)
		in[i] = (uint8_t)('a' + i);
	/* FIFO off: a 1-byte holding register */
	CU_ASSERT_EQUAL(uart_rx_room(&u), 1);
	CU_ASSERT_EQUAL(uart_rx_push(&u, in, 20), 1);
	uart_write(&u, UART_IIR_FCR, UART_FCR_ENABLE, &tx); /* switching empties it */
	CU_ASSERT_EQUAL(uart_rx_count(&u), 0);
	CU_ASSERT_EQUAL(uart_rx_push(&u, in, 20), 16);
	CU_ASSERT_EQUAL(uart_rx_room(&u), 0);
	CU_ASSERT(uart_read(&u, UART_LSR) & UART_LSR_DR);
	for (int i = 0; i < 16; i++)
		CU_ASSERT_EQUAL(uart_read(&u, UART_RBR_THR), 'a' + i);
	CU_ASSERT_FALSE(uart_read(&u, UART_LSR) & UART_LSR_DR);
	CU_ASSERT_EQUAL(uart_read(&u, UART_RBR_THR), 0); /* empty reads 0 */
	/* FCR's clear bit drops what is there */
	uart_rx_push(&u, in, 3);
	uart_write(&u, UART_IIR_FCR, UART_FCR_ENABLE | UART_FCR_CLEAR_RX, &tx);
	CU_ASSERT_EQUAL(uart_rx_count(&u), 0);
}

static void test_interrupts(void)
{
	uint8_t tx, b = 'x', many[14] = { 0 };

	uart_write(&u, UART_IIR_FCR, UART_FCR_ENABLE | 0xc0, &tx); /* trigger 14 */
	CU_ASSERT_EQUAL(uart_read(&u, UART_IIR_FCR), UART_IIR_FIFO | UART_IIR_NONE);
	uart_rx_push(&u, &b, 1);
	CU_ASSERT_FALSE(uart_irq(&u)); /* not enabled */
	uart_write(&u, UART_IER, UART_IER_ERBFI | UART_IER_ELSI, &tx);
	CU_ASSERT(uart_irq(&u));
	CU_ASSERT_EQUAL(iir_id(), UART_IIR_TIMEOUT); /* below the trigger level */
	uart_rx_push(&u, many, sizeof(many));
	CU_ASSERT_EQUAL(iir_id(), UART_IIR_RDA);
	while (uart_rx_count(&u))
		uart_read(&u, UART_RBR_THR);
	CU_ASSERT_FALSE(uart_irq(&u)); /* drained: the line goes low */
	/* THRE: raised when enabled, acknowledged by reading IIR, again after a write */
	uart_write(&u, UART_IER, UART_IER_ETBEI, &tx);
	CU_ASSERT_EQUAL(iir_id(), UART_IIR_THRE);
	CU_ASSERT_EQUAL(iir_id(), UART_IIR_NONE);
	CU_ASSERT(uart_write(&u, UART_RBR_THR, 'q', &tx));
	CU_ASSERT_EQUAL(tx, 'q');
	CU_ASSERT(uart_irq(&u));
}

static void test_end_is_a_break_after_the_data(void)
{
	uint8_t tx, b[2] = { '1', '2' };

	uart_write(&u, UART_IER, UART_IER_ERBFI | UART_IER_ELSI, &tx);
	uart_write(&u, UART_IIR_FCR, UART_FCR_ENABLE, &tx);
	uart_rx_push(&u, b, 2);
	uart_rx_end(&u);
	CU_ASSERT_EQUAL(uart_rx_room(&u), 0); /* nothing after the end */
	CU_ASSERT_FALSE(uart_read(&u, UART_LSR) & UART_LSR_BI);
	uart_read(&u, UART_RBR_THR);
	uart_read(&u, UART_RBR_THR);
	CU_ASSERT_EQUAL(iir_id(), UART_IIR_RLS);
	CU_ASSERT(uart_read(&u, UART_LSR) & UART_LSR_BI);
	CU_ASSERT_FALSE(uart_read(&u, UART_LSR) & UART_LSR_BI); /* once */
	CU_ASSERT_FALSE(uart_irq(&u));
}

static void test_registers_checked(void)
{
	uint8_t tx;

	uart_write(&u, UART_IER, 0xff, &tx);
	CU_ASSERT_EQUAL(uart_read(&u, UART_IER), 0x0f); /* bits 4-7 do not exist */
	uart_write(&u, UART_MCR, 0xff, &tx);
	CU_ASSERT_EQUAL(uart_read(&u, UART_MCR), 0x1f);
	uart_write(&u, UART_LSR, 0x00, &tx); /* read-only */
	CU_ASSERT_EQUAL(uart_read(&u, UART_LSR) & 0x60, UART_LSR_THRE | UART_LSR_TEMT);
	uart_write(&u, UART_LCR, UART_LCR_DLAB | 3, &tx);
	CU_ASSERT_FALSE(uart_write(&u, UART_RBR_THR, 0x0c, &tx)); /* DLL, not a byte out */
	uart_write(&u, UART_IER, 0x00, &tx);                      /* DLM */
	CU_ASSERT_EQUAL(uart_read(&u, UART_RBR_THR), 0x0c);
	uart_write(&u, UART_LCR, 3, &tx);
	CU_ASSERT_EQUAL(uart_read(&u, UART_IER), 0x0f); /* IER kept under DLAB */
	CU_ASSERT_EQUAL(uart_read(&u, UART_MSR), UART_MSR_DCD_DSR_CTS);
	uart_write(&u, UART_SCR, 0x5a, &tx);
	CU_ASSERT_EQUAL(uart_read(&u, UART_SCR), 0x5a);
}

static struct stdin_feed feed = STDIN_FEED_INIT;
static int notified;

static void count_notify(void *arg)
{
	(void)arg;
	notified++;
}

/* 200 KB through a pipe, more than the feed holds: nothing lost or
 * reordered, the reader waits while the feed is full, then the end. */
static void test_feed_bounded_in_order(void)
{
	static uint8_t data[200000], got[sizeof(data)];
	size_t have = 0, max_buffered = 0;
	int fds[2];
	pid_t pid;

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 7 + i / 251);
	CU_ASSERT_FATAL(pipe(fds) == 0);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		_exit(write(fds[1], data, sizeof(data)) == (ssize_t)sizeof(data) ? 0 : 1);
	}
	close(fds[1]);
	CU_ASSERT_FATAL(stdin_feed_start(&feed, fds[0], count_notify, NULL) == 0);
	stdin_feed_lock(&feed);
	CU_ASSERT_EQUAL(feed.bytes, 0); /* nothing read before it is wanted */
	stdin_feed_want(&feed);
	while (!stdin_feed_done(&feed)) {
		size_t n = stdin_feed_count(&feed);

		if (n > max_buffered)
			max_buffered = n;
		have += stdin_feed_take(&feed, got + have, 1000);
		stdin_feed_unlock(&feed);
		usleep(100);
		stdin_feed_lock(&feed);
	}
	stdin_feed_unlock(&feed);
	stdin_feed_stop(&feed);
	CU_ASSERT_EQUAL(have, sizeof(data));
	CU_ASSERT(memcmp(got, data, sizeof(data)) == 0);
	CU_ASSERT(max_buffered <= STDIN_FEED_SIZE);
	CU_ASSERT(notified > 0);
	close(fds[0]);
}

int suite_uart(void)
{
	static const struct unit_test tests[] = {
		{ "receive FIFO: 16 bytes in order, 1 with the FIFO off, FCR clears",
		  test_fifo_order_and_capacity },
		{ "interrupts: received data (trigger level, timeout), THRE, the line low when "
		  "drained",
		  test_interrupts },
		{ "end of input: a break once the data before it is read",
		  test_end_is_a_break_after_the_data },
		{ "guest writes checked: missing bits dropped, read-only registers, DLAB",
		  test_registers_checked },
		{ "stdin feed: 200 KB through a pipe, bounded, in order, then the end",
		  test_feed_bounded_in_order },
	};

	return add_suite("uart", NULL, NULL, reset, NULL, tests, sizeof(tests) / sizeof(tests[0]));
}
