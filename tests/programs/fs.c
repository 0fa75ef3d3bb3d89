// SPDX-License-Identifier: MIT
/*
 * fs: the file system calls, the cases named by the arguments in order,
 * each printing what it saw so the test can compare it with what Linux
 * gives (run on the host, `fs files dirs links errors` prints the same):
 *   files    - create, write, read back, lseek, pread/pwrite, O_APPEND,
 *              ftruncate, fstat's size, one offset shared by dup, unlink
 *   dirs     - mkdir, getdents64 (through readdir), rename, rmdir,
 *              chdir/getcwd, stat's types and link counts
 *   links    - symlink, readlink, lstat against stat, a link to a directory
 *   errors   - ENOENT, EEXIST, ENOTDIR, EISDIR, ENOTEMPTY, EBADF, ELOOP,
 *              ESPIPE, EINVAL as Linux returns them
 *   redirect - the book's redirection: fork; the child closes fd 1, opens
 *              a file (it gets fd 1) and execs PROGRAM argv...; the parent
 *              waits and prints the file
 *   execnew  - copies PROGRAM to a new file in /tmp, makes it executable,
 *              fork + execve of the copy with "argv copied", wait
 *   argv     - prints its arguments after "argv", one per line
 * PROGRAM is the next argument (e.g. /bin/fs).  Exits 0 unless a step went
 * wrong (then 1, after saying which).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int fail(const char *what)
{
	printf("FAIL: %s (%s)\n", what, strerror(errno));
	return 1;
}

static int put(const char *path, const char *s)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);

	if (fd < 0 || write(fd, s, strlen(s)) != (ssize_t)strlen(s))
		return fail(path);
	return close(fd);
}

/* Prints the file's contents after `what`. */
static int show(const char *what, const char *path)
{
	char buf[256];
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return fail(path);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return fail(path);
	buf[n] = '\0';
	printf("%s: [%s]\n", what, buf);
	return 0;
}

/* A call's result, and errno's message when it failed. */
static void error(const char *what, long r)
{
	if (r < 0)
		printf("%s: %ld %s\n", what, r, strerror(errno));
	else
		printf("%s: %ld\n", what, r);
}

static int files(void)
{
	char buf[64];
	struct stat st;
	int fd = open("/tmp/f", O_CREAT | O_EXCL | O_RDWR, 0600), fd2;

	if (fd < 0)
		return fail("create /tmp/f");
	if (write(fd, "hello, world", 12) != 12)
		return fail("write");
	printf("lseek end: %ld\n", (long)lseek(fd, 0, SEEK_END));
	printf("lseek set 7: %ld\n", (long)lseek(fd, 7, SEEK_SET));
	buf[read(fd, buf, sizeof(buf))] = '\0';
	printf("read: %s\n", buf);
	printf("pwrite: %ld\n", (long)pwrite(fd, "HELLO", 5, 0));
	buf[pread(fd, buf, 5, 0)] = '\0';
	printf("pread: %s, offset still %ld\n", buf, (long)lseek(fd, 0, SEEK_CUR));
	fd2 = dup(fd);
	lseek(fd2, 2, SEEK_SET);
	printf("dup shares the offset: %ld\n", (long)lseek(fd, 0, SEEK_CUR));
	close(fd2);
	if (ftruncate(fd, 5) || fstat(fd, &st))
		return fail("ftruncate");
	printf("ftruncate 5: size %ld, regular %d, mode %o\n", (long)st.st_size,
	       S_ISREG(st.st_mode), (unsigned)(st.st_mode & 07777));
	if (ftruncate(fd, 8) || pread(fd, buf, 8, 0) != 8)
		return fail("ftruncate 8");
	printf("ftruncate 8: %.5s + zeros %d\n", buf, !buf[5] && !buf[6] && !buf[7]);
	close(fd);
	fd = open("/tmp/f", O_WRONLY | O_APPEND);
	lseek(fd, 0, SEEK_SET);
	if (write(fd, "++", 2) != 2)
		return fail("append");
	close(fd);
	stat("/tmp/f", &st);
	printf("O_APPEND: size %ld\n", (long)st.st_size);
	fd = open("/tmp/f", O_RDWR | O_TRUNC);
	fstat(fd, &st);
	printf("O_TRUNC: size %ld\n", (long)st.st_size);
	close(fd);
	error("unlink", unlink("/tmp/f"));
	error("open after unlink", open("/tmp/f", O_RDONLY));
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Prints the names in dir, sorted. */
static int list(const char *dir)
{
	char *names[64];
	int n = 0;
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d)
		return fail(dir);
	while ((e = readdir(d)) && n < 64)
		names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, (size_t)n, sizeof(names[0]), by_name);
	printf("%s:", dir);
	for (int i = 0; i < n; i++) {
		printf(" %s", names[i]);
		free(names[i]);
	}
	printf("\n");
	return 0;
}

