/* SPDX-License-Identifier: MIT */
#include "programs.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "initrd.h"
#include "lde/abi.h"
#include "log.h"

#define MIB ((uint64_t)1 << 20)
#define PAGE_ROUND(x) (((x) + 4095) & ~4095ULL)

/* The environment every program starts with (docs/guest-kernel.md). */
static const char *const default_env[] = {
	"PATH=/usr/local/bin:/usr/bin:/bin",
	"HOME=/",
	"TERM=dumb",
};

static bool needs_escape(unsigned char c)
{
	return c < '!' || c > '~' || c == '%' || c == ',';
}

char *programs_encode_argv(char *const *argv)
{
	size_t len = 1;
	char *out, *p;

	for (char *const *a = argv; *a; a++)
		for (const unsigned char *c = (const unsigned char *)*a;; c++) {
			len += *c && needs_escape(*c) ? 3 : 1; /* the NUL becomes a space */
			if (!*c)
				break;
		}
	out = p = malloc(len);
	if (!out)
		return NULL;
	for (char *const *a = argv; *a; a++) {
		if (a != argv)
			*p++ = ' ';
		for (const unsigned char *c = (const unsigned char *)*a; *c; c++)
			p += needs_escape(*c) ? sprintf(p, "%%%02X", *c) : (*p = (char)*c, 1);
	}
	*p = '\0';
	return out;
}

/* Opens p->argv[0], a regular file, for WHAT it is to be; 0 or the vmm's exit status. */
static int open_file(struct program *p, const char *what)
{
	const char *path = p->argv[0];
	struct stat st;

	p->fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (p->fd < 0) {
		int e = errno;

		vmm_error("%s: cannot %s: %s", path, what, strerror(e));
		return e == ENOENT || e == ENOTDIR ? LDE_VMM_NOT_FOUND : LDE_VMM_CANNOT_RUN;
	}
	if (fstat(p->fd, &st) < 0 || S_ISDIR(st.st_mode) || !S_ISREG(st.st_mode)) {
		vmm_error("%s: cannot %s: %s", path, what,
		          S_ISDIR(st.st_mode) ? "it is a directory" : "not a regular file");
		return LDE_VMM_CANNOT_RUN;
	}
	p->size = (uint64_t)st.st_size;
	return 0;
}

/* p->cmdline, or NULL: says so; 0 or the vmm's exit status. */
static int check_cmdline(const struct program *p)
{
	if (p->cmdline)
		return 0;
	vmm_error("%s: out of memory", p->argv[0]);
	return LDE_VMM_HOST_ERROR;
}

/* Opens and checks one program file; 0 or the vmm's exit status. */
static int open_one(struct program *p)
{
	int status = open_file(p, "run the program");

	if (status)
		return status;
	p->cmdline = programs_encode_argv(p->argv);
	return check_cmdline(p);
}

/* Opens and checks the initrd (a newc cpio archive); 0 or the vmm's exit status. */
static int open_initrd(struct program_set *ps, const char *path, char *const *init)
{
	struct program *p = &ps->initrd;
	int status;
	char why[160];

	ps->initrd_argv[0] = (char *)path;
	p->argv = ps->initrd_argv;
	status = open_file(p, "use it as --initrd");
	if (status)
		return status;
	if (initrd_check(p->fd, why, sizeof(why)) < 0) {
		vmm_error("%s: cannot use it as --initrd: %s", path, why);
		return LDE_VMM_CANNOT_RUN;
	}
	p->cmdline = initrd_cmdline(init);
	return check_cmdline(p);
}

/* The environment module's bytes: the default, then --env, NUL after each. */
static int build_env(struct program_set *ps, const char *const *envs, unsigned nenv)
{
	size_t n = sizeof(default_env) / sizeof(default_env[0]), len = 0;
	char *p;

	for (size_t i = 0; i < n + nenv; i++)
		len += strlen(i < n ? default_env[i] : envs[i - n]) + 1;
	ps->env = p = malloc(len ? len : 1);
	if (!p)
		return -1;
	for (size_t i = 0; i < n + nenv; i++) {
		const char *s = i < n ? default_env[i] : envs[i - n];

		memcpy(p, s, strlen(s) + 1);
		p += strlen(s) + 1;
	}
	ps->env_size = len;
	return 0;
}

int programs_open(struct program_set *ps, const struct program_request *req)
{
	unsigned max = req->initrd ? PROGRAMS_MAX - 1 : PROGRAMS_MAX; /* it takes a module */

	memset(ps, 0, sizeof(*ps));
	for (unsigned i = 0; i < PROGRAMS_MAX; i++)
		ps->prog[i].fd = -1;
	ps->initrd.fd = -1;
	if (req->n > max) {
		vmm_error("%u programs: at most %u at once", req->n, max);
		return LDE_VMM_USAGE;
	}
	for (unsigned i = 0; i < req->n; i++) {
		int status;

		ps->prog[i].argv = req->argvs[i];
		ps->n = i + 1;
		status = open_one(&ps->prog[i]);
		if (status)
			return status;
	}
	if (req->initrd) {
		int status = open_initrd(ps, req->initrd, req->init);

		if (status)
			return status;
	}
	if ((req->n || req->initrd) && build_env(ps, req->envs, req->nenv) < 0) {
		vmm_error("environment: out of memory");
		return LDE_VMM_HOST_ERROR;
	}
	return 0;
}

