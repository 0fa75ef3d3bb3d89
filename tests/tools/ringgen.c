/* SPDX-License-Identifier: MIT */
/*
 * ringgen: a tiny guest for the trace-tool tests.  It is not a kernel: it
 * only plays the guest side of the trace ring (include/lde/abi.h section 6)
 * so that the real ./vmm turns its records into "trap", "syscall" and
 * "task" trace records, whatever the real guest kernel does today.
 *
 * 64-bit entry (no PVH note): rdi = struct hvm_start_info, identity map.
 * The command line picks what to write:
 *   mode=basic     a short mixed run: traps, system calls, two tasks and
 *                  the switches between them, with debug-console output
 *                  (VM exits) in between   (default)
 *   mode=doorbell  lossless: high_water + 16 records, ringing the doorbell
 *                  at the high-water mark
 *   mode=lossy     lossy: capacity + 3 records with no exit in between,
 *                  so the last 3 are dropped
 *   mode=corrupt   two records, then one of an unknown kind: the vmm ends
 *                  the run as a crash ("corrupt trace ring")
 *   mode=ids       hostile task ids and names: task 0xffffffff named like the
 *                  vmm's own track, task 0x7fffffff, a bad system-call
 *                  number (-1); no id or name may reach the vmm's tracks
 * Every mode ends by writing status 0 to the exit port.
 *
 * Built by tests/tools/conftest.py with -ffreestanding -mgeneral-regs-only
 * (the 64-bit entry state has no SSE enabled).
 */
#include <lde/abi.h>
#include <stddef.h>

static volatile struct lde_ring_header *ring;
static struct lde_trace_record *slots;
static uint64_t next_seq;
static int lossy;

void *memset(void *d, int c, size_t n)
{
	unsigned char *p = d;

	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *p = d;
	const unsigned char *q = s;

	while (n--)
		*p++ = *q++;
	return d;
}

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

static void print(const char *s)
{
	while (*s)
		outb(LDE_PORT_DEBUGCON, (uint8_t)*s++);
}

static __attribute__((noreturn)) void exit_with(uint32_t status)
{
	outl(LDE_PORT_EXIT, status);
	for (;;)
		__asm__ volatile("cli; hlt");
}

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static int has_word(const char *cmdline, const char *word)
{
	const char *p = cmdline;

	while (p && *p) {
		char w[64];
		size_t n = 0;

		while (*p == ' ')
			p++;
		while (*p && *p != ' ' && n < sizeof(w) - 1)
			w[n++] = *p++;
		w[n] = '\0';
		if (n && streq(w, word))
			return 1;
	}
	return 0;
}

static int find_ring(const struct hvm_start_info *si)
{
	const struct hvm_modlist_entry *m =
		(const struct hvm_modlist_entry *)(uintptr_t)si->modlist_paddr;

	for (uint32_t i = 0; m && i < si->nr_modules; i++) {
		if (!streq((const char *)(uintptr_t)m[i].cmdline_paddr, LDE_TRACE_MODULE_NAME))
			continue;
		ring = (volatile struct lde_ring_header *)(uintptr_t)m[i].paddr;
		slots = (struct lde_trace_record *)(uintptr_t)(m[i].paddr + sizeof(*ring));
		return ring->magic == LDE_RING_MAGIC && ring->version == LDE_RING_VERSION;
	}
	return 0;
}

/* The producer of guest/kernel/trace_ring.c, without the interrupt handling. */
static void emit(struct lde_trace_record *rec)
{
	uint64_t head = ring->head;
	uint64_t tail = __atomic_load_n(&ring->tail, __ATOMIC_ACQUIRE);

	if (head - tail >= ring->capacity) {
		ring->dropped++;
		return;
	}
	rec->seq = next_seq++;
	rec->tsc = rdtsc();
	/* word by word: PVM emulates each iteration of a `rep movs` */
	for (size_t i = 0; i < sizeof(*rec) / 8; i++)
		((volatile uint64_t *)&slots[head & (ring->capacity - 1)])[i] =
			((const uint64_t *)rec)[i];
	__atomic_store_n(&ring->head, head + 1, __ATOMIC_RELEASE);
	if (!lossy && head + 1 - tail >= ring->high_water)
		outl(LDE_PORT_TRACE_DOORBELL, 0);
}

static void trap(uint16_t kind, uint8_t vector, uint32_t task, uint8_t cpl, uint64_t error_code,
                 uint64_t cr2)
{
	struct lde_trace_record r = {
		.kind = kind, .task = task, .cr2 = cr2,
		.regs = {
			.vector = vector, .error_code = error_code,
			.cs = cpl ? 0x33 : 0x10,
			.rip = cpl ? 0x8000001000 + vector : 0x100200,
			.rsp = cpl ? 0x80003ff000 : 0xff000,
		},
	};

	emit(&r);
}

static void syscall(uint32_t task, uint16_t mech, uint64_t nr, uint64_t a0, int64_t ret)
{
	struct lde_trace_record r = {
		.kind = LDE_REC_SYSCALL, .task = task, .mech = mech, .nr = nr,
		.entry_tsc = rdtsc(), /* it "arrived" now; emit() stamps the return */
		.regs = {
			.vector = mech >= LDE_MECH_INT80 ? 0x80 : LDE_VECTOR_NONE,
			.cs = 0x33, .rip = 0x8000001234, .rsp = 0x80003fefe0,
			.rdi = a0, .rsi = 0x8000002000, .rdx = 13,
			.rax = (uint64_t)ret,
		},
	};

	emit(&r);
}

