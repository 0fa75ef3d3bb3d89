// SPDX-License-Identifier: MIT
/*
 * arch_setup() (see arch.h): the order matters.  The TSS comes before the
 * IDT (gates name IST stacks), the IDT before anything that could fault or
 * interrupt, the LAPIC before its timer.
 */
#include "arch.h"
#include "cpu.h"
#include "fpu.h"
#include "idt.h"
#include "lapic.h"
#include "paging.h"
#include "printf.h"
#include "syscall.h"
#include "timer.h"
#include "trap.h"
#include "tss.h"

void arch_setup(void)
{
	tss_init();
	idt_init();
	kprintf("trap table: IDT 256 vectors (int 0x80 and int3 DPL 3, "
	        "#DF/NMI/#MC on IST stacks), TSS rsp0 per task\n");
	syscall_arch_init();
	kprintf("trap table: syscall MSRs: LSTAR=0x%lx STAR=0x0023001000000000 "
	        "FMASK=IF|TF|DF|AC|NT|IOPL\n",
	        (uintptr_t)syscall_entry);
	/* Alignment checks in ring 3 for tasks that set RFLAGS.AC. */
	write_cr0(read_cr0() | X86_CR0_AM);
	fpu_init();
	lapic_init();
	kprintf("lapic: %s, spurious vector 0x%x\n", lapic_x2apic() ? "x2APIC" : "xAPIC",
	        T_SPURIOUS);
	timer_init();
}
