/* SPDX-License-Identifier: MIT */
/*
 * Trace-ring producer.  One producer (this kernel, one CPU, interrupts off
 * while writing) and one consumer (the vmm): write the slot, then publish
 * it by storing head; the vmm stores tail after it has consumed.
 */
#include "ktrace.h"

#include "cmdline.h"
#include "io.h"
#include "printf.h"
#include "string.h"

static volatile struct lde_ring_header *ring;
static struct lde_trace_record *slots;
static uint32_t mask, high_water;
#ifdef CONFIG_TRACE_RING_LOSSY
static const bool lossy = true;
#else
static const bool lossy = false;
#endif
static uint64_t seq;

static inline uint64_t rdtsc_now(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* Interrupts off, returning the previous RFLAGS. */
static inline uint64_t irq_save(void)
{
	uint64_t flags;

	__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags;
}

static inline void irq_restore(uint64_t flags)
{
	__asm__ volatile("pushq %0; popfq" : : "r"(flags) : "memory", "cc");
}

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
	       size >= sizeof(*h) + (uint64_t)h->capacity * sizeof(*slots);
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
		h->flags = lossy ? LDE_RING_LOSSY : 0;
		slots = (struct lde_trace_record *)(h + 1);
		mask = h->capacity - 1;
		high_water = h->high_water;
		ring = h;
		kprintf("ktrace: trace ring of %u records at 0x%lx (%s)\n", h->capacity,
			(unsigned long)mods[i].paddr, lossy ? "lossy" : "lossless");
		return;
	}
}

bool ktrace_enabled(void)
{
	return ring != NULL;
}

void ktrace_emit(struct lde_trace_record *rec)
{
	uint64_t flags, head, tail;

	if (!ring)
		return;
	flags = irq_save();
	head = ring->head;
	tail = __atomic_load_n(&ring->tail, __ATOMIC_ACQUIRE);
	if (head - tail > mask) { /* full: only possible in lossy mode */
		ring->dropped++;
		irq_restore(flags);
		return;
	}
	rec->seq = seq++;
	if (!rec->tsc)
		rec->tsc = rdtsc_now();
	slots[head & mask] = *rec;
	__atomic_store_n(&ring->head, head + 1, __ATOMIC_RELEASE);
	if (!lossy && head + 1 - tail >= high_water)
		outl(LDE_PORT_TRACE_DOORBELL, 0);
	irq_restore(flags);
}

uint64_t ktrace_written(void)
{
	return seq;
}

uint64_t ktrace_dropped(void)
{
	return ring ? ring->dropped : 0;
}
