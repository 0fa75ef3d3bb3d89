// SPDX-License-Identifier: MIT
/*
 * Signals (see signal.h): sending, the actions (rt_sigaction), delivery
 * to a handler on the way back to ring 3 with a frame on the user stack
 * as Linux x86-64 builds it (struct rt_sigframe: the return address, a
 * ucontext with the registers, the signal mask and a pointer to the FPU
 * state, a siginfo; the FPU state in fxsave format below it), and
 * rt_sigreturn, which takes it all back.  kill, tkill, tgkill, pause and
 * rt_sigsuspend.
 */
#include "signal.h"

#include "uapi/lde_sys.h"

#include <stddef.h>

#include "arch.h"
#include "fpu.h"
#include "proc.h"
#include "sched.h"
#include "string.h"
#include "syscall.h"
#include "syscalls.h"
#include "task.h"
#include "trace_records.h"
#include "uaccess.h"

#define NSIG 64
#define SIG_DFL 0
#define SIG_IGN 1
#define SA_SIGINFO 0x4
#define SA_RESTORER 0x04000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000
#define SA_KNOWN                                                             \
	(SA_SIGINFO | SA_RESTORER | SA_RESTART | SA_NODEFER | SA_RESETHAND | \
	 0x1 /* SA_NOCLDSTOP */ | 0x2 /* SA_NOCLDWAIT */ | 0x08000000 /* SA_ONSTACK */)
#define BIT(sig) (1ULL << ((sig)-1))
#define UNBLOCKABLE (BIT(SIGKILL) | BIT(SIGSTOP))
#define RED_ZONE 128
#define FPSTATE_SIZE 512 /* fxsave's format */

/* struct sigcontext (Linux x86-64's uc_mcontext), 256 bytes. */
struct sigcontext_user {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2;
	uint64_t fpstate; /* user address of the FPU state */
	uint64_t reserved[8];
};

struct ucontext_user {
	uint64_t flags, link;
	uint64_t ss_sp;
	int32_t ss_flags, pad;
	uint64_t ss_size;
	struct sigcontext_user mc;
	uint64_t sigmask;
};

struct siginfo_user {
	int32_t signo, err, code, pad;
	union {
		struct {
			int32_t pid, uid, status;
		} kill;
		uint64_t addr; /* faults: the address */
		uint8_t bytes[112];
	};
};

struct rt_sigframe {
	uint64_t pretcode; /* where the handler returns: sa_restorer */
	struct ucontext_user uc;
	struct siginfo_user info;
};

_Static_assert(sizeof(struct sigcontext_user) == 256, "Linux's struct sigcontext");
_Static_assert(sizeof(struct ucontext_user) == 304, "Linux's struct ucontext");
_Static_assert(sizeof(struct siginfo_user) == 128, "Linux's siginfo_t");

/* Default action "ignore" (or stop, which lde does not do). */
static bool ignored_by_default(int sig)
{
	return sig == SIGCHLD || (sig >= SIGCONT && sig <= SIGTTOU) || sig == SIGURG ||
	       sig == SIGWINCH;
}

bool signal_pending(const struct task *t)
{
	return t->pending & ~(t->sigmask & ~UNBLOCKABLE);
}

/* sig would have no effect on t: t is dead, or ignores it. */
static bool no_effect(const struct task *t, int sig)
{
	const struct sigaction_k *a = &t->sigactions[sig - 1];

	if (t->state == TASK_DEAD || (sig != SIGKILL && a->handler == SIG_IGN))
		return true;
	return (a->handler == SIG_DFL || sig == SIGKILL) && ignored_by_default(sig);
}

void signal_post(struct task *t, int sig, struct sig_origin from)
{
	if (no_effect(t, sig))
		return;
	if (!(t->pending & BIT(sig))) /* one instance pending: the first sender's siginfo */
		t->origin[sig - 1] = from;
	t->pending |= BIT(sig);
	if (signal_pending(t))
		sched_interrupt(t);
}

