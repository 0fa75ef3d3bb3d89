/* SPDX-License-Identifier: MIT */
/*
 * Suite "initrd": a root file system from --initrd, as a user boots one.
 * Each good archive is made by the real `find . | cpio -o -H newc` from a
 * folder the test fills (Debian's busybox-static and a few of its applet
 * links, files, scripts, our own test programs); the first process is
 * /init (a #! script, a static program), /bin/sh when there is no /init,
 * or --init's; its status is the vmm's.  Bad archives, written field by
 * field (tests/common/cpio_write.h), are refused before any process runs,
 * with the entry, the reason and status 126; a missing init is 127; a
 * missing --initrd file is the vmm's own error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../common/cpio_write.h"
#include "harness.h"
#include "itests.h"

#define BUSYBOX "/bin/busybox"
#define FILES_MAX 8

/* A file for a root: its path in the root, its bytes, its mode. */
struct root_file {
	const char *path, *text;
	mode_t mode;
};

/* What goes into a root besides bin/busybox. */
struct root_spec {
	const char *applets;               /* links bin/NAME -> /bin/busybox, blank-separated */
	struct root_file files[FILES_MAX]; /* up to a NULL path */
	const char *copy_from, *copy_to;   /* a host file copied in, or NULL */
	bool mkroot;                       /* made by tools/mkroot (busybox's pages aligned,
					    so exec maps them), not by GNU cpio */
};

static int run(const char *cmd)
{
	int st = system(cmd);

	if (st != 0)
		fprintf(stderr, "\n  failed (%d): %s\n", st, cmd);
	return st;
}

static void write_text(const char *dir, const struct root_file *f)
{
	char path[1024];
	FILE *out;

	snprintf(path, sizeof(path), "%s/%s", dir, f->path);
	out = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	fputs(f->text, out);
	fclose(out);
	chmod(path, f->mode ? f->mode : 0644);
}

/* tools/mkroot can run here (not inside the nested-SVM lane's VM: no python3). */
static bool have_mkroot(void)
{
	return access("tools/mkroot", X_OK) == 0 && system("python3 -c '' 2>/dev/null") == 0;
}

/*
 * A root archive made from a folder holding bin/busybox (if APPLETS), its
 * links, /etc, /tmp and SPEC's files: by cpio (`find . | cpio -o -H newc`,
 * GNU's, or busybox's in the nested-SVM lane), or by tools/mkroot with the
 * folder on top of its root when SPEC asks and it can run.  The archive's
 * path (a temporary file), or NULL if busybox is needed and missing (SKIP).
 */
static const char *make_root(const struct root_spec *given)
{
	static char paths[16][512]; /* itest_tmpfile()'s names are reused after 8 */
	static unsigned next;
	char dir[600], cmd[2048], *out = paths[next++ % 16];
	struct root_spec copy = *given, *spec = &copy;

	snprintf(out, sizeof(paths[0]), "%s", itest_tmpfile(".cpio"));
	if (spec->applets && !itest_have(BUSYBOX))
		return NULL;
	spec->mkroot = spec->mkroot && have_mkroot();
	snprintf(dir, sizeof(dir), "%s.d", out);
	snprintf(cmd, sizeof(cmd), "mkdir -p %s/bin %s/etc %s/tmp", dir, dir, dir);
	CU_ASSERT_EQUAL_FATAL(run(cmd), 0);
	if (spec->applets && !spec->mkroot) {
		snprintf(cmd, sizeof(cmd),
		         "cp %s %s/bin/busybox && for a in %s; do ln -s /bin/busybox %s/bin/$a; "
		         "done",
		         BUSYBOX, dir, spec->applets, dir);
		CU_ASSERT_EQUAL_FATAL(run(cmd), 0);
	}
	if (spec->copy_from) {
		snprintf(cmd, sizeof(cmd), "cp %s %s/%s", spec->copy_from, dir, spec->copy_to);
		CU_ASSERT_EQUAL_FATAL(run(cmd), 0);
	}
	for (const struct root_file *f = spec->files; f < spec->files + FILES_MAX && f->path; f++)
		write_text(dir, f);
	if (spec->mkroot)
		snprintf(cmd, sizeof(cmd), "tools/mkroot -o %s -a '%s' %s >/dev/null && rm -rf %s",
		         out, spec->applets, dir, dir);
	else
		snprintf(
			cmd, sizeof(cmd),
			"cd %s && find . | LC_ALL=C sort | cpio -o -H newc --quiet > %s && rm -rf %s",
			dir, out, dir);
	CU_ASSERT_EQUAL_FATAL(run(cmd), 0);
	return out;
}

