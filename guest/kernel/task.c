// SPDX-License-Identifier: MIT
/*
 * Tasks (see task.h): creation, the two ways to end, the summary.
 *
 * Creating a task is what exec does in a Unix kernel: a fresh address
 * space, the program's ELF segments loaded into it (elf.c), a user stack
 * holding argv, and a kernel stack prepared (arch_new_user_context()) so
 * that the first switch to the task "returns" into user mode at the
 * program's entry point.
 */
#include "uapi/lde_sys.h"

#include "arch.h"
#include "elf.h"
#include "paging.h"
#include "printf.h"
#include "programs.h"
#include "sched.h"
#include "trace_records.h"
#include "stacks.h"
#include "string.h"
#include "task.h"
#include "uaccess.h"

#define MAX_ARGS 8

const char *const sys_mech_names[SYS_MECHS] = {
	[SYS_MECH_SYSCALL] = "syscall",
	[SYS_MECH_SYSCALL_EMULATED] = "syscall-emulated",
	[SYS_MECH_INT80] = "int80",
	[SYS_MECH_INT80_EMULATED] = "int80-emulated",
};

static struct task tasks[CONFIG_MAX_TASKS];
static unsigned ntasks;
static uint64_t entry_flags;

unsigned task_count(void)
{
	return ntasks;
}

struct task *task_at(unsigned i)
{
	return &tasks[i];
}

void task_set_entry_flags(uint64_t flags)
{
	entry_flags = flags;
}

/* "exit(0)" or "killed(#GP)" for an expectation. */
static void describe_expect(char *buf, size_t size, int expect)
{
	if (expect == TASK_EXPECT_EXIT)
		snprintf(buf, size, "exit(0)");
	else
		snprintf(buf, size, "killed(%s)", trap_name(expect));
}

/*
 * Maps the user stack and copies argv onto it, strings at the top, then
 * the argv[] array; returns the initial RSP (16-byte aligned, argv[] right
 * there), or 0 if something does not fit.
 */
static uint64_t setup_stack(struct task *t, int argc, const char *const argv[])
{
	uint64_t top = LDE_USER_STACK_TOP(t->pid), sp = top;
	uint64_t uargv[MAX_ARGS + 1];

	for (int i = 1; i <= CONFIG_USER_STACK_PAGES; i++)
		if (!uvm_map(&t->as, top - i * PAGE_SIZE, PTE_W))
			return 0;
	for (int i = argc - 1; i >= 0; i--) {
		size_t len = strlen(argv[i]) + 1;

		if (top - sp + len > PAGE_SIZE / 2)
			return 0;
		sp -= len;
		copy_to_user(&t->as, sp, argv[i], len);
		uargv[i] = sp;
	}
	uargv[argc] = 0;
	sp = (sp - (argc + 1) * sizeof(uint64_t)) & ~15ULL;
	copy_to_user(&t->as, sp, uargv, (argc + 1) * sizeof(uint64_t));
	return sp;
}

/* Loads prog into t's new address space; false after printing why. */
static bool load(struct task *t, const struct program *prog, int argc, const char *const argv[],
                 uint64_t *entry, uint64_t *sp)
{
	int err;

	if (!uvm_create(&t->as)) {
		kprintf("task %u (%s): cannot start: out of memory\n", t->pid, t->name);
		return false;
	}
	err = elf_load_program(&t->as, prog->image, prog->size, entry);
	if (err) {
		kprintf("task %u (%s): cannot load %s: %s\n", t->pid, t->name, prog->name,
		        elf_error_string(err));
	} else if (!(*sp = setup_stack(t, argc, argv))) {
		kprintf("task %u (%s): cannot start: no room for stack and argv\n", t->pid,
		        t->name);
		err = 1;
	}
	if (err)
		uvm_destroy(&t->as);
	return !err;
}

