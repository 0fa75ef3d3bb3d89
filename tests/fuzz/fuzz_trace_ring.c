/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the trace-ring decoder (host/trace_ring.c), the code
 * that reads what a hostile guest wrote into the ring and turns it into
 * trace records.  The ring lies in a guarded page of fake guest RAM.
 *
 * Input: 1 byte of options (bit 0: Chrome format; bits 1-2: capacity 4,
 * 8, 16 or 32 slots), 8 bytes of TSC anchor, 4 bytes of TSC kHz, then
 * rounds of [first slot][record count N][64-byte header][N 152-byte
 * records]: each round is what the guest wrote between two VM exits, and
 * the vmm drains the ring after it, as at an exit.
 *
 * After each drain: the ring is either corrupt (the run ends, reason
 * "corrupt trace ring: ...") or fully drained (tail == head, written back
 * to the header); every record consumed made exactly one trace record.
 * At the end: every line written is valid JSON with a contiguous "seq",
 * a known type and a t_ns that never decreases, and the summary is valid.
 */
#include <jansson.h>
#include <string.h>

#include "../../host/log.h"
#include "../../host/vm.h"
#include "fuzz_util.h"

#define RAM (128u << 10) /* the ring goes at the top, above 64 KiB */

static struct vm vm;
static struct guest_mem gm;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_guest_region(&gm, 0, RAM);
	log_quiet = true;
	return 0;
}

struct input {
	const uint8_t *p;
	size_t left;
};

static bool take(struct input *in, void *out, size_t n)
{
	if (in->left < n)
		return false;
	memcpy(out, in->p, n);
	in->p += n;
	in->left -= n;
	return true;
}

/* One round: the guest's writes, then a drain.  False when the input ran
 * out or the ring was found corrupt. */
static bool round_trip(struct input *in)
{
	struct trace_ring *r = &vm.ring;
	uint8_t first, n;
	struct lde_ring_header hdr;
	uint64_t before;

	if (!take(in, &first, 1) || !take(in, &n, 1) || !take(in, &hdr, sizeof(hdr)))
		return false;
	for (unsigned k = 0; k < n; k++) {
		uint8_t *slot = r->slots + ((first + k) % r->capacity) * sizeof(struct lde_trace_record);

		if (!take(in, slot, sizeof(struct lde_trace_record)))
			return false;
	}
	memcpy(r->hdr, &hdr, sizeof(hdr));
	before = r->tail;
	trace_ring_drain(&vm);
	FUZZ_CHECK(r->records == r->tail);
	FUZZ_CHECK(vm.trace.error || vm.trace.seq == r->records);
	if (vm.end != VM_RUNNING) {
		FUZZ_CHECK(vm.end == VM_END_CRASH);
		FUZZ_CHECK(strncmp(vm.crash_reason, "corrupt trace ring: ", 20) == 0);
		return false;
	}
	FUZZ_CHECK(r->tail == hdr.head);
	FUZZ_CHECK(r->tail == before || r->hdr->tail == r->tail); /* the vmm's tail, published */
	FUZZ_CHECK(r->dropped == hdr.dropped);
	return true;
}

static void check_summary(void)
{
	struct json j;
	json_t *v;

	json_init(&j);
	json_obj_begin(&j);
	trace_ring_summary(&vm.ring, &j, vm.trace.last_ns);
	json_obj_end(&j);
	FUZZ_CHECK(!j.oom);
	v = json_loadb(j.buf, j.len, 0, NULL);
	FUZZ_CHECK(v != NULL);
	json_decref(v);
	json_free(&j);
}

/* One record of the trace: LINE (LEN bytes, a trailing ',' for Chrome). */
static void check_record(const char *line, size_t len, uint64_t *seq, uint64_t *t_ns, bool chrome)
{
	static const char *const types[] = { "trap", "syscall", "task", "switch" };
	json_t *v = json_loadb(line, len, 0, NULL), *rec;
	const char *type;
	bool known = false;

	FUZZ_CHECK(v != NULL);
	rec = chrome ? json_object_get(v, "args") : v;
	FUZZ_CHECK(json_integer_value(json_object_get(rec, "seq")) == (json_int_t)*seq);
	type = json_string_value(json_object_get(rec, "type"));
	for (size_t i = 0; type && i < sizeof(types) / sizeof(types[0]); i++)
		known |= strcmp(type, types[i]) == 0;
	FUZZ_CHECK(known);
	FUZZ_CHECK((uint64_t)json_integer_value(json_object_get(rec, "t_ns")) >= *t_ns);
	*t_ns = (uint64_t)json_integer_value(json_object_get(rec, "t_ns"));
	(*seq)++;
	json_decref(v);
}

/* Every line of OUT; Chrome's track-name metadata events are skipped. */
static void check_output(const char *out, size_t len, bool chrome)
{
	uint64_t seq = 0, t_ns = 0;

	for (const char *p = out; p < out + len;) {
		const char *nl = memchr(p, '\n', (size_t)(out + len - p));
		size_t line = nl ? (size_t)(nl - p) : (size_t)(out + len - p), n = line;

		if (chrome && n && p[n - 1] == ',')
			n--;
		if (!(chrome && memmem(p, n, "\"ph\":\"M\"", 8)))
			check_record(p, n, &seq, &t_ns, chrome);
		p += line + 1;
	}
	FUZZ_CHECK(seq == vm.ring.records);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	uint8_t opts = 0;
	uint64_t tsc0 = 0;
	uint32_t khz = 0;
	char *out = NULL;
	size_t outlen = 0;

	if (!take(&in, &opts, 1) || !take(&in, &tsc0, 8) || !take(&in, &khz, 4))
		return 0;
	memset(&vm, 0, sizeof(vm));
	vm.mem = gm;
	kvm_exit_events_init(&vm.kexits, false);
	json_init(&vm.trace.j);
	vm.trace.format = opts & 1 ? TRACE_CHROME : TRACE_JSONL;
	vm.trace.path = "fuzz";
	vm.trace.f = open_memstream(&out, &outlen);
	FUZZ_CHECK(vm.trace.f != NULL);
	FUZZ_CHECK(trace_ring_setup(&vm.ring, &vm.mem, LDE_RESERVED_END, 4u << ((opts >> 1) & 3)) ==
	           0);
	trace_ring_clock(&vm.ring, tsc0, 0, khz);
	while (round_trip(&in))
		;
	check_summary();
	FUZZ_CHECK(fclose(vm.trace.f) == 0);
	if (!vm.trace.error)
		check_output(out, outlen, vm.trace.format == TRACE_CHROME);
	free(out);
	json_free(&vm.trace.j);
	kvm_exit_events_stop(&vm.kexits);
	return 0;
}
