/* SPDX-License-Identifier: MIT */
/*
 * tools/kvm-check: can the lde vmm run on this machine, and if not, why?
 *
 *   tools/kvm-check            one check per line: ok / FAIL / warn + reason
 *   tools/kvm-check --json     the same as one JSON object (scripts, tests)
 *   tools/kvm-check --backend  only "vmx", "svm", "pvm" or "unknown"
 *
 * Exit status: 0 when everything the vmm needs is there, 1 when something
 * required is missing, 2 on a usage error.  docs/kvm-check.md explains each
 * line and how to fix each failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <linux/kvm.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../host/backend.h"

#define KVM_DEV "/dev/kvm"
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

enum need {
	NEED_ALWAYS, /* the vmm cannot run without it */
	NEED_VMX,    /* required on Intel VMX only */
	NEED_NEVER,  /* informational */
};

static const struct cap {
	const char *name;
	int id;
	enum need need;
	int min;          /* smallest acceptable KVM_CHECK_EXTENSION value */
	bool count;       /* the value is a number worth printing */
	const char *what; /* what the vmm uses it for */
} caps[] = {
#define CAP(c) "KVM_CAP_" #c, KVM_CAP_##c
	{ CAP(IRQCHIP), NEED_ALWAYS, 1, false, "in-kernel LAPIC/IOAPIC (guest timer interrupts)" },
	{ CAP(USER_MEMORY), NEED_ALWAYS, 1, false, "guest RAM via KVM_SET_USER_MEMORY_REGION" },
	{ CAP(EXT_CPUID), NEED_ALWAYS, 1, false, "KVM_GET_SUPPORTED_CPUID / KVM_SET_CPUID2" },
	{ CAP(IMMEDIATE_EXIT), NEED_ALWAYS, 1, false,
	  "stopping the vCPU on a signal or --timeout" },
	{ CAP(NR_MEMSLOTS), NEED_ALWAYS, 2, true,
	  "memory slots (RAM below 3 GiB and above 4 GiB)" },
	{ CAP(SET_TSS_ADDR), NEED_VMX, 1, false, "KVM_SET_TSS_ADDR (needed on vmx only)" },
	{ CAP(TSC_DEADLINE_TIMER), NEED_NEVER, 1, false, "LAPIC TSC-deadline timer mode" },
	{ CAP(X2APIC_API), NEED_NEVER, 1, true, "x2APIC API flags" },
	{ CAP(BINARY_STATS_FD), NEED_NEVER, 1, false,
	  "KVM_GET_STATS_FD counters (exits, insn_emulation)" },
	{ CAP(GET_TSC_KHZ), NEED_NEVER, 1, false, "KVM_GET_TSC_KHZ" },
	{ CAP(NR_VCPUS), NEED_NEVER, 1, true, "recommended vCPUs per VM" },
#undef CAP
};
#define NCAPS ARRAY_SIZE(caps)

/* CPUID leaf 1 ECX bits that KVM_GET_SUPPORTED_CPUID may offer. */
static const struct cpuid_bit {
	const char *name, *label;
	int bit;
} cpuid_bits[] = {
	{ "x2apic", "CPUID x2APIC", 21 },
	{ "tsc_deadline", "CPUID TSC-deadline", 24 },
};

static const char *const backend_desc[] = {
	[KVM_BACKEND_UNKNOWN] = "no kvm_intel, kvm_amd or kvm_pvm module, "
				"no vmx/svm CPU flag",
	[KVM_BACKEND_VMX] = "Intel VT-x (kvm_intel)",
	[KVM_BACKEND_SVM] = "AMD-V (kvm_amd)",
	[KVM_BACKEND_PVM] = "PVM, pagetable-based software virtualization "
			    "(kvm_pvm)",
};

static const char pvm_note[] =
	"software virtualization, not VMX/SVM: ring-0 guest code is emulated "
	"(~1 us/insn); int3/int N in ring 0 stop the VM; in ring 3, int N "
	"(N != 3) raises #UD and syscall does not enter ring 0";

enum status { OK, WARN, FAIL };
static const char *const status_name[] = { "ok", "warn", "FAIL" };

/* Everything kvm-check found out; filled by probe(), then printed. */
struct report {
	enum kvm_backend backend;
	int dev_errno;      /* 0: /dev/kvm opened read-write */
	struct stat dev_st; /* valid when dev_stat_ok */
	bool dev_stat_ok;
	int api; /* -1: not known */
	int api_errno;
	int vm_errno;   /* KVM_CREATE_VM; -1: not tried */
	int cap[NCAPS]; /* -1: not known */
	int cap_errno[NCAPS];
	int cpuid[ARRAY_SIZE(cpuid_bits)]; /* 1, 0, or -1: not known */
	int cpuid_errno;
};

