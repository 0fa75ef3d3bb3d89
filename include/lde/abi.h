/* SPDX-License-Identifier: MIT */
/*
 * lde host–guest ABI: everything the vmm (host/) and the guest kernel
 * (guest/) must agree on, in one place.  Both sides include this header;
 * nothing else crosses the boundary.
 *
 *   1. I/O ports the vmm emulates
 *   2. guest-physical memory layout set up by the vmm
 *   3. the PVH boot protocol (hvm_start_info), as the guest receives it
 *   4. the non-PVH 64-bit entry state
 *   5. guest exit statuses and how the vmm maps them
 *   6. the trace ring: the guest's trap records for the host's trace
 *   7. user programs and their environment, as PVH modules
 *   8. the kernel's configuration, as an ELF note
 *
 * All integers are little-endian; all structures are naturally aligned
 * and have the sizes asserted at the bottom of this file.
 */
#ifndef LDE_ABI_H
#define LDE_ABI_H

#ifndef __ASSEMBLER__
#include <stdint.h>
#endif

/* Version of this ABI; bumped on any incompatible change. */
#define LDE_ABI_VERSION 4

/* ------------------------------------------------------------------ */
/* 1. I/O ports                                                        */
/* ------------------------------------------------------------------ */

/*
 * Debug console (Bochs/QEMU "debugcon" convention): an 8-bit OUT writes
 * one byte of console output.  An 8-bit IN returns 0xE9, which is how a
 * guest can detect that the port exists (QEMU behaves the same).
 */
#define LDE_PORT_DEBUGCON 0xE9

/*
 * User output: the bytes a user program writes to its fd 1 and fd 2, when
 * the vmm passed programs (section 7).  An 8-bit OUT (or `rep outsb`, one
 * exit for up to a page) writes bytes: LDE_PORT_STDOUT to the vmm's
 * stdout, exactly, LDE_PORT_STDERR to its stderr.  The kernel's own log
 * stays on LDE_PORT_DEBUGCON (the vmm sends it to stderr then), so the
 * three streams never mix.  Under QEMU: one isa-debugcon device per port.
 */
#define LDE_PORT_STDOUT 0xEA
#define LDE_PORT_STDERR 0xEB

/*
 * COM1, a 16550A UART at 0x3F8..0x3FF, on IRQ 4 (ISA), which the vmm
 * drives through the in-kernel IOAPIC's pin 4 (KVM_IRQ_LINE): high while
 * an enabled interrupt is pending, low otherwise, so the guest programs the
 * pin level-triggered, active high.  THR writes go to the console and
 * transmit at once (LSR always has THRE|TEMT).  The receiver reads the
 * vmm's stdin: RBR, LSR.DR, the 16-byte FIFO (FCR, IIR with its FIFO
 * bits), IER's received-data and line-status interrupts.  The line is
 * instantly fast: whenever the FIFO has room the next byte of stdin is in
 * it.  The vmm reads stdin only once the guest has enabled IER.ERBFI or
 * IER.ELSI, and at most 64 KiB ahead of the guest.  The end of stdin is
 * a break (LSR.BI, the line-status interrupt) once every byte before it
 * was read; LDE_PORT_STDIN says it without a doubt.  docs/abi.md, "COM1".
 */
#define LDE_PORT_COM1 0x3F8
#define LDE_PORT_COM1_COUNT 8
#define LDE_COM1_IRQ 4 /* ISA IRQ = IOAPIC pin */

/*
 * Stdin status, ours: a 32-bit IN gives
 *   bits 0-15   LDE_STDIN_COUNT: bytes the guest can read from COM1's RBR
 *               now, one after the other, without looking at LSR (the FIFO
 *               and the bytes behind it; at most 0xFFFF are counted), so a
 *               `rep insb` of that many is one exit;
 *   bit 16      LDE_STDIN_ENDED: the vmm's stdin has ended: no byte beyond
 *               those counted will ever come (with a count of 0: end of
 *               input; before it, "no input yet" is a count of 0 without
 *               it); never set with a count capped at 0xFFFF;
 *   bits 17-23  0;
 *   bits 24-31  LDE_STDIN_TAG: 'i', so that the all-ones of a machine
 *               without this port (QEMU) tells it apart.
 * Any other access (OUT, 8 or 16 bits) is unclaimed.
 */
