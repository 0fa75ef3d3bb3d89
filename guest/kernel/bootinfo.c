// SPDX-License-Identifier: MIT
/*
 * struct hvm_start_info (abi.h section 3): checked once, then read in
 * place.  The structure and everything it points to must lie inside the
 * kernel's direct map of physical memory, [0, DIRECT_MAP_SIZE).
 */
#include <lde/abi.h>

#include "bootinfo.h"
#include "exit.h"
#include "paging.h"
#include "printf.h"

static const struct hvm_start_info *start_info;

/* True if physical [addr, addr + size) is inside the direct map. */
static bool mapped(uint64_t addr, uint64_t size)
{
	return addr < DIRECT_MAP_SIZE && size <= DIRECT_MAP_SIZE - addr;
}

static noreturn void bad_start_info(const char *why, uint64_t value)
{
	kprintf("bootinfo: bad hvm_start_info %s: 0x%lx\n", why, value);
	guest_exit(LDE_GUEST_FAILURE);
}

void bootinfo_init(uint64_t addr)
{
	const struct hvm_start_info *si = phys_to_virt(addr);

	if (!addr || !mapped(addr, sizeof(*si)))
		bad_start_info("address", addr);
	if (si->magic != XEN_HVM_START_MAGIC_VALUE)
		bad_start_info("magic", si->magic);
	if (si->cmdline_paddr && !mapped(si->cmdline_paddr, 1))
		bad_start_info("cmdline_paddr", si->cmdline_paddr);
	/* Version 0 has no memory map; version 1 (and later) do. */
	if (si->version >= 1 && si->memmap_entries &&
	    !mapped(si->memmap_paddr,
	            (uint64_t)si->memmap_entries * sizeof(struct hvm_memmap_table_entry)))
		bad_start_info("memmap_paddr", si->memmap_paddr);
	if (si->nr_modules &&
	    !mapped(si->modlist_paddr, (uint64_t)si->nr_modules * sizeof(struct hvm_modlist_entry)))
		bad_start_info("modlist_paddr", si->modlist_paddr);
	start_info = si;
}

/* A NUL-terminated string at physical pa inside the direct map, or NULL. */
static const char *mapped_string(uint64_t pa)
{
	const char *s = phys_to_virt(pa);

	if (!pa || !mapped(pa, 1))
		return NULL;
	for (uint64_t i = 0; mapped(pa, i + 1); i++)
		if (!s[i])
			return s;
	return NULL;
}

bool bootinfo_module(uint32_t i, struct boot_module *m)
{
	const struct hvm_modlist_entry *e;

	if (i >= start_info->nr_modules)
		return false;
	e = (const struct hvm_modlist_entry *)phys_to_virt(start_info->modlist_paddr) + i;
	m->paddr = e->paddr;
	m->size = mapped(e->paddr, e->size) ? e->size : 0;
	m->data = m->size ? phys_to_virt(e->paddr) : NULL;
	m->name = mapped_string(e->cmdline_paddr);
	return true;
}

const struct hvm_start_info *bootinfo(void)
{
	return start_info;
}

const char *bootinfo_cmdline(void)
{
	return start_info->cmdline_paddr ? phys_to_virt(start_info->cmdline_paddr) : NULL;
}

/* The memory map and its length (0 when there is none). */
static const struct hvm_memmap_table_entry *memmap(uint32_t *count)
{
	if (start_info->version < 1 || !start_info->memmap_paddr) {
		*count = 0;
		return NULL;
	}
	*count = start_info->memmap_entries;
	return phys_to_virt(start_info->memmap_paddr);
}

uint64_t bootinfo_usable_bytes(void)
{
	uint32_t n;
	const struct hvm_memmap_table_entry *e = memmap(&n);
	uint64_t total = 0;

	for (; n; n--, e++)
		if (e->type == LDE_E820_RAM)
			total += e->size;
	return total;
}

uint64_t bootinfo_ram_end(uint64_t addr)
{
	uint32_t n;
	const struct hvm_memmap_table_entry *e = memmap(&n);

	for (; n; n--, e++)
		if (e->type == LDE_E820_RAM && addr >= e->addr && addr - e->addr < e->size)
			return e->addr + e->size;
	return 0;
}

/* E820 type names; other types print as "type N". */
static const char *const e820_names[] = {
	[LDE_E820_RAM] = "ram", [LDE_E820_RESERVED] = "reserved", [3] = "acpi", [4] = "nvs",
	[5] = "unusable",
};

static void print_entry(const struct hvm_memmap_table_entry *e)
{
	/* Ranges are [start, end): end is the first byte past the range. */
	kprintf("mem: 0x%016lx - 0x%016lx ", e->addr, e->addr + e->size);
	if (e->type < ARRAY_SIZE(e820_names) && e820_names[e->type])
		kprintf("%s\n", e820_names[e->type]);
	else
		kprintf("type %u\n", e->type);
}

void bootinfo_print_memmap(void)
{
	uint32_t n;
	const struct hvm_memmap_table_entry *e = memmap(&n);

	if (!n)
		kprintf("mem: no memory map\n");
	/* Empty entries carry nothing (QEMU's qboot appends a zeroed one). */
	for (; n; n--, e++)
		if (e->size)
			print_entry(e);
	kprintf("memory: %lu MiB usable\n", bootinfo_usable_bytes() >> 20);
}
