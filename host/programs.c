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

/* Opens and checks one program file; 0 or the vmm's exit status. */
static int open_one(struct program *p)
{
	const char *path = p->argv[0];
	struct stat st;

	p->fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (p->fd < 0) {
		int e = errno;

		vmm_error("%s: cannot run the program: %s", path, strerror(e));
		return e == ENOENT || e == ENOTDIR ? LDE_VMM_NOT_FOUND : LDE_VMM_CANNOT_RUN;
	}
	if (fstat(p->fd, &st) < 0 || S_ISDIR(st.st_mode) || !S_ISREG(st.st_mode)) {
		vmm_error("%s: cannot run the program: %s", path,
		          S_ISDIR(st.st_mode) ? "it is a directory" : "not a regular file");
		return LDE_VMM_CANNOT_RUN;
	}
	p->size = (uint64_t)st.st_size;
	p->cmdline = programs_encode_argv(p->argv);
	if (!p->cmdline) {
		vmm_error("%s: out of memory", path);
		return LDE_VMM_HOST_ERROR;
	}
	return 0;
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

int programs_open(struct program_set *ps, char **const *argvs, unsigned n, const char *const *envs,
                  unsigned nenv)
{
	memset(ps, 0, sizeof(*ps));
	for (unsigned i = 0; i < PROGRAMS_MAX; i++)
		ps->prog[i].fd = -1;
	if (n > PROGRAMS_MAX) {
		vmm_error("%u programs: at most %d at once", n, PROGRAMS_MAX);
		return LDE_VMM_USAGE;
	}
	for (unsigned i = 0; i < n; i++) {
		int status;

		ps->prog[i].argv = argvs[i];
		ps->n = i + 1;
		status = open_one(&ps->prog[i]);
		if (status)
			return status;
	}
	if (n && build_env(ps, envs, nenv) < 0) {
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
	return need;
}

static int refuse_size(const struct program_set *ps, const struct guest_mem *gm, uint64_t base)
{
	uint64_t need = ram_needed(ps, base);

	vmm_error("%s%s: does not fit in --mem %" PRIu64 "M: %s about %" PRIu64
	          " MiB; use --mem %" PRIu64 "M",
	          ps->prog[0].argv[0], ps->n > 1 ? " and the other programs" : "", gm->size / MIB,
	          ps->n > 1 ? "they need" : "it needs", (need + MIB - 1) / MIB,
	          (need + MIB - 1) / MIB);
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

	if (!ps->n)
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
	mods[ps->n] = (struct boot_module){ ps->env_gpa, ps->env_size, ps->env_name, 0 };
	return (int)ps->n + 1;
}

void programs_free(struct program_set *ps)
{
	for (unsigned i = 0; i < ps->n; i++) {
		if (ps->prog[i].fd >= 0)
			close(ps->prog[i].fd);
		free(ps->prog[i].cmdline);
	}
	free(ps->env);
	memset(ps, 0, sizeof(*ps));
}