#define LDE_PORT_STDIN 0xEC
#define LDE_STDIN_COUNT 0xffffu
#define LDE_STDIN_ENDED 0x10000u
#define LDE_STDIN_TAG 0x69000000u
#define LDE_STDIN_TAG_MASK 0xff000000u

/*
 * Exit port.  A 32-bit OUT of value V ends the run; section 5 says what
 * V means and which status the vmm then exits with.  Under QEMU the
 * same port is an isa-debug-exit device (-device
 * isa-debug-exit,iobase=0xf4,iosize=4), which exits QEMU with status
 * (V << 1) | 1; so a QEMU status Q corresponds to guest status Q >> 1.
 */
#define LDE_PORT_EXIT 0xF4

/* ------------------------------------------------------------------ */
/* 2. Guest-physical memory layout                                     */
/* ------------------------------------------------------------------ */

/*
 * The vmm owns the first 64 KiB of guest RAM for boot structures; ELF
 * segments may not be loaded there.  The memory map given to the guest
 * marks it E820 "reserved".  Layout inside it:
 */
#define LDE_BOOT_GDT 0x1000        /* boot GDT, selectors below */
#define LDE_BOOT_TSS 0x1100        /* 104-byte 32-bit TSS for TR */
#define LDE_BOOT_START_INFO 0x2000 /* struct hvm_start_info */
#define LDE_BOOT_MEMMAP 0x2040     /* hvm_memmap_table_entry[] */
#define LDE_BOOT_MEMMAP_MAX 64     /* room for this many entries */
#define LDE_BOOT_MODLIST 0x2800    /* hvm_modlist_entry[] (section 6) */
#define LDE_BOOT_MODLIST_MAX 16
#define LDE_BOOT_MODNAMES 0x2A00 /* modules' NUL-terminated names */
#define LDE_BOOT_MODNAMES_SIZE 0x600
#define LDE_BOOT_CMDLINE 0x3000   /* NUL-terminated command line */
#define LDE_BOOT_CMDLINE_MAX 4096 /* including the NUL */
#define LDE_BOOT_PML4 0x4000      /* 64-bit entry only: page tables */
#define LDE_BOOT_PDPT 0x5000
#define LDE_BOOT_PD 0x6000         /* four PDs, 0x6000..0x9FFF */
#define LDE_BOOT_STACK_TOP 0x10000 /* 64-bit entry only: initial RSP */
#define LDE_RESERVED_END 0x10000   /* first byte a guest image may use */

/*
 * Guest RAM above 3 GiB is placed above 4 GiB, leaving [3 GiB, 4 GiB)
 * free for the LAPIC (0xFEE00000), the IOAPIC and KVM's private pages.
 */
#define LDE_MMIO_HOLE_START 0xC0000000ULL
#define LDE_MMIO_HOLE_END 0x100000000ULL

/* Boot GDT selectors (the boot GDT at LDE_BOOT_GDT holds these). */
#define LDE_BOOT_SEL_CODE32 0x08 /* flat 32-bit code: PVH entry CS */
#define LDE_BOOT_SEL_CODE64 0x10 /* 64-bit code: 64-bit entry CS */
#define LDE_BOOT_SEL_DATA 0x18   /* flat data: DS/ES/SS/FS/GS */
#define LDE_BOOT_SEL_TSS 0x20    /* 32-bit available TSS */

/* ------------------------------------------------------------------ */
/* 3. PVH boot protocol                                                */
/* ------------------------------------------------------------------ */

/*
 * A guest ELF that carries an ELF note named "Xen" of type
 * XEN_ELFNOTE_PHYS32_ENTRY, whose 4-byte (or 8-byte) descriptor is a
 * 32-bit physical address, is entered there in 32-bit protected mode:
 *   CR0 = PE|ET (paging off), EFLAGS = 0x2 (IF clear),
 *   CS = LDE_BOOT_SEL_CODE32 (flat 4 GiB, 32-bit),
 *   DS = ES = FS = GS = SS = LDE_BOOT_SEL_DATA (flat 4 GiB),
 *   TR = LDE_BOOT_SEL_TSS, GDTR = the boot GDT, IDTR = {base 0, limit 0},
 *   EBX = physical address of struct hvm_start_info, other GPRs 0.
 * This is the Xen/QEMU PVH ABI, so the same ELF boots under
 * qemu-system-x86_64 -kernel.
 */
#define XEN_ELFNOTE_PHYS32_ENTRY 18
#define XEN_HVM_START_MAGIC_VALUE 0x336ec578

