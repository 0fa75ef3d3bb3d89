// SPDX-License-Identifier: MIT
/*
 * Physical page allocator, xv6-style: freed pages form a linked list
 * threaded through their own first word.  Pages never handed out yet are
 * taken from a "bump" pointer instead of being put on the list at boot:
 * building a list of 16 000 pages would touch every one of them, and on
 * PVM, where each ring-0 instruction is emulated, that costs seconds.
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

void kalloc_init(uintptr_t start, uintptr_t end)
{
	bump = (start + PAGE_SIZE - 1) & ~(uintptr_t)(PAGE_SIZE - 1);
	bump_end = end & ~(uintptr_t)(PAGE_SIZE - 1);
	if (bump_end < bump)
		bump_end = bump;
	free_list = NULL;
	free_listed = 0;
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

	p->next = free_list;
	free_list = p;
	free_listed++;
}

size_t kalloc_free_pages(void)
{
	return free_listed + (bump_end - bump) / PAGE_SIZE;
}
