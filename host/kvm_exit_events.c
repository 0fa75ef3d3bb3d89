/* SPDX-License-Identifier: MIT */
/*
 * kvm:kvm_exit tracepoint samples through perf_event_open (docs/kvm-exit-events.md).
 *
 * One perf event counts the tracepoint on this thread (the vCPU thread) with
 * sample_period 1, so every exit KVM takes while running our vCPU leaves a
 * PERF_RECORD_SAMPLE { time (CLOCK_MONOTONIC), raw tracepoint payload } in
 * a perf buffer we mmap.  The payload's layout is read from the
 * tracepoint's tracefs "format" file, so no kernel version is assumed.  The
 * buffer is drained (data_tail .. data_head) before each exit record and at
 * the end; everything read from it is bounds-checked.
 */
#include "kvm_exit_events.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <sched.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "trace.h"

#define KVM_ISA_VMX 1 /* the tracepoint's isa field */
#define KVM_ISA_SVM 2

/* Data pages of the perf buffer: 128 (512 KiB) is what perf_event_mlock_kb
 * (516 KiB) allows an unprivileged user; smaller sizes are tried on EPERM. */
#define PERFBUF_PAGES_MAX 128
#define PERFBUF_PAGES_MIN 8

#define FORMAT_MAX (256 << 10) /* a format file larger than this is not one */
#define RECORD_MAX 65536       /* perf_event_header.size is a u16 */

struct tp_field {
	bool present;
	uint32_t offset, size;
};

struct priv {
	uint32_t id;          /* tracepoint id (the payload's common_type) */
	uint32_t default_isa; /* when the payload has no isa field */
	struct tp_field common_type, exit_reason, guest_rip, isa, info1, info2, intr_info,
		error_code, vcpu_id;
	uint8_t *data;           /* the perf buffer's data area */
	uint64_t data_size;      /* a power of 2 */
	uint64_t tail;           /* our copy of data_tail */
	uint64_t malformed;      /* records skipped as impossible */
	const char *note;        /* for the summary */
	char why[256];           /* ->unavailable points here */
	uint8_t rec[RECORD_MAX]; /* the record being parsed, unwrapped */
};

static const struct {
	const char *name;
	size_t slot;
} wanted[] = {
	{ "common_type", offsetof(struct priv, common_type) },
	{ "exit_reason", offsetof(struct priv, exit_reason) },
	{ "guest_rip", offsetof(struct priv, guest_rip) },
	{ "isa", offsetof(struct priv, isa) },
	{ "info1", offsetof(struct priv, info1) },
	{ "info2", offsetof(struct priv, info2) },
	{ "intr_info", offsetof(struct priv, intr_info) },
	{ "error_code", offsetof(struct priv, error_code) },
	{ "vcpu_id", offsetof(struct priv, vcpu_id) },
};

/* ------------------------------------------------------------ exit names */

/* VMX basic exit reasons (SDM Appendix C), as the kernel names them. */
static const char *const vmx_names[] = {
	[0] = "EXCEPTION_NMI",
	[1] = "EXTERNAL_INTERRUPT",
	[2] = "TRIPLE_FAULT",
	[3] = "INIT_SIGNAL",
	[4] = "SIPI_SIGNAL",
	[7] = "INTERRUPT_WINDOW",
	[8] = "NMI_WINDOW",
	[9] = "TASK_SWITCH",
	[10] = "CPUID",
	[12] = "HLT",
	[13] = "INVD",
	[14] = "INVLPG",
	[15] = "RDPMC",
	[16] = "RDTSC",
	[18] = "VMCALL",
	[19] = "VMCLEAR",
	[20] = "VMLAUNCH",
	[21] = "VMPTRLD",
	[22] = "VMPTRST",
	[23] = "VMREAD",
	[24] = "VMRESUME",
	[25] = "VMWRITE",
	[26] = "VMOFF",
	[27] = "VMON",
	[28] = "CR_ACCESS",
	[29] = "DR_ACCESS",
	[30] = "IO_INSTRUCTION",
	[31] = "MSR_READ",
	[32] = "MSR_WRITE",
	[33] = "INVALID_STATE",
	[34] = "MSR_LOAD_FAIL",
	[36] = "MWAIT_INSTRUCTION",
	[37] = "MONITOR_TRAP_FLAG",
	[39] = "MONITOR_INSTRUCTION",
	[40] = "PAUSE_INSTRUCTION",
	[41] = "MCE_DURING_VMENTRY",
	[43] = "TPR_BELOW_THRESHOLD",
	[44] = "APIC_ACCESS",
	[45] = "EOI_INDUCED",
	[46] = "GDTR_IDTR",
	[47] = "LDTR_TR",
	[48] = "EPT_VIOLATION",
	[49] = "EPT_MISCONFIG",
	[50] = "INVEPT",
	[51] = "RDTSCP",
	[52] = "PREEMPTION_TIMER",
	[53] = "INVVPID",
	[54] = "WBINVD",
	[55] = "XSETBV",
	[56] = "APIC_WRITE",
	[57] = "RDRAND",
	[58] = "INVPCID",
	[59] = "VMFUNC",
	[60] = "ENCLS",
	[61] = "RDSEED",
	[62] = "PML_FULL",
	[63] = "XSAVES",
	[64] = "XRSTORS",
	[67] = "UMWAIT",
	[68] = "TPAUSE",
	[74] = "BUS_LOCK",
	[75] = "NOTIFY",
	[77] = "TDCALL",
	[84] = "MSR_READ_IMM",
	[85] = "MSR_WRITE_IMM",
};

