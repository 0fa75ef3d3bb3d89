/* SPDX-License-Identifier: MIT */
#include "outputs.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

int outputs_check(const struct vmm_options *opt, char *err, size_t errlen)
{
	static const struct {
		int fd;
		const char *name, *what;
	} stdio_outputs[] = {
		{ STDOUT_FILENO, "standard output", "the guest console would be written into it" },
		{ STDERR_FILENO, "standard error", "the vmm's messages would be written into it" },
	};
	struct stat in, out;

	if (stat(opt->guest_path, &in) < 0 || !S_ISREG(in.st_mode))
		return 0; /* the loader says what is wrong with it */
	if (opt->trace_path && strcmp(opt->trace_path, "-") != 0 &&
	    stat(opt->trace_path, &out) == 0 && same_file(&in, &out)) {
		snprintf(err, errlen,
		         "--trace %s is the guest image %s (the same file): refusing to overwrite "
		         "an input",
		         opt->trace_path, opt->guest_path);
		return -1;
	}
	if (opt->console && strcmp(opt->console, "none") != 0 && stat(opt->console, &out) == 0 &&
	    same_file(&in, &out)) {
		snprintf(
			err, errlen,
			"--console %s is the guest image %s (the same file): refusing to overwrite "
			"an input",
			opt->console, opt->guest_path);
		return -1;
	}
	for (size_t i = 0; i < sizeof(stdio_outputs) / sizeof(stdio_outputs[0]); i++)
		if (fstat(stdio_outputs[i].fd, &out) == 0 && same_file(&in, &out)) {
			snprintf(err, errlen, "%s is the guest image %s (the same file): %s",
			         stdio_outputs[i].name, opt->guest_path, stdio_outputs[i].what);
			return -1;
		}
	return 0;
}