static bool dev_ok(const struct report *r)
{
	return r->dev_errno == 0;
}

static const char *dev_state(const struct report *r)
{
	switch (r->dev_errno) {
	case 0:
		return "ok";
	case ENOENT:
		return "missing";
	case EACCES:
	case EPERM:
		return "permission-denied";
	default:
		return "error";
	}
}

static enum status cap_status(const struct report *r, size_t i)
{
	bool needed = caps[i].need == NEED_ALWAYS ||
	              (caps[i].need == NEED_VMX && r->backend == KVM_BACKEND_VMX);

	if (r->cap[i] >= caps[i].min)
		return OK;
	if (needed)
		return FAIL;
	if (caps[i].need == NEED_VMX && r->backend != KVM_BACKEND_UNKNOWN)
		return OK; /* absent, but this backend does not use it */
	return WARN;
}

/* Names of the failed required checks, in order; returns how many. */
static size_t missing(const struct report *r, const char **out, size_t max)
{
	size_t n = 0;
#define MISS(cond, name)                   \
	do {                               \
		if ((cond) && n < max)     \
			out[n++] = (name); \
	} while (0)
	MISS(!dev_ok(r), "kvm_dev");
	if (!dev_ok(r))
		return n;
	MISS(r->api != KVM_API_VERSION, "api_version");
	MISS(r->vm_errno != 0, "create_vm");
	for (size_t i = 0; i < NCAPS; i++)
		MISS(cap_status(r, i) == FAIL, caps[i].name);
#undef MISS
	return n;
}

static bool all_ok(const struct report *r)
{
	const char *first;

	return missing(r, &first, 1) == 0;
}

static void probe_cpuid(struct report *r, int fd)
{
	struct kvm_cpuid2 *c = NULL;

	for (unsigned n = 64; n <= 4096; n *= 2) {
		free(c);
		c = calloc(1, sizeof(*c) + n * sizeof(c->entries[0]));
		if (!c) {
			r->cpuid_errno = ENOMEM;
			return;
		}
		c->nent = n;
		if (ioctl(fd, KVM_GET_SUPPORTED_CPUID, c) == 0) {
			r->cpuid_errno = 0;
			break;
		}
		r->cpuid_errno = errno;
		if (errno != E2BIG)
			break;
	}
	for (unsigned i = 0; r->cpuid_errno == 0 && i < c->nent; i++) {
		const struct kvm_cpuid_entry2 *e = &c->entries[i];
		if (e->function != 1)
			continue;
		for (size_t b = 0; b < ARRAY_SIZE(cpuid_bits); b++)
			r->cpuid[b] = (e->ecx >> cpuid_bits[b].bit) & 1;
		break;
	}
	if (r->cpuid_errno == 0 && r->cpuid[0] < 0)
		for (size_t b = 0; b < ARRAY_SIZE(cpuid_bits); b++)
			r->cpuid[b] = 0; /* no leaf 1 at all: nothing offered */
	free(c);
}

static void probe(struct report *r)
{
	int fd;

	memset(r, 0, sizeof(*r));
	r->backend = kvm_backend_detect();
	r->api = -1;
	r->vm_errno = -1;
	for (size_t i = 0; i < NCAPS; i++)
		r->cap[i] = -1;
	for (size_t b = 0; b < ARRAY_SIZE(cpuid_bits); b++)
		r->cpuid[b] = -1;

	r->dev_stat_ok = stat(KVM_DEV, &r->dev_st) == 0;
	fd = open(KVM_DEV, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		r->dev_errno = errno;
		return;
	}

	r->api = ioctl(fd, KVM_GET_API_VERSION, 0);
	r->api_errno = r->api < 0 ? errno : 0;

	int vm = ioctl(fd, KVM_CREATE_VM, 0);
	r->vm_errno = vm < 0 ? errno : 0;
	if (vm >= 0)
		close(vm);

	for (size_t i = 0; i < NCAPS; i++) {
		r->cap[i] = ioctl(fd, KVM_CHECK_EXTENSION, caps[i].id);
		r->cap_errno[i] = r->cap[i] < 0 ? errno : 0;
		if (r->cap[i] < 0)
			r->cap[i] = -1;
	}
	probe_cpuid(r, fd);
	close(fd);
}

/* ------------------------------------------------------------ text */

