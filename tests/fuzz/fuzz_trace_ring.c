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
 * The trace goes to a memfd through the real trace writer.  After each
 * drain: the ring is either corrupt (-1, r->corrupt says "corrupt trace
 * ring: ...", and it stays so) or fully drained (tail == head, written back
 * to the header); every record consumed made exactly one trace record.
 * At the end: every line written is valid JSON with a contiguous "seq",
 * a known type and a t_ns that never decreases, and the summary is valid.
 */
#include <jansson.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../host/log.h"
#include "../../host/trace_ring.h"
#include "fuzz_util.h"

#define RAM (128u << 10) /* the ring goes at the top, above 64 KiB */

static struct guest_mem gm;
static struct trace_ring ring;
static struct trace out;
static int memfd = -1;
static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_guest_region(&gm, 0, RAM);
	log_quiet = true;
	memfd = fuzz_memfd("fuzz-trace", path, sizeof(path));
	return 0;
}

/* One round: the guest's writes, then a drain.  False when the input ran
 * out or the ring was found corrupt. */
static bool round_trip(struct fuzz_input *in)
{
	struct trace_ring *r = &ring;
	uint8_t first, n;
	struct lde_ring_header hdr;
	uint64_t before;
	int ret;

	if (!fuzz_take(in, &first, 1) || !fuzz_take(in, &n, 1) || !fuzz_take(in, &hdr, sizeof(hdr)))
		return false;
	for (unsigned k = 0; k < n; k++) {
		uint8_t *slot =
			r->slots + ((first + k) % r->capacity) * sizeof(struct lde_trace_record);

		if (!fuzz_take(in, slot, sizeof(struct lde_trace_record)))
			return false;
	}
	memcpy(r->hdr, &hdr, sizeof(hdr));
	before = r->tail;
	ret = trace_ring_drain(r, &out, NULL);
	FUZZ_CHECK(r->records == r->tail);
	FUZZ_CHECK(out.error || out.seq == r->records);
	if (ret < 0) {
		FUZZ_CHECK(strncmp(r->corrupt, "corrupt trace ring: ", 20) == 0);
		before = r->tail; /* never read again */
		FUZZ_CHECK(trace_ring_drain(r, &out, NULL) == -1 && r->tail == before);
		return false;
	}
	FUZZ_CHECK(ret == 0 && r->corrupt[0] == '\0');
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
	trace_ring_summary(&ring, &j, out.last_ns);
	json_obj_end(&j);
	FUZZ_CHECK(!j.oom);
	v = json_loadb(j.buf, j.len, 0, NULL);
	FUZZ_CHECK(v != NULL);
	json_decref(v);
	json_free(&j);
}

/* One trace record REC (for Chrome, an event's "args"). */
static void check_record(json_t *rec, uint64_t *seq, uint64_t *t_ns)
{
	static const char *const types[] = { "trap", "syscall", "task", "switch" };
	const char *type = json_string_value(json_object_get(rec, "type"));
	bool known = false;

	FUZZ_CHECK(json_integer_value(json_object_get(rec, "seq")) == (json_int_t)*seq);
	for (size_t i = 0; type && i < sizeof(types) / sizeof(types[0]); i++)
		known |= strcmp(type, types[i]) == 0;
	FUZZ_CHECK(known);
	FUZZ_CHECK((uint64_t)json_integer_value(json_object_get(rec, "t_ns")) >= *t_ns);
	*t_ns = (uint64_t)json_integer_value(json_object_get(rec, "t_ns"));
	(*seq)++;
}

/* JSON Lines: every line one valid record. */
static void check_jsonl(const char *out, size_t len)
{
	uint64_t seq = 0, t_ns = 0;

	for (const char *p = out; p < out + len;) {
		const char *nl = memchr(p, '\n', (size_t)(out + len - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(out + len - p);
		json_t *v = json_loadb(p, n, 0, NULL);

		FUZZ_CHECK(nl && v != NULL);
		check_record(v, &seq, &t_ns);
		json_decref(v);
		p += n + 1;
	}
	FUZZ_CHECK(seq == ring.records);
}

static bool same(json_t *a, json_t *b, const char *key)
{
	return json_equal(json_object_get(a, key), json_object_get(b, key));
}

/* An "E" carries no record: it ends the "B" just before it, on its track,
 * with its name, not before it began. */
static void check_span_end(json_t *ev, json_t *begin)
{
	const char *ph = begin ? json_string_value(json_object_get(begin, "ph")) : NULL;

	FUZZ_CHECK(ph && strcmp(ph, "B") == 0);
	FUZZ_CHECK(same(ev, begin, "pid") && same(ev, begin, "tid") && same(ev, begin, "name"));
	FUZZ_CHECK(json_number_value(json_object_get(ev, "ts")) >=
	           json_number_value(json_object_get(begin, "ts")));
	FUZZ_CHECK(json_object_get(ev, "args") == NULL);
}

/* Chrome: one valid document; its events (less the track names and the
 * spans' ends) records. */
static void check_chrome(const char *out, size_t len)
{
	json_t *doc = json_loadb(out, len, 0, NULL), *events, *ev, *prev = NULL;
	uint64_t seq = 0, t_ns = 0;
	size_t i;

	FUZZ_CHECK(doc != NULL);
	events = json_object_get(doc, "traceEvents");
	FUZZ_CHECK(json_is_array(events));
	json_array_foreach(events, i, ev) {
		const char *ph = json_string_value(json_object_get(ev, "ph"));

		FUZZ_CHECK(ph != NULL);
		if (strcmp(ph, "E") == 0)
			check_span_end(ev, prev);
		else if (strcmp(ph, "M") != 0)
			check_record(json_object_get(ev, "args"), &seq, &t_ns);
		prev = ev;
	}
	FUZZ_CHECK(seq == ring.records);
	json_decref(doc);
}

/* The memfd's bytes (malloc'd, NUL-terminated); *LEN gets their count. */
static char *slurp_memfd(size_t *len)
{
	off_t end = lseek(memfd, 0, SEEK_END);
	char *buf;

	FUZZ_CHECK(end >= 0);
	buf = malloc((size_t)end + 1);
	FUZZ_CHECK(buf && pread(memfd, buf, (size_t)end, 0) == end);
	buf[end] = '\0';
	*len = (size_t)end;
	return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	uint8_t opts = 0;
	uint64_t tsc0 = 0;
	uint32_t khz = 0;
	enum trace_format format;
	size_t len;
	char *text;
	bool ok;

	if (!fuzz_take(&in, &opts, 1) || !fuzz_take(&in, &tsc0, 8) || !fuzz_take(&in, &khz, 4))
		return 0;
	format = opts & 1 ? TRACE_CHROME : TRACE_JSONL;
	gm.nused = 0;
	FUZZ_CHECK(trace_open(&out, path, format) == 0);
	FUZZ_CHECK(trace_ring_setup(&ring, &gm, 4u << ((opts >> 1) & 3)) == 0);
	trace_ring_clock(&ring, tsc0, 0, khz);
	while (round_trip(&in))
		;
	check_summary();
	ok = !out.error;
	FUZZ_CHECK(trace_close(&out) == 0 || !ok);
	text = slurp_memfd(&len);
	if (ok && format == TRACE_JSONL)
		check_jsonl(text, len);
	else if (ok)
		check_chrome(text, len);
	free(text);
	return 0;
}
