// SPDX-License-Identifier: MIT
/*
 * Tasks (see task.h): creation, the two ways to end, the summary.
 *
 * Creating a task is what exec does in a Unix kernel: a fresh address
 * space, the program's ELF segments loaded into it (elf.c), a user stack
 * holding argv, and a kernel stack prepared so that the first switch to
 * the task "returns" into ring 3 at the program's entry point: a trap
 * frame as if the task had been interrupted just before its first
 * instruction, and under it a context for swtch() whose return address is
 * trap_return.
 */
#include <lde/trace_names.h>

#include "uapi/lde_sys.h"

#include "arch.h"
#include "cpu.h"
#include "elf.h"
#include "fpu.h"
#include "kalloc.h"
#include "mm.h"
#include "random.h"
#include "ustack.h"
#include "gdt.h"
#include "paging.h"
#include "printf.h"
#include "proc.h"
#include "programs.h"
#include "sched.h"
#include "trace_records.h"
#include "stacks.h"
#include "string.h"
#include "task.h"
#include "trap.h"
#include "uaccess.h"
#include "vfs.h"

#define MAX_ARGS 8

/* The environment of the built-in programs (the vmm's default one, abi.h). */
char *const task_default_env[] = {
	"PATH=/usr/local/bin:/usr/bin:/bin",
	"HOME=/",
	"TERM=dumb",
};
const int task_default_envc = ARRAY_SIZE(task_default_env);

static struct task tasks[CONFIG_MAX_TASKS];
static unsigned ntasks; /* slots used so far (the high-water mark) */
static uint32_t next_pid = 1;
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

/* A free slot of the task table, or NULL. */
static struct task *free_slot(void)
{
	for (unsigned i = 0; i < CONFIG_MAX_TASKS; i++)
		if (tasks[i].state == TASK_FREE && !tasks[i].pid)
			return &tasks[i];
	return NULL;
}

struct task *task_alloc(const char *name, struct task *parent, int *err)
{
	struct task *t = free_slot();
	void *fpu;

	*err = -EAGAIN;
	if (!t)
		return NULL;
	fpu = parent ? fpu_state_copy() : fpu_state_new();
	*err = -ENOMEM;
	if (!fpu)
		return NULL;
	memset(t, 0, sizeof(*t));
	if ((unsigned)(t - tasks) >= ntasks)
		ntasks = (unsigned)(t - tasks) + 1;
	t->fpu = fpu;
	t->pid = next_pid++;
	t->pgid = t->sid = parent ? parent->pgid : t->pid;
	if (parent)
		t->sid = parent->sid;
	t->parent = parent;
	t->root = !parent;
	t->module = -1;
	t->expect = TASK_EXPECT_EXIT;
	snprintf(t->name, sizeof(t->name), "%s", name);
	t->kstack = task_stacks[t - tasks];
	t->kstack_top = stack_top(task_stacks[t - tasks]);
	if (!parent)
		file_table_init(&t->files);
	t->umask = parent ? parent->umask : 022;
	t->cwd = parent ? parent->cwd : NULL;
	t->exe_ino = parent ? parent->exe_ino : NULL;
	vfs_hold(t->cwd);
	vfs_hold(t->exe_ino);
	return t;
}

struct task *task_find(uint32_t pid)
{
	for (unsigned i = 0; i < ntasks && pid; i++)
		if (tasks[i].pid == pid && tasks[i].state != TASK_FREE)
			return &tasks[i];
	return NULL;
}

void task_free(struct task *t)
{
	kfree(t->fpu);
	t->fpu = NULL;
	t->state = TASK_FREE;
	t->pid = 0;
}

/* Says why a task cannot start (task_alloc's err). */
void task_print_cannot_start(const char *name, int err)
{
	kprintf("task (%s): cannot start: %s\n", name,
	        err == -EAGAIN ? "task table full (CONFIG_MAX_TASKS)" : "out of memory");
}

/* The stack region, then the initial stack in it; the initial RSP or 0. */
static uint64_t setup_stack(struct addrspace *as, uint32_t pid, const struct elf_info *info,
                            const struct exec_image *img)
{
	uint64_t top = LDE_USER_STACK_TOP(pid);
	struct exec_args a = {
		.argc = img->argc,
		.argv = img->argv,
		.envc = img->envc,
		.envp = img->envp,
		.execfn = img->path,
		.clktck = CONFIG_HZ,
		.int80 = entry_flags ? 1 : 0,
	};
	uint32_t r[4];

	cpuid(1, 0, r);
	a.hwcap = r[3];
	random_bytes(a.random, sizeof(a.random));
	as->stack_top = top;
	if (mm_add(as, top - LDE_STACK_MAX, top, PROT_READ | PROT_WRITE, VMA_STACK))
		return 0;
	return ustack_build(as, top, &a, info);
}