void signal_send_from(struct task *t, int sig, struct sig_origin from)
{
	const struct sigaction_k *a = &t->sigactions[sig - 1];

	if (no_effect(t, sig))
		return;
	if (t == current && (a->handler == SIG_DFL || sig == SIGKILL) &&
	    !(t->sigmask & BIT(sig) & ~UNBLOCKABLE))
		task_kill_signal(sig);
	signal_post(t, sig, from);
}

void signal_send(struct task *t, int sig)
{
	signal_send_from(t, sig, (struct sig_origin){ SI_USER, current->pid, 0 });
}

void signal_child_ended(struct task *parent, const struct task *child)
{
	signal_send_from(parent, SIGCHLD, proc_child_origin(child));
}

/* The mask to go back to after the handler (rt_sigsuspend's caller's). */
static uint64_t old_mask(void)
{
	return current->saved_mask_valid ? current->saved_mask : current->sigmask;
}

/* The frame for sig on the user stack below f->rsp; 0 if it does not fit. */
static uint64_t push_frame(struct trap_frame *f, int sig, const struct sigaction_k *a,
                           const struct siginfo_user *info)
{
	struct rt_sigframe fr;
	uint8_t fpstate[FPSTATE_SIZE];
	uint64_t fp = (f->rsp - RED_ZONE - FPSTATE_SIZE) & ~63ULL;
	uint64_t at = ((fp - sizeof(fr)) & ~15ULL) - 8; /* rsp + 8 aligned, as after a call */

	memset(&fr, 0, sizeof(fr));
	fr.pretcode = a->restorer;
	fr.uc.ss_flags = 2; /* SS_DISABLE: no alternate stack */
	fr.uc.mc = (struct sigcontext_user){
		f->r8,  f->r9,    f->r10,    f->r11,     f->r12, f->r13, f->r14,
		f->r15, f->rdi,   f->rsi,    f->rbp,     f->rbx, f->rdx, f->rax,
		f->rcx, f->rsp,   f->rip,    f->rflags,  0x33,   0,      0,
		0x2b,   f->error, f->vector, old_mask(), 0,      fp,     { 0 },
	};
	fr.uc.mc.cr2 = sig == SIGSEGV || sig == SIGBUS ? info->addr : 0;
	fr.uc.sigmask = old_mask();
	fr.info = *info;
	fpu_save_legacy(fpstate);
	if (copy_to_user(&current->as, fp, fpstate, sizeof(fpstate)) ||
	    copy_to_user(&current->as, at, &fr, sizeof(fr)))
		return 0;
	(void)sig;
	return at;
}

/* Runs a's handler for sig next: the frame, then the registers for it. */
static void deliver(struct trap_frame *f, int sig, struct sigaction_k *a,
                    const struct siginfo_user *info)
{
	uint64_t at = a->flags & SA_RESTORER ? push_frame(f, sig, a, info) : 0;

	if (!at) /* no room, or no way back: as Linux, SIGSEGV */
		task_kill_signal(SIGSEGV);
	tp_signal(current, sig, a->handler);
	f->rip = a->handler;
	f->rsp = at;
	f->rdi = (uint64_t)sig;
	f->rsi = at + offsetof(struct rt_sigframe, info);
	f->rdx = at + offsetof(struct rt_sigframe, uc);
	f->rax = 0;
	f->rflags = user_rflags(f->rflags) & ~0x500ULL; /* TF and DF clear */
	f->cs = 0x33;
	f->ss = 0x2b;
	current->sigmask = (old_mask() | a->mask | (a->flags & SA_NODEFER ? 0 : BIT(sig))) &
	                   ~UNBLOCKABLE;
	current->saved_mask_valid = false;
	if (a->flags & SA_RESETHAND)
		a->handler = SIG_DFL;
	fpu_reset(); /* the handler starts with a clean FPU, as on Linux */
}

