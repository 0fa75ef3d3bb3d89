/* SPDX-License-Identifier: MIT */
/*
 * Tasks: a user program running in its own address space, with its own
 * kernel stack for the traps and system calls it makes, its file table,
 * FS base and FPU state: a single-threaded process.  The task table is
 * fixed (CONFIG_MAX_TASKS): that is the limit on processes, and fork
 * fails with EAGAIN when it is full.  A slot is reused once its task has
 * ended and been reaped (wait4, wait.c); tasks the kernel started itself
 * (roots) are never reaped, so the summary at the end of the run can
 * show them.  Process ids count up from 1 and are never reused.
 * Creating a task (task_alloc) and loading a program into it (task_exec)
 * are separate steps, so that fork (copy a task, fork.c) and execve
 * (replace its program) can each reuse one.
 *
 * This header is plain data so that the pure-logic queues (runq.c,
 * sleepq.c) compile for the host unit tests too.
 */
#ifndef LDE_GUEST_TASK_H
#define LDE_GUEST_TASK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elf.h"
#include "file.h"
#include "uapi/lde_sys.h"
#include "vm.h"

enum task_state {
	TASK_FREE,     /* unused slot */
	TASK_RUNNABLE, /* in the run queue */
	TASK_RUNNING,  /* on the CPU */
	TASK_SLEEPING, /* in the sleep queue */
	TASK_BLOCKED,  /* waiting for an event on task.chan (sched_block) */
	TASK_DEAD,     /* ended (a zombie until reaped); only its accounting remains */
};

enum task_end {
	TASK_END_NONE,    /* still alive */
	TASK_END_EXIT,    /* called exit(status) */
	TASK_END_KILLED,  /* killed by a fault in ring 3 */
	TASK_END_SIGNAL,  /* killed by a signal it sent itself (abort) */
	TASK_END_REFUSED, /* its program could not be loaded */
};

/* task.expect: the task is meant to end with exit(0). */
#define TASK_EXPECT_EXIT (-1)

struct context; /* callee-saved registers on a kernel stack (swtch.S) */

/* A signal's action, as Linux x86-64's struct sigaction (rt_sigaction). */
struct sigaction_k {
	uint64_t handler;  /* SIG_DFL (0), SIG_IGN (1), or the handler's address */
	uint64_t flags;    /* SA_* */
	uint64_t restorer; /* SA_RESTORER: where the handler returns (rt_sigreturn) */
	uint64_t mask;     /* blocked while the handler runs */
};

/* Where a pending signal came from: its siginfo's si_code, si_pid, si_status. */
struct sig_origin {
	int32_t code;   /* SI_USER (kill), SI_TKILL (tgkill), CLD_* (SIGCHLD) */
	uint32_t pid;   /* the sender, or the child that ended */
	int32_t status; /* SIGCHLD: the exit code or the signal */
};

struct task {
	/* --- scheduling (sched.c) */
	struct context *context; /* saved by swtch() when off the CPU */
	uint64_t kstack_top;     /* TSS.rsp0 while this task runs */
	void *kstack;            /* its kernel stack's lowest byte */
	uint64_t cr3;            /* its address space's page tables */
	enum task_state state;
	struct task *next;  /* link in the run queue or the sleep queue */
	uint64_t wake_tick; /* TASK_SLEEPING: wake at this tick */
	const void *chan;   /* TASK_BLOCKED: what it waits for */
	unsigned slice;     /* ticks left of its time slice */

	/* --- identity */
	uint32_t pid;
	uint32_t pgid, sid;  /* process group and session (setpgid, setsid) */
	struct task *parent; /* NULL: started by the kernel, or orphaned with no process 1 */
	bool root;           /* started by the kernel: the run lasts while roots live */
	bool vfork;          /* a vfork child whose parent waits until it execs or ends */
	uint64_t pending;    /* signals sent to it, not acted on yet (bit sig - 1) */
	struct sig_origin origin[64]; /* who sent each pending signal (its siginfo) */
	char name[20];
	int expect;            /* vector it is meant to die of, or TASK_EXPECT_EXIT */
	bool demo;             /* started by demos_start(): in the end-of-run summary */
	int module;            /* the PVH program module it runs, or -1 (built in) */
	const char *path;      /* its program, as execve named it */
	char exe[64];          /* execve: the path (cut to fit), path points here */
	struct inode *exe_ino; /* its program's file (/proc/self/exe), or NULL */
	struct inode *cwd;     /* its working directory (vfs.h), or NULL: the root */
	uint32_t umask;        /* umask(): permission bits open, mkdir... take away */
	struct addrspace as;
	struct file_table files;
	uint64_t fs_base;    /* arch_prctl(ARCH_SET_FS), loaded at each switch */
	void *fpu;           /* FPU/SSE state while off the CPU (fpu.h) */
	uint64_t sigmask;    /* rt_sigprocmask: blocked (bit sig - 1) */
	uint64_t saved_mask; /* rt_sigsuspend: the mask to go back to */
	bool saved_mask_valid;
	struct sigaction_k sigactions[64];      /* rt_sigaction, per signal 1..64 */
	uint64_t tid_address;                   /* set_tid_address */
	uint8_t enosys_seen[SYS_LINUX_MAX / 8]; /* -ENOSYS numbers already reported */