/* SVM exit codes (APM vol. 2, appendix C), as the kernel names them. */
static const struct {
	uint32_t code;
	const char *name;
} svm_names[] = {
	{ 0x000, "read_cr0" },
	{ 0x002, "read_cr2" },
	{ 0x003, "read_cr3" },
	{ 0x004, "read_cr4" },
	{ 0x008, "read_cr8" },
	{ 0x010, "write_cr0" },
	{ 0x012, "write_cr2" },
	{ 0x013, "write_cr3" },
	{ 0x014, "write_cr4" },
	{ 0x018, "write_cr8" },
	{ 0x020, "read_dr0" },
	{ 0x021, "read_dr1" },
	{ 0x022, "read_dr2" },
	{ 0x023, "read_dr3" },
	{ 0x024, "read_dr4" },
	{ 0x025, "read_dr5" },
	{ 0x026, "read_dr6" },
	{ 0x027, "read_dr7" },
	{ 0x030, "write_dr0" },
	{ 0x031, "write_dr1" },
	{ 0x032, "write_dr2" },
	{ 0x033, "write_dr3" },
	{ 0x034, "write_dr4" },
	{ 0x035, "write_dr5" },
	{ 0x036, "write_dr6" },
	{ 0x037, "write_dr7" },
	{ 0x040, "DE excp" },
	{ 0x041, "DB excp" },
	{ 0x043, "BP excp" },
	{ 0x044, "OF excp" },
	{ 0x045, "BR excp" },
	{ 0x046, "UD excp" },
	{ 0x047, "NM excp" },
	{ 0x048, "DF excp" },
	{ 0x04a, "TS excp" },
	{ 0x04b, "NP excp" },
	{ 0x04c, "SS excp" },
	{ 0x04d, "GP excp" },
	{ 0x04e, "PF excp" },
	{ 0x050, "MF excp" },
	{ 0x051, "AC excp" },
	{ 0x052, "MC excp" },
	{ 0x053, "XF excp" },
	{ 0x060, "interrupt" },
	{ 0x061, "nmi" },
	{ 0x062, "smi" },
	{ 0x063, "init" },
	{ 0x064, "vintr" },
	{ 0x065, "cr0_sel_write" },
	{ 0x066, "read_idtr" },
	{ 0x067, "read_gdtr" },
	{ 0x068, "read_ldtr" },
	{ 0x069, "read_rt" },
	{ 0x06a, "write_idtr" },
	{ 0x06b, "write_gdtr" },
	{ 0x06c, "write_ldtr" },
	{ 0x06d, "write_rt" },
	{ 0x06e, "rdtsc" },
	{ 0x06f, "rdpmc" },
	{ 0x070, "pushf" },
	{ 0x071, "popf" },
	{ 0x072, "cpuid" },
	{ 0x073, "rsm" },
	{ 0x074, "iret" },
	{ 0x075, "swint" },
	{ 0x076, "invd" },
	{ 0x077, "pause" },
	{ 0x078, "hlt" },
	{ 0x079, "invlpg" },
	{ 0x07a, "invlpga" },
	{ 0x07b, "io" },
	{ 0x07c, "msr" },
	{ 0x07d, "task_switch" },
	{ 0x07e, "ferr_freeze" },
	{ 0x07f, "shutdown" },
	{ 0x080, "vmrun" },
	{ 0x081, "hypercall" },
	{ 0x082, "vmload" },
	{ 0x083, "vmsave" },
	{ 0x084, "stgi" },
	{ 0x085, "clgi" },
	{ 0x086, "skinit" },
	{ 0x087, "rdtscp" },
	{ 0x088, "icebp" },
	{ 0x089, "wbinvd" },
	{ 0x08a, "monitor" },
	{ 0x08b, "mwait" },
	{ 0x08d, "xsetbv" },
	{ 0x08f, "write_efer_trap" },
	{ 0x090, "write_cr0_trap" },
	{ 0x094, "write_cr4_trap" },
	{ 0x098, "write_cr8_trap" },
	{ 0x0a2, "invpcid" },
	{ 0x0a5, "buslock" },
	{ 0x0a6, "idle-halt" },
	{ 0x400, "npf" },
	{ 0x401, "avic_incomplete_ipi" },
	{ 0x402, "avic_unaccelerated_access" },
	{ 0x403, "vmgexit" },
	{ 0xffffffff, "invalid_guest_state" },
};

