/* SPDX-License-Identifier: MIT */
#include "cpio_write.h"

#include <stdio.h>
#include <string.h>

static void put_hex(struct cpio_out *a, uint32_t v)
{
	char s[9];

	snprintf(s, sizeof(s), "%08X", v);
	memcpy(a->b + a->n, s, 8);
	a->n += 8;
}

static void pad(struct cpio_out *a)
{
	while (a->n % 4)
		a->b[a->n++] = 0;
}

size_t cpio_out_put(struct cpio_out *a, const struct cpio_ent *e)
{
	size_t at = a->n, len = strlen(e->name);
	uint32_t size = e->size ? e->size : e->data ? (uint32_t)strlen(e->data) : 0;
	uint32_t f[13] = { e->ino ? e->ino : 1,
		           e->mode,
		           0,
		           0,
		           e->nlink ? e->nlink : 1,
		           0,
		           size,
		           0,
		           0,
		           0,
		           0,
		           e->namesize ? e->namesize : (uint32_t)len + 1,
		           e->check };

	memcpy(a->b + a->n, e->magic ? e->magic : "070701", 6);
	a->n += 6;
	for (int k = 0; k < 13; k++)
		put_hex(a, f[k]);
	memcpy(a->b + a->n, e->name, len + 1); /* and NULs up to a larger (sane) name size */
	a->n += len + 1;
	while (e->namesize > len + 1 && e->namesize < CPIO_OUT_MAX / 4 &&
	       a->n < at + 110 + e->namesize)
		a->b[a->n++] = 0;
	pad(a);
	if (e->data) { /* a size beyond the buffer is only in the header */
		uint32_t copy = size < CPIO_OUT_MAX / 2 ? size : (uint32_t)strlen(e->data);

		memcpy(a->b + a->n, e->data, copy);
		a->n += copy;
	}
	pad(a);
	return at;
}

void cpio_out_trailer(struct cpio_out *a)
{
	cpio_out_put(a, &(struct cpio_ent){ .name = "TRAILER!!!" });
}

void cpio_out_make(struct cpio_out *a, const struct cpio_ent *ents)
{
	a->n = 0;
	memset(a->b, 0, sizeof(a->b));
	for (; ents->name; ents++)
		cpio_out_put(a, ents);
	cpio_out_trailer(a);
}
