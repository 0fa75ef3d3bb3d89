// SPDX-License-Identifier: MIT
/* Small kernel objects (see kheap.h). */
#include "kheap.h"

#include "kalloc.h"
#include "paging.h"
#include "string.h"

#define MIN_SHIFT 5 /* 32 bytes */
#define CLASSES 7   /* 32 .. 2048 */

struct free_block {
	struct free_block *next;
};

static struct free_block *free_lists[CLASSES];

void kheap_init(void)
{
	memset(free_lists, 0, sizeof(free_lists));
}

/* The class of a block of size bytes (size <= 2048). */
static unsigned class_of(size_t size)
{
	unsigned c = 0;

	while (((size_t)1 << (MIN_SHIFT + c)) < size)
		c++;
	return c;
}

/* A fresh page cut into blocks of class c, on its free list; false if none. */
static int refill(unsigned c)
{
	size_t bsize = (size_t)1 << (MIN_SHIFT + c);
	char *page = kalloc();

	if (!page)
		return 0;
	for (size_t off = 0; off < PAGE_SIZE; off += bsize) {
		struct free_block *b = (struct free_block *)(page + off);

		b->next = free_lists[c];
		free_lists[c] = b;
	}
	return 1;
}

void *kheap_alloc(size_t size)
{
	struct free_block *b;
	unsigned c;

	if (!size || size > PAGE_SIZE)
		return NULL;
	if (size > PAGE_SIZE / 2)
		return kzalloc();
	c = class_of(size);
	if (!free_lists[c] && !refill(c))
		return NULL;
	b = free_lists[c];
	free_lists[c] = b->next;
	memset(b, 0, (size_t)1 << (MIN_SHIFT + c));
	return b;
}

void kheap_free(void *p, size_t size)
{
	struct free_block *b = p;
	unsigned c;

	if (!p)
		return;
	if (size > PAGE_SIZE / 2) {
		kfree(p);
		return;
	}
	c = class_of(size);
	b->next = free_lists[c];
	free_lists[c] = b;
}
