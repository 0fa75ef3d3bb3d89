// SPDX-License-Identifier: MIT
/*
 * The TSS (see tss.h) and the per-CPU block (percpu.h).
 *
 * When a trap arrives in ring 3, the CPU loads RSP from TSS.rsp0 before
 * pushing the frame: this is how a trap from user mode lands on the
 * current task's kernel stack.  Vectors whose IDT gate names an IST slot
 * always switch to that stack, whatever was running: #DF (the stack may be
 * what failed), NMI and #MC (they can arrive anywhere, even between
 * syscall_entry's stack switch and sysretq, where RSP is a user value).
 */
#include "gdt.h"
#include "kernel.h"
#include "percpu.h"
#include "stacks.h"
#include "trap.h"
#include "tss.h"

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3]; /* stacks for traps raising CPL to 0, 1, 2 */
	uint64_t reserved1;
	uint64_t ist[7]; /* IST1..IST7 */
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base; /* offset of the I/O permission bitmap */
} __attribute__((packed));

_Static_assert(sizeof(struct tss) == 104, "64-bit TSS size");

static struct tss tss __attribute__((aligned(16)));
struct cpu_local this_cpu;

void tss_init(void)
{
	tss.ist[IST_DF - 1] = stack_top(ist_stacks[0]);
	tss.ist[IST_NMI - 1] = stack_top(ist_stacks[1]);
	tss.ist[IST_MC - 1] = stack_top(ist_stacks[2]);
	/*
	 * No I/O bitmap (it would start past the limit): with IOPL 0, every
	 * in/out in ring 3 is a #GP.
	 */
	tss.iomap_base = sizeof(tss);
	gdt_set_tss((uintptr_t)&tss, sizeof(tss) - 1);
	ltr(GDT_SEL_TSS);
}

void tss_set_rsp0(uint64_t rsp0)
{
	tss.rsp[0] = rsp0;
	this_cpu.kernel_rsp = rsp0;
}
