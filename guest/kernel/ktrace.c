/* SPDX-License-Identifier: MIT */
/*
 * Trace-ring producer.  One producer (this kernel, one CPU, interrupts off
 * in all kernel code) and one consumer (the vmm): write the slot, then
 * publish it by storing head; the vmm stores tail after it has consumed.
 */
#include "ktrace.h"
#include "tracepoints.h"

#include "cmdline.h"
#include "cpu.h"
#include "io.h"
#include "printf.h"
#include "string.h"

/* The ring, once ktrace_init() found one. */
static struct ktrace_ring {
	volatile struct lde_ring_header *hdr; /* NULL: no ring */
	struct lde_trace_record *slots;
	uint32_t mask, high_water;
	bool lossy;
} ktrace_ring;

bool ktrace_on;
#ifdef CONFIG_TRACE_RING_LOSSY
#define LOSSY true
#else
#define LOSSY false
#endif

static bool is_ring_module(const struct hvm_modlist_entry *m)
{
	const char *name = (const char *)(uintptr_t)m->cmdline_paddr;

	return name && strcmp(name, LDE_TRACE_MODULE_NAME) == 0;
}

/* Is the header the vmm wrote one this kernel can use? */
static bool header_ok(const struct lde_ring_header *h, uint64_t size)
{
	return h->magic == LDE_RING_MAGIC && h->version == LDE_RING_VERSION &&
	       h->record_size == sizeof(struct lde_trace_record) &&
	       h->capacity && !(h->capacity & (h->capacity - 1)) &&
	       h->high_water && h->high_water < h->capacity &&
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

void ktrace_init(const struct hvm_start_info *si)
{
	const struct hvm_modlist_entry *mods =
		(const struct hvm_modlist_entry *)(uintptr_t)si->modlist_paddr;

	if (switched_off()) {
		kprintf("ktrace: off (ktrace=off): no trap records\n");
		return;
	}
	for (uint32_t i = 0; mods && i < si->nr_modules; i++) {
		struct lde_ring_header *h = (struct lde_ring_header *)(uintptr_t)mods[i].paddr;

		if (!is_ring_module(&mods[i]))
			continue;
		if (!header_ok(h, mods[i].size)) {
			kprintf("ktrace: ring module at 0x%lx has a bad header; not tracing\n",
				(unsigned long)mods[i].paddr);
			return;
		}
		h->flags = LOSSY ? LDE_RING_LOSSY : 0;
		ktrace_ring = (struct ktrace_ring){
			.hdr = h,
			.slots = (struct lde_trace_record *)(h + 1),
			.mask = h->capacity - 1,
			.high_water = h->high_water,
			.lossy = LOSSY,
		};
		ktrace_on = true;
		kprintf("ktrace: trace ring of %u records at 0x%lx (%s)\n", h->capacity,
			(unsigned long)mods[i].paddr, LOSSY ? "lossy" : "lossless");
		return;
	}
}

struct lde_trace_record *ktrace_begin(void)
{
	volatile struct lde_ring_header *h = ktrace_ring.hdr;
	uint64_t head;
	struct lde_trace_record *r;

	if (!h)
		return NULL;
	head = h->head;
	/* Lossless: the doorbell at high_water (< capacity) keeps room. */
	if (ktrace_ring.lossy &&
	    head - __atomic_load_n(&h->tail, __ATOMIC_ACQUIRE) > ktrace_ring.mask) {
		h->dropped++;
		return NULL;
	}
	r = &ktrace_ring.slots[head & ktrace_ring.mask];
	r->seq = head; /* head counts written records: the guest's seq */
	r->tsc = rdtsc();
	return r;
}

void ktrace_commit(void)
{
	volatile struct lde_ring_header *h = ktrace_ring.hdr;
	uint64_t head = h->head + 1;

	__atomic_store_n(&h->head, head, __ATOMIC_RELEASE);
	if (!ktrace_ring.lossy &&
	    head - __atomic_load_n(&h->tail, __ATOMIC_ACQUIRE) >= ktrace_ring.high_water)
		outl(LDE_PORT_TRACE_DOORBELL, 0);
}
