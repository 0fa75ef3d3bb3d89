// SPDX-License-Identifier: MIT
/*
 * The kernel's configuration, as an ELF note (include/lde/abi.h section
 * 8): the vmm reads it when it loads the image and puts it into the
 * trace's boot record, so a trace says which HZ, time slice, timer mode and
 * scheduler it was made with.  kernel.ld places .note.lde in the PT_NOTE
 * segment; the kernel itself never reads it.
 */
#include <lde/abi.h>

#include "generated/kconfig_digest.h" /* LDE_KCONFIG_DIGEST (Makefile) */

#if defined(CONFIG_TIMER_TSC_DEADLINE)
#define TIMER LDE_TIMER_TSC_DEADLINE
#elif defined(CONFIG_TIMER_ONESHOT)
#define TIMER LDE_TIMER_ONESHOT
#else
#define TIMER LDE_TIMER_PERIODIC
#endif

static const struct {
	uint32_t namesz, descsz, type;
	char name[4]; /* LDE_NOTE_NAME, NUL-terminated: 4 bytes, no padding */
	struct lde_kconfig desc;
} note __attribute__((section(".note.lde"), used, aligned(4))) = {
	.namesz = sizeof(LDE_NOTE_NAME),
	.descsz = sizeof(struct lde_kconfig),
	.type = LDE_NOTE_KCONFIG,
	.name = LDE_NOTE_NAME,
	.desc = {
		.version = LDE_KCONFIG_VERSION,
		.hz = CONFIG_HZ,
		.slice_ticks = CONFIG_SCHED_SLICE_TICKS,
		.timer = TIMER,
		.sched = LDE_SCHED_ROUND_ROBIN,
		.digest = LDE_KCONFIG_DIGEST,
	},
};

_Static_assert(sizeof(LDE_NOTE_NAME) == 4, "the note's name needs no padding");
_Static_assert(sizeof(LDE_KCONFIG_DIGEST) == LDE_KCONFIG_DIGEST_LEN + 1, "digest length");