/* Calls that may be restarted after a handler with SA_RESTART (not the waits for a signal). */
static bool restartable(uint64_t nr)
{
	return nr != SYS_pause && nr != SYS_rt_sigsuspend && nr != SYS_nanosleep &&
	       nr != SYS_clock_nanosleep && nr != SYS_poll && nr != SYS_ppoll;
}

void signal_check(struct trap_frame *f, uint64_t nr)
{
	uint64_t deliverable;

	while ((deliverable = current->pending & ~(current->sigmask & ~UNBLOCKABLE))) {
		int sig = __builtin_ctzll(deliverable) + 1;
		struct sigaction_k *a = &current->sigactions[sig - 1];
		struct siginfo_user info;

		current->pending &= ~BIT(sig);
		if (a->handler == SIG_IGN && sig != SIGKILL)
			continue;
		if (a->handler == SIG_DFL || sig == SIGKILL) {
			if (ignored_by_default(sig))
				continue;
			task_kill_signal(sig);
		}
		if ((int64_t)f->rax == -EINTR && nr != SIGNAL_NO_SYSCALL &&
		    nr != SYS_rt_sigreturn) {
			if ((a->flags & SA_RESTART) && restartable(nr)) {
				f->rax = nr; /* back to the instruction: the call again */
				f->rip -= 2; /* syscall and int $0x80 are both 2 bytes */
			}
		}
		memset(&info, 0, sizeof(info));
		info.signo = sig;
		info.code = current->origin[sig - 1].code;
		info.kill.pid = (int32_t)current->origin[sig - 1].pid;
		info.kill.status = current->origin[sig - 1].status;
		deliver(f, sig, a, &info);
		return; /* one frame at a time; the next at the next return */
	}
	if (current->saved_mask_valid) { /* rt_sigsuspend, and nothing was delivered */
		current->sigmask = current->saved_mask;
		current->saved_mask_valid = false;
	}
}

bool signal_handles_fault(int sig)
{
	const struct sigaction_k *a = &current->sigactions[sig - 1];

	/* as Linux: a blocked or ignored fault kills */
	return a->handler != SIG_DFL && a->handler != SIG_IGN && !(current->sigmask & BIT(sig));
}

void signal_fault(struct trap_frame *f, int sig, uint64_t addr, int code)
{
	struct sigaction_k *a = &current->sigactions[sig - 1];
	struct siginfo_user info;

	memset(&info, 0, sizeof(info));
	info.signo = sig;
	info.code = code;
	info.addr = addr;
	deliver(f, sig, a, &info);
}

void signal_exec(struct task *t)
{
	for (int i = 0; i < NSIG; i++)
		if (t->sigactions[i].handler != SIG_IGN)
			t->sigactions[i] = (struct sigaction_k){ SIG_DFL, 0, 0, 0 };
}

int64_t sys_rt_sigreturn(struct trap_frame *f)
{
	struct rt_sigframe fr;
	uint8_t fpstate[FPSTATE_SIZE];
	const struct sigcontext_user *m = &fr.uc.mc;

	if (copy_from_user(&current->as, &fr, f->rsp - 8, sizeof(fr)) || m->rip >= LDE_USER_END ||
	    copy_from_user(&current->as, fpstate, m->fpstate, sizeof(fpstate)))
		task_kill_signal(SIGSEGV); /* a frame that cannot be ours */
	f->r8 = m->r8, f->r9 = m->r9, f->r10 = m->r10, f->r11 = m->r11;
	f->r12 = m->r12, f->r13 = m->r13, f->r14 = m->r14, f->r15 = m->r15;
	f->rdi = m->rdi, f->rsi = m->rsi, f->rbp = m->rbp, f->rbx = m->rbx;
	f->rdx = m->rdx, f->rcx = m->rcx, f->rsp = m->rsp, f->rip = m->rip;
	f->rflags = user_rflags(m->eflags);
	f->cs = 0x33;
	f->ss = 0x2b;
	current->sigmask = fr.uc.sigmask & ~UNBLOCKABLE;
	fpu_load_legacy(fpstate);
	return (int64_t)m->rax; /* what rax was: the interrupted code's */
}