/* Bytes a module takes in guest RAM: its data, then its command line. */
static uint64_t module_bytes(const struct program *p)
{
	return PAGE_ROUND(p->size + strlen(p->cmdline) + 1);
}

/*
 * What the programs need besides the kernel and the vmm's other
 * reservations: their modules, and for the kernel to load and run each,
 * a copy of it and 1 MiB (page tables, stack, a little heap); 1 MiB more
 * for the kernel itself.  An estimate, documented in docs/guest-kernel.md.
 */
static uint64_t ram_needed(const struct program_set *ps, uint64_t base)
{
	uint64_t need = base + PAGE_ROUND(ps->env_size) + MIB;

	for (unsigned i = 0; i < ps->n; i++)
		need += module_bytes(&ps->prog[i]) + PAGE_ROUND(ps->prog[i].size) + MIB;
	if (ps->initrd.argv)
		need += module_bytes(&ps->initrd) + initrd_ram_extra(ps->initrd.size);
	return need;
}

/* The smallest power-of-two MiB count that holds NEED bytes. */
static uint64_t suggest_mib(uint64_t need)
{
	uint64_t mib = 1;

	while (mib * MIB < need)
		mib *= 2;
	return mib;
}

static int refuse_size(const struct program_set *ps, const struct guest_mem *gm, uint64_t base)
{
	uint64_t need = ram_needed(ps, base);
	const char *first = ps->initrd.argv ? ps->initrd.argv[0] : ps->prog[0].argv[0];
	unsigned others = ps->n - !ps->initrd.argv;

	vmm_error("%s%s: does not fit in --mem %" PRIu64 "M: %s about %" PRIu64
	          " MiB with the kernel; use --mem %" PRIu64 "M",
	          first, others ? " and the programs" : "", gm->size / MIB,
	          others ? "they need" : "it needs", (need + MIB - 1) / MIB, suggest_mib(need));
	return -1;
}

/* Reads the whole file into guest RAM at GPA. */
static int read_into(const struct program *p, const struct guest_mem *gm, uint64_t gpa)
{
	uint8_t *dst = guest_ptr(gm, gpa, module_bytes(p));
	uint64_t done = 0;

	while (dst && done < p->size) {
		ssize_t r = pread(p->fd, dst + done, p->size - done, (off_t)done);

		if (r <= 0) {
			vmm_error("%s: read: %s", p->argv[0],
			          r < 0 ? strerror(errno) : "file shrank");
			return -1;
		}
		done += (uint64_t)r;
	}
	if (!dst)
		return -1;
	memcpy(dst + p->size, p->cmdline, strlen(p->cmdline) + 1);
	return 0;
}

int programs_place(struct program_set *ps, struct guest_mem *gm, uint64_t also,
                   struct boot_module *mods)
{
	uint64_t base = guest_mem_used_bytes(gm) + also;
	int n = (int)ps->n;

	if (!ps->n && !ps->initrd.argv)
		return 0;
	if (ram_needed(ps, base) > gm->region[0].size)
		return refuse_size(ps, gm, base);
	for (unsigned i = 0; i < ps->n; i++) {
		struct program *p = &ps->prog[i];

		if (guest_mem_reserve(gm, module_bytes(p), &p->gpa) < 0)
			return refuse_size(ps, gm, base);
		if (read_into(p, gm, p->gpa) < 0)
			return -1;
		mods[i] = (struct boot_module){ p->gpa, p->size, p->cmdline, p->gpa + p->size };
	}
	if (guest_mem_reserve(gm, ps->env_size, &ps->env_gpa) < 0)
		return refuse_size(ps, gm, base);
	memcpy(guest_ptr(gm, ps->env_gpa, ps->env_size), ps->env, ps->env_size);
	snprintf(ps->env_name, sizeof(ps->env_name), "%s tty=%d%d%d", LDE_ENV_MODULE_NAME,
	         isatty(0), isatty(1), isatty(2));
	mods[n++] = (struct boot_module){ ps->env_gpa, ps->env_size, ps->env_name, 0 };
	if (ps->initrd.argv) {
		struct program *p = &ps->initrd;

		if (guest_mem_reserve(gm, module_bytes(p), &p->gpa) < 0)
			return refuse_size(ps, gm, base);
		if (read_into(p, gm, p->gpa) < 0)
			return -1;
		mods[n++] = (struct boot_module){ p->gpa, p->size, p->cmdline, p->gpa + p->size };
	}
	return n;
}

void programs_free(struct program_set *ps)
{
	for (unsigned i = 0; i < ps->n; i++) {
		if (ps->prog[i].fd >= 0)
			close(ps->prog[i].fd);
		free(ps->prog[i].cmdline);
	}
	if (ps->initrd.argv && ps->initrd.fd >= 0)
		close(ps->initrd.fd);
	free(ps->initrd.cmdline);
	free(ps->env);
	memset(ps, 0, sizeof(*ps));
}