const char *kvm_exit_reason_name(uint32_t isa, uint64_t reason)
{
	if (isa == KVM_ISA_VMX) {
		uint64_t basic = reason & 0xffff; /* bit 31: failed VM entry */

		return basic < sizeof(vmx_names) / sizeof(vmx_names[0]) ? vmx_names[basic] : NULL;
	}
	if (isa == KVM_ISA_SVM)
		for (size_t i = 0; i < sizeof(svm_names) / sizeof(svm_names[0]); i++)
			if (svm_names[i].code == reason)
				return svm_names[i].name;
	return NULL;
}

static const char *isa_name(uint32_t isa)
{
	return isa == KVM_ISA_VMX ? "vmx" : isa == KVM_ISA_SVM ? "svm" : "unknown";
}

/* ----------------------------------------------------------- format file */

/*
 * One line of a format file:
 *	field:unsigned long guest_rip;	offset:16;	size:8;	signed:0;
 * The name is the declaration's last identifier ("char comm[16]" -> comm).
 */
static void parse_field(struct priv *p, const char *line)
{
	const char *decl = strstr(line, "field:"), *semi, *end, *start, *o, *s;
	unsigned long offset, size;
	char *num_end;

	if (!decl)
		return;
	decl += strlen("field:");
	semi = strchr(decl, ';');
	o = strstr(line, "offset:");
	s = strstr(line, "size:");
	if (!semi || !o || !s)
		return;
	end = semi;
	if (memchr(decl, '[', (size_t)(semi - decl)))
		end = memchr(decl, '[', (size_t)(semi - decl));
	while (end > decl && end[-1] == ' ')
		end--;
	start = end;
	while (start > decl &&
	       (start[-1] == '_' || (start[-1] >= 'a' && start[-1] <= 'z') ||
	        (start[-1] >= 'A' && start[-1] <= 'Z') || (start[-1] >= '0' && start[-1] <= '9')))
		start--;
	errno = 0;
	offset = strtoul(o + strlen("offset:"), &num_end, 10);
	if (errno || *num_end != ';')
		return;
	size = strtoul(s + strlen("size:"), &num_end, 10);
	if (errno || *num_end != ';' || offset > UINT16_MAX || size > UINT16_MAX)
		return;
	for (size_t i = 0; i < sizeof(wanted) / sizeof(wanted[0]); i++) {
		struct tp_field *f = (struct tp_field *)((char *)p + wanted[i].slot);

		if (strlen(wanted[i].name) != (size_t)(end - start) ||
		    strncmp(wanted[i].name, start, (size_t)(end - start)) != 0)
			continue;
		if (size != 1 && size != 2 && size != 4 && size != 8)
			return; /* not a number we can read */
		*f = (struct tp_field){ true, (uint32_t)offset, (uint32_t)size };
	}
}