#ifndef __ASSEMBLER__
/* struct hvm_start_info: version 1 of the PVH start-of-day structure. */
struct hvm_start_info {
	uint32_t magic;   /* XEN_HVM_START_MAGIC_VALUE */
	uint32_t version; /* 1: memmap fields are present */
	uint32_t flags;   /* SIF_* flags; lde sets 0 */
	uint32_t nr_modules; /* entries at modlist_paddr: programs, environment, initrd (section 7), trace ring (6) */
	uint64_t modlist_paddr;  /* struct hvm_modlist_entry[]; 0 if none */
	uint64_t cmdline_paddr;  /* NUL-terminated command line, or 0 */
	uint64_t rsdp_paddr;     /* ACPI RSDP; lde has no ACPI: 0 */
	uint64_t memmap_paddr;   /* struct hvm_memmap_table_entry[] */
	uint32_t memmap_entries; /* number of entries there */
	uint32_t reserved;       /* must be 0 */
};

/* One module (initrd-like blob); reserved for later lde use. */
struct hvm_modlist_entry {
	uint64_t paddr;         /* physical address of the module */
	uint64_t size;          /* its size in bytes */
	uint64_t cmdline_paddr; /* its NUL-terminated command line, or 0 */
	uint64_t reserved;      /* must be 0 */
};

/* One memory-map entry, E820 semantics. */
struct hvm_memmap_table_entry {
	uint64_t addr;     /* first byte of the range */
	uint64_t size;     /* length in bytes */
	uint32_t type;     /* LDE_E820_* */
	uint32_t reserved; /* must be 0 */
};

#endif /* !__ASSEMBLER__ */

#define LDE_E820_RAM 1      /* usable RAM */
#define LDE_E820_RESERVED 2 /* in use by the vmm (boot structures) */

/* ------------------------------------------------------------------ */
/* 4. Non-PVH 64-bit entry                                             */
/* ------------------------------------------------------------------ */

/*
 * An ELF64 without the PVH note is entered at e_entry in 64-bit long mode:
 *   CR0 = PE|ET|PG|WP, CR4 = PAE, EFER = LME|LMA (NX is not enabled),
 *   CR3 = LDE_BOOT_PML4: identity map of [0, LDE_BOOT_MAP_END) with
 *         2 MiB pages, present+writable, supervisor-only (so e_entry
 *         must lie below LDE_BOOT_MAP_END),
 *   CS = LDE_BOOT_SEL_CODE64, DS/ES/FS/GS/SS = LDE_BOOT_SEL_DATA,
 *   TR = LDE_BOOT_SEL_TSS, GDTR = the boot GDT, IDTR = {0, 0},
 *   RFLAGS = 0x2, RSP = LDE_BOOT_STACK_TOP,
 *   RBX = RDI = physical address of struct hvm_start_info (filled exactly
 *   as for PVH), other GPRs 0.
 */

#define LDE_BOOT_MAP_END 0x100000000ULL /* 4 GiB */

/* ------------------------------------------------------------------ */
/* 5. Exit statuses                                                    */
/* ------------------------------------------------------------------ */

/*
 * The value V a guest writes to LDE_PORT_EXIT (docs/abi.md, "Exit
 * statuses") is one of:
 *
 *   V <= LDE_EXIT_GUEST_MAX: the guest kernel's own status, 0-255.  The vmm
 *   exits with V (summary "end": "guest-exit").
 *
 *   LDE_EXIT_PROGRAM(kind, signal, status): the result of the user programs
 *   the vmm passed as modules (section 6), by the rule of docs/abi.md: 0 if
 *   every program exited 0, else the status of the first one, in command-
 *   line order, that did not.  The vmm exits with `status`, unchanged, so a
 *   program's status passes through as a shell would report it.  Valid
 *   combinations (anything else is "bad-status"):
 *     LDE_EXIT_EXITED:   signal 0, status = the program's exit status
 *     LDE_EXIT_SIGNALED: signal 1-64, status = 128 + signal
 *     LDE_EXIT_REFUSED:  signal 0, status = LDE_VMM_CANNOT_RUN (the kernel
 *                        could not load it, as a shell says 126)
 *     LDE_EXIT_INITRD_REFUSED: only with an initrd module (section 7), before
 *                        any process ran: signal 0, status =
 *                        LDE_VMM_CANNOT_RUN (the kernel refused the
 *                        archive: an entry it cannot take, or a file
 *                        system error while unpacking it; its log names
 *                        the entry and the reason) or LDE_VMM_NOT_FOUND
 *                        (the init to start is not in it)
 *
 * With an initrd and no program modules, "the programs" are the first
 * process (section 7): its status is the result.
 * Any other V ends the run as "bad-status" (LDE_VMM_FAILURE), and so does
 * a guest status when programs were given: only a program result is a
 * program's status.
 */
