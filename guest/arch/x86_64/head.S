/* SPDX-License-Identifier: MIT */
/*
 * Kernel entry.  Two ways in, one way on:
 *
 *   pvh_start  32-bit protected mode, paging off, EBX = hvm_start_info
 *              (PVH, abi.h section 3; found via the note in pvh_note.S).
 *   _start     64-bit long mode on the vmm's boot page tables and GDT,
 *              RDI = RBX = hvm_start_info (abi.h section 4; the ELF entry,
 *              whose e_entry is the physical address _start_phys).
 *
 * The kernel is linked at KERNEL_VMA (the top 2 GiB) and loaded at
 * physical KERNEL_PHYS, so both entries start out at physical addresses:
 * in 32-bit code every absolute address is PHYS(symbol); in 64-bit code
 * before the jump, RIP-relative addresses are physical because RIP is.
 * Both switch to the kernel's own page tables (pagetables.S: identity,
 * direct map and kernel image), with EFER.NXE for their no-execute bits,
 * then jump to start64 at its kernel address, which loads the GDT at its
 * kernel address, clears .bss and calls kmain(start_info), start_info
 * still a physical address.  Kept short: on PVM each ring-0 instruction
 * here is emulated.
 */
#include <lde/abi.h>

#include "boot.h"
#include "gdt.h"
#include "paging.h"

/* Our data segments (the same instructions in 32- and 64-bit code):
 * DS/ES/SS the kernel's, FS/GS null (syscall_trap.c sets GS's bases by MSR). */
.macro LOAD_DATA_SEGMENTS
	movl $GDT_SEL_KERNEL_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	xorl %eax, %eax
	movl %eax, %fs
	movl %eax, %gs
.endm

/* EFER.LME (long mode) and EFER.NXE (the tables' NX bits), in either mode. */
.macro SET_EFER
	movl $MSR_EFER, %ecx
	rdmsr
	orl $(EFER_LME | EFER_NXE), %eax
	wrmsr
.endm

	.section .text.head, "ax"

/* ----------------------------------------------------------- 32-bit PVH */
	.code32
	.globl pvh_start
	.type pvh_start, @function
pvh_start:
	cli
	cld
	movl $BOOT_ENTRY_PVH, PHYS(boot_entry)
	movl %ebx, %esi			/* start_info, for kmain's %rdi */

	/*
	 * Our GDT now (at its physical address); CS keeps its cached 32-bit
	 * descriptor from the loader's GDT until the far jump below.
	 */
	lgdt PHYS(boot_gdt_desc)
	LOAD_DATA_SEGMENTS

	/* Long mode: PAE, then CR3, then EFER.LME, then paging on. */
	movl %cr4, %eax
	orl $X86_CR4_PAE, %eax
	movl %eax, %cr4
	movl $PHYS(pml4), %eax
	movl %eax, %cr3
	SET_EFER
	/* Now in compatibility mode (IA32e with a 32-bit CS)... */
	movl %cr0, %eax
	orl $(X86_CR0_PG | X86_CR0_WP | X86_CR0_PE), %eax
	movl %eax, %cr0
	/* ...until CS is a 64-bit code segment (still at a physical address). */
	ljmp $GDT_SEL_KERNEL_CS, $PHYS(1f)

	.code64
1:	movl %esi, %edi			/* zero-extends into %rdi */
	movabsq $start64, %rax
	jmp *%rax
	.size pvh_start, . - pvh_start

/* ---------------------------------------------------------- 64-bit entry */
	.globl _start
	.type _start, @function
_start:
	cli
	cld
	movl $BOOT_ENTRY_64BIT, boot_entry(%rip)

	/*
	 * Still running on the vmm's page tables, which identity-map the
	 * same [0, 4 GiB) as our slot 0, so the switch is seamless.
	 */
	SET_EFER
	leaq pml4(%rip), %rax
	movq %rax, %cr3
	lgdt boot_gdt_desc(%rip)

	/* Reload CS from our GDT with a far return. */
	leaq boot_stack_top(%rip), %rsp
	pushq $GDT_SEL_KERNEL_CS
	leaq 1f(%rip), %rax
	pushq %rax
	lretq
1:	LOAD_DATA_SEGMENTS
	movabsq $start64, %rax
	jmp *%rax
	.size _start, . - _start

/* ------------------------------------------------------------ common */
/* In: %rdi = start_info (physical); long mode at our kernel addresses. */
	.text
start64:
	lgdt gdt_desc(%rip)		/* the GDT at its kernel address */
	leaq boot_stack_top(%rip), %rsp

	/* Clear .bss (8-byte aligned by kernel.ld); keep %rdi in %rdx. */
	movq %rdi, %rdx
	leaq __bss_start(%rip), %rdi
	leaq __bss_end(%rip), %rcx
	subq %rdi, %rcx
	shrq $3, %rcx
	xorl %eax, %eax
	rep stosq
	movq %rdx, %rdi

	/*
	 * The TSS (GDT_SEL_TSS) and IDT are set up from C, in kmain, before
	 * anything can fault.
	 */
	xorl %ebp, %ebp			/* end of the frame-pointer chain */
	call kmain
	/* kmain never returns; if it did, fail loudly (ud2, not int3). */
2:	ud2
	jmp 2b

/* ------------------------------------------------------------- data */
	.section .data, "aw"
	.balign 4
	.globl boot_entry
boot_entry:
	.long 0				/* BOOT_ENTRY_*; not in .bss: set before
					   .bss is cleared */

	/* lgdt operand with the GDT's physical address, for both entries
	 * (32-bit lgdt reads 4 bytes of base, 64-bit 8). */
	.balign 8
boot_gdt_desc:
	.word GDT_ENTRIES * 8 - 1
	.quad PHYS(gdt)

	.section .bss, "aw", @nobits
	.balign 16
boot_stack:
	.skip BOOT_STACK_SIZE
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
