/* SPDX-License-Identifier: MIT */
#include "console.h"

#include <errno.h>
#include <string.h>

#include "cli.h"
#include "log.h"
#include "vm.h"

int console_open(struct vm *vm)
{
	const char *path = vm->opt->console;
	const char *trace = vm->opt->trace_path;

	if (path && strcmp(path, "none") == 0) {
		vm->console = NULL;
		return 0;
	}
	if (path) {
		vm->console = fopen(path, "we");
		if (!vm->console) {
			vmm_error("%s: cannot create console file: %s", path, strerror(errno));
			return -1;
		}
		return 0;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* With programs, stdout is theirs: the kernel's console goes to stderr
	 * (with --quiet, nowhere). */
	if (vm->opt->nprograms || vm->opt->initrd) {
		vm->console = vm->opt->quiet ? NULL : stderr;
		return 0;
	}
	vm->console = trace && strcmp(trace, "-") == 0 ? stderr : stdout;
	return 0;
}

void console_putc(struct vm *vm, uint8_t c)
{
	/* A closed stdout (EPIPE) must not stop the guest: errors are ignored
	 * here and the console is best effort, unlike the trace. */
	if (vm->console)
		putc(c, vm->console);
}

void console_flush(struct vm *vm)
{
	if (vm->console)
		fflush(vm->console);
}

void console_close(struct vm *vm)
{
	if (vm->console && vm->console != stdout && vm->console != stderr)
		fclose(vm->console);
	vm->console = NULL;
}
