// SPDX-License-Identifier: MIT
/*
 * trap(): where every IDT vector ends up (trapentry.S), with interrupts
 * off.  Five cases:
 *   - the timer interrupt: time passes, maybe another task's turn;
 *   - COM1's interrupt: console input arrived (com1_rx.h);
 *   - `int $0x80`: a system call;
 *   - an exception in ring 3: either a system call PVM could not deliver
 *     (syscall_trap.c completes it) or a real fault, which kills the task
 *     and only the task;
 *   - an exception in ring 0: a kernel bug, so a kernel panic.
 * Anything else is reported and ignored.
 */
#include <lde/abi.h>
#include <lde/trace_names.h>

#include "com1_rx.h"
#include "cpu.h"
#include "exit.h"
#include "lapic.h"
#include "mm.h"
#include "printf.h"
#include "sched.h"
#include "signal.h"
#include "syscall.h"
#include "task.h"
#include "timer.h"
#include "trap.h"
#include "trace_records.h"

_Static_assert(T_TIMER == LDE_VECTOR_TIMER && T_COM1 == LDE_VECTOR_COM1 &&
                       T_SYSCALL80 == LDE_VECTOR_INT80 && T_SPURIOUS == LDE_VECTOR_SPURIOUS,
               "the kernel's vectors are the ones the trace names");

/* The name everyone gives VECTOR (include/lde/trace_names.h). */
const char *trap_name(unsigned vector)
{
	const char *name = lde_vector_name(vector);

	return name ? name : vector < T_EXCEPTIONS ? "reserved" : "unnamed";
}

void trap_print_regs(const char *p, const struct trap_frame *f)
{
	kprintf("%srax=%016lx rbx=%016lx rcx=%016lx rdx=%016lx\n", p, f->rax, f->rbx, f->rcx,
	        f->rdx);
	kprintf("%srsi=%016lx rdi=%016lx rbp=%016lx rsp=%016lx\n", p, f->rsi, f->rdi, f->rbp,
	        f->rsp);
	kprintf("%sr8 =%016lx r9 =%016lx r10=%016lx r11=%016lx\n", p, f->r8, f->r9, f->r10, f->r11);
	kprintf("%sr12=%016lx r13=%016lx r14=%016lx r15=%016lx\n", p, f->r12, f->r13, f->r14,
	        f->r15);
	kprintf("%srip=%016lx cs=%04lx ss=%04lx rflags=%08lx cr3=%016lx\n", p, f->rip, f->cs, f->ss,
	        f->rflags, read_cr3());
}

/* A fault in ring 0: nothing can be trusted any more. */
static noreturn void kernel_fault(const struct trap_frame *f)
{
	static bool panicking;

	if (panicking) /* faulted while printing the first panic */
		guest_exit(LDE_GUEST_PANIC);
	panicking = true;
	kprintf("panic: %s (vector %lu) in ring 0: err=0x%lx rip=0x%lx cr2=0x%lx\n",
	        trap_name(f->vector), f->vector, f->error, f->rip, read_cr2());
	kprintf("panic: while running %s\n", current->name);
	trap_print_regs("panic: ", f);
	kprintf("panic: halting; exit status %d\n", LDE_GUEST_PANIC);
	guest_exit(LDE_GUEST_PANIC);
}

#define PF_WRITE 0x2
#define SEGV_MAPERR 1 /* si_code: nothing mapped there */
#define SEGV_ACCERR 2 /* si_code: mapped, not for this access */
#define PF_FETCH 0x10

/*
 * A #PF from ring 3 in a region that allows the access: the page appears,
 * or a copy-on-write page gets its own copy.  The trace outcome, or 0.
 */
static uint32_t user_page_fault(const struct trap_frame *f)
{
	switch (mm_fault(&current->as, read_cr2(), f->error & PF_WRITE, f->error & PF_FETCH)) {
	case MM_FAULT_MAPPED:
		return LDE_TRAP_HANDLED;
	case MM_FAULT_COW:
		return LDE_TRAP_COW;
	default:
		return 0;
	}
}

/*
 * An exception.  Its trace record is written once it is known not to be a
 * system call arriving by a fault (PVM): that one is recorded as the call.
 */
static void exception(struct trap_frame *f)
{
	uint32_t outcome;
	int sig;

	if (f->vector == T_NMI) { /* not a fault: report, carry on */
		tp_trap(f, LDE_TRAP_NO_OUTCOME);
		kprintf("trap: NMI at rip=0x%lx (cpl %lu)\n", f->rip, f->cs & 3);
		return;
	}
	if (!trap_from_user(f)) {
		tp_trap(f, LDE_TRAP_PANIC);
		kernel_fault(f);
	}
	if (syscall_emulate(f))
		return;
	if (f->vector == T_PF && (outcome = user_page_fault(f))) {
		tp_trap(f, outcome);
		return;
	}
	sig = task_fault_signal((unsigned)f->vector);
	if (signal_handles_fault(sig)) { /* the task's handler, not its death */
		tp_trap(f, LDE_TRAP_SIGNAL);
		signal_fault(f, sig, f->vector == T_PF ? read_cr2() : f->rip,
		             f->vector == T_PF ? (f->error & 1 ? SEGV_ACCERR : SEGV_MAPERR) : 0);
		return;
	}
	tp_trap(f, LDE_TRAP_KILLED);
	task_kill(f, f->vector == T_PF ? read_cr2() : 0);
}

/* A vector nobody asked for (nothing else sends interrupts here). */
static void unexpected(const struct trap_frame *f)
{
	kprintf("trap: unexpected interrupt vector 0x%lx at rip=0x%lx (cpl %lu); ignored\n",
	        f->vector, f->rip, f->cs & 3);
	/* If the LAPIC delivered it, it waits for an EOI; else EOI is moot. */
	lapic_eoi();
}

void trap(struct trap_frame *f)
{
	switch (f->vector) {
	case T_TIMER:
		tp_trap(f, LDE_INTR_TIMER);
		timer_interrupt(f);
		if (trap_from_user(f))
			signal_check(f, SIGNAL_NO_SYSCALL);
		return;
	case T_COM1: /* the first device interrupt */
		tp_trap(f, LDE_INTR_COM1);
		com1_rx_interrupt();
		lapic_eoi();           /* level-triggered: the IOAPIC hears it too */
		if (trap_from_user(f)) /* ^C for the program it interrupted */
			signal_check(f, SIGNAL_NO_SYSCALL);
		return;
	case T_SYSCALL80:
		if (!trap_from_user(f))
			kernel_fault(f);
		syscall_from_int80(f);
		return;
	case T_SPURIOUS:
		/* The LAPIC withdrew an interrupt; no EOI for this one. */
		tp_trap(f, LDE_TRAP_NO_OUTCOME);
		return;
	}
	if (f->vector < T_EXCEPTIONS) {
		exception(f);
		return;
	}
	tp_trap(f, LDE_TRAP_NO_OUTCOME);
	unexpected(f);
}
