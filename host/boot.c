/* SPDX-License-Identifier: MIT */
#include "boot.h"

#include <string.h>

#include "lde/abi.h"

#define CR0_PE (1ULL << 0)
#define CR0_ET (1ULL << 4)
#define CR0_NE (1ULL << 5)
#define CR0_WP (1ULL << 16)
#define CR0_PG (1ULL << 31)
#define CR4_PAE (1ULL << 5)
#define EFER_LME (1ULL << 8)
#define EFER_LMA (1ULL << 10)
#define PTE_P 0x1ULL
#define PTE_RW 0x2ULL
#define PTE_PS 0x80ULL

#define SEG_TYPE_CODE 0xB /* execute/read, accessed */
#define SEG_TYPE_DATA 0x3 /* read/write, accessed */
#define SEG_TYPE_TSS_BUSY 0xB
#define BOOT_GDT_LIMIT (LDE_BOOT_SEL_TSS + 16 - 1) /* TSS slot is 16 bytes */
#define TSS_LIMIT 0x67

uint64_t boot_entry(const struct elf_image *img)
{
	return img->pvh ? img->pvh_entry : img->entry;
}

const char *boot_entry_mode(const struct elf_image *img)
{
	return img->pvh ? "pvh" : "elf64";
}

static struct kvm_segment flat_segment(uint16_t sel, uint8_t type, int l)
{
	return (struct kvm_segment){
		.base = 0,
		.limit = 0xffffffff,
		.selector = sel,
		.type = type,
		.present = 1,
		.dpl = 0,
		.db = !l,
		.s = 1,
		.l = (uint8_t)l,
		.g = 1,
	};
}

/* The GDT descriptor matching S, so the hidden state and memory agree. */
static uint64_t gdt_encode(const struct kvm_segment *s)
{
	uint64_t limit = s->g ? s->limit >> 12 : s->limit;

	return (limit & 0xffff) | (s->base & 0xffffffULL) << 16 |
	       (uint64_t)(s->type | s->s << 4 | s->dpl << 5 | s->present << 7) << 40 |
	       ((limit >> 16) & 0xf) << 48 |
	       (uint64_t)(s->avl | s->l << 1 | s->db << 2 | s->g << 3) << 52 |
	       ((s->base >> 24) & 0xff) << 56;
}

static void gdt_set(uint64_t *gdt, const struct kvm_segment *s)
{
	gdt[s->selector / 8] = gdt_encode(s);
}

static int write_segments(const struct guest_mem *gm, struct kvm_sregs *sregs, int long_mode)
{
	uint64_t *gdt = guest_ptr(gm, LDE_BOOT_GDT, BOOT_GDT_LIMIT + 1);
	struct kvm_segment code32 = flat_segment(LDE_BOOT_SEL_CODE32, SEG_TYPE_CODE, 0);
	struct kvm_segment code64 = flat_segment(LDE_BOOT_SEL_CODE64, SEG_TYPE_CODE, 1);
	struct kvm_segment data = flat_segment(LDE_BOOT_SEL_DATA, SEG_TYPE_DATA, 0);
	struct kvm_segment tss = {
		.base = LDE_BOOT_TSS,
		.limit = TSS_LIMIT,
		.selector = LDE_BOOT_SEL_TSS,
		.type = SEG_TYPE_TSS_BUSY,
		.present = 1,
	};

	if (!gdt || !guest_ptr(gm, LDE_BOOT_TSS, TSS_LIMIT + 1))
		return -1;
	memset(gdt, 0, BOOT_GDT_LIMIT + 1);
	gdt_set(gdt, &code32);
	gdt_set(gdt, &code64);
	gdt_set(gdt, &data);
	gdt_set(gdt, &tss);
	sregs->cs = long_mode ? code64 : code32;
	sregs->ds = sregs->es = sregs->fs = sregs->gs = sregs->ss = data;
	sregs->tr = tss;
	sregs->gdt.base = LDE_BOOT_GDT;
	sregs->gdt.limit = BOOT_GDT_LIMIT;
	sregs->idt.base = 0;
	sregs->idt.limit = 0;
	return 0;
}

_Static_assert(2 * GUEST_MEM_MAX_VMM + GUEST_MEM_MAX_REGIONS <= LDE_BOOT_MEMMAP_MAX,
               "every reservation fits in the memory map");

/* Appends [START, END) of TYPE to MAP at N unless it is empty; the new N. */
static uint32_t map_add(struct hvm_memmap_table_entry *map, uint32_t n, uint64_t start,
                        uint64_t end, uint32_t type)
{
	if (end > start)
		map[n++] = (struct hvm_memmap_table_entry){ start, end - start, type, 0 };
	return n;
}

/*
 * E820-style map: every RAM region, with the vmm's ranges in region 0 (the
 * boot area, modules, the trace ring: guest_mem's vmm uses) as reserved.
 */
static uint32_t write_memmap(const struct guest_mem *gm, struct hvm_memmap_table_entry *map)
{
	uint32_t n = 0;
	uint64_t ram = 0; /* region 0's RAM not written yet starts here */

	for (unsigned k = 0; k < gm->nused; k++) {
		const struct guest_use *u = &gm->used[k];

		if (!u->vmm)
			continue; /* the image: RAM the guest owns */
		n = map_add(map, n, ram, u->gpa, LDE_E820_RAM);
		n = map_add(map, n, u->gpa, u->gpa + u->size, LDE_E820_RESERVED);
		ram = u->gpa + u->size;
	}
	for (unsigned i = 0; i < gm->nregions; i++) {
		const struct guest_region *r = &gm->region[i];

		n = map_add(map, n, i == 0 ? ram : r->gpa, r->gpa + r->size, LDE_E820_RAM);
	}
	return n;
}