#define LDE_EXIT_GUEST_MAX 255
#define LDE_EXIT_PROGRAM_TAG 0x6c000000u /* bits 31-24: 'l' */
#define LDE_EXIT_EXITED 1
#define LDE_EXIT_SIGNALED 2
#define LDE_EXIT_REFUSED 3
#define LDE_EXIT_INITRD_REFUSED 4
#define LDE_EXIT_PROGRAM(kind, signal, status)                                     \
	(LDE_EXIT_PROGRAM_TAG | (uint32_t)(kind) << 16 | (uint32_t)(signal) << 8 | \
	 (uint32_t)(status))
#define LDE_EXIT_PROGRAM_KIND(v) (((v) >> 16) & 0xff)
#define LDE_EXIT_PROGRAM_SIGNAL(v) (((v) >> 8) & 0xff)
#define LDE_EXIT_PROGRAM_STATUS(v) ((v)&0xff)
#define LDE_EXIT_IS_PROGRAM(v) (((v)&0xff000000u) == LDE_EXIT_PROGRAM_TAG)

/* Guest statuses the lde kernel itself uses when it runs no programs: */
#define LDE_GUEST_OK 0      /* every task ended; all went as planned */
#define LDE_GUEST_FAILURE 1 /* a self-check or scenario failed */
#define LDE_GUEST_PANIC 2   /* kernel panic (fault in ring 0, assert) */

/*
 * Statuses of the vmm itself.  No 8-bit status can keep 256 program
 * statuses apart from the vmm's own, so lde takes the convention of the
 * tools that run a command for you (env, nice, nohup, timeout): 124-127,
 * and 128 + N for a signal.  Which one it was is said twice more: one
 * "vmm:" line on stderr (even with --quiet), and the summary record's
 * "end" and "status_kind" ("program", "guest" or "vmm").
 */
#define LDE_VMM_TIMEOUT \
	124                 /* a limit set on the command line was reached:
			       --timeout fired, or the trace reached --trace-max */
#define LDE_VMM_FAILURE 125 /* the vmm failed: see the reasons below */
#define LDE_VMM_CANNOT_RUN \
	126                   /* a file named on the command line cannot
				  be run: unreadable, a directory, not a
				  loadable ELF, too big for --mem */
#define LDE_VMM_NOT_FOUND 127 /* a file named on the command line is missing */
/* Stopped by SIGINT/SIGTERM: 128 + signal number, as a shell reports. */
#define LDE_VMM_SIGNAL_BASE 128

/* The reasons behind LDE_VMM_FAILURE and LDE_VMM_CANNOT_RUN, by name. */
#define LDE_VMM_USAGE LDE_VMM_FAILURE      /* bad command line */
#define LDE_VMM_HOST_ERROR LDE_VMM_FAILURE /* KVM or host failure (ioctl, mmap, I/O) */
#define LDE_VMM_CRASH \
	LDE_VMM_FAILURE                      /* triple fault, internal error, failed
					      entry, unclaimed port or MMIO access */
#define LDE_VMM_BAD_STATUS LDE_VMM_FAILURE   /* the guest wrote no valid status */
#define LDE_VMM_BAD_IMAGE LDE_VMM_CANNOT_RUN /* guest image not a loadable ELF */
#define LDE_VMM_TRACE_FULL LDE_VMM_TIMEOUT   /* the trace reached --trace-max */

/* ------------------------------------------------------------------ */
/* 6. Trace ring: guest trap records for the host                      */
/* ------------------------------------------------------------------ */

