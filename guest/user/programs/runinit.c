// SPDX-License-Identifier: MIT
/*
 * runinit PATH [ARG...]: what the kernel starts as process 1 with an
 * initrd, as Linux's kernel_init does: execve(PATH, {PATH, ARG...}, envp),
 * so that the first process is found, and a `#!` script run, exactly as
 * any execve would.  The kernel has checked beforehand that PATH is an
 * executable file of the root file system (initrd.c); should execve still
 * fail (a script's interpreter missing, not an ELF), it says why on fd 2
 * and exits 127 (not found) or 126, as a shell would.
 */
#include <lde.h>

int main(int argc, char **argv)
{
	char **envp = argv + argc + 1;
	char msg[160];
	long err;
	int n;

	if (argc < 2) {
		n = snprintf(msg, sizeof(msg), "runinit: no program to run\n");
		write(2, msg, (size_t)n);
		return 127;
	}
	err = sys_call(VIA_PREFERRED, SYS_execve, (long)argv[1], (long)(argv + 1), (long)envp);
	n = snprintf(msg, sizeof(msg), "init: cannot run %s: error %ld%s\n", argv[1], -err,
	             err == -ENOENT  ? " (not found)" :
	             err == -ENOEXEC ? " (not executable)" :
	                               "");
	write(2, msg, (size_t)n < sizeof(msg) ? (size_t)n : sizeof(msg) - 1);
	return err == -ENOENT ? 127 : 126;
}