/* The module list and the modules' names, in the reserved boot area. */
static int write_modules(const struct guest_mem *gm, const struct boot_module *mods, unsigned nmods,
                         struct hvm_start_info *si)
{
	struct hvm_modlist_entry *list =
		guest_ptr(gm, LDE_BOOT_MODLIST, LDE_BOOT_MODLIST_MAX * sizeof(*list));
	char *names = guest_ptr(gm, LDE_BOOT_MODNAMES, LDE_BOOT_MODNAMES_SIZE);
	size_t used = 0;

	if (!list || !names || nmods > LDE_BOOT_MODLIST_MAX)
		return -1;
	for (unsigned i = 0; i < nmods; i++) {
		size_t len = strlen(mods[i].name) + 1;

		if (mods[i].name_gpa) { /* placed with the module */
			list[i] = (struct hvm_modlist_entry){ mods[i].paddr, mods[i].size,
				                              mods[i].name_gpa, 0 };
			continue;
		}
		if (len > LDE_BOOT_MODNAMES_SIZE - used)
			return -1;
		memcpy(names + used, mods[i].name, len);
		list[i] = (struct hvm_modlist_entry){ mods[i].paddr, mods[i].size,
			                              LDE_BOOT_MODNAMES + used, 0 };
		used += len;
	}
	si->nr_modules = nmods;
	si->modlist_paddr = nmods ? LDE_BOOT_MODLIST : 0;
	return 0;
}

static int write_start_info(const struct guest_mem *gm, const char *cmdline,
                            const struct boot_module *mods, unsigned nmods)
{
	struct hvm_start_info *si = GUEST_PTR(gm, LDE_BOOT_START_INFO, struct hvm_start_info);
	struct hvm_memmap_table_entry *map =
		guest_ptr(gm, LDE_BOOT_MEMMAP, LDE_BOOT_MEMMAP_MAX * sizeof(*map));
	size_t len = strlen(cmdline);
	char *cl = guest_ptr(gm, LDE_BOOT_CMDLINE, LDE_BOOT_CMDLINE_MAX);

	if (!si || !map || !cl || len >= LDE_BOOT_CMDLINE_MAX)
		return -1;
	memcpy(cl, cmdline, len + 1);
	*si = (struct hvm_start_info){
		.magic = XEN_HVM_START_MAGIC_VALUE,
		.version = 1,
		.cmdline_paddr = LDE_BOOT_CMDLINE,
		.memmap_paddr = LDE_BOOT_MEMMAP,
		.memmap_entries = write_memmap(gm, map),
	};
	return write_modules(gm, mods, nmods, si);
}

/* Identity map of [0, LDE_BOOT_MAP_END) with 2 MiB pages: PML4 -> PDPT -> 4 PDs. */
_Static_assert(LDE_BOOT_MAP_END == 4ULL << 30, "four page directories map 4 GiB");
static int write_page_tables(const struct guest_mem *gm)
{
	uint64_t *pml4 = guest_ptr(gm, LDE_BOOT_PML4, 4096);
	uint64_t *pdpt = guest_ptr(gm, LDE_BOOT_PDPT, 4096);
	uint64_t *pd = guest_ptr(gm, LDE_BOOT_PD, 4 * 4096);

	if (!pml4 || !pdpt || !pd)
		return -1;
	memset(pml4, 0, 4096);
	memset(pdpt, 0, 4096);
	pml4[0] = LDE_BOOT_PDPT | PTE_P | PTE_RW;
	for (uint64_t i = 0; i < 4; i++)
		pdpt[i] = (LDE_BOOT_PD + i * 4096) | PTE_P | PTE_RW;
	for (uint64_t i = 0; i < 4 * 512; i++)
		pd[i] = (i << 21) | PTE_P | PTE_RW | PTE_PS;
	return 0;
}

int boot_setup(const struct guest_mem *gm, const struct elf_image *img, const char *cmdline,
               const struct boot_module *mods, unsigned nmods, struct kvm_regs *regs,
               struct kvm_sregs *sregs)
{
	int long_mode = !img->pvh;

	if (write_start_info(gm, cmdline, mods, nmods) < 0 ||
	    write_segments(gm, sregs, long_mode) < 0)
		return -1;
	memset(regs, 0, sizeof(*regs));
	regs->rflags = 0x2;
	regs->rip = boot_entry(img);
	regs->rbx = LDE_BOOT_START_INFO;
	sregs->cr0 = CR0_PE | CR0_ET;
	sregs->cr4 = 0;
	sregs->efer = 0;
	if (!long_mode)
		return 0;
	if (write_page_tables(gm) < 0)
		return -1;
	regs->rdi = LDE_BOOT_START_INFO;
	regs->rsp = LDE_BOOT_STACK_TOP;
	sregs->cr3 = LDE_BOOT_PML4;
	sregs->cr0 |= CR0_NE | CR0_WP | CR0_PG;
	sregs->cr4 = CR4_PAE;
	sregs->efer = EFER_LME | EFER_LMA;
	return 0;
}
