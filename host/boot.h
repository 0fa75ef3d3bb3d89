/* SPDX-License-Identifier: MIT */
/*
 * Boot protocol: writes the boot structures into the vmm's reserved area of
 * guest RAM (GDT, TSS, hvm_start_info, memory map, command line, and for
 * the 64-bit entry the identity page tables) and computes the vCPU's initial
 * registers.  The exact state is documented in include/lde/abi.h.
 */
#ifndef LDE_BOOT_H
#define LDE_BOOT_H

#include <linux/kvm.h>

#include "elf_load.h"
#include "guest_mem.h"

/*
 * SREGS comes in as KVM_GET_SREGS returned it (APIC base etc. are kept) and
 * goes out ready for KVM_SET_SREGS; REGS is overwritten.  Returns 0, or -1
 * when guest RAM cannot hold the boot structures (never for a valid size).
 */
/* A blob in guest RAM handed to the guest in hvm_start_info's module list. */
struct boot_module {
	uint64_t paddr, size;
	const char *name;  /* the module's command line */
	uint64_t name_gpa; /* where it already is in guest RAM; 0: copy it */
};

int boot_setup(const struct guest_mem *gm, const struct elf_image *img, const char *cmdline,
               const struct boot_module *mods, unsigned nmods, struct kvm_regs *regs,
               struct kvm_sregs *sregs);

/* Entry point the vCPU starts at, and its name ("pvh" or "elf64"). */
uint64_t boot_entry(const struct elf_image *img);
const char *boot_entry_mode(const struct elf_image *img);

#endif