static int parse_format(struct priv *p, const char *text)
{
	while (text && *text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) : strlen(text);
		char line[512];

		if (n < sizeof(line)) {
			memcpy(line, text, n);
			line[n] = '\0';
			parse_field(p, line);
		}
		text = nl ? nl + 1 : NULL;
	}
	return p->exit_reason.present ? 0 : -1;
}

/* Read field F of the payload RAW[0..N) (native byte order); false if out of bounds. */
static bool field_u64(const struct tp_field *f, const uint8_t *raw, uint32_t n, uint64_t *v)
{
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;

	if (!f->present || f->offset > n || f->size > n - f->offset)
		return false;
	switch (f->size) {
	case 1:
		memcpy(&u8, raw + f->offset, 1);
		*v = u8;
		return true;
	case 2:
		memcpy(&u16, raw + f->offset, 2);
		*v = u16;
		return true;
	case 4:
		memcpy(&u32, raw + f->offset, 4);
		*v = u32;
		return true;
	case 8:
		memcpy(v, raw + f->offset, 8);
		return true;
	}
	return false;
}

/* ------------------------------------------------------------- set up */

void kvm_exit_events_init(struct kvm_exit_events *e, bool requested)
{
	memset(e, 0, sizeof(*e));
	e->requested = requested;
	e->fd = -1;
	e->unavailable = requested ? "the VM was not created" : NULL;
}

static struct priv *priv_of(struct kvm_exit_events *e)
{
	if (!e->priv)
		e->priv = calloc(1, sizeof(struct priv));
	return e->priv;
}