struct task *task_spawn(const char *name, const struct program *prog, int argc,
                        const char *const argv[], int expect)
{
	uint32_t pid = ntasks + 1; /* task slots are never reused */
	struct task *t;
	uint64_t entry, sp;
	char how[24];

	if (ntasks == CONFIG_MAX_TASKS || argc > MAX_ARGS) {
		kprintf("task %u (%s): cannot start: %s\n", pid, name,
		        argc > MAX_ARGS ? "too many arguments" :
		                          "task table full (CONFIG_MAX_TASKS)");
		return NULL;
	}
	t = &tasks[ntasks];
	memset(t, 0, sizeof(*t));
	t->pid = pid;
	snprintf(t->name, sizeof(t->name), "%s", name);
	t->expect = expect;
	if (!load(t, prog, argc, argv, &entry, &sp))
		return NULL;
	ntasks++;
	t->kstack = task_stacks[t - tasks];
	t->kstack_top = stack_top(task_stacks[t - tasks]);
	t->cr3 = uvm_cr3(&t->as);
	/* main(argc, argv, flags): argv[] sits at the initial stack pointer */
	t->context = arch_new_user_context(t->kstack_top, entry, sp, argc, sp, entry_flags);
	describe_expect(how, sizeof(how), expect);
	kprintf("task %u (%s): started %s, %zu pages, entry 0x%lx, expects %s\n", pid, name,
	        prog->name, t->as.pages, entry, how);
	tp_task(t, LDE_TASK_CREATED, NULL);
	sched_add(t);
	return t;
}

noreturn void task_exit(int status)
{
	current->end = TASK_END_EXIT;
	current->exit_status = status;
	kprintf("task %u (%s): exit(%d)\n", current->pid, current->name, status);
	tp_task(current, LDE_TASK_EXITED, NULL);
	sched_exit();
}

/* "(user read, page not present)" from a #PF error code. */
static void print_pf_cause(uint64_t err)
{
	kprintf(" (%s %s, %s)", err & 4 ? "user" : "kernel",
	        err & 16 ? "fetch" :
	        err & 2  ? "write" :
	                   "read",
	        err & 1 ? "protection violation" : "page not present");
}

noreturn void task_kill(const struct trap_frame *f, uint64_t cr2)
{
	struct task *t = current;

	t->end = TASK_END_KILLED;
	t->vector = f->vector;
	t->error = f->error;
	t->rip = f->rip;
	t->cr2 = cr2;
	kprintf("task %u (%s): killed: %s (vector %lu) err=0x%lx rip=0x%lx", t->pid, t->name,
	        trap_name(f->vector), f->vector, f->error, f->rip);
	if (f->vector == T_PF) {
		kprintf(" cr2=0x%lx", cr2);
		print_pf_cause(f->error);
	}
	kprintf("\n");
	tp_task(t, LDE_TASK_KILLED, f);
	sched_exit();
}

bool task_as_planned(const struct task *t)
{
	if (t->expect == TASK_EXPECT_EXIT)
		return t->end == TASK_END_EXIT && t->exit_status == 0;
	return t->end == TASK_END_KILLED && t->vector == t->expect;
}

void task_print_summary(const struct task *t)
{
	uint64_t total = 0;
	char expected[24];

	for (int m = 1; m < SYS_MECHS; m++)
		total += t->syscalls[m];
	kprintf("summary: task %u (%s) ticks=%lu preempted=%lu syscalls=%lu ended=", t->pid,
	        t->name, t->ticks, t->preempted, total);
	if (t->end == TASK_END_EXIT)
		kprintf("exit(%d)", t->exit_status);
	else
		kprintf("killed(%s)", trap_name(t->vector));
	if (task_as_planned(t)) {
		kprintf(" ok");
	} else {
		describe_expect(expected, sizeof(expected), t->expect);
		kprintf(" UNEXPECTED (expected %s)", expected);
	}
	if (total) {
		const char *sep = " [";

		for (int m = 1; m < SYS_MECHS; m++) {
			if (!t->syscalls[m])
				continue;
			kprintf("%s%s=%lu", sep, sys_mech_names[m], t->syscalls[m]);
			sep = " ";
		}
		kprintf("]");
	}
	kprintf("\n");
}
