// SPDX-License-Identifier: MIT
/*
 * Physical page allocator, xv6-style: freed pages form a linked list
 * threaded through their own first word.  Pages never handed out yet are
 * taken from a "bump" pointer instead of being put on the list at boot:
 * building a list of 16 000 pages would touch every one of them, and on
 * PVM, where each ring-0 instruction is emulated, that costs seconds.
 *
 * A frame may have several owners (copy-on-write after fork: vm.c): each
 * frame has a count of owners beyond the first, one byte in refs[], and
 * kfree() drops one owner, freeing the frame with the last.  refs[] lives
 * in an uncleared section (kernel.ld's .kstacks); kalloc_init clears only
 * the part its frames use.
 */
#include "kalloc.h"
#include "paging.h"
#include "string.h"

struct free_page {
	struct free_page *next;
};

static struct free_page *free_list; /* pages given back by kfree */
static uintptr_t bump, bump_end;    /* never-used pages: [bump, bump_end) */
static size_t free_listed;          /* length of free_list */
static uintptr_t base;              /* the first frame: refs[0] */

#if __STDC_HOSTED__
#define NOINIT
#else
#define NOINIT __attribute__((section(".kstacks")))
#endif
/* Owners beyond the first, per frame of [base, bump_end). */
static uint8_t refs[DIRECT_MAP_SIZE / PAGE_SIZE] NOINIT;

void kalloc_init(uintptr_t start, uintptr_t end)
{
	bump = (start + PAGE_SIZE - 1) & ~(uintptr_t)(PAGE_SIZE - 1);
	bump_end = end & ~(uintptr_t)(PAGE_SIZE - 1);
	if (bump_end < bump)
		bump_end = bump;
	free_list = NULL;
	free_listed = 0;
	base = bump;
	if ((bump_end - base) / PAGE_SIZE > sizeof(refs))
		bump_end = base + sizeof(refs) * PAGE_SIZE;
	memset(refs, 0, (bump_end - base) / PAGE_SIZE);
}

static uint8_t *refs_of(const void *page)
{
	return &refs[((uintptr_t)page - base) / PAGE_SIZE];
}

void kshare(void *page)
{
	(*refs_of(page))++; /* owners are address spaces: at most CONFIG_MAX_TASKS */
}

bool kshared(const void *page)
{
	return *refs_of(page) != 0;
}

void *kalloc(void)
{
	struct free_page *p = free_list;

	if (p) {
		free_list = p->next;
		free_listed--;
		return p;
	}
	if (bump == bump_end)
		return NULL;
	bump += PAGE_SIZE;
	return (void *)(bump - PAGE_SIZE);
}

void *kzalloc(void)
{
	void *p = kalloc();

	if (p)
		memset(p, 0, PAGE_SIZE);
	return p;
}

void kfree(void *page)
{
	struct free_page *p = page;
	uint8_t *r = refs_of(page);

	if (*r) { /* another owner still has it */
		(*r)--;
		return;
	}
	p->next = free_list;
	free_list = p;
	free_listed++;
}

size_t kalloc_free_pages(void)
{
	return free_listed + (bump_end - bump) / PAGE_SIZE;
}
