// SPDX-License-Identifier: MIT
/*
 * The scheduler (see sched.h).
 *
 * A context switch, in switch_to(): point TSS.rsp0 (and the syscall
 * entry's stack) at the next task's kernel stack, load its CR3 if it
 * differs, and swtch() from this kernel stack to that one.  The task that
 * resumes returns from its own earlier swtch() call, back into its own
 * trap or system call, and from there to ring 3.
 *
 * The idle task is the boot context (kmain's stack, the kernel's page
 * tables).  It never sits in the run queue; it runs when nothing else
 * can, and halts the CPU until the next interrupt.
 */
#include "arch.h"
#include "fpu.h"
#include "panic.h"
#include "paging.h"
#include "runq.h"
#include "sched.h"
#include "sleepq.h"
#include "timer.h"
#include "trace_records.h"

static struct task idle_task = { .name = "idle", .state = TASK_RUNNING };
struct task *current = &idle_task;

static struct task_list runq, sleepq;
static unsigned alive;     /* roots (tasks the kernel started) added and not yet ended */
static uint64_t loaded_fs; /* FS base the CPU has */

void sched_set_fs_base(uint64_t base)
{
	current->fs_base = base;
	loaded_fs = base;
	arch_set_user_tls(base);
}

void sched_init(void)
{
	idle_task.cr3 = virt_to_phys(pml4);
}

void sched_add(struct task *t)
{
	t->state = TASK_RUNNABLE;
	runq_push(&runq, t);
	if (t->root)
		alive++;
}

static void switch_to(struct task *prev, struct task *next, uint32_t why)
{
	tp_switch(prev, next, why);
	current = next;
	next->state = TASK_RUNNING;
	next->slice = CONFIG_SCHED_SLICE_TICKS;
	arch_set_kernel_stack(next->kstack_top);
	fpu_switch(prev->fpu, next->fpu);
	if (next != &idle_task && next->fs_base != loaded_fs) {
		loaded_fs = next->fs_base;
		arch_set_user_tls(loaded_fs);
	}
	if (next->cr3 != prev->cr3)
		arch_switch_address_space(next->cr3);
	/* A dead task's page tables are no longer in use: free them now;
	 * with nobody to reap it, its slot too (wait.c). */
	if (prev->state == TASK_DEAD) {
		uvm_destroy(&prev->as);
		if (!prev->parent && !prev->root)
			task_free(prev);
	}
	swtch(&prev->context, next->context);
}

/*
 * Gives the CPU to the task at the head of the run queue; a still-running
 * current task goes to the tail first (round robin).  Returns when the
 * current task is scheduled again, at once if it is the only one.  WHY is
 * the LDE_SWITCH_* reason the trace gives for a switch.
 */
static void schedule(uint32_t why)
{
	struct task *prev = current, *next;

	if (prev->state == TASK_RUNNING && prev != &idle_task) {
		prev->state = TASK_RUNNABLE;
		runq_push(&runq, prev);
	}
	next = runq_pop(&runq);
	if (!next)
		next = &idle_task;
	if (next == prev) {
		prev->state = TASK_RUNNING;
		return;
	}
	switch_to(prev, next, why);
}

void sched_run(void)
{
	kassert(current == &idle_task);
	while (alive) {
		schedule(LDE_SWITCH_IDLE);
		/*
		 * Back in the idle task: every task is asleep (or gone).
		 * `sti; hlt` halts until the next interrupt, whose handler
		 * returns here with interrupts on: off again before looking.
		 */
		if (alive && !runq.head) {
			arch_wait_for_interrupt();
		}
	}
}

void sched_tick(const struct trap_frame *f)
{
	struct task *t;

	while ((t = sleepq_pop_due(&sleepq, timer_ticks()))) {
		t->chan = NULL;
		t->state = TASK_RUNNABLE;
		runq_push(&runq, t);
	}
	/* The idle loop picks up woken tasks itself, after its hlt. */
	if (current == &idle_task)
		return;
	if (trap_from_user(f))
		current->ticks++;
	if (--current->slice)
		return;
	current->slice = CONFIG_SCHED_SLICE_TICKS;
	if (!runq.head) /* nobody else wants the CPU: keep it */
		return;
	current->preempted++;
	schedule(LDE_SWITCH_PREEMPTED);
}

void sched_yield(void)
{
	schedule(LDE_SWITCH_YIELDED);
}

void sched_sleep(uint64_t n)
{
	if (!n) {
		schedule(LDE_SWITCH_YIELDED);
		return;
	}
	current->state = TASK_SLEEPING;
	current->chan = NULL;
	sleepq_add(&sleepq, current, timer_ticks() + n);
	schedule(LDE_SWITCH_SLEEPING);
}

void sched_block(const void *chan)
{
	current->state = TASK_BLOCKED;
	current->chan = chan;
	schedule(LDE_SWITCH_SLEEPING);
}

void sched_block_timeout(const void *chan, uint64_t ticks)
{
	current->state = TASK_SLEEPING;
	current->chan = chan;
	sleepq_add(&sleepq, current, timer_ticks() + ticks);
	schedule(LDE_SWITCH_SLEEPING);
}

void sched_wakeup(const void *chan)
{
	for (unsigned i = 0; i < task_count(); i++) {
		struct task *t = task_at(i);

		if (t->chan == chan && (t->state == TASK_BLOCKED || t->state == TASK_SLEEPING))
			sched_interrupt(t);
	}
}

void sched_interrupt(struct task *t)
{
	if (t->state == TASK_SLEEPING)
		sleepq_remove(&sleepq, t);
	else if (t->state != TASK_BLOCKED)
		return;
	t->chan = NULL;
	t->state = TASK_RUNNABLE;
	runq_push(&runq, t);
}

noreturn void sched_exit(void)
{
	current->state = TASK_DEAD;
	if (current->root)
		alive--;
	schedule(LDE_SWITCH_ENDED);
	panic("dead task %u was scheduled again", current->pid);
}
