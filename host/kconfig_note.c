/* SPDX-License-Identifier: MIT */
#include "kconfig_note.h"

#include <lde/trace_names.h>
#include <string.h>

bool kconfig_note_is(const void *name, uint32_t namesz, uint32_t type)
{
	return type == LDE_NOTE_KCONFIG && namesz == sizeof(LDE_NOTE_NAME) &&
	       memcmp(name, LDE_NOTE_NAME, sizeof(LDE_NOTE_NAME)) == 0;
}

static bool is_digest(const char *d)
{
	for (int i = 0; i < LDE_KCONFIG_DIGEST_LEN; i++)
		if (!((d[i] >= '0' && d[i] <= '9') || (d[i] >= 'a' && d[i] <= 'f')))
			return false;
	return true;
}

const char *kconfig_note_check(const void *desc, uint32_t descsz, struct lde_kconfig *k)
{
	if (descsz != sizeof(*k))
		return "descriptor is not the 40 bytes of struct lde_kconfig";
	memcpy(k, desc, sizeof(*k));
	if (k->version != LDE_KCONFIG_VERSION)
		return "unknown version";
	if (k->hz < 1 || k->hz > 100000)
		return "hz outside 1-100000";
	if (k->slice_ticks < 1)
		return "a time slice of 0 ticks";
	if (!lde_timer_name(k->timer))
		return "unknown timer mode";
	if (!lde_sched_name(k->sched))
		return "unknown scheduler";
	if (!is_digest(k->digest))
		return "digest is not 16 lower-case hex digits";
	return NULL;
}

void kconfig_note_json(struct json *j, const struct lde_kconfig *k)
{
	json_key(j, "config");
	if (!k) {
		json_null_value(j);
		return;
	}
	json_obj_begin(j);
	json_kv_u64(j, "hz", k->hz);
	json_kv_u64(j, "slice_ticks", k->slice_ticks);
	json_kv_str(j, "timer", lde_timer_name(k->timer));
	json_kv_str(j, "sched", lde_sched_name(k->sched));
	json_key(j, "kconfig_digest");
	json_strn(j, k->digest, LDE_KCONFIG_DIGEST_LEN);
	json_obj_end(j);
}