/*
 * With the in-kernel LAPIC, the guest's traps never exit to the vmm, so the
 * guest kernel reports them itself: each trap appends one fixed-size
 * struct lde_trace_record to a ring in guest RAM that the vmm drains.
 *
 * Discovery: the vmm passes the ring as a PVH module (hvm_start_info
 * .modlist_paddr) whose command line is LDE_TRACE_MODULE_NAME; paddr/size
 * of that module are the ring: the header, then `capacity` slots of
 * record_size bytes.  The ring lies in RAM below 3 GiB, at the top of the
 * largest range the image's segments and the other modules leave free
 * (segments above 4 GiB leave all of it), and the memory map marks it
 * reserved.  No such module (under QEMU, or a vmm run
 * without --trace) means: no ring, trace nothing.
 *
 * Protocol (single producer = guest, single consumer = vmm):
 *   - The vmm fills in the header before boot; the guest never changes
 *     magic, version, record_size, capacity or high_water.
 *   - Guest: slot = head % capacity; write the record; compiler barrier;
 *     head++ (the store of head publishes the record).
 *   - Lossless (flags without LDE_RING_LOSSY): when head - tail reaches
 *     high_water after a write, the guest does a 32-bit OUT to
 *     LDE_PORT_TRACE_DOORBELL; the vmm drains the ring before the OUT
 *     completes, so on return tail == head.  high_water < capacity, so a
 *     write never finds the ring full.
 *   - Lossy (LDE_RING_LOSSY set by the guest): the guest never rings the
 *     doorbell; when head - tail == capacity it drops the record and
 *     increments `dropped` instead.  The vmm drains at every VM exit.
 *   - The vmm also drains at every VM exit and when the run ends, so the
 *     records of a trap always precede, in the merged trace, the VM exit
 *     that followed it.
 *   - The vmm treats everything the guest wrote as hostile: a head that
 *     went backwards or ran more than capacity ahead of tail, a dropped
 *     count that went backwards or above 2^63 - 1, or a record
 *     with an unknown kind, mechanism or task event, a vector above 255
 *     (LDE_VECTOR_NONE only for system calls), a CS above 0xffff or a
 *     guest seq out of order, ends the run ("corrupt trace ring") with the
 *     records before it kept.
 */
#define LDE_TRACE_MODULE_NAME "lde.trace_ring"
#define LDE_PORT_TRACE_DOORBELL 0xF8 /* out32: drain the ring now */
#define LDE_RING_MAGIC 0x676e6972    /* "ring" */
#define LDE_RING_VERSION 3           /* 3: record.reason of system calls */
#define LDE_RING_LOSSY 0x1           /* header.flags: guest drops when full */

/* Record kinds */
#define LDE_REC_EXCEPTION 1 /* CPU exception (vectors 0-31) */
#define LDE_REC_INTERRUPT 2 /* external/LAPIC interrupt (timer, spurious) */
#define LDE_REC_SYSCALL 3   /* system call, written when it returns */
#define LDE_REC_TASK 4      /* task lifecycle: reason = LDE_TASK_* */
#define LDE_REC_SWITCH 5    /* context switch from task to next_task */

/* How a system call reached the kernel (record.mech) */
#define LDE_MECH_NONE 0
#define LDE_MECH_SYSCALL 1          /* `syscall`, native */
#define LDE_MECH_SYSCALL_EMULATED 2 /* `syscall` completed from #PF/#GP (PVM) */
#define LDE_MECH_INT80 3            /* `int $0x80`, native */
#define LDE_MECH_INT80_EMULATED 4   /* `int $0x80` completed from #UD (PVM) */

/* record.reason for LDE_REC_TASK */
#define LDE_TASK_CREATED 1 /* name = task name, argv; module (see the record) */
#define LDE_TASK_EXITED 2  /* status = exit status */
#define LDE_TASK_KILLED 3  /* regs (vector..rsp) and cr2 = the fault */
#define LDE_TASK_FORKED 4  /* task = the new child; parent; name = its name */
#define LDE_TASK_EXEC 5    /* name = the new image's path, then argv (as CREATED) */
#define LDE_TASK_WAITED 6  /* task = the parent; child = the child it reaped; wstatus */
#define LDE_TASK_SIGNAL 7  /* a handler runs: signal; handler = its address */

/* record.reason for LDE_REC_SYSCALL: how the call ended */
#define LDE_CALL_RETURNED 0 /* it returned regs.rax; tsc = the return */
#define LDE_CALL_ENDED 1    /* its task ended in it (exit, a fatal signal): no rax */

/* record.reason for LDE_REC_INTERRUPT: the interrupt's source */
#define LDE_INTR_OTHER 0 /* not said (spurious, unexpected, an older kernel) */
#define LDE_INTR_TIMER 1 /* the LAPIC timer */
#define LDE_INTR_COM1 2  /* COM1 (IRQ 4 through the IOAPIC) */

