// SPDX-License-Identifier: MIT
/* User FPU/SSE state (see fpu.h). */
#include "fpu.h"

#include "cmdline.h"
#include "cpu.h"
#include "kalloc.h"
#include "printf.h"
#include "sched.h"
#include "string.h"

#define CR0_MP (1 << 1)
#define CR0_EM (1 << 2)
#define CR0_TS (1 << 3)
#define CR0_NE (1 << 5)
#define CR4_OSFXSR (1 << 9)
#define CR4_OSXMMEXCPT (1 << 10)
#define CR4_OSXSAVE (1 << 18)
#define CPUID1_ECX_XSAVE (1 << 26)
#define CPUID1_ECX_AVX (1 << 28)
#define XCR0_X87 0x1
#define XCR0_SSE 0x2
#define XCR0_AVX 0x4
#define MXCSR_DEFAULT 0x1f80
#define STATE_SIZE 4096 /* one page: room for any xsave area we enable */
#define FXSAVE_SIZE 512
#define XSAVE_HEADER_SIZE 64
#define MXCSR_VALID 0xffbf /* every bit but the reserved ones (DAZ, bit 6, may be missing too) */

static bool use_xsave, emulated;
static uint64_t loop_cycles;
static uint64_t xcr0;
static uint32_t xsave_size;
static const char *why_fxsave = "";
static uint8_t clean_state[STATE_SIZE] __attribute__((aligned(64)));

