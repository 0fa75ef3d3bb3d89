/* SPDX-License-Identifier: MIT */
/*
 * Suite "fs": the kernel's file system (docs/guest-kernel.md, "The file
 * system") through the suite's own static musl program tests/programs/fs.c,
 * whose output the tests compare with what the same program prints on
 * Linux: files (write, read back, lseek, pread/pwrite, O_APPEND,
 * ftruncate, unlink), directories (mkdir, getdents64, rename, rmdir,
 * chdir/getcwd), symbolic links, the errors; the book's redirection
 * (fork, close(1), open, execve, the parent reads the file back); execve
 * of a file written at run time; and busybox's shell and tools on files
 * it makes in /tmp, a script among them.
 */
#include <string.h>

#include "harness.h"
#include "itests.h"

/* One run of fs with the cases that need no other program; NULL if fs is not there. */
static const struct vmm_result *cases(void)
{
	static struct vmm_result r;
	static bool ran;
	const char *fs = itest_program("fs");

	if (!itest_have(fs))
		return NULL;
	if (!ran) {
		ran = true;
		RUN_VMM(&r, "-q", itest_guest(), fs, "files", "dirs", "links", "errors");
	}
	itest_assert_status(&r, 0);
	return &r;
}

static void test_files(void)
{
	const struct vmm_result *r = cases();

	if (r)
		CU_ASSERT_TRUE(itest_contains(r->out, "lseek end: 12\nlseek set 7: 7\nread: world\n"
		                                      "pwrite: 5\npread: HELLO, offset still 12\n"
		                                      "dup shares the offset: 2\n"
		                                      "ftruncate 5: size 5, regular 1, mode 600\n"
		                                      "ftruncate 8: HELLO + zeros 1\n"
		                                      "O_APPEND: size 10\nO_TRUNC: size 0\n"
		                                      "unlink: 0\nopen after unlink: -1 No such "
		                                      "file or directory\n"));
}

static void test_dirs(void)
{
	const struct vmm_result *r = cases();

	if (r)
		CU_ASSERT_TRUE(itest_contains(r->out, "/tmp/d: . .. a b sub\n/tmp/d: . .. c sub\n"
		                                      "/tmp/d/sub: . .. moved\n"
		                                      "/tmp/d: dir 1, nlink 3\ncwd: /tmp/d/sub\n"
		                                      "relative open: [A]\ncwd: /tmp/d\n"
		                                      "rmdir non-empty: -1 Directory not empty\n"
		                                      ".: . ..\nrmdir /tmp/d: 0\n"));
}

static void test_links(void)
{
	const struct vmm_result *r = cases();

	if (r)
		CU_ASSERT_TRUE(itest_contains(r->out,
		                              "readlink: target\nstat regular 1, lstat link 1, "
		                              "lstat size 6\nvia link: [through the link]\n"
		                              "via dir link: [through the link]\n"
		                              "readlink of a file: -1 Invalid argument\n"));
}

static void test_errors(void)
{
	const struct vmm_result *r = cases();

	if (r)
		CU_ASSERT_TRUE(itest_contains(
			r->out,
			"ENOENT: -1 No such file or directory\nEEXIST: -1 File exists\n"
			"EEXIST mkdir: -1 File exists\nENOTDIR: -1 Not a directory\n"
			"ENOTDIR O_DIRECTORY: -1 Not a directory\nEISDIR: -1 Is a directory\n"
			"EISDIR unlink: -1 Is a directory\n"
			"ENOTEMPTY: -1 Directory not empty\nEBADF: -1 Bad file descriptor\n"
			"EBADF read: -1 Bad file descriptor\n"
			"EBADF closed: -1 Bad file descriptor\n"
			"ELOOP: -1 Symbolic link loop\nELOOP O_NOFOLLOW: -1 Symbolic link loop\n"
			"ESPIPE: -1 Invalid seek\nEINVAL: -1 Invalid argument\n"
			"EINVAL rename into itself: -1 Invalid argument\n"));
}