/* record.reason for LDE_REC_EXCEPTION: what the kernel made of the fault */
#define LDE_TRAP_NO_OUTCOME 0 /* not a fault (NMI), or an older kernel */
#define LDE_TRAP_HANDLED 1    /* resolved, the task goes on (a page it may have) */
#define LDE_TRAP_KILLED 2     /* the task was killed for it */
#define LDE_TRAP_PANIC 3      /* in ring 0: kernel panic */
#define LDE_TRAP_COW 4        /* a write to a copy-on-write page: copied, the task goes on */
#define LDE_TRAP_SIGNAL 5     /* the task's handler for the fault's signal runs */

/* record.reason for LDE_REC_SWITCH: why `task` gave up the CPU */
#define LDE_SWITCH_PREEMPTED 1 /* its time slice ran out (timer) */
#define LDE_SWITCH_YIELDED 2   /* it called yield (or sleep(0)) */
#define LDE_SWITCH_SLEEPING 3  /* it went to sleep */
#define LDE_SWITCH_ENDED 4     /* it exited or was killed */
#define LDE_SWITCH_IDLE 5      /* task 0, the idle loop, found a task to run */

/* The IDT vectors the lde kernel chose for itself (the trace names them,
 * include/lde/trace_names.h); 0-31 are the CPU's exceptions. */
#define LDE_VECTOR_TIMER 0x20    /* LAPIC timer */
#define LDE_VECTOR_COM1 0x24     /* COM1's IRQ 4 through the IOAPIC */
#define LDE_VECTOR_INT80 0x80    /* int $0x80: the DPL-3 system-call gate */
#define LDE_VECTOR_SPURIOUS 0xff /* LAPIC spurious interrupt */

/* regs.vector of a system call made with `syscall`: it has no IDT vector */
#define LDE_VECTOR_NONE 0x100

#ifndef __ASSEMBLER__
/* The ring header, at the start of the module; 64 bytes. */
struct lde_ring_header {
	uint32_t magic;       /* vmm: LDE_RING_MAGIC */
	uint32_t version;     /* vmm: LDE_RING_VERSION */
	uint32_t record_size; /* vmm: sizeof(struct lde_trace_record) */
	uint32_t capacity;    /* vmm: record slots after the header; power of 2 */
	uint32_t high_water;  /* vmm: lossless guests ring the doorbell here */
	uint32_t flags;       /* guest: LDE_RING_LOSSY or 0, set before the
				 first record */
	uint64_t head;        /* guest: records produced so far */
	uint64_t tail;        /* vmm: records consumed so far */
	uint64_t dropped;     /* guest: records dropped (lossy mode only) */
	uint64_t reserved[2]; /* 0 */
};

/*
 * The trapped context, in the order the lde kernel's trap entry leaves it
 * on the kernel stack (r9 at the lowest address;
 * guest/arch/x86_64/include/trap.h), so that kernel fills a record's registers with one block copy: on PVM,
 * where every kernel instruction is emulated, a `rep movsq` costs about
 * half of a load and a store per field.  Which fields a record carries
 * depends on its kind (struct lde_trace_record).
 */
struct lde_trap_regs {
	uint64_t r9, r8, r10, rdx, rsi, rdi; /* system calls: the arguments
						are rdi, rsi, rdx, r10, r8, r9 */
	uint64_t rax;                        /* system calls: the return value */
	uint64_t vector;                     /* IDT vector 0-255, or LDE_VECTOR_NONE.  System
				calls: 0x80 for int $0x80, LDE_VECTOR_NONE for
				syscall, and for an emulated call the fault
				that carried it (#PF 14, #GP 13, #UD 6, with
				its error_code): on PVM that fault and the
				call are one trap, one record */
	uint64_t error_code;                 /* CPU error code, or 0 */
	uint64_t rip;                        /* where the trapped context was */
	uint64_t cs;                         /* its code segment; CPL = cs & 3 */
	uint64_t rflags;                     /* its RFLAGS */
	uint64_t rsp;                        /* its stack pointer */
};

