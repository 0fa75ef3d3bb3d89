// SPDX-License-Identifier: MIT
/*
 * The first kernel stack of a task (arch.h): a trap frame as if the task
 * had been interrupted just before its first instruction, and under it a
 * context for swtch() whose return address is trap_return, which pops the
 * frame and enters ring 3 with iretq.
 */
#include "arch.h"
#include "gdt.h"
#include "sched.h"
#include "string.h"
#include "syscall.h"
#include "trap.h"

#define RFLAGS_START 0x202 /* IF, and the always-one bit 1 */

void arch_exec_frame(struct trap_frame *f, uint64_t entry, uint64_t sp)
{
	memset(f, 0, sizeof(*f));
	f->rip = entry;
	f->cs = GDT_SEL_USER_CS;
	f->rflags = RFLAGS_START;
	f->rsp = sp;
	f->ss = GDT_SEL_USER_DS;
}

struct context *arch_new_user_context(uint64_t kstack_top, uint64_t entry, uint64_t sp,
                                      uint64_t arg0, uint64_t arg1, uint64_t arg2)
{
	struct trap_frame *f = (struct trap_frame *)kstack_top - 1;
	struct context *c = (struct context *)f - 1;

	arch_exec_frame(f, entry, sp);
	f->rdi = arg0;
	f->rsi = arg1;
	f->rdx = arg2;
	memset(c, 0, sizeof(*c));
	c->rip = (uintptr_t)trap_return;
	return c;
}

struct context *arch_fork_user_context(uint64_t kstack_top, const struct trap_frame *parent,
                                       uint64_t sp)
{
	struct trap_frame *f = (struct trap_frame *)kstack_top - 1;
	struct context *c = (struct context *)f - 1;

	*f = *parent;
	f->rax = 0; /* fork's result in the child */
	f->rflags = user_rflags(f->rflags);
	f->cs = GDT_SEL_USER_CS;
	f->ss = GDT_SEL_USER_DS;
	if (sp)
		f->rsp = sp;
	memset(c, 0, sizeof(*c));
	c->rip = (uintptr_t)trap_return;
	return c;
}