int task_load(struct addrspace *as, uint32_t pid, const struct exec_image *img, uint64_t *entry,
              uint64_t *sp, const char **why)
{
	struct elf_info info;
	int err;

	*why = "out of memory";
	if (!uvm_create(as))
		return -ENOMEM;
	err = elf_load_src(as, img->src, &info);
	if (err) {
		uvm_destroy(as);
		*why = elf_error_string(err);
		return err == ELF_ENOMEM ? -ENOMEM : -ENOEXEC;
	}
	as->brk_start = as->brk = info.end;
	*sp = setup_stack(as, pid, &info, img);
	if (!*sp) {
		uvm_destroy(as);
		*why = "no room for the stack, argv and envp";
		return -ENOMEM;
	}
	*entry = info.entry;
	return 0;
}

/* Says why t cannot run its program, and ends it the way a shell would. */
static int refuse(struct task *t, const char *path, const char *why, int err)
{
	kprintf("task %u (%s): cannot run %s: %s\n", t->pid, t->name, path, why);
	t->end = TASK_END_REFUSED;
	t->exit_status = 126;
	t->state = TASK_DEAD;
	tp_task(t, LDE_TASK_EXITED, NULL);
	return err;
}

int task_exec(struct task *t, const struct elf_src *src, const char *path, int argc,
              char *const argv[], int envc, char *const envp[])
{
	const struct exec_image img = { src, path, argc, argv, envc, envp };
	uint64_t entry, sp;
	const char *why;
	int err;

	t->path = path;
	err = task_load(&t->as, t->pid, &img, &entry, &sp, &why);
	if (err)
		return refuse(t, path, why, err);
	t->cr3 = uvm_cr3(&t->as);
	t->context = arch_new_user_context(t->kstack_top, entry, sp, 0, 0, 0);
	kprintf("task %u (%s): started %s, %zu pages, entry 0x%lx", t->pid, t->name, path,
	        t->as.pages, entry);
	if (t->module < 0) { /* built in: how it should end */
		char how[24];

		describe_expect(how, sizeof(how), t->expect);
		kprintf(", expects %s", how);
	}
	kprintf("\n");
	tp_created(t, argc, argv);
	sched_add(t);
	return 0;
}

struct task *task_spawn(const char *name, const struct program *prog, int argc, char *const argv[],
                        int expect)
{
	int err;
	struct task *t = task_alloc(name, NULL, &err);
	struct elf_src src;

	if (!t) {
		task_print_cannot_start(name, err);
		return NULL;
	}
	t->expect = expect;
	src = elf_src_flat(prog->image, prog->size);
	if (task_exec(t, &src, prog->name, argc, argv, task_default_envc, task_default_env))
		return NULL;
	return t;
}

/* T ends inside a system call (exit, a fatal signal): the call's record,
 * which it never returns to write, so every call the kernel counted is in
 * the trace too. */
static void end_call(struct task *t)
{
	if (!t->call.f)
		return;
	tp_syscall(t->call.f, t->call.nr, t->call.tsc, t->call.mech, LDE_CALL_ENDED);
	t->call.f = NULL;
}

noreturn void task_exit(int status)
{
	current->end = TASK_END_EXIT;
	current->exit_status = status & 0xff;
	kprintf("task %u (%s): exit(%d)\n", current->pid, current->name, status & 0xff);
	end_call(current);
	tp_task(current, LDE_TASK_EXITED, NULL);
	proc_exit(current);
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

int task_fault_signal(unsigned vector)
{
	switch (vector) {
	case T_DE:
	case T_MF:
	case T_XM:
		return SIGFPE;
	case T_UD:
		return SIGILL;
	case T_DB:
	case T_BP:
		return SIGTRAP;
	case T_AC:
		return SIGBUS;
	default: /* #GP, #PF, #SS, #NP, #OF, #BR, ...: as Linux */
		return SIGSEGV;
	}
}

noreturn void task_kill_signal(int sig)
{
	struct task *t = current;

	t->end = TASK_END_SIGNAL;
	t->signal = sig;
	t->exit_status = 128 + sig;
	kprintf("task %u (%s): killed by signal %d\n", t->pid, t->name, sig);
	end_call(t);
	tp_task(t, LDE_TASK_EXITED, NULL);
	proc_exit(t);
	sched_exit();
}

noreturn void task_kill(const struct trap_frame *f, uint64_t cr2)
{
	struct task *t = current;

	t->end = TASK_END_KILLED;
	t->signal = task_fault_signal((unsigned)f->vector);
	t->exit_status = 128 + t->signal;
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
	proc_exit(t);
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
	else if (t->end == TASK_END_KILLED)
		kprintf("killed(%s)", trap_name(t->vector));
	else if (t->end == TASK_END_SIGNAL)
		kprintf("signal(%d)", t->signal);
	else
		kprintf("refused");
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
			kprintf("%s%s=%lu", sep, lde_mech_name(m), t->syscalls[m]);
			sep = " ";
		}
		kprintf("]");
	}
	kprintf("\n");
}