	/* --- accounting, for the summary and SYS_taskinfo */
	uint64_t ticks;               /* timer ticks that found it in ring 3 */
	uint64_t preempted;           /* times the timer switched it out */
	uint64_t syscalls[SYS_MECHS]; /* system calls per SYS_MECH_* */
	uint32_t last_mech;           /* SYS_MECH_* of its latest call */
	/* the system call it is in (f NULL: none), for the trace: one that never
	 * returns (exit, a fatal signal) is recorded when the task ends */
	struct {
		const struct trap_frame *f; /* its arguments */
		uint64_t nr, tsc;           /* number, tp_syscall_arrival() */
		unsigned mech;              /* SYS_MECH_* */
	} call;

	/* --- how it ended */
	enum task_end end;
	int exit_status; /* exit's status & 0xff, or 128 + signal, as wait4 says */
	int signal;      /* TASK_END_KILLED, _SIGNAL: the signal */
	uint8_t vector;  /* TASK_END_KILLED: the fault... */
	uint64_t error;  /* ...its error code */
	uint64_t rip;    /* ...where */
	uint64_t cr2;    /* ...and, for #PF, the address */
};

/* A singly linked list of tasks, through task.next. */
struct task_list {
	struct task *head, *tail;
	size_t len;
};

/* ----------------------------------------------- task.c (kernel only) */
struct program;
struct trap_frame;

/* 1: new tasks learn (AT_LDE_INT80) that the kernel prefers int $0x80. */
void task_set_entry_flags(uint64_t flags);

/* The environment built-in programs get (user programs get the vmm's). */
extern char *const task_default_env[];
extern const int task_default_envc;

/*
 * Creates the next task (ids 1, 2, 3, ... in order of creation; 0 is the
 * kernel itself) called `name`, in a free slot, with an empty address
 * space.  Without a parent: a root, fds 0-2 on the console, a clean FPU,
 * its own process group and session.  With one (fork): the parent's
 * groups and a copy of the current FPU state; the caller fills in the
 * rest.  NULL if it cannot, *err then -EAGAIN (the table is full) or
 * -ENOMEM.
 */
struct task *task_alloc(const char *name, struct task *parent, int *err);

/* "task (NAME): cannot start: ..." for task_alloc's err. */
void task_print_cannot_start(const char *name, int err);

/* The task with this process id (alive or a zombie), or NULL. */
struct task *task_find(uint32_t pid);

/* Gives a reaped task's slot back (its address space is gone already). */
void task_free(struct task *t);

/* A program to load: its ELF file, path, argv and envp. */
struct exec_image {
	const struct elf_src *src;
	const char *path;
	int argc;
	char *const *argv;
	int envc;
	char *const *envp;
};

/*
 * Builds a fresh address space `as` running img as execve does (the ELF
 * segments, the stack of process `pid` with argv, envp and auxv): 0 and
 * the entry point and initial RSP, or -ENOEXEC (the loader refused it)
 * or -ENOMEM, and *why.
 */
int task_load(struct addrspace *as, uint32_t pid, const struct exec_image *img, uint64_t *entry,
              uint64_t *sp, const char **why);

/*
 * Loads the ELF file src (elf.h) into t as execve does (a fresh address
 * space, the initial stack with argv, envp and auxv) and makes t runnable.
 * Returns 0, or -ENOEXEC / -ENOMEM after printing why; then t has
 * ended as TASK_END_REFUSED (status 126, as a shell says).
 */
int task_exec(struct task *t, const struct elf_src *src, const char *path, int argc,
              char *const argv[], int envc, char *const envp[]);

/*
 * Creates and starts a task running the built-in `prog` with
 * argv[0..argc) (argv[0] is the program name) and the default
 * environment.  `expect` is how it should end (a vector or
 * TASK_EXPECT_EXIT).  Returns NULL, after saying why, if it cannot.
 */
struct task *task_spawn(const char *name, const struct program *prog, int argc, char *const argv[],
                        int expect);

/* The current task calls exit(status): never returns. */
_Noreturn void task_exit(int status);

/* The current task dies of signal sig (its default action): never returns. */
_Noreturn void task_kill_signal(int sig);

/* The signal Linux delivers for a fault with this vector (SIGSEGV, SIGFPE...). */
int task_fault_signal(unsigned vector);

/*
 * The current task faulted in ring 3 (trap frame f; cr2 for #PF): prints
 * why, ends it.  Never returns.
 */
_Noreturn void task_kill(const struct trap_frame *f, uint64_t cr2);

/* Tasks created so far, in creation order: task_at(0 .. task_count()-1). */
unsigned task_count(void);
struct task *task_at(unsigned i);

/* True if t ended the way it was meant to. */
bool task_as_planned(const struct task *t);

/* Prints t's one-line summary. */
void task_print_summary(const struct task *t);

#endif
