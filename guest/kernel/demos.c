// SPDX-License-Identifier: MIT
/*
 * The demos (see demos.h).  demos=NAME[:ARG...],... on the command line;
 * each NAME is a row of the table below (a program, its argument, and how
 * the task is expected to end) or, failing that, the name of a built-in
 * program, run with the ARGs and expected to exit(0).
 *
 * The expectation decides the final exit status: a task killed by the
 * fault its row names ended "as planned"; so did a task that called
 * exit(0) when nothing else was expected.  Anything else (an unexpected
 * fault, a non-zero exit) makes the run fail (LDE_GUEST_FAILURE).
 */
#include "cmdline.h"
#include "demos.h"
#include "printf.h"
#include "programs.h"
#include "string.h"
#include "task.h"
#include "trap.h"

#define MAX_DEMO_WORD 64

struct demo {
	const char *name;
	const char *program;
	const char *arg; /* argv[1], or NULL */
	int expect;      /* fault vector, or TASK_EXPECT_EXIT */
};

static const struct demo demos[] = {
	/* The OS keeps control... */
	{ "spin", "spin", NULL, TASK_EXPECT_EXIT },         /* timer preemption */
	{ "syscalls", "syscalls", NULL, TASK_EXPECT_EXIT }, /* both traps */
	{ "sleeper", "sleeper", NULL, TASK_EXPECT_EXIT },   /* timer wake-ups */
	{ "clock", "clock", NULL, TASK_EXPECT_EXIT },       /* tick rate */
	/* ...and a task that misbehaves loses only itself. */
	{ "cli", "fault", "cli", T_GP }, /* privileged insns */
	{ "hlt", "fault", "hlt", T_GP },
	{ "outb", "fault", "outb", T_GP },
	{ "wrmsr", "fault", "wrmsr", T_GP },
	{ "int81", "fault", "int81", T_GP }, /* DPL-0 gate */
	{ "divzero", "fault", "divzero", T_DE },
	{ "ud2", "fault", "ud2", T_UD },
	{ "int3", "fault", "int3", T_BP },
	{ "align", "fault", "align", T_AC },
	{ "kread", "fault", "kread", T_PF }, /* kernel memory */
	{ "kwrite", "fault", "kwrite", T_PF },
	{ "null", "fault", "null", T_PF },
	{ "wild", "fault", "wild", T_PF },           /* unmapped */
	{ "codewrite", "fault", "codewrite", T_PF }, /* read-only page */
	{ "snoop", "snoop", NULL, T_PF },            /* another task */
};

static const struct demo *find_demo(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(demos); i++)
		if (!strcmp(demos[i].name, name))
			return &demos[i];
	return NULL;
}

/*
 * Splits word (NUL-terminated, modified) at ':' into argv after slot
 * `first`; returns the new argc, or -1 if there are too many.
 */
static int split_args(char *word, char *argv[], int first, int max)
{
	int argc = first;

	for (char *p = word; *p; p++) {
		if (*p != ':')
			continue;
		*p = '\0';
		if (argc == max)
			return -1;
		argv[argc++] = p + 1;
	}
	return argc;
}

/* Starts the demo described by word[0..len) as a new task; false if bad. */
static bool start_one(const char *word, size_t len)
{
	char buf[MAX_DEMO_WORD];
	char *argv[8];
	const struct demo *d;
	const struct program *prog;
	struct task *t;
	int argc;

	if (len >= sizeof(buf)) {
		kprintf("demos: name too long: %.*s\n", (int)len, word);
		return false;
	}
	memcpy(buf, word, len);
	buf[len] = '\0';
	argc = split_args(buf, argv, 1, (int)ARRAY_SIZE(argv));
	d = find_demo(buf);
	prog = program_find(d ? d->program : buf, strlen(d ? d->program : buf));
	if (!prog || argc < 0) {
		kprintf("demos: %s: %s\n", buf,
		        prog ? "too many arguments" : "no such demo or program");
		return false;
	}
	argv[0] = (char *)prog->name;
	if (d && d->arg) { /* the demo's own argument comes first */
		if (argc == (int)ARRAY_SIZE(argv)) {
			kprintf("demos: %s: too many arguments\n", buf);
			return false;
		}
		memmove(&argv[2], &argv[1], (argc - 1) * sizeof(argv[0]));
		argv[1] = (char *)d->arg;
		argc++;
	}
	t = task_spawn(buf, prog, argc, argv, d ? d->expect : TASK_EXPECT_EXIT);
	if (t)
		t->demo = true;
	return t != NULL;
}

int demos_start(void)
{
	size_t len, wlen;
	const char *list = cmdline_value("demos", &len);
	const char *end, *w;
	int started = 0;

	if (!list) {
		list = CONFIG_DEMOS_DEFAULT;
		len = strlen(list);
	}
	kprintf("demos: %.*s\n", (int)len, list);
	for (end = list + len; list < end; list = w + wlen + 1) {
		w = list;
		for (wlen = 0; w + wlen < end && w[wlen] != ','; wlen++)
			;
		if (wlen && !start_one(w, wlen))
			return -1;
		started += wlen > 0;
	}
	return started;
}

bool demos_report(void)
{
	bool ok = true;

	for (unsigned i = 0; i < task_count(); i++) {
		const struct task *t = task_at(i);

		if (!t->demo) /* the boot probe */
			continue;
		task_print_summary(t);
		ok &= task_as_planned(t);
	}
	return ok;
}