static void unavailable(struct kvm_exit_events *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void unavailable(struct kvm_exit_events *e, const char *fmt, ...)
{
	struct priv *p = e->priv;
	va_list ap;

	if (!p) {
		e->unavailable = "out of memory";
		return;
	}
	va_start(ap, fmt);
	vsnprintf(p->why, sizeof(p->why), fmt, ap);
	va_end(ap);
	e->unavailable = p->why;
}

int kvm_exit_events_attach(struct kvm_exit_events *e, void *base, uint64_t len, const char *format,
                           uint32_t id)
{
	struct priv *p = priv_of(e);
	const struct perf_event_mmap_page *pg = base;
	uint64_t off, size;

	if (!p) {
		e->unavailable = "out of memory";
		return -1;
	}
	if (parse_format(p, format) < 0) {
		unavailable(e, "the kvm_exit tracepoint format has no exit_reason field");
		return -1;
	}
	p->id = id;
	if (!p->default_isa) {
		enum kvm_backend b = kvm_backend_detect();

		p->default_isa = b == KVM_BACKEND_VMX ? KVM_ISA_VMX :
		                 b == KVM_BACKEND_SVM ? KVM_ISA_SVM :
		                                        0;
	}
	/* data_offset/data_size exist since Linux 4.1; before: page 1 on. */
	off = pg->data_size ? pg->data_offset : (uint64_t)sysconf(_SC_PAGESIZE);
	size = pg->data_size ? pg->data_size : len - off;
	if (off > len || size > len - off || size == 0 || (size & (size - 1))) {
		unavailable(e, "perf buffer layout is not usable (data at %llu, %llu bytes)",
		            (unsigned long long)off, (unsigned long long)size);
		return -1;
	}
	p->data = (uint8_t *)base + off;
	p->data_size = size;
	p->tail = __atomic_load_n(&pg->data_tail, __ATOMIC_ACQUIRE);
	e->mmap_base = base;
	e->mmap_len = len;
	e->unavailable = NULL;
	return 0;
}

/* Whole small file PATH, NUL-terminated (malloc'd), or NULL with errno. */
static char *read_file(const char *path, size_t max)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0;
	char *buf;
	ssize_t n;

	if (fd < 0)
		return NULL;
	buf = malloc(max + 1);
	while (buf && len < max && (n = read(fd, buf + len, max - len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			buf = NULL;
			break;
		}
		len += (size_t)n;
	}
	close(fd);
	if (buf)
		buf[len] = '\0';
	else if (!errno)
		errno = ENOMEM;
	return buf;
}

static const char *const tracefs_dirs[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };

static const char *tracefs_mounted(void)
{
	char path[128];

	for (size_t i = 0; i < sizeof(tracefs_dirs) / sizeof(tracefs_dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s/events", tracefs_dirs[i]);
		if (access(path, F_OK) == 0)
			return tracefs_dirs[i];
	}
	return NULL;
}

/*
 * Mount tracefs where nobody did, in a mount namespace of our own (made
 * private first, so the mount does not propagate): the rest of the system
 * sees no change, and no other process can race us to unmount it.  Needs
 * CAP_SYS_ADMIN, and a single-threaded process (unshare implies CLONE_FS),
 * which the vmm is.  Returns the directory, or NULL with errno.
 */
static const char *tracefs_mount(const char **what)
{
	*what = "unshare(CLONE_NEWNS)";
	if (unshare(CLONE_NEWNS) < 0)
		return NULL;
	*what = "making / private in our mount namespace";
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return NULL;
	*what = "mount -t tracefs";
	if (mount("nodev", tracefs_dirs[0], "tracefs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) == 0)
		return tracefs_dirs[0];
	/* Older kernels: debugfs, whose tracing/ directory automounts tracefs. */
	*what = "mount -t debugfs";
	if (mount("nodev", "/sys/kernel/debug", "debugfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
	          NULL) == 0 &&
	    access("/sys/kernel/debug/tracing/events", F_OK) == 0)
		return tracefs_dirs[1];
	return NULL;
}

/* The tracepoint's id and format text (malloc'd); -1 after unavailable(). */
static int read_tracepoint(struct kvm_exit_events *e, uint32_t *id, char **format)
{
	const char *dir = tracefs_mounted(), *what = "";
	char path[160], *text, *end;
	unsigned long v;

	if (!dir && !(dir = tracefs_mount(&what))) {
		unavailable(e, "tracefs is not mounted, and mounting it failed (%s: %s)", what,
		            strerror(errno));
		return -1;
	}
	snprintf(path, sizeof(path), "%s/events/kvm/kvm_exit/id", dir);
	text = read_file(path, 64);
	if (!text) {
		unavailable(e,
		            errno == ENOENT ? "no kvm:kvm_exit tracepoint (%s: %s)" :
		                              "cannot read the kvm:kvm_exit tracepoint (%s: %s)",
		            path, strerror(errno));
		return -1;
	}
	errno = 0;
	v = strtoul(text, &end, 10);
	if (errno || end == text || (*end && *end != '\n') || v > UINT32_MAX) {
		unavailable(e, "%s: not a tracepoint id", path);
		free(text);
		return -1;
	}
	free(text);
	*id = (uint32_t)v;
	snprintf(path, sizeof(path), "%s/events/kvm/kvm_exit/format", dir);
	*format = read_file(path, FORMAT_MAX);
	if (!*format) {
		unavailable(e, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int paranoid_level(void)
{
	char *text = read_file("/proc/sys/kernel/perf_event_paranoid", 32);
	int v = text ? atoi(text) : 99;

	free(text);
	return v;
}

static int open_event(struct kvm_exit_events *e, uint32_t id)
{
	struct perf_event_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_TRACEPOINT;
	attr.config = id;
	attr.sample_period = 1;
	attr.sample_type = PERF_SAMPLE_TIME | PERF_SAMPLE_RAW;
	attr.use_clockid = 1;
	attr.clockid = CLOCK_MONOTONIC; /* the trace clock */
	/* The tracepoint fires in the kernel: exclude_kernel would drop it. */
	fd = (int)syscall(SYS_perf_event_open, &attr, 0 /* this thread */, -1 /* any CPU */, -1,
	                  PERF_FLAG_FD_CLOEXEC);
	if (fd < 0) {
		int err = errno;

		if (err == EACCES || err == EPERM)
			unavailable(e,
			            "perf_event_open: %s (kernel.perf_event_paranoid = %d; "
			            "tracepoint samples need CAP_PERFMON or CAP_SYS_ADMIN, "
			            "or paranoid -1)",
			            strerror(err), paranoid_level());
		else if (err == ENOSYS)
			unavailable(e, "perf_event_open: not supported by this kernel");
		else
			unavailable(e, "perf_event_open(kvm:kvm_exit): %s", strerror(err));
	}
	return fd;
}

/* 1 + 2^n pages; smaller buffers on EPERM/ENOMEM (mlock limits). */
static void *map_perfbuf(struct kvm_exit_events *e, int fd, uint64_t *len)
{
	long page = sysconf(_SC_PAGESIZE);
	void *base = MAP_FAILED;

	for (unsigned pages = PERFBUF_PAGES_MAX; pages >= PERFBUF_PAGES_MIN; pages /= 2) {
		*len = (uint64_t)(pages + 1) * (uint64_t)page;
		base = mmap(NULL, *len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (base != MAP_FAILED || (errno != EPERM && errno != ENOMEM))
			break;
	}
	if (base == MAP_FAILED) {
		unavailable(e, "mmap of the perf buffer: %s", strerror(errno));
		return NULL;
	}
	return base;
}

void kvm_exit_events_start(struct kvm_exit_events *e, enum kvm_backend backend)
{
	struct priv *p;
	char *format = NULL;
	uint32_t id;
	uint64_t len = 0;
	void *base;

	if (!e->requested)
		return;
	p = priv_of(e);
	if (!p) {
		e->unavailable = "out of memory";
		return;
	}
	p->default_isa = backend == KVM_BACKEND_VMX ? KVM_ISA_VMX :
	                 backend == KVM_BACKEND_SVM ? KVM_ISA_SVM :
	                                              0;
	if (backend == KVM_BACKEND_PVM)
		p->note = "PVM: the kvm_exit tracepoint exists but never fires";
	if (read_tracepoint(e, &id, &format) < 0 || (e->fd = open_event(e, id)) < 0) {
		free(format);
		return;
	}
	base = map_perfbuf(e, e->fd, &len);
	if (!base || kvm_exit_events_attach(e, base, len, format, id) < 0) {
		if (base)
			munmap(base, len);
		e->mmap_base = NULL;
		close(e->fd);
		e->fd = -1;
	}
	free(format);
}

/* ------------------------------------------------------------- drain */

/* Copy N bytes at perf buffer position POS (which may wrap) to DST. */
static void perfbuf_copy(const struct priv *p, uint64_t pos, void *dst, uint64_t n)
{
	uint64_t off = pos & (p->data_size - 1);
	uint64_t first = n < p->data_size - off ? n : p->data_size - off;

	memcpy(dst, p->data + off, first);
	memcpy((uint8_t *)dst + first, p->data, n - first);
}

/* The sample in P->rec (SIZE bytes): its time; false if malformed. */
static bool sample_time(const struct priv *p, uint32_t size, uint64_t *time)
{
	if (size < sizeof(struct perf_event_header) + 8 + 4)
		return false;
	memcpy(time, p->rec + sizeof(struct perf_event_header), 8);
	return true;
}

static uint64_t trace_ns(const struct trace *t, uint64_t mono_ns)
{
	return mono_ns > t->t0 ? mono_ns - t->t0 : 0;
}

static void emit_sample(struct kvm_exit_events *e, struct trace *t, uint32_t size, uint64_t time)
{
	const uint32_t raw_at = sizeof(struct perf_event_header) + 8 + 4;
	struct priv *p = e->priv;
	uint64_t reason, isa, type, v;
	const uint8_t *raw = p->rec + raw_at;
	const char *name;
	uint32_t n;
	struct json *j;

	memcpy(&n, p->rec + raw_at - 4, 4);
	if (n > size - raw_at || !field_u64(&p->exit_reason, raw, n, &reason) ||
	    (field_u64(&p->common_type, raw, n, &type) && type != p->id)) {
		p->malformed++;
		return;
	}
	if (!field_u64(&p->isa, raw, n, &isa))
		isa = p->default_isa;
	name = kvm_exit_reason_name((uint32_t)isa, reason);
	e->events++;
	j = trace_begin_at(t, "kvm_exit", trace_ns(t, time), TRACE_TRACK_VMM);
	if (!j)
		return;
	if (name)
		trace_name(t, "kvm_exit %s", name);
	else
		trace_name(t, "kvm_exit 0x%llx", (unsigned long long)reason);
	json_kv_u64(j, "vcpu", field_u64(&p->vcpu_id, raw, n, &v) ? v : 0);
	json_kv_u64(j, "reason", reason);
	json_kv_str(j, "reason_name", name);
	json_kv_str(j, "isa", isa_name((uint32_t)isa));
	if (field_u64(&p->guest_rip, raw, n, &v))
		json_kv_hex(j, "guest_rip", v);
	if (field_u64(&p->info1, raw, n, &v))
		json_kv_hex(j, "info1", v);
	if (field_u64(&p->info2, raw, n, &v))
		json_kv_hex(j, "info2", v);
	if (field_u64(&p->intr_info, raw, n, &v))
		json_kv_hex(j, "intr_info", v);
	if (field_u64(&p->error_code, raw, n, &v))
		json_kv_hex(j, "error_code", v);
	trace_end(t);
}

/* PERF_RECORD_LOST { id, lost } / PERF_RECORD_LOST_SAMPLES { lost }. */
static void count_lost(struct kvm_exit_events *e, const struct priv *p, uint32_t type,
                       uint32_t size)
{
	uint32_t at = sizeof(struct perf_event_header) + (type == PERF_RECORD_LOST ? 8 : 0);
	uint64_t lost;

	if (size < at + 8)
		return;
	memcpy(&lost, p->rec + at, 8);
	e->lost += lost;
}

void kvm_exit_events_drain_until(struct kvm_exit_events *e, struct trace *t, uint64_t t_ns)
{
	struct perf_event_mmap_page *pg = e->mmap_base;
	struct priv *p = e->priv;
	uint64_t head;

	if (!pg || !p || !p->data)
		return;
	head = __atomic_load_n(&pg->data_head, __ATOMIC_ACQUIRE);
	if (head - p->tail > p->data_size) { /* cannot be: resynchronise */
		p->malformed++;
		p->tail = head;
	}
	while (head - p->tail >= sizeof(struct perf_event_header)) {
		struct perf_event_header h;
		uint64_t time;

		perfbuf_copy(p, p->tail, &h, sizeof(h));
		if (h.size < sizeof(h) || h.size > head - p->tail) {
			p->malformed++; /* no way to find the next record */
			p->tail = head;
			break;
		}
		perfbuf_copy(p, p->tail, p->rec, h.size);
		if (h.type == PERF_RECORD_SAMPLE) {
			if (!sample_time(p, h.size, &time))
				p->malformed++;
			else if (trace_ns(t, time) > t_ns)
				break; /* later than asked: stays in the buffer */
			else
				emit_sample(e, t, h.size, time);
		} else if (h.type == PERF_RECORD_LOST || h.type == PERF_RECORD_LOST_SAMPLES) {
			count_lost(e, p, h.type, h.size);
		}
		p->tail += h.size;
	}
	__atomic_store_n(&pg->data_tail, p->tail, __ATOMIC_RELEASE);
}

void kvm_exit_events_drain(struct kvm_exit_events *e, struct trace *t)
{
	kvm_exit_events_drain_until(e, t, UINT64_MAX);
}

/* ------------------------------------------------------------- end */

void kvm_exit_events_summary(const struct kvm_exit_events *e, struct json *j)
{
	const struct priv *p = e->priv;

	json_key(j, "kvm_exit_events");
	json_obj_begin(j);
	json_kv_bool(j, "requested", e->requested);
	if (e->requested) {
		json_kv_bool(j, "available", !e->unavailable);
		if (e->unavailable) {
			json_kv_str(j, "why", e->unavailable);
		} else {
			json_kv_u64(j, "events", e->events);
			json_kv_u64(j, "lost", e->lost);
			if (p && p->malformed)
				json_kv_u64(j, "malformed", p->malformed);
			if (p && p->note && !e->events)
				json_kv_str(j, "note", p->note);
		}
	}
	json_obj_end(j);
}

void kvm_exit_events_stop(struct kvm_exit_events *e)
{
	if (e->fd >= 0) {
		if (e->mmap_base)
			munmap(e->mmap_base, e->mmap_len);
		close(e->fd);
	}
	e->fd = -1;
	e->mmap_base = NULL;
	free(e->priv); /* ->unavailable may point into it */
	e->priv = NULL;
	if (e->requested)
		e->unavailable = "stopped";
}