static int dirs(void)
{
	char cwd[64];
	struct stat st;

	if (mkdir("/tmp/d", 0755) || mkdir("/tmp/d/sub", 0700) || put("/tmp/d/a", "A") ||
	    put("/tmp/d/b", "B"))
		return fail("mkdir");
	list("/tmp/d");
	if (rename("/tmp/d/a", "/tmp/d/sub/moved") || rename("/tmp/d/b", "/tmp/d/c"))
		return fail("rename");
	list("/tmp/d");
	list("/tmp/d/sub");
	stat("/tmp/d", &st);
	printf("/tmp/d: dir %d, nlink %ld\n", S_ISDIR(st.st_mode), (long)st.st_nlink);
	if (chdir("/tmp/d/sub") || !getcwd(cwd, sizeof(cwd)))
		return fail("chdir");
	printf("cwd: %s\n", cwd);
	show("relative open", "moved");
	if (chdir("..") || !getcwd(cwd, sizeof(cwd)))
		return fail("chdir ..");
	printf("cwd: %s\n", cwd);
	error("rmdir non-empty", rmdir("sub"));
	if (unlink("sub/moved") || rmdir("sub") || unlink("c"))
		return fail("cleanup");
	list(".");
	chdir("/");
	error("rmdir /tmp/d", rmdir("/tmp/d"));
	return 0;
}

static int links(void)
{
	char buf[64];
	struct stat st, lst;
	ssize_t n;

	if (put("/tmp/target", "through the link") || symlink("target", "/tmp/ln") ||
	    symlink("/tmp", "/tmp/dirln"))
		return fail("symlink");
	n = readlink("/tmp/ln", buf, sizeof(buf));
	printf("readlink: %.*s\n", (int)n, buf);
	stat("/tmp/ln", &st);
	lstat("/tmp/ln", &lst);
	printf("stat regular %d, lstat link %d, lstat size %ld\n", S_ISREG(st.st_mode),
	       S_ISLNK(lst.st_mode), (long)lst.st_size);
	show("via link", "/tmp/ln");
	show("via dir link", "/tmp/dirln/target");
	error("readlink of a file", readlink("/tmp/target", buf, sizeof(buf)));
	unlink("/tmp/ln");
	unlink("/tmp/dirln");
	unlink("/tmp/target");
	return 0;
}

static int errors(void)
{
	char buf[8];
	int p[2];

	put("/tmp/file", "x");
	mkdir("/tmp/full", 0755);
	put("/tmp/full/x", "x");
	symlink("loop", "/tmp/loop");
	error("ENOENT", open("/tmp/none", O_RDONLY));
	error("EEXIST", open("/tmp/file", O_CREAT | O_EXCL | O_WRONLY, 0644));
	error("EEXIST mkdir", mkdir("/tmp/full", 0755));
	error("ENOTDIR", open("/tmp/file/x", O_RDONLY));
	error("ENOTDIR O_DIRECTORY", open("/tmp/file", O_RDONLY | O_DIRECTORY));
	error("EISDIR", open("/tmp/full", O_WRONLY));
	error("EISDIR unlink", unlink("/tmp/full"));
	error("ENOTEMPTY", rmdir("/tmp/full"));
	error("EBADF", write(open("/tmp/file", O_RDONLY), "x", 1));
	error("EBADF read", read(open("/tmp/file", O_WRONLY), buf, 1));
	error("EBADF closed", read(42, buf, 1));
	error("ELOOP", open("/tmp/loop", O_RDONLY));
	error("ELOOP O_NOFOLLOW",
	      open("/tmp/file", O_RDONLY) < 0 ? -1 : open("/tmp/loop", O_RDONLY | O_NOFOLLOW));
	pipe(p);
	error("ESPIPE", lseek(p[0], 0, SEEK_SET));
	error("EINVAL", lseek(open("/tmp/file", O_RDONLY), -1, SEEK_SET));
	error("EINVAL rename into itself", rename("/tmp/full", "/tmp/full/sub"));
	return 0;
}

/* fork; the child's fd 1 is the file, it runs argv; the parent prints the file. */
static int redirect(char **argv)
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		close(1);
		open("/tmp/redirected", O_CREAT | O_WRONLY | O_TRUNC, 0644);
		execve(argv[0], argv, environ);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	printf("child exited %d\n", WEXITSTATUS(st));
	return show("/tmp/redirected", "/tmp/redirected");
}

/* Copies argv[0] to /tmp/copy (0755), then runs the copy. */
static int execnew(char **argv)
{
	static char buf[65536];
	char *args[] = { "/tmp/copy", "argv", "copied", NULL };
	int in = open(argv[0], O_RDONLY), out = open("/tmp/copy", O_CREAT | O_WRONLY, 0600), st;
	ssize_t n;
	pid_t pid;

	if (in < 0 || out < 0)
		return fail("open for the copy");
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			return fail("write the copy");
	close(in);
	close(out);
	error("exec before chmod", execve("/tmp/copy", args, environ));
	chmod("/tmp/copy", 0755);
	pid = fork();
	if (pid == 0) {
		execve("/tmp/copy", args, environ);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	printf("copy exited %d\n", WEXITSTATUS(st));
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0); /* no buffer for a child to inherit */
	for (int i = 1; i < argc; i++) {
		int err = 0;

		if (!strcmp(argv[i], "argv")) {
			for (int k = i + 1; k < argc; k++)
				printf("argv: %s\n", argv[k]);
			return 0;
		}
		if (!strcmp(argv[i], "redirect") && i + 1 < argc)
			return redirect(argv + i + 1);
		if (!strcmp(argv[i], "execnew") && i + 1 < argc)
			return execnew(argv + i + 1);
		if (!strcmp(argv[i], "files"))
			err = files();
		else if (!strcmp(argv[i], "dirs"))
			err = dirs();
		else if (!strcmp(argv[i], "links"))
			err = links();
		else if (!strcmp(argv[i], "errors"))
			err = errors();
		else
			err = fail(argv[i]);
		if (err)
			return 1;
	}
	return 0;
}