static void task(uint32_t id, uint32_t event, const char *name, int64_t status, uint8_t vector,
                 uint64_t error_code)
{
	struct lde_trace_record r = { .kind = LDE_REC_TASK, .task = id, .reason = event };

	if (event == LDE_TASK_CREATED) {
		for (size_t i = 0; name[i] && i < sizeof(r.name) - 1; i++)
			r.name[i] = name[i];
	} else if (event == LDE_TASK_EXITED) {
		r.status = status;
	} else {
		r.regs = (struct lde_trap_regs){ .vector = vector,
			                         .error_code = error_code,
			                         .cs = 0x33,
			                         .rip = 0x8000001100,
			                         .rsp = 0x80003ff000 };
	}
	emit(&r);
}

static void sw(uint32_t from, uint32_t to, uint32_t why)
{
	struct lde_trace_record r = { .kind = LDE_REC_SWITCH,
		                      .task = from,
		                      .reason = why,
		                      .next_task = to };

	emit(&r);
}

static void basic(void)
{
	print("ringgen: basic\n");
	trap(LDE_REC_INTERRUPT, 32, 0, 0, 0, 0); /* a timer tick */
	task(1, LDE_TASK_CREATED, "hello", 0, 0, 0);
	sw(0, 1, LDE_SWITCH_IDLE);
	trap(LDE_REC_EXCEPTION, 14, 1, 3, 0x6, 0x8000400000); /* #PF, user write */
	syscall(1, LDE_MECH_SYSCALL, 1, 1, 13);               /* write(1, buf, 13) */
	print("hello, world\n");
	trap(LDE_REC_INTERRUPT, 32, 1, 3, 0, 0);
	syscall(1, LDE_MECH_INT80_EMULATED, 2, 0, 1); /* getpid() */
	syscall(1, LDE_MECH_SYSCALL, 0, 0, 0);        /* exit(0) */
	task(1, LDE_TASK_EXITED, NULL, 0, 0, 0);
	sw(1, 0, LDE_SWITCH_ENDED);
	task(2, LDE_TASK_CREATED, "crasher", 0, 0, 0);
	sw(0, 2, LDE_SWITCH_IDLE);
	trap(LDE_REC_EXCEPTION, 3, 2, 3, 0, 0);    /* #BP */
	trap(LDE_REC_EXCEPTION, 13, 2, 3, 0x0, 0); /* #GP */
	task(2, LDE_TASK_KILLED, NULL, 0, 13, 0);
	sw(2, 0, LDE_SWITCH_ENDED);
	trap(LDE_REC_INTERRUPT, 255, 0, 0, 0, 0); /* spurious */
	print("ringgen: done\n");
}

static void hostile_ids(void)
{
	print("ringgen: ids\n");
	task(0xffffffff, LDE_TASK_CREATED, "vmm: VM exits", 0, 0, 0);
	sw(0, 0xffffffff, LDE_SWITCH_IDLE);
	syscall(0xffffffff, LDE_MECH_SYSCALL, (uint64_t)-1, 0, -38); /* -ENOSYS */
	trap(LDE_REC_INTERRUPT, 32, 0xffffffff, 3, 0, 0);
	task(0x7fffffff, LDE_TASK_CREATED, "vCPU 0: task running", 0, 0, 0);
	sw(0xffffffff, 0x7fffffff, LDE_SWITCH_PREEMPTED);
	syscall(0x7fffffff, LDE_MECH_SYSCALL, 39, 0, 0x7fffffff); /* getpid() */
	syscall(0x7fffffff, LDE_MECH_SYSCALL, 60, 0, 0);          /* exit(0) */
	task(0x7fffffff, LDE_TASK_EXITED, NULL, 0, 0, 0);
	sw(0x7fffffff, 0xffffffff, LDE_SWITCH_ENDED);
	task(0xffffffff, LDE_TASK_KILLED, NULL, 0, 13, 0);
	sw(0xffffffff, 0, LDE_SWITCH_ENDED);
	print("ringgen: done\n");
}

static void corrupt(void)
{
	print("ringgen: corrupt\n");
	trap(LDE_REC_INTERRUPT, 32, 0, 0, 0, 0);
	syscall(0, LDE_MECH_SYSCALL, 5, 0, 42);
	trap(9, 0, 0, 0, 0, 0); /* unknown kind */
	print("ringgen: not reached\n");
}

void _start(const struct hvm_start_info *si)
{
	const char *cmdline = (const char *)(uintptr_t)si->cmdline_paddr;

	if (!find_ring(si)) {
		print("ringgen: no trace ring (run with --trace)\n");
		exit_with(1);
	}
	lossy = has_word(cmdline, "mode=lossy");
	ring->flags = lossy ? LDE_RING_LOSSY : 0;
	if (has_word(cmdline, "mode=doorbell")) {
		print("ringgen: doorbell\n");
		for (uint32_t i = 0; i < ring->high_water + 16; i++)
			trap(LDE_REC_INTERRUPT, 32, 0, 0, 0, 0);
		print("ringgen: done\n");
	} else if (lossy) {
		uint32_t n = ring->capacity + 3;

		print("ringgen: lossy\n");
		for (uint32_t i = 0; i < n; i++) /* no exit: nothing drains */
			trap(LDE_REC_EXCEPTION, 14, 0, 0, 0x2, 0x1000 + i);
		print("ringgen: done\n");
	} else if (has_word(cmdline, "mode=corrupt")) {
		corrupt();
	} else if (has_word(cmdline, "mode=ids")) {
		hostile_ids();
	} else {
		basic();
	}
	exit_with(0);
}
