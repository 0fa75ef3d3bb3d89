/* SPDX-License-Identifier: MIT */
/*
 * The names of the trace's numbers, one table each, for everything that
 * prints them: the guest kernel's console and the built-in programs, the
 * vmm's JSON and Chrome export, and the Python tools (tools/trace_common.py
 * reads this very file).  tests/tools/test_names.py checks that a real run's
 * console, trace and tools agree.  A new vector, mechanism or reason is one
 * row here; every reader then knows its name.
 *
 * Each table is an X-macro of rows X(number, "name"), the numbers being
 * include/lde/abi.h's constants or plain literals (the Python reader
 * resolves both, so keep to those two forms and to one row per X).
 */
#ifndef LDE_TRACE_NAMES_H
#define LDE_TRACE_NAMES_H

#include <lde/abi.h>

/* clang-format off */
/* IDT vectors: the CPU's exceptions (Intel SDM vol. 3, table 6-1; reserved
 * ones have no name), then the vectors the lde kernel gives its own. */
#define LDE_VECTOR_NAMES(X) \
	X(0, "#DE") \
	X(1, "#DB") \
	X(2, "NMI") \
	X(3, "#BP") \
	X(4, "#OF") \
	X(5, "#BR") \
	X(6, "#UD") \
	X(7, "#NM") \
	X(8, "#DF") \
	X(9, "#CSO") \
	X(10, "#TS") \
	X(11, "#NP") \
	X(12, "#SS") \
	X(13, "#GP") \
	X(14, "#PF") \
	X(16, "#MF") \
	X(17, "#AC") \
	X(18, "#MC") \
	X(19, "#XM") \
	X(20, "#VE") \
	X(21, "#CP") \
	X(28, "#HV") \
	X(29, "#VC") \
	X(30, "#SX") \
	X(LDE_VECTOR_TIMER, "timer") \
	X(LDE_VECTOR_COM1, "com1") \
	X(LDE_VECTOR_INT80, "int80") \
	X(LDE_VECTOR_SPURIOUS, "spurious")

/* record.mech: how a system call reached the kernel */
#define LDE_MECH_NAMES(X) \
	X(LDE_MECH_NONE, "none") \
	X(LDE_MECH_SYSCALL, "syscall") \
	X(LDE_MECH_SYSCALL_EMULATED, "syscall-emulated") \
	X(LDE_MECH_INT80, "int80") \
	X(LDE_MECH_INT80_EMULATED, "int80-emulated")

/* record.reason of a switch: why the task gave up the CPU */
#define LDE_SWITCH_NAMES(X) \
	X(LDE_SWITCH_PREEMPTED, "preempted") \
	X(LDE_SWITCH_YIELDED, "yielded") \
	X(LDE_SWITCH_SLEEPING, "sleeping") \
	X(LDE_SWITCH_ENDED, "ended") \
	X(LDE_SWITCH_IDLE, "idle")

/* record.reason of a task record */
#define LDE_TASK_EVENT_NAMES(X) \
	X(LDE_TASK_CREATED, "created") \
	X(LDE_TASK_EXITED, "exited") \
	X(LDE_TASK_KILLED, "killed") \
	X(LDE_TASK_FORKED, "forked") \
	X(LDE_TASK_EXEC, "exec") \
	X(LDE_TASK_WAITED, "waited") \
	X(LDE_TASK_SIGNAL, "signal")

/* record.reason of an exception: what the kernel made of the fault */
#define LDE_TRAP_OUTCOME_NAMES(X) \
	X(LDE_TRAP_HANDLED, "handled") \
	X(LDE_TRAP_KILLED, "killed") \
	X(LDE_TRAP_PANIC, "panic") \
	X(LDE_TRAP_COW, "cow") \
	X(LDE_TRAP_SIGNAL, "signal")

/* record.kind, as the trace's "kind" of a trap says it */
#define LDE_KIND_NAMES(X) \
	X(LDE_REC_EXCEPTION, "exception") \
	X(LDE_REC_INTERRUPT, "interrupt") \
	X(LDE_REC_SYSCALL, "syscall") \
	X(LDE_REC_TASK, "task") \
	X(LDE_REC_SWITCH, "switch")

/* lde_kconfig.timer: the LAPIC timer's mode (the kernel's boot log says the same) */
#define LDE_TIMER_NAMES(X) \
	X(LDE_TIMER_PERIODIC, "periodic") \
	X(LDE_TIMER_ONESHOT, "one-shot") \
	X(LDE_TIMER_TSC_DEADLINE, "TSC-deadline")

/* lde_kconfig.sched: the scheduler */
#define LDE_SCHED_NAMES(X) \
	X(LDE_SCHED_ROUND_ROBIN, "round-robin")

/* record.reason of an interrupt: its source, as the kernel says it */
#define LDE_INTR_SOURCE_NAMES(X) \
	X(LDE_INTR_OTHER, "other") \
	X(LDE_INTR_TIMER, "timer") \
	X(LDE_INTR_COM1, "com1")

/* clang-format on */

/* Lookups: the row's name, or a null pointer for a number without one. */
#define LDE_NAME_CASE_(n, s) \
	case n:              \
		return s;
#define LDE_NAME_LOOKUP_(fn, table)                                             \
	static inline const char *fn(unsigned long long n)                      \
	{                                                                       \
		switch (n) {                                                    \
			table(LDE_NAME_CASE_) default : return (const char *)0; \
		}                                                               \
	}
LDE_NAME_LOOKUP_(lde_vector_name, LDE_VECTOR_NAMES)
LDE_NAME_LOOKUP_(lde_mech_name, LDE_MECH_NAMES)
LDE_NAME_LOOKUP_(lde_switch_name, LDE_SWITCH_NAMES)
LDE_NAME_LOOKUP_(lde_task_event_name, LDE_TASK_EVENT_NAMES)
LDE_NAME_LOOKUP_(lde_trap_outcome_name, LDE_TRAP_OUTCOME_NAMES)
LDE_NAME_LOOKUP_(lde_kind_name, LDE_KIND_NAMES)
LDE_NAME_LOOKUP_(lde_timer_name, LDE_TIMER_NAMES)
LDE_NAME_LOOKUP_(lde_sched_name, LDE_SCHED_NAMES)
LDE_NAME_LOOKUP_(lde_intr_source_name, LDE_INTR_SOURCE_NAMES)

#endif /* LDE_TRACE_NAMES_H */