/* The root most tests share: sh and the tools, a few files, a script. */
static const char *shared_root(void)
{
	static const char *path;
	static bool made;
	static const struct root_spec spec = {
		.applets = "sh ls cat wc sort grep echo head",
		.mkroot = true,
		.files = {
			{ "etc/hello", "hello from the initrd\n", 0644 },
			{ "etc/words", "pear\napple\nfig\nbanana\ngrape\n", 0644 },
			{ "etc/count.sh", "#!/bin/sh\nfor i in 1 2 3; do echo \"line $i\"; done\n",
			  0755 },
		},
	};

	if (!made) {
		made = true;
		path = make_root(&spec);
	}
	return path;
}

/* No /init: /bin/sh reads its commands from the vmm's stdin. */
static void test_sh_from_stdin(void)
{
	static const char cmds[] = "echo one | wc -c\necho $((6 * 7))\n";
	const struct itest_input in = { cmds, sizeof(cmds) - 1, NULL };
	const char *root = shared_root();
	struct vmm_result r;

	if (!root)
		return;
	RUN_VMM_STDIN(&r, &in, "--initrd", root, itest_guest());
	itest_assert_status(&r, 0);
	CU_ASSERT_TRUE(itest_contains(r.out, "4\n42\n"));
	CU_ASSERT_TRUE(itest_contains(r.err, "initrd: process 1 runs /bin/sh (no --init given)"));
	itest_result_free(&r);
}

/* --init with quoted words: sh -c over files of the initrd. */
static void test_init_option(void)
{
	const char *root = shared_root();
	struct vmm_result r;

	if (!root)
		return;
	RUN_VMM(&r, "-q", "--initrd", root, "--init", "/bin/sh -c 'ls /etc; cat /etc/hello'",
	        itest_guest());
	itest_assert_status(&r, 0);
	CU_ASSERT_TRUE(itest_contains(r.out, "count.sh\nhello\nwords\nhello from the initrd\n"));
	itest_result_free(&r);
}

/* busybox's tools over the initrd's files, in a pipeline. */
static void test_busybox_tools(void)
{
	const char *root = shared_root();
	struct vmm_result r;

	if (!root)
		return;
	RUN_VMM(&r, "-q", "--initrd", root, "--init",
	        "/bin/sh -c 'sort /etc/words | grep a | wc -l; sort -r /etc/words | head -n 1; "
	        "grep -c e /etc/words; wc -c < /etc/hello'",
	        itest_guest());
	itest_assert_status(&r, 0);
	CU_ASSERT_TRUE(itest_contains(r.out, "4\npear\n3\n22\n"));
	itest_result_free(&r);
}

/* A script file of the initrd, run by sh and through its #! line. */
static void test_script_file(void)
{
	const char *root = shared_root();
	struct vmm_result r;

	if (!root)
		return;
	RUN_VMM(&r, "-q", "--initrd", root, "--init",
	        "/bin/sh -c '/bin/sh /etc/count.sh; /etc/count.sh | wc -l'", itest_guest());
	itest_assert_status(&r, 0);
	CU_ASSERT_TRUE(itest_contains(r.out, "line 1\nline 2\nline 3\n3\n"));
	itest_result_free(&r);
	RUN_VMM(&r, "-q", "--initrd", root, "--init", "/etc/count.sh", itest_guest());
	itest_assert_status(&r, 0);
	CU_ASSERT_TRUE(itest_contains(r.out, "line 1\nline 2\nline 3\n"));
	itest_result_free(&r);
}