static void line(enum status s, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void line(enum status s, const char *what, const char *fmt, ...)
{
	va_list ap;

	printf("%-4s  %-28s ", status_name[s], what);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* An indented "how to fix it" line under a FAIL. */
static void hint(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void hint(const char *fmt, ...)
{
	va_list ap;

	fputs("      ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static bool in_group(gid_t gid)
{
	gid_t groups[256];
	int n = getgroups(ARRAY_SIZE(groups), groups);

	if (getegid() == gid)
		return true;
	for (int i = 0; i < n; i++)
		if (groups[i] == gid)
			return true;
	return false;
}

static void print_dev_failure(const struct report *r)
{
	const char *op = "open " KVM_DEV;
	int e = r->dev_errno;

	if (e == ENOENT) {
		line(FAIL, KVM_DEV, "%s: %s: KVM is not available", op, strerror(e));
		hint("fix: sudo modprobe kvm_intel (Intel) or kvm_amd (AMD); "
		     "if that fails, enable VT-x/AMD-V in the firmware,");
		hint("or nested virtualization when this machine is itself a "
		     "VM; in a container, pass --device /dev/kvm");
		return;
	}
	if (e == EACCES && r->dev_stat_ok) {
		const struct stat *st = &r->dev_st;
		struct group *g = getgrgid(st->st_gid);
		struct passwd *p = getpwuid(st->st_uid);
		char gname[64], uname[64];

		snprintf(gname, sizeof(gname), "%s", g ? g->gr_name : "?");
		snprintf(uname, sizeof(uname), "%s", p ? p->pw_name : "?");
		line(FAIL, KVM_DEV, "%s: %s (mode %04o, %s:%s; you are uid %u)", op, strerror(e),
		     (unsigned)(st->st_mode & 07777), uname, gname, (unsigned)geteuid());
		bool group_fix = (st->st_mode & 0060) == 0060 && !in_group(st->st_gid);

		if (group_fix)
			hint("fix: sudo usermod -aG %s \"$USER\", then log out "
			     "and in again (or run: newgrp %s)",
			     gname, gname);
		hint("%s a udev rule giving everyone access: echo "
		     "'KERNEL==\"kvm\", GROUP=\"kvm\", MODE=\"0666\"' | sudo tee "
		     "/etc/udev/rules.d/99-kvm.rules",
		     group_fix ? "or: " : "fix:");
		hint("     then: sudo udevadm control --reload-rules && sudo udevadm "
		     "trigger --name-match=kvm");
		return;
	}
	line(FAIL, KVM_DEV, "%s: %s", op, strerror(e));
	if (e == EPERM || e == EACCES)
		hint("fix: a container or sandbox blocks the device: pass "
		     "--device /dev/kvm (docker/podman) or run outside it");
	else if (e == ENXIO || e == ENODEV)
		hint("fix: the device node exists but no KVM module serves it: "
		     "sudo modprobe kvm_intel (or kvm_amd)");
}

static void print_text(const struct report *r)
{
	const char *miss[NCAPS + 4];
	size_t nmiss = missing(r, miss, ARRAY_SIZE(miss));
	char buf[128];

	if (!dev_ok(r)) {
		print_dev_failure(r);
	} else {
		line(OK, KVM_DEV, "opened read-write");
		if (r->api < 0)
			line(FAIL, "API version", "KVM_GET_API_VERSION: %s",
			     strerror(r->api_errno));
		else
			line(r->api == KVM_API_VERSION ? OK : FAIL, "API version",
			     "KVM_GET_API_VERSION: %d%s", r->api,
			     r->api == KVM_API_VERSION ? "" : ", the vmm needs 12");
		if (r->vm_errno)
			line(FAIL, "create VM", "KVM_CREATE_VM: %s%s", strerror(r->vm_errno),
			     r->vm_errno == EBUSY ? " (another hypervisor, e.g. "
			                            "VirtualBox, holds VT-x/AMD-V?)" :
			                            "");
		else
			line(OK, "create VM", "KVM_CREATE_VM: ok");

		for (size_t i = 0; i < NCAPS; i++) {
			const struct cap *c = &caps[i];
			enum status s = cap_status(r, i);

			if (r->cap[i] < 0) {
				line(s, c->name, "KVM_CHECK_EXTENSION(%s): %s", c->name,
				     strerror(r->cap_errno[i]));
				continue;
			}
			if (c->count)
				snprintf(buf, sizeof(buf), "%d", r->cap[i]);
			else
				snprintf(buf, sizeof(buf), "%s", r->cap[i] ? "yes" : "no");
			if (c->min > 1)
				snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
				         " (need >= %d)", c->min);
			line(s, c->name, "%s: %s%s", buf, s == FAIL ? "required for " : "",
			     c->what);
		}

		for (size_t b = 0; b < ARRAY_SIZE(cpuid_bits); b++) {
			if (r->cpuid_errno)
				line(WARN, cpuid_bits[b].label, "KVM_GET_SUPPORTED_CPUID: %s",
				     strerror(r->cpuid_errno));
			else
				line(r->cpuid[b] ? OK : WARN, cpuid_bits[b].label,
				     "%s (KVM_GET_SUPPORTED_CPUID leaf 1 ECX bit %d)",
				     r->cpuid[b] ? "offered" : "not offered", cpuid_bits[b].bit);
		}
	}

	line(r->backend == KVM_BACKEND_UNKNOWN ? WARN : OK, "backend", "%s: %s",
	     kvm_backend_name(r->backend), backend_desc[r->backend]);
	if (r->backend == KVM_BACKEND_PVM)
		line(WARN, "pvm", "%s", pvm_note);

	if (nmiss == 0) {
		printf("kvm-check: ok: the vmm can run here\n");
		return;
	}
	printf("kvm-check: FAIL: missing:");
	for (size_t i = 0; i < nmiss; i++)
		printf(" %s", miss[i]);
	printf(" (see docs/kvm-check.md)\n");
}

/* ------------------------------------------------------------ JSON */

static void json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			printf("\\%c", ch);
		else if (ch < 0x20)
			printf("\\u%04x", ch);
		else
			putchar(ch);
	}
	putchar('"');
}

/* "error": "OP: strerror" or null. */
static void json_err(const char *key, const char *op, int e)
{
	char buf[160];

	printf(",\"%s\":", key);
	if (e <= 0) {
		fputs("null", stdout);
		return;
	}
	snprintf(buf, sizeof(buf), "%s: %s", op, strerror(e));
	json_str(buf);
}

static void print_json(const struct report *r)
{
	const char *miss[NCAPS + 4];
	size_t nmiss = missing(r, miss, ARRAY_SIZE(miss));
	bool dev = dev_ok(r);

	printf("{\"kvm_dev\":");
	json_str(dev_state(r));
	json_err("kvm_dev_error", "open " KVM_DEV, r->dev_errno);

	printf(",\"api_version\":");
	if (r->api >= 0)
		printf("%d", r->api);
	else
		fputs("null", stdout);
	json_err("api_version_error", "KVM_GET_API_VERSION", r->api_errno);

	printf(",\"create_vm\":%s", !dev ? "null" : r->vm_errno ? "false" : "true");
	json_err("create_vm_error", "KVM_CREATE_VM", dev ? r->vm_errno : 0);

	printf(",\"caps\":{");
	for (size_t i = 0; dev && i < NCAPS; i++) {
		printf("%s\"%s\":", i ? "," : "", caps[i].name);
		if (r->cap[i] >= 0)
			printf("%d", r->cap[i]);
		else
			fputs("null", stdout);
	}
	printf("},\"cpuid\":");
	if (dev && r->cpuid_errno == 0) {
		for (size_t b = 0; b < ARRAY_SIZE(cpuid_bits); b++)
			printf("%s\"%s\":%s", b ? "," : "{", cpuid_bits[b].name,
			       r->cpuid[b] ? "true" : "false");
		putchar('}');
	} else {
		fputs("null", stdout);
	}
	json_err("cpuid_error", "KVM_GET_SUPPORTED_CPUID", dev ? r->cpuid_errno : 0);

	printf(",\"backend\":");
	json_str(kvm_backend_name(r->backend));
	printf(",\"backend_note\":");
	if (r->backend == KVM_BACKEND_PVM)
		json_str(pvm_note);
	else
		fputs("null", stdout);

	printf(",\"missing\":[");
	for (size_t i = 0; i < nmiss; i++) {
		if (i)
			putchar(',');
		json_str(miss[i]);
	}
	printf("],\"ok\":%s}\n", nmiss ? "false" : "true");
}

/* ------------------------------------------------------------ main */

static void usage(FILE *f)
{
	fprintf(f, "usage: kvm-check [--json | --backend]\n"
	           "Checks that /dev/kvm offers what the lde vmm needs.\n"
	           "  --json     print one JSON object instead of one line per check\n"
	           "  --backend  print only the KVM backend: vmx, svm, pvm or unknown\n"
	           "  --help     show this help\n"
	           "Exit status: 0 all required features present, 1 something "
	           "required is missing,\n"
	           "2 usage error.  Each check is explained in docs/kvm-check.md.\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "backend", no_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	bool json = false, backend = false;
	struct report r;
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'b':
			backend = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc || (json && backend)) {
		fprintf(stderr, "kvm-check: %s\n",
		        optind < argc ? "unexpected argument" :
		                        "--json and --backend exclude each other");
		usage(stderr);
		return 2;
	}

	if (backend) {
		puts(kvm_backend_name(kvm_backend_detect()));
		return 0;
	}

	probe(&r);
	if (json)
		print_json(&r);
	else
		print_text(&r);
	if (fflush(stdout) != 0 || ferror(stdout))
		return 1;
	return all_ok(&r) ? 0 : 1;
}
