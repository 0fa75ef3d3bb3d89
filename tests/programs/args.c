// SPDX-License-Identifier: MIT
/*
 * args: prints what the kernel gave it as Linux would: argc, argv, envp,
 * the auxiliary vector's entries, the initial stack's alignment.  Exits
 * with argc - 1.
 */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

static const struct {
	unsigned long type;
	const char *name;
} aux[] = {
	{ AT_PHDR, "AT_PHDR" },         { AT_PHENT, "AT_PHENT" },   { AT_PHNUM, "AT_PHNUM" },
	{ AT_PAGESZ, "AT_PAGESZ" },     { AT_BASE, "AT_BASE" },     { AT_FLAGS, "AT_FLAGS" },
	{ AT_ENTRY, "AT_ENTRY" },       { AT_UID, "AT_UID" },       { AT_EUID, "AT_EUID" },
	{ AT_GID, "AT_GID" },           { AT_EGID, "AT_EGID" },     { AT_SECURE, "AT_SECURE" },
	{ AT_RANDOM, "AT_RANDOM" },     { AT_HWCAP, "AT_HWCAP" },   { AT_CLKTCK, "AT_CLKTCK" },
	{ AT_PLATFORM, "AT_PLATFORM" }, { AT_EXECFN, "AT_EXECFN" },
};

int main(int argc, char **argv, char **envp)
{
	const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
	int zero_bytes = 0;

	printf("argc=%d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	printf("argv[argc]=%s\n", argv[argc] ? "non-NULL" : "NULL");
	for (char **e = envp; *e; e++)
		printf("env %s\n", *e);
	for (size_t i = 0; i < sizeof(aux) / sizeof(aux[0]); i++)
		printf("%s present=%d\n", aux[i].name,
		       getauxval(aux[i].type) != 0 || aux[i].type == AT_BASE ||
		               aux[i].type == AT_FLAGS || aux[i].type == AT_UID ||
		               aux[i].type == AT_EUID || aux[i].type == AT_GID ||
		               aux[i].type == AT_EGID || aux[i].type == AT_SECURE);
	printf("AT_PAGESZ=%lu AT_CLKTCK=%lu AT_PHENT=%lu\n", getauxval(AT_PAGESZ),
	       getauxval(AT_CLKTCK), getauxval(AT_PHENT));
	printf("AT_PLATFORM=%s AT_EXECFN=%s\n", (const char *)getauxval(AT_PLATFORM),
	       (const char *)getauxval(AT_EXECFN));
	for (int i = 0; rnd && i < 16; i++)
		zero_bytes += rnd[i] == 0;
	printf("AT_RANDOM bytes: %d of 16 are zero\n", zero_bytes);
	printf("argv on the stack above envp: %s\n", (void *)argv < (void *)envp ? "yes" : "no");
	return argc - 1;
}