/* /init is a #! script: it runs as process 1, its status is the vmm's. */
static void test_init_script(void)
{
	static const struct root_spec spec = {
		.applets = "sh cat",
		.files = {
			{ "init", "#!/bin/sh\necho \"init: $0, pid $$\"\ncat /etc/motd\nexit 7\n",
			  0755 },
			{ "etc/motd", "welcome\n", 0644 },
		},
	};
	const char *root = make_root(&spec), *trace = itest_tmpfile(".jsonl");
	struct vmm_result r;
	json_t *t, *tasks;

	if (!root)
		return;
	RUN_VMM(&r, "-q", "-t", trace, "--initrd", root, itest_guest());
	itest_assert_status(&r, 7);
	CU_ASSERT_TRUE(itest_contains(r.out, "init: /init, pid 1\nwelcome\n"));
	t = trace_load(trace);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	tasks = itest_trace_select(t, "task");
	/* process 1: created by the kernel, then the exec of /init's interpreter */
	{
		size_t i;
		json_t *rec;
		bool created = false, exec_sh = false;

		json_array_foreach(tasks, i, rec) {
			if (jint(rec, "task") != 1)
				continue;
			created |= !strcmp(jstr(rec, "event"), "created");
			if (!strcmp(jstr(rec, "event"), "exec") &&
			    !strcmp(jstr(rec, "path"), "/bin/sh"))
				exec_sh = !strcmp(json_string_value(json_array_get(
							  json_object_get(rec, "argv"), 1)),
				                  "/init");
		}
		CU_ASSERT_TRUE(created);
		CU_ASSERT_TRUE(exec_sh);
	}
	json_decref(tasks);
	json_decref(t);
	remove(trace);
	itest_result_free(&r);
}

/* /init is one of our static programs: its argv and environment, its status. */
static void test_init_program(void)
{
	const char *args = itest_program("args");
	struct root_spec spec = { .copy_from = args, .copy_to = "init" };
	const char *root;
	struct vmm_result r;

	if (!itest_have(args) || !(root = make_root(&spec)))
		return;
	RUN_VMM(&r, "-q", "--initrd", root, "--env", "GREETING=hi", itest_guest());
	itest_assert_status(&r, 0); /* args exits with argc - 1 */
	CU_ASSERT_TRUE(itest_contains(r.out, "argc=1\nargv[0]=/init\n"));
	CU_ASSERT_TRUE(itest_contains(r.out, "env GREETING=hi\n"));
	itest_result_free(&r);
	RUN_VMM(&r, "-q", "--initrd", root, "--init", "/init a 'b c'", itest_guest());
	itest_assert_status(&r, 2);
	CU_ASSERT_TRUE(itest_contains(r.out, "argv[1]=a\nargv[2]=b c\n"));
	itest_result_free(&r);
}

/* A program on the command line runs from the initrd's root, as /bin/NAME too. */
static void test_programs_with_initrd(void)
{
	const char *root = shared_root();
	struct vmm_result r;

	if (!root)
		return;
	RUN_VMM(&r, "-q", "--initrd", root, itest_guest(), BUSYBOX, "sh", "-c",
	        "cat /etc/hello; ls /bin/busybox");
	itest_assert_status(&r, 0);
	CU_ASSERT_TRUE(itest_contains(r.out, "hello from the initrd\n/bin/busybox\n"));
	itest_result_free(&r);
}

