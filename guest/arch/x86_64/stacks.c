// SPDX-License-Identifier: MIT
/* The kernel's stacks (see stacks.h), in the uncleared .kstacks section. */
#include "stacks.h"

#define KSTACKS __attribute__((section(".kstacks")))

kstack_t task_stacks[CONFIG_MAX_TASKS] KSTACKS;
ist_stack_t ist_stacks[3] KSTACKS;