/*
 * One trap record; 152 bytes.  Fields a kind does not use are ignored by
 * the vmm, so the guest need not clear them (every store a PVM guest
 * kernel makes is an emulated instruction):
 *   LDE_REC_EXCEPTION, _INTERRUPT: regs.vector..regs.rsp; cr2 for #PF;
 *                 EXCEPTION: reason = LDE_TRAP_* outcome;
 *                 INTERRUPT: reason = LDE_INTR_* source
 *   LDE_REC_SYSCALL: all of regs, nr, entry_tsc, mech; reason = LDE_CALL_*
 *   LDE_REC_TASK: reason; CREATED: name; EXITED: status;
 *                 KILLED: regs.vector..regs.rsp and cr2; FORKED: parent,
 *                 copied, name; EXEC: name; WAITED: child, wstatus; SIGNAL:
 *                 signal, handler
 *   LDE_REC_SWITCH: reason (LDE_SWITCH_*), next_task
 */
struct lde_trace_record {
	uint64_t seq;      /* guest's record counter: 0, 1, 2, ... */
	uint64_t tsc;      /* RDTSC when the trap was taken; for system
				calls, when the call returned (see entry_tsc),
				so records are in time order */
	uint16_t kind;     /* LDE_REC_* */
	uint16_t mech;     /* LDE_MECH_* for system calls */
	uint32_t task;     /* id of the current task; 0 = kernel/idle */
	uint32_t reason;   /* LDE_TASK_*, LDE_SWITCH_*, LDE_TRAP_*, LDE_INTR_* or LDE_CALL_* */
	uint32_t reserved; /* ignored */
	union {
		uint64_t cr2;       /* page-fault address for #PF (also in
				       LDE_TASK_KILLED) */
		uint64_t entry_tsc; /* LDE_REC_SYSCALL: RDTSC when the call
				       arrived; <= tsc */
		uint64_t handler;   /* LDE_TASK_SIGNAL: the handler's address */
		int64_t wstatus;    /* LDE_TASK_WAITED: the status wait4 gave,
				       Linux's encoding (code << 8, or the
				       signal) */
		uint64_t copied;    /* LDE_TASK_FORKED: the pages fork copied
				       at once: 0 with copy-on-write, every
				       page with the lde kernel's fork=eager;
				       at most 2^35, the user half's pages */
	};
	union {
		uint64_t nr;        /* LDE_REC_SYSCALL: system-call number */
		int64_t status;     /* LDE_TASK_EXITED: exit status */
		uint64_t next_task; /* LDE_REC_SWITCH: the task that runs now
				       (< 2^32; 0 = idle) */
		uint64_t module;    /* LDE_TASK_CREATED: 1 + the index of the PVH
				       module whose program it runs (section 7),
				       0 for a program built into the kernel */
		uint64_t parent;    /* LDE_TASK_FORKED: the task that forked
				       (< 2^32) */
		uint64_t child;     /* LDE_TASK_WAITED: the child reaped (< 2^32) */
		uint64_t signal;    /* LDE_TASK_SIGNAL: the signal, 1..64 */
	};
	union {
		struct lde_trap_regs regs;
		char name[56]; /* LDE_TASK_CREATED: the task's name, then as
				  many of argv[0], argv[1], ... as fit, each
				  NUL-terminated; NUL-padded.  FORKED: the
				  name; EXEC: the path, then argv likewise */
	};
};

/* ------------------------------------------------------------------ */
/* 7. User programs                                                    */
/* ------------------------------------------------------------------ */

/*
 * Each program on the vmm's command line is one PVH module, in command-line
 * order: paddr/size are the file's bytes, unchanged; its command line is
 * its argv, argv[0] being the path as given: the words separated by single
 * spaces, each byte outside '!'..'~', and '%' and ',', written %XX (two
 * upper-case hex digits).  The environment is one more module, named
 * LDE_ENV_MODULE_NAME, whose bytes are NAME=VALUE strings, each followed by
 * a NUL.  Modules, names and environment lie in RAM below 3 GiB the image
 * leaves free (each at the top of the largest free range) and the memory
 * map marks them reserved.  Every module that is neither
 * the trace ring nor the environment is a program; a module without a
 * command line (QEMU's -initrd) is a program whose argv comes from the
 * kernel command line's argv= (its words encoded as above, separated by
 * ',').  The environment module's command line continues after its name
 * with " tty=ABC": A, B, C are 1 if the vmm's stdin, stdout, stderr is a
 * terminal, else 0 (so ioctl(TCGETS) answers as it would on the host).
 * With programs, the kernel runs them instead of its demos and
 * writes the programs' result to LDE_PORT_EXIT (section 5).
 *
 * The root file system: with --initrd, one more module, after the
 * environment, whose bytes are the file, unchanged: a cpio archive in the
 * newc format (magic 070701 or 070702; docs/abi.md, "The initrd").  Its
 * command line is LDE_INITRD_MODULE_NAME, then, if the user named the
 * first process (--init), a space and that program's argv, encoded as a
 * program's above (argv[0] an absolute path in the archive).  The kernel
 * unpacks the archive into its in-memory file system before it adds the
 * programs as /bin/NAME (so they override files of the same name), or
 * refuses the whole run (LDE_EXIT_INITRD_REFUSED).  Without program
 * modules it then starts one process: --init's, else /init, else /bin/sh
 * (with argv {path}), whose fds 0-2 are the console; the run ends when it
 * does, with its status (section 5).  A module without a command line
 * (QEMU's -initrd) whose bytes start with the newc magic is an initrd too,
 * and the kernel command line's argv= (encoded as above) names its first
 * process.  The environment module is passed with an initrd as with
 * programs.
 */