/* Neither /init nor /bin/sh: a clear error, 127, nothing started. */
static void test_no_init(void)
{
	static const struct root_spec spec = {
		.files = { { "etc/hello", "hi\n", 0644 } },
	};
	const char *root = make_root(&spec);
	struct vmm_result r;

	RUN_VMM(&r, "--initrd", root, itest_guest());
	itest_assert_status(&r, 127);
	CU_ASSERT_TRUE(itest_contains(r.err, "initrd: no /init and no /bin/sh; give --init PATH"));
	CU_ASSERT_TRUE(itest_contains(r.err, "the first process is not in it"));
	CU_ASSERT_FALSE(strstr(r.err, "task 1") != NULL);
	itest_result_free(&r);
	RUN_VMM(&r, "-q", "--initrd", root, "--init", "/bin/nothing here", itest_guest());
	itest_assert_status(&r, 127);
	itest_result_free(&r);
	RUN_VMM(&r, "--initrd", root, "--init", "/etc/hello", itest_guest()); /* not executable */
	itest_assert_status(&r, 126);
	CU_ASSERT_TRUE(itest_contains(r.err, "initrd: --init /etc/hello: not an executable"));
	itest_result_free(&r);
}

/* The vmm's own checks of the file: missing, a directory, compressed. */
static void test_bad_files(void)
{
	struct vmm_result r;
	const char *gz = itest_write_tmpfile("\x1f\x8b\x08\x00", 4);

	RUN_VMM(&r, "--initrd", "/nonexistent/root.cpio", itest_guest());
	itest_assert_status(&r, 127);
	CU_ASSERT_TRUE(itest_contains(r.err, "vmm: /nonexistent/root.cpio: cannot use it as "
	                                     "--initrd: No such file or directory"));
	itest_result_free(&r);
	RUN_VMM(&r, "--initrd", "/tmp", itest_guest());
	itest_assert_status(&r, 126);
	CU_ASSERT_TRUE(itest_contains(r.err, "it is a directory"));
	itest_result_free(&r);
	RUN_VMM(&r, "--initrd", gz, itest_guest());
	itest_assert_status(&r, 126);
	CU_ASSERT_TRUE(itest_contains(r.err, "compressed with gzip"));
	itest_result_free(&r);
	remove(gz);
}

/* Archive ENTS refused at entry INDEX: its name and WHY in the log, 126. */
static void expect_refused(const struct cpio_out *a, size_t n, const char *line)
{
	const char *path = itest_write_tmpfile(a->b, n);
	struct vmm_result r;

	RUN_VMM(&r, "--initrd", path, itest_guest());
	itest_assert_status(&r, 126);
	CU_ASSERT_TRUE(itest_contains(r.err, line));
	CU_ASSERT_TRUE(itest_contains(r.err, "initrd: refused; no process was started"));
	CU_ASSERT_TRUE(itest_contains(r.err, "refused by the kernel"));
	CU_ASSERT_FALSE(r.hung || r.timed_out);
	itest_result_free(&r);
	remove(path);
}

/* Hostile archives: refused whole, with the entry and the reason; the vmm lives. */
static void test_bad_archives(void)
{
	static struct cpio_out a;
	const struct cpio_ent dir = { .name = "etc", .mode = 0040755 };
	const struct cpio_ent file = { .name = "etc/a", .mode = 0100644, .data = "data" };

	size_t second;

	cpio_out_make(&a, (const struct cpio_ent[]){ dir, { 0 } });
	second = a.n - 124; /* where the trailer was */
	cpio_out_make(&a, (const struct cpio_ent[]){ dir, file, { 0 } });
	expect_refused(&a, a.n - 124, "initrd: entry 3 \"\": no TRAILER!!!");
	expect_refused(&a, a.n - 60, "initrd: entry 3 \"\": a header of 64 bytes: truncated");
	a.b[second + 2] = 'X';
	expect_refused(&a, a.n, "initrd: entry 2 \"\": bad magic");
	cpio_out_make(
		&a, (const struct cpio_ent[]){ dir,
	                                       file,
	                                       { .name = "bin/../x", .mode = 0100644, .data = "x" },
	                                       { 0 } });
	expect_refused(&a, a.n, "initrd: entry 3 \"bin/../x\": a name with \"..\"");
	cpio_out_make(
		&a,
		(const struct cpio_ent[]){
			dir,
			{ .name = "etc/huge", .mode = 0100644, .data = "x", .size = 0xfffffff0 },
			{ 0 } });
	expect_refused(&a, a.n,
	               "initrd: entry 2 \"etc/huge\": its data (4294967280 bytes) runs past");
	cpio_out_make(&a, (const struct cpio_ent[]){ dir,
	                                             { .name = "usr/lib/x", .mode = 0100644 },
	                                             { 0 } });
	expect_refused(&a, a.n,
	               "initrd: entry 2 \"usr/lib/x\": cannot create /usr/lib/x: its "
	               "directory is not in the archive before it");
}

