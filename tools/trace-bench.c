/* SPDX-License-Identifier: MIT */
/*
 * trace-bench: throughput of the host trace pipeline (ring -> validation ->
 * JSON -> file) with a synthetic producer in this process standing in for
 * the guest.  It writes records into a real trace ring in (host-allocated)
 * guest RAM exactly as the guest kernel does, and drains it with the vmm's
 * own code, so what is measured is the vmm's side alone.
 *
 *   tools/trace-bench [RECORDS [FILE]]   (default 2000000, /dev/null)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../host/trace.h"
#include "../host/trace_ring.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One record of each kind in turn, like a syscall-heavy guest. */
static void produce(struct trace_ring *r, uint64_t seq)
{
	struct lde_trace_record rec = {
		.seq = seq,
		.tsc = seq * 100,
		.task = 1 + seq % 4,
		.regs = { .cs = 0x33, .rip = 0x401000 + seq % 64, .rsp = 0x7fff0000 },
	};
	uint64_t head = r->hdr->head;

	switch (seq % 4) {
	case 0:
		rec.kind = LDE_REC_INTERRUPT, rec.regs.vector = 32;
		break;
	case 1:
		rec.kind = LDE_REC_EXCEPTION, rec.regs.vector = 14, rec.regs.error_code = 4,
		rec.cr2 = 0xdead000;
		break;
	default:
		rec.kind = LDE_REC_SYSCALL, rec.regs.vector = 0x80, rec.nr = 1,
		rec.mech = LDE_MECH_SYSCALL, rec.regs.rax = 42;
		break;
	}
	memcpy(r->slots + (head & (r->capacity - 1)) * sizeof(rec), &rec, sizeof(rec));
	r->hdr->head = head + 1;
}

int main(int argc, char **argv)
{
	static struct guest_mem mem;
	static struct trace trace;
	static struct trace_ring ring;
	uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 2000000;
	const char *path = argc > 2 ? argv[2] : "/dev/null";
	int corrupt = 0;
	double t0, t;

	if (guest_mem_init(&mem, 64 << 20) < 0 || trace_open(&trace, path, TRACE_JSONL) < 0 ||
	    trace_ring_setup(&ring, &mem, 4096) < 0)
		return 1;
	t0 = now_s();
	for (uint64_t seq = 0; seq < n && !corrupt;) {
		for (uint32_t k = 0; k < ring.capacity - 1 && seq < n; k++)
			produce(&ring, seq++);
		corrupt = trace_ring_drain(&ring, &trace, NULL) < 0;
	}
	if (trace_close(&trace) < 0 || corrupt) {
		fprintf(stderr, "trace-bench: failed: %s\n", ring.corrupt);
		return 1;
	}
	t = now_s() - t0;
	printf("trace-bench: %llu records in %.3f s: %.2f M records/s (%s)\n",
	       (unsigned long long)ring.records, t, ring.records / t / 1e6, path);
	guest_mem_free(&mem);
	return 0;
}
