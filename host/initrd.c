/* SPDX-License-Identifier: MIT */
#include "initrd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lde/abi.h"
#include "programs.h"

#define MIB ((uint64_t)1 << 20)
#define HOWTO "make one with: cd ROOT && find . | cpio -o -H newc > FILE"

/* Formats whose first bytes say what they are, and what to do instead. */
static const struct {
	const char *magic;
	size_t len;
	const char *what;
} others[] = {
	{ "\x1f\x8b", 2, "compressed with gzip: lde takes the archive uncompressed (gunzip it)" },
	{ "\xfd\x37\x7a\x58\x5a", 5,
	  "compressed with xz: lde takes the archive uncompressed (unxz it)" },
	{ "\x28\xb5\x2f\xfd", 4,
	  "compressed with zstd: lde takes the archive uncompressed (unzstd it)" },
	{ "070707", 6, "a cpio archive in the old portable format (-H odc); lde takes -H newc" },
	{ "\xc7\x71", 2, "a cpio archive in the old binary format; lde takes -H newc" },
};

int initrd_check(int fd, char *why, size_t whylen)
{
	unsigned char head[6];
	ssize_t n = pread(fd, head, sizeof(head), 0);

	if (n < 0) {
		snprintf(why, whylen, "read: %s", strerror(errno));
		return -1;
	}
	if (n == 0) {
		snprintf(why, whylen, "an empty file, not a cpio archive; " HOWTO);
		return -1;
	}
	if (n == (ssize_t)sizeof(head) &&
	    (!memcmp(head, "070701", 6) || !memcmp(head, "070702", 6)))
		return 0;
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++)
		if ((size_t)n >= others[i].len && !memcmp(head, others[i].magic, others[i].len)) {
			snprintf(why, whylen, "%s", others[i].what);
			return -1;
		}
	snprintf(why, whylen, "not a cpio archive in the newc format; " HOWTO);
	return -1;
}

char *initrd_cmdline(char *const *init)
{
	char *words, *out;
	size_t len;

	if (!init)
		return strdup(LDE_INITRD_MODULE_NAME);
	words = programs_encode_argv(init);
	if (!words)
		return NULL;
	len = strlen(LDE_INITRD_MODULE_NAME) + 1 + strlen(words) + 1;
	out = malloc(len);
	if (out)
		snprintf(out, len, "%s %s", LDE_INITRD_MODULE_NAME, words);
	free(words);
	return out;
}

uint64_t initrd_ram_extra(uint64_t size)
{
	return size / 4 + 4 * MIB;
}