static void xsetbv(uint32_t reg, uint64_t v)
{
	__asm__ volatile("xsetbv" : : "c"(reg), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static uint64_t xgetbv(uint32_t reg)
{
	uint32_t lo, hi;

	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(reg));
	return (uint64_t)hi << 32 | lo;
}

static void save(void *p)
{
	if (use_xsave)
		__asm__ volatile("xsave64 (%0)"
		                 :
		                 : "r"(p), "a"((uint32_t)xcr0), "d"((uint32_t)(xcr0 >> 32))
		                 : "memory");
	else
		__asm__ volatile("fxsave64 (%0)" : : "r"(p) : "memory");
}

static void restore(const void *p)
{
	if (use_xsave)
		__asm__ volatile("xrstor64 (%0)"
		                 :
		                 : "r"(p), "a"((uint32_t)xcr0), "d"((uint32_t)(xcr0 >> 32))
		                 : "memory");
	else
		__asm__ volatile("fxrstor64 (%0)" : : "r"(p) : "memory");
}

#define PROBE_LOOPS 1000
#define EMULATED_CYCLES 1500000 /* ~0.6 ms: PVM takes 2.7 M and more, nested TCG 0.2-0.9 M */

/*
 * Is ring 0 run by an instruction emulator (PVM, PLATFORM.md)?  There,
 * xsave/xrstor end the run, and each instruction costs about a
 * microsecond: 1000 iterations of a two-instruction loop take milliseconds,
 * against microseconds on a CPU (or under QEMU TCG).  A host stall can
 * only make the loop slower, and the answer "emulated" is the safe one
 * (fxsave works everywhere), so the test cannot go wrong the dangerous way.
 */
static bool ring0_emulated(void)
{
	uint64_t t0 = rdtsc();
	unsigned n = PROBE_LOOPS;

	__asm__ volatile("1: dec %0; jnz 1b" : "+r"(n));
	loop_cycles = rdtsc() - t0;
	return loop_cycles > EMULATED_CYCLES;
}

/*
 * Turns xsave on with XCR0 = x87 | SSE (| AVX): true if it may be used.
 * XCR0 must hold across a VM exit: the hypervisor keeps the guest's XCR0
 * and loads it at every VM entry, so it has to have seen the xsetbv.
 * On QEMU TCG's nested SVM (the test-svm lane, QEMU 7.2) L1 KVM never
 * learns of an L2 xsetbv (TCG does not check its SVM intercept there) and
 * puts its own idea of the guest's XCR0 (x87 alone) back at the next
 * entry: 0x7 written reads 0x1 after a VM exit.  xsave
 * then saves the x87 registers and silently leaves SSE's behind, and two
 * FPU programs get each other's XMM registers.  cpuid always exits (VMX
 * and SVM intercept it unconditionally); xgetbv after it says whether the
 * value is still the one written.
 */
static bool xsave_setup(uint32_t cpuid1_ecx)
{
	uint32_t d[4];
	uint64_t after;

	write_cr4(read_cr4() | CR4_OSXSAVE);
	cpuid(0xd, 0, d); /* eax: the components this CPU supports */
	xcr0 = XCR0_X87 | XCR0_SSE |
	       ((cpuid1_ecx & CPUID1_ECX_AVX) && (d[0] & XCR0_AVX) ? XCR0_AVX : 0);
	xsetbv(0, xcr0);
	cpuid(0xd, 0, d); /* a VM exit; ebx: the area's size for what XCR0 enables */
	after = xgetbv(0);
	xsave_size = d[1];
	if (after != xcr0)
		why_fxsave = "XCR0 did not hold across a VM exit: the hypervisor missed xsetbv";
	else if (xsave_size > STATE_SIZE)
		why_fxsave = "the xsave area is larger than a page";
	else
		return true;
	kprintf("fpu: xsetbv(XCR0=0x%lx), after a VM exit XCR0=0x%lx, xsave area %u bytes\n", xcr0,
	        after, xsave_size);
	xsetbv(0, XCR0_X87 | XCR0_SSE);
	write_cr4(read_cr4() & ~(uint64_t)CR4_OSXSAVE);
	xcr0 = 0;
	return false;
}

/* fpu=fxsave forces fxsave; otherwise xsave wherever it works. */
static bool want_xsave(uint32_t cpuid1_ecx)
{
	if (cmdline_is("fpu", "fxsave"))
		why_fxsave = "fpu=fxsave";
	else if (!(cpuid1_ecx & CPUID1_ECX_XSAVE))
		why_fxsave = "no XSAVE in CPUID";
	else if (emulated)
		why_fxsave = "xsave cannot be emulated (PVM)";
	else
		return true;
	return false;
}

/*
 * The clean state, built rather than saved: fninit's x87 (control word
 * 0x37f, all registers empty), MXCSR 0x1f80, every register 0; in the
 * xsave layout the header's XSTATE_BV is 0, "everything in its initial
 * state", and XCOMP_BV 0 (the standard form).  (ldmxcsr would set MXCSR
 * too, but PVM cannot emulate it in ring 0.)
 */
#define FXSAVE_FCW 0
#define FXSAVE_MXCSR 24

void fpu_init(void)
{
	uint16_t fcw = 0x37f;
	uint32_t mxcsr = MXCSR_DEFAULT;
	uint32_t r[4];

	write_cr0((read_cr0() & ~(uint64_t)(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE);
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	cpuid(1, 0, r);
	emulated = ring0_emulated();
	use_xsave = want_xsave(r[2]) && xsave_setup(r[2]);
	memset(clean_state, 0, sizeof(clean_state));
	memcpy(clean_state + FXSAVE_FCW, &fcw, sizeof(fcw));
	memcpy(clean_state + FXSAVE_MXCSR, &mxcsr, sizeof(mxcsr));
	if (use_xsave)
		kprintf("fpu: xsave/xrstor, XCR0=0x%lx (x87+SSE%s), %u-byte area, state saved per "
		        "task on each switch (ring 0 native: %lu cycles for %u loops)\n",
		        xcr0, xcr0 & XCR0_AVX ? "+AVX" : "", xsave_size, loop_cycles, PROBE_LOOPS);
	else
		kprintf("fpu: fxsave/fxrstor, x87+SSE state saved per task on each switch (%s; "
		        "ring 0 %s: %lu cycles for %u loops)\n",
		        why_fxsave, emulated ? "emulated" : "native", loop_cycles, PROBE_LOOPS);
}

const char *fpu_mechanism(void)
{
	return use_xsave ? "xsave" : "fxsave";
}

void *fpu_state_new(void)
{
	void *p = kalloc();

	if (p)
		memcpy(p, clean_state, sizeof(clean_state));
	return p;
}

void *fpu_state_copy(void)
{
	void *p = kzalloc(); /* xsave leaves the header's reserved bytes: 0 */

	if (p)
		save(p); /* the current task's registers are in the CPU */
	return p;
}

static uint8_t *current_state(void)
{
	return current->fpu;
}

void fpu_save_legacy(void *buf)
{
	save(current_state());
	memcpy(buf, current_state(), FXSAVE_SIZE);
}

void fpu_load_legacy(const void *buf)
{
	uint8_t *s = current_state();
	uint32_t mxcsr;

	memcpy(s, buf, FXSAVE_SIZE);
	memcpy(&mxcsr, s + FXSAVE_MXCSR, sizeof(mxcsr));
	mxcsr &= MXCSR_VALID; /* a reserved bit set would be a #GP in fxrstor */
	memcpy(s + FXSAVE_MXCSR, &mxcsr, sizeof(mxcsr));
	memset(s + FXSAVE_SIZE, 0, XSAVE_HEADER_SIZE);
	s[FXSAVE_SIZE] = XCR0_X87 | XCR0_SSE; /* xsave: XSTATE_BV, the legacy area holds them */
	restore(s);
}

void fpu_reset(void)
{
	restore(clean_state);
}

void fpu_switch(void *prev, void *next)
{
	if (prev)
		save(prev);
	if (next)
		restore(next);
}
