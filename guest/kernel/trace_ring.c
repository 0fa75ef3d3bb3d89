/* SPDX-License-Identifier: MIT */
/*
 * Trace-ring producer.  One producer (this kernel, one CPU, interrupts off
 * in all kernel code) and one consumer (the vmm): write the slot, then
 * publish it by storing head; the vmm stores tail after it has consumed.
 */
#include "trace_ring.h"
#include "trace_records.h"

#include "bootinfo.h"
#include "cmdline.h"
#include "io.h"
#include "printf.h"
#include "string.h"

struct trace_ring trace_ring;
bool ktrace_on;

bool trace_ring_is_module(const struct boot_module *m)
{
	return m->name && strcmp(m->name, LDE_TRACE_MODULE_NAME) == 0;
}

/* Is the header the vmm wrote one this kernel can use? */
static bool header_ok(const struct lde_ring_header *h, uint64_t size)
{
	return h->magic == LDE_RING_MAGIC && h->version == LDE_RING_VERSION &&
	       h->record_size == sizeof(struct lde_trace_record) && h->capacity &&
	       !(h->capacity & (h->capacity - 1)) && h->high_water && h->high_water < h->capacity &&
	       size >= sizeof(*h) + (uint64_t)h->capacity * sizeof(struct lde_trace_record);
}

/* ktrace=off on the command line: leave the ring alone (for measuring
 * what tracing costs the guest). */
static bool switched_off(void)
{
	size_t len;
	const char *v = cmdline_value("ktrace", &len);

	return v && len == 3 && memcmp(v, "off", 3) == 0;
}

void trace_ring_init(void)
{
	struct boot_module m;

	if (switched_off()) {
		kprintf("ktrace: off (ktrace=off): no trap records\n");
		return;
	}
	for (uint32_t i = 0; bootinfo_module(i, &m); i++) {
		struct lde_ring_header *h = (struct lde_ring_header *)m.data;

		if (!trace_ring_is_module(&m))
			continue;
		if (m.size < sizeof(*h) || !header_ok(h, m.size)) {
			kprintf("ktrace: ring module at 0x%lx has a bad header; not tracing\n",
			        (unsigned long)m.paddr);
			return;
		}
		h->flags = TRACE_RING_LOSSY ? LDE_RING_LOSSY : 0;
		trace_ring = (struct trace_ring){
			.hdr = h,
			.slots = (struct lde_trace_record *)(h + 1),
			.next = (struct lde_trace_record *)(h + 1) + (h->head & (h->capacity - 1)),
			.end = (struct lde_trace_record *)(h + 1) + h->capacity,
			.head = h->head,
			.check_at = TRACE_RING_LOSSY ? UINT64_MAX : h->head + h->high_water,
			.capacity = h->capacity,
			.high_water = h->high_water,
		};
		ktrace_on = true;
		kprintf("ktrace: trace ring of %u records at 0x%lx (%s)\n", h->capacity,
		        (unsigned long)m.paddr, TRACE_RING_LOSSY ? "lossy" : "lossless");
		return;
	}
}

static uint64_t tail(void)
{
	return __atomic_load_n(&trace_ring.hdr->tail, __ATOMIC_ACQUIRE);
}

bool trace_ring_drop(void)
{
	if (trace_ring.head - tail() < trace_ring.capacity)
		return false;
	trace_ring.hdr->dropped++;
	return true;
}

/*
 * Between two checks head advances by at most high_water - (head - tail)
 * records, and tail never goes back, so head - tail never passes
 * high_water < capacity: a write never finds the ring full.
 */
void trace_ring_check_tail(void)
{
	struct trace_ring *k = &trace_ring;
	uint64_t t = tail();

	if (k->head - t >= k->high_water) {
		outl(LDE_PORT_TRACE_DOORBELL, 0); /* the vmm drains: tail = head */
		t = tail();
	}
	k->check_at = t + k->high_water;
}
