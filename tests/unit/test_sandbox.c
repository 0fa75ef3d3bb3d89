/* SPDX-License-Identifier: MIT */
/*
 * The sandbox (host/sandbox.c): a forked child enters it exactly as the
 * vmm does, then makes one call; an allowed call works, a forbidden one
 * ends the child with LDE_VMM_FAILURE and a message naming the call.
 * There is no test back door in the vmm: this is the same function.
 */
#include <CUnit/CUnit.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../host/sandbox.h"
#include "lde/abi.h"
#include "suites.h"

enum call { CALL_WRITE, CALL_SOCKET, CALL_KVM_IOCTL, CALL_EXEC_MMAP, CALL_KILL_PARENT };

/* In the child, after sandbox_enter(): the call, then exit 0. */
static void make_call(enum call c, int vcpu_fd)
{
	switch (c) {
	case CALL_WRITE:
		if (write(STDERR_FILENO, "allowed\n", 8) != 8)
			_exit(3);
		break;
	case CALL_SOCKET:
		socket(AF_INET, SOCK_STREAM, 0);
		break;
	case CALL_KVM_IOCTL: /* a KVM request the run loop never makes */
		ioctl(vcpu_fd, KVM_SET_REGS, NULL);
		break;
	case CALL_EXEC_MMAP:
		mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		break;
	case CALL_KILL_PARENT:
		kill(getppid(), 0);
		break;
	}
	_exit(0);
}

/* Run call C in a sandboxed child; returns its exit status, its stderr in ERR. */
static int sandboxed(enum call c, char *err, size_t errlen)
{
	int p[2], status = -1, fd = open("/dev/null", O_RDONLY);
	ssize_t n, got = 0;
	pid_t pid;

	CU_ASSERT_FATAL(fd >= 0 && pipe(p) == 0);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		dup2(p[1], STDERR_FILENO);
		close(p[0]);
		if (sandbox_enter(&(struct sandbox_fds){ fd, -1 }) < 0)
			_exit(2);
		make_call(c, fd);
	}
	close(p[1]);
	while ((n = read(p[0], err + got, errlen - 1 - (size_t)got)) > 0)
		got += n;
	err[got] = '\0';
	close(p[0]);
	close(fd);
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void expect_killed(enum call c, const char *name)
{
	char err[512], want[128];

	snprintf(want, sizeof(want), "vmm: sandbox: system call %s (", name);
	CU_ASSERT_EQUAL(sandboxed(c, err, sizeof(err)), LDE_VMM_FAILURE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, want));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "is not allowed (seccomp)"));
	if (!strstr(err, want))
		fprintf(stderr, "\n  stderr: %s\n", err);
}

static void test_allowed_call(void)
{
	char err[512];

	CU_ASSERT_EQUAL(sandboxed(CALL_WRITE, err, sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(err, "allowed\n");
}

static void test_forbidden_calls(void)
{
	expect_killed(CALL_SOCKET, "socket");
	expect_killed(CALL_KVM_IOCTL, "ioctl");
	expect_killed(CALL_EXEC_MMAP, "mmap");
	expect_killed(CALL_KILL_PARENT, "kill");
}

int suite_sandbox(void)
{
	static const struct unit_test tests[] = {
		{ "an allowed call works", test_allowed_call },
		{ "forbidden calls end the process, named", test_forbidden_calls },
	};
	return add_suite("sandbox", NULL, NULL, NULL, NULL, tests,
	                 sizeof(tests) / sizeof(tests[0]));
}