/* Hard links are copies that share the bytes; devices are skipped with the reason. */
static void test_links_and_devices(void)
{
	static struct cpio_out a;
	const char *path;
	struct vmm_result r;

	if (!itest_have(BUSYBOX))
		return;
	cpio_out_make(&a, (const struct cpio_ent[]){
				  { .name = "etc", .mode = 0040755 },
				  { .name = "etc/one", .mode = 0100644, .nlink = 2, .ino = 9 },
				  { .name = "etc/two",
	                            .mode = 0100644,
	                            .nlink = 2,
	                            .ino = 9,
	                            .data = "shared\n" },
				  { .name = "dev", .mode = 0040755 },
				  { .name = "dev/console", .mode = 0020600 },
				  { 0 } });
	path = itest_write_tmpfile(a.b, a.n);
	RUN_VMM(&r, "--initrd", path, itest_guest(), BUSYBOX, "cat", "/etc/one", "/etc/two");
	itest_assert_status(&r, 0);
	CU_ASSERT_TRUE(itest_contains(r.out, "shared\nshared\n"));
	CU_ASSERT_TRUE(itest_contains(
		r.err, "initrd: entry 5 \"dev/console\": a character device: skipped"));
	CU_ASSERT_TRUE(itest_contains(r.err, "(1 hard-link copies)"));
	itest_result_free(&r);
	remove(path);
}

/* make root's archive, every applet of busybox a link in /bin: sh finds them all. */
static void test_full_root(void)
{
	const char *root = getenv("LDE_TEST_ROOT");
	char want[32] = "";
	struct vmm_result r;
	FILE *p;

	if (!root || !*root) {
		printf("SKIP (no LDE_TEST_ROOT: make test-integration passes make root's archive "
		       "when busybox-static is there; the nested-SVM lane passes none) ");
		return;
	}
	p = popen(BUSYBOX " --list | grep -vx busybox | wc -l", "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_PTR_NOT_NULL(fgets(want, sizeof(want), p));
	pclose(p);
	RUN_VMM(&r, "--initrd", root, "--init", "/bin/sh -c 'ls /bin | grep -vx busybox | wc -l'",
	        itest_guest());
	itest_assert_status(&r, 0);
	CU_ASSERT_TRUE(atoi(want) > 100);
	CU_ASSERT_TRUE(itest_contains(r.out, want));
	CU_ASSERT_TRUE(itest_contains(r.err, "initrd: process 1 runs /bin/sh (named by --init"));
	itest_result_free(&r);
}

int suite_initrd(CU_pSuite *out)
{
	static const struct itest tests[] = {
		{ "no /init: /bin/sh reads piped stdin", test_sh_from_stdin },
		{ "--init '/bin/sh -c ...'", test_init_option },
		{ "busybox ls, cat, wc, sort, grep over the initrd", test_busybox_tools },
		{ "a script file: by sh and by #!", test_script_file },
		{ "/init script: process 1, its status is ours", test_init_script },
		{ "/init program: argv, environment, status", test_init_program },
		{ "programs on the command line with an initrd", test_programs_with_initrd },
		{ "no init: 127 (126 not executable)", test_no_init },
		{ "bad --initrd files: the vmm's errors", test_bad_files },
		{ "bad archives refused whole: entry and reason, 126", test_bad_archives },
		{ "hard links as copies, devices skipped", test_links_and_devices },
		{ "make root: all of busybox's applets", test_full_root },
		{ NULL, NULL },
	};
	return itest_add_suite("initrd", tests, out);
}