#define LDE_ENV_MODULE_NAME "lde.env"
#define LDE_INITRD_MODULE_NAME "lde.initrd"

/* ------------------------------------------------------------------ */
/* 8. The kernel's configuration, as an ELF note                       */
/* ------------------------------------------------------------------ */

/*
 * A guest kernel may say how it was built in an ELF note, in a PT_NOTE
 * segment, named LDE_NOTE_NAME of type LDE_NOTE_KCONFIG, whose descriptor
 * is a struct lde_kconfig.  The vmm checks it when it loads the image (a
 * malformed one: the image is refused, 126) and writes it into the
 * trace's boot record ("config"), so that a trace says which timer rate,
 * time slice, timer mode and scheduler shaped the story it tells.  The
 * lde kernel's note: guest/kernel/kconfig_note.c.
 */
#define LDE_NOTE_NAME "lde"
#define LDE_NOTE_KCONFIG 1
#define LDE_KCONFIG_VERSION 1
#define LDE_KCONFIG_DIGEST_LEN 16 /* hex digits */

/* lde_kconfig.timer: how the LAPIC timer ticks (Kconfig TIMER_*); a kernel
 * built for TSC-deadline ticks periodic where CPUID has no TSC-deadline */
#define LDE_TIMER_PERIODIC 1     /* the LAPIC reloads its count itself */
#define LDE_TIMER_ONESHOT 2      /* the tick handler re-arms it */
#define LDE_TIMER_TSC_DEADLINE 3 /* an interrupt when the TSC reaches a value */

/* lde_kconfig.sched: the scheduler */
#define LDE_SCHED_ROUND_ROBIN 1 /* one run queue, FIFO, a time slice each */

#ifndef __ASSEMBLER__
struct lde_kconfig {
	uint32_t version;                    /* LDE_KCONFIG_VERSION */
	uint32_t hz;                         /* timer interrupts per second (CONFIG_HZ), 1-100000 */
	uint32_t slice_ticks;                /* a task's time slice in ticks, >= 1 */
	uint32_t timer;                      /* LDE_TIMER_*: the mode it was built for */
	uint32_t sched;                      /* LDE_SCHED_* */
	uint32_t reserved;                   /* 0 */
	char digest[LDE_KCONFIG_DIGEST_LEN]; /* the first 16 hex digits (0-9, a-f)
						of the SHA-256 of the kernel's
						autoconf.h: all its Kconfig options */
};
_Static_assert(sizeof(struct lde_kconfig) == 40, "kconfig note size");
#endif

_Static_assert(sizeof(struct hvm_start_info) == 56, "hvm_start_info size");
_Static_assert(sizeof(struct hvm_modlist_entry) == 32, "modlist size");
_Static_assert(sizeof(struct hvm_memmap_table_entry) == 24, "memmap size");
_Static_assert(sizeof(struct lde_ring_header) == 64, "ring header size");
_Static_assert(sizeof(struct lde_trap_regs) == 104, "trap regs size");
_Static_assert(sizeof(struct lde_trace_record) == 152, "trace record size");
_Static_assert(LDE_BOOT_MEMMAP + LDE_BOOT_MEMMAP_MAX * 24 <= LDE_BOOT_MODLIST,
               "memmap fits below the module list");
_Static_assert(LDE_BOOT_MODLIST + LDE_BOOT_MODLIST_MAX * 32 <= LDE_BOOT_MODNAMES,
               "module list fits below the module names");
#endif

#endif /* LDE_ABI_H */
