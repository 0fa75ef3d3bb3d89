// SPDX-License-Identifier: MIT
/* The built-in user programs (see programs.h). */
#include "printf.h"
#include "programs.h"
#include "string.h"

/* kernel.ld: the table embed.S entries make up. */
extern const struct program __user_programs_start[], __user_programs_end[];

const struct program *program_find(const char *name, size_t len)
{
	for (const struct program *p = __user_programs_start; p < __user_programs_end; p++)
		if (strlen(p->name) == len && !memcmp(p->name, name, len))
			return p;
	return NULL;
}

void programs_print(void)
{
	kprintf("programs:");
	for (const struct program *p = __user_programs_start; p < __user_programs_end; p++)
		kprintf(" %s (%lu bytes)", p->name, p->size);
	kprintf("\n");
}
