/* SPDX-License-Identifier: MIT */
#include "dump.h"

#include <stddef.h>
#include <stdio.h>
#include <sys/ioctl.h>

#include "log.h"
#include "vm.h"

/* clang-format off */
#define REG(n) { #n, offsetof(struct kvm_regs, n) }
/* clang-format on */
static const struct {
	const char *name;
	size_t off;
} gprs[] = {
	REG(rax), REG(rbx), REG(rcx), REG(rdx), REG(rsi), REG(rdi), REG(rsp), REG(rbp), REG(r8),
	REG(r9),  REG(r10), REG(r11), REG(r12), REG(r13), REG(r14), REG(r15), REG(rip), REG(rflags),
};

/* clang-format off */
#define SEG(n) { #n, offsetof(struct kvm_sregs, n) }
/* clang-format on */
static const struct {
	const char *name;
	size_t off;
} segs[] = {
	SEG(cs), SEG(ds), SEG(es), SEG(fs), SEG(gs), SEG(ss), SEG(tr), SEG(ldt),
};

/* clang-format off */
#define CTL(n) { #n, offsetof(struct kvm_sregs, n) }
/* clang-format on */
static const struct {
	const char *name;
	size_t off;
} ctls[] = {
	CTL(cr0), CTL(cr2), CTL(cr3), CTL(cr4), CTL(cr8), CTL(efer), CTL(apic_base),
};

#define AT(base, off, type) (*(const type *)((const char *)(base) + (off)))

static void print_state(const struct kvm_regs *r, const struct kvm_sregs *s)
{
	for (size_t i = 0; i < sizeof(gprs) / sizeof(gprs[0]); i++)
		fprintf(stderr, "  %-6s=%016llx%s", gprs[i].name,
		        AT(r, gprs[i].off, unsigned long long), i % 4 == 3 ? "\n" : "");
	fputc('\n', stderr);
	for (size_t i = 0; i < sizeof(segs) / sizeof(segs[0]); i++) {
		const struct kvm_segment *g = &AT(s, segs[i].off, struct kvm_segment);

		fprintf(stderr,
		        "  %-3s sel=%04x base=%016llx limit=%08x type=%x "
		        "dpl=%u p=%u s=%u l=%u db=%u g=%u\n",
		        segs[i].name, g->selector, (unsigned long long)g->base, g->limit, g->type,
		        g->dpl, g->present, g->s, g->l, g->db, g->g);
	}
	for (size_t i = 0; i < sizeof(ctls) / sizeof(ctls[0]); i++)
		fprintf(stderr, "  %-9s=%016llx%s", ctls[i].name,
		        AT(s, ctls[i].off, unsigned long long), i % 3 == 2 ? "\n" : "");
	fprintf(stderr, "\n  gdt base=%016llx limit=%04x  idt base=%016llx limit=%04x\n",
	        (unsigned long long)s->gdt.base, s->gdt.limit, (unsigned long long)s->idt.base,
	        s->idt.limit);
}

static void trace_segment(struct json *j, const char *name, const struct kvm_segment *g)
{
	json_key(j, name);
	json_obj_begin(j);
	json_kv_hex(j, "selector", g->selector);
	json_kv_hex(j, "base", g->base);
	json_kv_hex(j, "limit", g->limit);
	json_kv_u64(j, "type", g->type);
	json_kv_u64(j, "dpl", g->dpl);
	json_kv_bool(j, "present", g->present);
	json_kv_bool(j, "s", g->s);
	json_kv_bool(j, "l", g->l);
	json_kv_bool(j, "db", g->db);
	json_kv_bool(j, "g", g->g);
	json_obj_end(j);
}

static void trace_table(struct json *j, const char *name, const struct kvm_dtable *t)
{
	json_key(j, name);
	json_obj_begin(j);
	json_kv_hex(j, "base", t->base);
	json_kv_hex(j, "limit", t->limit);
	json_obj_end(j);
}

static void trace_state(struct json *j, const struct kvm_regs *r, const struct kvm_sregs *s)
{
	json_key(j, "regs");
	json_obj_begin(j);
	for (size_t i = 0; i < sizeof(gprs) / sizeof(gprs[0]); i++)
		json_kv_hex(j, gprs[i].name, AT(r, gprs[i].off, unsigned long long));
	json_obj_end(j);
	json_key(j, "sregs");
	json_obj_begin(j);
	for (size_t i = 0; i < sizeof(segs) / sizeof(segs[0]); i++)
		trace_segment(j, segs[i].name, &AT(s, segs[i].off, struct kvm_segment));
	for (size_t i = 0; i < sizeof(ctls) / sizeof(ctls[0]); i++)
		json_kv_hex(j, ctls[i].name, AT(s, ctls[i].off, unsigned long long));
	trace_table(j, "gdt", &s->gdt);
	trace_table(j, "idt", &s->idt);
	json_obj_end(j);
}

/*
 * The vCPU's state, on stderr after HEADLINE and in the trace as a record
 * of TYPE whose REASON_KEY is REASON.
 */
static void dump_vcpu(struct vm *vm, const char *type, const char *reason_key, const char *reason)
{
	struct kvm_regs regs;
	struct kvm_sregs sregs;
	int have = KVM_IOCTL(vm->kvm.vcpu_fd, KVM_GET_REGS, &regs) == 0 &&
	           KVM_IOCTL(vm->kvm.vcpu_fd, KVM_GET_SREGS, &sregs) == 0;
	struct json *j;

	if (have)
		print_state(&regs, &sregs);
	j = trace_begin(&vm->trace, type);
	if (!j)
		return;
	json_kv_str(j, reason_key, reason);
	if (have)
		trace_state(j, &regs, &sregs);
	trace_end(&vm->trace);
}

void dump_crash(struct vm *vm)
{
	vmm_error("guest crashed: %s", vm->crash_reason);
	dump_vcpu(vm, "crash", "reason", vm->crash_reason);
}

void dump_timeout(struct vm *vm, const char *where)
{
	vmm_error("timeout: when the watchdog fired, the vCPU thread was %s; guest state:", where);
	dump_vcpu(vm, "timeout", "where", where);
}
