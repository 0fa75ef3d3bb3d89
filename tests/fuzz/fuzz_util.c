/* SPDX-License-Identifier: MIT */
#include "fuzz_util.h"

#include <signal.h>
#include <string.h>
#include <sys/mman.h>

static struct {
	const struct guest_mem *gm;
	uint8_t fill;
	bool written[GUEST_MEM_MAX_REGIONS];
	struct sigaction old; /* libFuzzer's or ASan's SIGSEGV handler */
} watch;

void *fuzz_guarded(size_t size)
{
	uint8_t *p =
		mmap(NULL, size + 2 * FUZZ_PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED || size % FUZZ_PAGE ||
	    mprotect(p + FUZZ_PAGE, size, PROT_READ | PROT_WRITE)) {
		perror("fuzz_guarded");
		abort();
	}
	return p + FUZZ_PAGE;
}

int fuzz_memfd(const char *name, char *path, size_t len)
{
	int fd = memfd_create(name, MFD_CLOEXEC);

	FUZZ_CHECK(fd >= 0);
	snprintf(path, len, "/proc/self/fd/%d", fd);
	return fd;
}

void fuzz_guest_region(struct guest_mem *gm, uint64_t gpa, uint64_t size)
{
	FUZZ_CHECK(gm->nregions < GUEST_MEM_MAX_REGIONS);
	gm->region[gm->nregions++] = (struct guest_region){ gpa, size, fuzz_guarded(size) };
	gm->size += size;
}

/* The first write to a read-only region: record it, let it through.
 * Any other fault (a guard page, a real bug) goes to the old handler. */
static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	uint8_t *a = si->si_addr;

	for (unsigned r = 0; watch.gm && r < watch.gm->nregions; r++) {
		const struct guest_region *g = &watch.gm->region[r];

		if (a < g->host || a >= g->host + g->size || watch.written[r])
			continue;
		watch.written[r] = true;
		if (mprotect(g->host, g->size, PROT_READ | PROT_WRITE) == 0)
			return;
	}
	sigaction(SIGSEGV, &watch.old, NULL); /* the fault happens again, reported */
	(void)sig;
	(void)ctx;
}

void fuzz_watch_writes(const struct guest_mem *gm, uint8_t fill)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	FUZZ_CHECK(sigaction(SIGSEGV, &sa, &watch.old) == 0);
	watch.gm = gm;
	watch.fill = fill;
	for (unsigned r = 0; r < gm->nregions; r++) {
		memset(gm->region[r].host, fill, gm->region[r].size);
		FUZZ_CHECK(mprotect(gm->region[r].host, gm->region[r].size, PROT_READ) == 0);
	}
}

bool fuzz_written(void)
{
	for (unsigned r = 0; r < watch.gm->nregions; r++)
		if (watch.written[r])
			return true;
	return false;
}

bool fuzz_written_all_fill(void)
{
	static uint8_t fill_page[FUZZ_PAGE];

	memset(fill_page, watch.fill, sizeof(fill_page));
	for (unsigned r = 0; r < watch.gm->nregions; r++) {
		const struct guest_region *g = &watch.gm->region[r];

		for (size_t off = 0; watch.written[r] && off < g->size; off += FUZZ_PAGE)
			if (memcmp(g->host + off, fill_page, FUZZ_PAGE) != 0)
				return false;
	}
	return true;
}

void fuzz_watch_reset(void)
{
	for (unsigned r = 0; r < watch.gm->nregions; r++) {
		const struct guest_region *g = &watch.gm->region[r];

		if (!watch.written[r])
			continue;
		FUZZ_CHECK(mprotect(g->host, g->size, PROT_READ) == 0);
		watch.written[r] = false;
	}
}

bool fuzz_take(struct fuzz_input *in, void *out, size_t n)
{
	if (in->left < n)
		return false;
	memcpy(out, in->p, n);
	in->p += n;
	in->left -= n;
	return true;
}
