// SPDX-License-Identifier: MIT
/*
 * The IDT: 256 gates, one per vector, each pointing at its stub in
 * trapentry.S.  All are interrupt gates, so the CPU clears RFLAGS.IF on
 * the way in: the kernel runs with interrupts off, always (sched.c says
 * why that is enough).
 *
 * A gate's DPL is the highest CPL allowed to reach it with a software
 * `int N`.  It is 0 everywhere except for int3 (#BP) and the system-call
 * vector 0x80, so from ring 3 `int $0x80` enters the kernel while, say,
 * `int $0x20` (pretending to be the timer) is a #GP instead.  Hardware
 * interrupts and exceptions ignore the DPL.
 */
#include "cpu.h"
#include "gdt.h"
#include "idt.h"
#include "trap.h"

struct idt_gate {
	uint16_t offset_low;  /* handler address bits 15:0 */
	uint16_t selector;    /* code segment to run it in */
	uint8_t ist;          /* IST slot, or 0: keep/switch stack as usual */
	uint8_t attr;         /* present | DPL | type */
	uint16_t offset_mid;  /* bits 31:16 */
	uint32_t offset_high; /* bits 63:32 */
	uint32_t reserved;
};

_Static_assert(sizeof(struct idt_gate) == 16, "64-bit IDT gate size");

#define GATE_INTERRUPT 0x8e /* present, DPL 0, 64-bit interrupt gate */
#define GATE_DPL3 0x60

static struct idt_gate idt[256] __attribute__((aligned(16)));

static void set_gate(unsigned vector, uint8_t attr, uint8_t ist)
{
	uint64_t handler = trap_stubs[vector];
	struct idt_gate *g = &idt[vector];

	g->offset_low = handler & 0xffff;
	g->selector = GDT_SEL_KERNEL_CS;
	g->ist = ist;
	g->attr = attr;
	g->offset_mid = handler >> 16 & 0xffff;
	g->offset_high = handler >> 32;
}

void idt_init(void)
{
	static const struct desc_ptr idtr = {
		.limit = sizeof(idt) - 1,
		.base = (uint64_t)(uintptr_t)idt,
	};

	for (unsigned v = 0; v < 256; v++)
		set_gate(v, GATE_INTERRUPT, 0);
	set_gate(T_BP, GATE_INTERRUPT | GATE_DPL3, 0);
	set_gate(T_SYSCALL80, GATE_INTERRUPT | GATE_DPL3, 0);
	set_gate(T_NMI, GATE_INTERRUPT, IST_NMI);
	set_gate(T_DF, GATE_INTERRUPT, IST_DF);
	set_gate(T_MC, GATE_INTERRUPT, IST_MC);
	lidt(&idtr);
}
