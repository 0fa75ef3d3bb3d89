// SPDX-License-Identifier: MIT
/*
 * How system calls reach the kernel, natively and on PVM.
 *
 * Natively (VMX, SVM, QEMU TCG, bare metal):
 *   - `syscall` enters syscall_entry.S in ring 0, which calls
 *     syscall_from_entry() and returns with `sysretq`;
 *   - `int $0x80` goes through its IDT gate to trap.c, which calls
 *     syscall_from_int80(), and returns with `iretq`.
 *
 * On PVM (docs/guest-kernel.md, "Hardware KVM vs PVM") neither arrives
 * as such:
 *   - `syscall` jumps to LSTAR but stays in ring 3, with RCX/R11 holding
 *     the user's RIP/RFLAGS as `syscall` left them.  Ring 3 may not even
 *     fetch from the kernel's supervisor-only pages, so the fetch at
 *     syscall_entry faults: #PF, error 5 (present, user), CR2 = RIP =
 *     syscall_entry.  (Were the page user-accessible, the privileged
 *     `swapgs` there would raise #GP instead, RIP = syscall_entry; both
 *     are recognized.)
 *   - `int $0x80` raises #UD with RIP at the instruction (bytes CD 80).
 * The #PF/#GP and #UD handlers recognize exactly these situations
 * (syscall_emulate) and finish the system call themselves: trap and
 * emulate.  User programs cannot tell the difference; the kernel records
 * which path each call took (SYS_MECH_*).  Nothing here assumes a
 * platform: each call is handled the way it actually arrived.
 */
#include "uapi/lde_sys.h"

#include "cpu.h"
#include "gdt.h"
#include "paging.h"
#include "percpu.h"
#include "sched.h"
#include "syscall.h"
#include "vm.h"

#define MSR_STAR 0xC0000081
#define MSR_LSTAR 0xC0000082
#define MSR_FMASK 0xC0000084
#define MSR_GS_BASE 0xC0000101
#define MSR_KERNEL_GS_BASE 0xC0000102

/* RFLAGS bits */
#define RF_RESERVED1 0x2 /* always 1 */
#define RF_TF 0x100
#define RF_IF 0x200
#define RF_DF 0x400
#define RF_IOPL 0x3000
#define RF_NT 0x4000
#define RF_AC 0x40000
/* What ring 3 may set: CF PF AF ZF SF TF DF OF (0xdd5), AC, ID. */
#define RF_USER_BITS (0xdd5 | RF_AC | 0x200000)

/*
 * STAR[47:32]: `syscall` loads CS from it and SS = CS + 8 (0x10, 0x18).
 * STAR[63:48]: `sysretq` loads CS = it + 16 and SS = it + 8, with RPL 3
 * (0x33, 0x2b).  Linux's GDT layout is built around exactly this.
 */
#define STAR_VALUE ((uint64_t)GDT_SEL_KERNEL_CS << 32 | (uint64_t)GDT_SEL_USER32_CS << 48)

_Static_assert(STAR_VALUE == 0x0023001000000000, "STAR as PVM expects it");
_Static_assert(GDT_SEL_KERNEL_CS + 8 == GDT_SEL_KERNEL_DS, "syscall SS");
_Static_assert(GDT_SEL_USER32_CS + 8 == GDT_SEL_USER_DS, "sysret SS");
_Static_assert(GDT_SEL_USER32_CS + 16 == GDT_SEL_USER_CS, "sysret CS");

void syscall_arch_init(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	wrmsr(MSR_STAR, STAR_VALUE);
	wrmsr(MSR_LSTAR, (uintptr_t)syscall_entry);
	/* Cleared on entry: interrupts, single-step, direction, AC, NT, IOPL. */
	wrmsr(MSR_FMASK, RF_IF | RF_TF | RF_DF | RF_AC | RF_NT | RF_IOPL);
	wrmsr(MSR_GS_BASE, 0);
	wrmsr(MSR_KERNEL_GS_BASE, (uintptr_t)&this_cpu);
}

uint64_t user_rflags(uint64_t rflags)
{
	return (rflags & RF_USER_BITS) | RF_IF | RF_RESERVED1;
}

/*
 * Called by syscall_entry.S.  `sysretq` is only safe to a canonical user
 * RIP: with a non-canonical RCX, Intel CPUs raise the #GP in ring 0 but on
 * the user's stack.  RCX came from the CPU, so this never happens unless
 * the frame was changed; then the slower `iretq` does the checks.
 */
bool syscall_from_entry(struct trap_frame *f)
{
	syscall_dispatch(f, SYS_MECH_SYSCALL);
	f->rflags = user_rflags(f->rflags);
	/* rcx != rip: a new image (execve), whose registers iretq restores */
	return f->rip < LDE_USER_END && f->cs == GDT_SEL_USER_CS && f->ss == GDT_SEL_USER_DS &&
	       f->rcx == f->rip;
}

void syscall_from_int80(struct trap_frame *f)
{
	syscall_dispatch(f, SYS_MECH_INT80);
}

#define PF_USER 0x4 /* #PF error code: the access came from ring 3 */

/* PVM: did `syscall` leave us in ring 3 at syscall_entry? */
static bool stuck_at_syscall_entry(const struct trap_frame *f)
{
	if (f->rip != (uintptr_t)syscall_entry)
		return false;
	if (f->vector == T_PF) /* fetching syscall_entry itself */
		return (f->error & PF_USER) && read_cr2() == f->rip;
	return f->vector == T_GP && !f->error; /* executing its swapgs */
}

static bool emulate_syscall(struct trap_frame *f)
{
	if (!stuck_at_syscall_entry(f) || f->rcx >= LDE_USER_END)
		return false;
	/* Where `syscall` would have gone back to, as sysretq would. */
	f->rip = f->rcx;
	f->rflags = user_rflags(f->r11);
	syscall_dispatch(f, SYS_MECH_SYSCALL_EMULATED);
	return true;
}

/*
 * PVM: `int N` in ring 3 ended with #UD at the instruction.  For N = 0x80
 * it is a system call.  For other N, hardware would have refused the DPL-0
 * gate with #GP, error code (N << 3) | 2 ("IDT entry N"): the frame is
 * turned into that fault, so the task dies as it would on hardware.
 */
/*
 * The two instruction bytes at user address rip, looked up directly (one
 * page walk unless they straddle two pages): this is on every emulated
 * int $0x80, and on PVM each kernel instruction costs about a microsecond.
 */
static bool fetch_two_bytes(uint64_t rip, uint8_t insn[2])
{
	const uint8_t *p = uvm_kaddr(&current->as, rip, PTE_U);

	if (!p)
		return false;
	insn[0] = p[0];
	if ((rip + 1) % PAGE_SIZE) {
		insn[1] = p[1];
		return true;
	}
	p = uvm_kaddr(&current->as, rip + 1, PTE_U); /* on the next page */
	if (!p)
		return false;
	insn[1] = p[0];
	return true;
}

static bool emulate_int(struct trap_frame *f)
{
	uint8_t insn[2];

	if (f->vector != T_UD || !fetch_two_bytes(f->rip, insn) || insn[0] != 0xcd)
		return false;
	if (insn[1] != T_SYSCALL80) {
		f->vector = T_GP;
		f->error = (uint64_t)insn[1] << 3 | 2;
		return false;
	}
	f->rip += sizeof(insn);
	syscall_dispatch(f, SYS_MECH_INT80_EMULATED);
	return true;
}

bool syscall_emulate(struct trap_frame *f)
{
	return emulate_syscall(f) || emulate_int(f);
}