int64_t sys_rt_sigaction(struct trap_frame *f)
{
	struct sigaction_k *a, act;

	if (f->rdi < 1 || f->rdi > NSIG || f->r10 != 8)
		return -EINVAL;
	a = &current->sigactions[f->rdi - 1];
	if (f->rsi) {
		if (f->rdi == SIGKILL || f->rdi == SIGSTOP)
			return -EINVAL;
		if (copy_from_user(&current->as, &act, f->rsi, sizeof(act)))
			return -EFAULT;
	}
	if (f->rdx && copy_to_user(&current->as, f->rdx, a, sizeof(*a)))
		return -EFAULT;
	if (f->rsi) {
		act.flags &= SA_KNOWN;
		act.mask &= ~UNBLOCKABLE;
		*a = act;
		if (act.handler == SIG_IGN) /* pending ones go */
			current->pending &= ~BIT(f->rdi);
	}
	return 0;
}

/* Which tasks kill(pid) means: pid > 0 that one, 0 the caller's group,
 * -1 all but process 1 and the caller, < -1 the group -pid. */
static bool addressed(const struct task *t, int32_t pid)
{
	if (t->state == TASK_FREE || !t->pid)
		return false;
	if (pid > 0)
		return t->pid == (uint32_t)pid;
	if (pid == 0)
		return t->pgid == current->pgid;
	if (pid == -1)
		return t->pid != 1 && t != current;
	return t->pgid == (uint32_t)-pid;
}

/* Sends sig to every task pid addresses, the caller last: 0 or -errno.
 * code: the siginfo's si_code (SI_USER for kill, SI_TKILL for tgkill). */
static int64_t send_to(int32_t pid, uint64_t sig, int32_t code)
{
	struct sig_origin from = { code, current->pid, 0 };
	bool found = false, self = false;

	if (sig > NSIG || pid == INT32_MIN)
		return -EINVAL;
	for (unsigned i = 0; i < task_count(); i++) {
		struct task *t = task_at(i);

		if (!addressed(t, pid))
			continue;
		found = true;
		if (t == current)
			self = true;
		else if (sig)
			signal_send_from(t, (int)sig, from);
	}
	if (!found)
		return -ESRCH;
	if (self && sig)
		signal_send_from(current, (int)sig, from);
	return 0;
}

int64_t sys_kill(struct trap_frame *f)
{
	return send_to((int32_t)f->rdi, f->rsi, SI_USER);
}

int64_t sys_tkill(struct trap_frame *f)
{
	if ((int32_t)f->rdi <= 0)
		return -EINVAL;
	return send_to((int32_t)f->rdi, f->rsi, SI_TKILL);
}

int64_t sys_tgkill(struct trap_frame *f)
{
	if ((int32_t)f->rdi <= 0 || (int32_t)f->rsi <= 0)
		return -EINVAL;
	if (f->rdi != f->rsi) /* one thread per process: its tid is its pid */
		return -ESRCH;
	return send_to((int32_t)f->rsi, f->rdx, SI_TKILL);
}

/* pause: until a signal comes. */
int64_t sys_pause(struct trap_frame *f)
{
	(void)f;
	while (!signal_pending(current))
		sched_block(&current->pending);
	return -EINTR;
}

/* rt_sigsuspend(mask): pause with mask in force; the handler's frame keeps the old one. */
int64_t sys_rt_sigsuspend(struct trap_frame *f)
{
	uint64_t mask;

	if (f->rsi != 8)
		return -EINVAL;
	if (copy_from_user(&current->as, &mask, f->rdi, 8))
		return -EFAULT;
	current->saved_mask = current->sigmask;
	current->saved_mask_valid = true;
	current->sigmask = mask & ~UNBLOCKABLE;
	while (!signal_pending(current))
		sched_block(&current->pending);
	return -EINTR;
}
