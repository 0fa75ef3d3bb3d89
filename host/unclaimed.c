/* SPDX-License-Identifier: MIT */
#include "unclaimed.h"

#include <string.h>

#include "log.h"
#include "vm.h"

/* A warning, unless there were enough already; the last one says so. */
static bool may_warn(struct unclaimed *u)
{
	if (u->warnings > UNCLAIMED_WARN_MAX)
		return false;
	if (u->warnings++ == UNCLAIMED_WARN_MAX) {
		vmm_info("warning: more unclaimed ports or MMIO pages; no more warnings "
		         "(the trace records every access)");
		return false;
	}
	return true;
}

void unclaimed_io(struct vm *vm, uint16_t port, bool out, unsigned size, uint32_t count,
                  uint8_t *data)
{
	struct unclaimed *u = &vm->unclaimed;
	const char *dir = out ? "out" : "in";

	u->accesses++;
	if (!out)
		memset(data, 0xff, (size_t)size * count); /* what the guest reads */
	if (u->strict) {
		vm_crash(vm, "unclaimed I/O port 0x%x (%s, %u byte%s)", port, dir, size,
		         size > 1 ? "s" : "");
		return;
	}
	if (u->port_warned[port / 8] & (1u << (port % 8)))
		return;
	u->port_warned[port / 8] |= (uint8_t)(1u << (port % 8));
	if (may_warn(u))
		vmm_info("warning: unclaimed I/O port 0x%x (%s, %u byte%s): writes are dropped, "
		         "reads return all-ones (--strict-io stops the run instead)",
		         port, dir, size, size > 1 ? "s" : "");
}

static bool mmio_warned(struct unclaimed *u, uint64_t page)
{
	for (unsigned i = 0; i < u->nmmio; i++)
		if (u->mmio_warned[i] == page)
			return true;
	if (u->nmmio == UNCLAIMED_MMIO_PAGES)
		return true; /* the table is full: as good as warned */
	u->mmio_warned[u->nmmio++] = page;
	return false;
}

void unclaimed_mmio(struct vm *vm, uint64_t addr, bool write, uint32_t len, uint8_t *data)
{
	struct unclaimed *u = &vm->unclaimed;
	const char *dir = write ? "write" : "read";
	uint64_t page = addr & ~0xfffULL;

	u->accesses++;
	if (!write)
		memset(data, 0xff, len); /* LEN <= 8, checked by the caller */
	if (u->strict) {
		vm_crash(vm, "unclaimed MMIO %s of %u bytes at 0x%llx", dir, len,
		         (unsigned long long)addr);
		return;
	}
	if (!mmio_warned(u, page) && may_warn(u))
		vmm_info("warning: unclaimed MMIO %s at 0x%llx (page 0x%llx-0x%llx): writes are "
		         "dropped, reads return all-ones (--strict-io stops the run instead)",
		         dir, (unsigned long long)addr, (unsigned long long)page,
		         (unsigned long long)(page + 0xfff));
}