/* The book's redirection: the child's fd 1 is a file when it execs; the parent reads it. */
static void test_redirect(void)
{
	const char *fs = itest_program("fs");
	struct vmm_result r;

	if (!itest_have(fs))
		return;
	RUN_VMM(&r, "-q", itest_guest(), fs, "redirect", "/bin/fs", "argv", "hello", "world");
	itest_assert_status(&r, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "child exited 0\n"
	                              "/tmp/redirected: [argv: hello\nargv: world\n]\n");
	itest_result_free(&r);
}

/* A program copied into /tmp at run time (its bytes in the file's pages) runs. */
static void test_exec_new_file(void)
{
	const char *fs = itest_program("fs");
	struct vmm_result r;

	if (!itest_have(fs))
		return;
	RUN_VMM(&r, "-q", itest_guest(), fs, "execnew", "/bin/fs");
	itest_assert_status(&r, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "exec before chmod: -1 Permission denied\n"
	                              "argv: copied\ncopy exited 0\n");
	itest_result_free(&r);
}

/* busybox sh: redirection into /tmp, cat, ls of /bin and /dev, mkdir, cd, pwd. */
static void test_busybox_files(void)
{
	struct vmm_result r;

	if (!itest_have("/bin/busybox"))
		return;
	RUN_VMM(&r, "-q", itest_guest(), "/bin/busybox", "sh", "-c",
	        "echo hi > /tmp/f; echo there >> /tmp/f; cat /tmp/f; ls /bin /dev; "
	        "mkdir /tmp/d; cd /tmp/d; pwd; echo x > y; ls -a; cd ..; rm -r d; ls /tmp");
	itest_assert_status(&r, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "hi\nthere\n/bin:\nbusybox\n\n/dev:\nconsole\nnull\nzero\n"
	                              "/tmp/d\n.\n..\ny\nf\n");
	itest_result_free(&r);
}

/* sort, grep, wc over files made in /tmp; a #! script written there and run. */
static void test_busybox_tools_script(void)
{
	struct vmm_result r;

	if (!itest_have("/bin/busybox"))
		return;
	RUN_VMM(&r, "-q", itest_guest(), "/bin/busybox", "sh", "-c",
	        "printf 'pear\\napple\\nfig\\n' > /tmp/fruit; sort /tmp/fruit; "
	        "grep -c p /tmp/fruit; wc -l < /tmp/fruit; "
	        "printf '#!/bin/busybox sh\\necho script: $1\\nexit 4\\n' > /tmp/s.sh; "
	        "chmod +x /tmp/s.sh; /tmp/s.sh arg; echo status $?");
	itest_assert_status(&r, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "apple\nfig\npear\n2\n3\nscript: arg\nstatus 4\n");
	itest_result_free(&r);
}

int suite_fs(CU_pSuite *out)
{
	static const struct itest tests[] = {
		{ "files: write, read back, lseek, pread/pwrite, O_APPEND, ftruncate, unlink",
		  test_files },
		{ "directories: mkdir, getdents64, rename, rmdir, chdir/getcwd", test_dirs },
		{ "symbolic links: readlink, lstat, through a link to a directory", test_links },
		{ "errors: ENOENT, EEXIST, ENOTDIR, EISDIR, ENOTEMPTY, EBADF, ELOOP, ESPIPE",
		  test_errors },
		{ "the book's redirection: fork, close(1), open, execve; parent reads it",
		  test_redirect },
		{ "execve of a program copied into /tmp at run time", test_exec_new_file },
		{ "busybox: > and >>, cat, ls /bin /dev, mkdir, cd, pwd, rm -r",
		  test_busybox_files },
		{ "busybox: sort, grep, wc over /tmp files; a #! script in /tmp",
		  test_busybox_tools_script },
		{ NULL, NULL },
	};

	return itest_add_suite("fs", tests, out);
}
