// SPDX-License-Identifier: MIT
/*
 * The platform probe (see probe.h).  Hardware KVM (VMX/SVM), QEMU and bare
 * metal deliver both trap instructions as the manuals say; PVM delivers
 * `syscall` as a #PF (or #GP) at the syscall entry and `int $0x80` as a
 * #UD (docs/guest-kernel.md, "Hardware KVM vs PVM").  Rather than guess
 * from CPUID, the kernel
 * asks the CPU: a tiny ring-3 program (user/programs/probe.c) makes one
 * system call with each instruction, and the per-mechanism counters the
 * arrival paths keep (syscall_trap.c) say how each one came in.
 *
 * Nothing else depends on the answer: every path is always ready, and each
 * call is served the way it arrives.  The probe just makes it visible.
 */
#include "printf.h"
#include "probe.h"
#include "programs.h"
#include "sched.h"
#include "task.h"

/* "native", "emulated" or "lost" for one instruction. */
static const char *how(const struct task *t, unsigned native, unsigned emulated)
{
	if (t->syscalls[native])
		return "native";
	if (t->syscalls[emulated])
		return "emulated";
	return "lost";
}

bool probe_syscall_mechanisms(void)
{
	static const char *const argv[] = { "probe" };
	const struct program *prog = program_find("probe", 5);
	struct task *t;
	const char *sc, *i80, *platform;

	t = prog ? task_spawn("probe", prog, 1, argv, TASK_EXPECT_EXIT) : NULL;
	if (!t) {
		kprintf("syscall mechanism: cannot run the probe\n");
		return false;
	}
	sched_run();
	sc = how(t, SYS_MECH_SYSCALL, SYS_MECH_SYSCALL_EMULATED);
	i80 = how(t, SYS_MECH_INT80, SYS_MECH_INT80_EMULATED);
	if (sc[0] == 'n' && i80[0] == 'n')
		platform = "hardware";
	else if (sc[0] == 'e' && i80[0] == 'e')
		platform = "PVM";
	else
		platform = "unusual";
	kprintf("syscall mechanism: syscall=%s int80=%s (%s)\n", sc, i80, platform);
	if (!task_as_planned(t)) {
		kprintf("syscall mechanism: the probe failed\n");
		return false;
	}
	return true;
}
