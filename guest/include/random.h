/* SPDX-License-Identifier: MIT */
/*
 * Random bytes for AT_RANDOM and getrandom(): RDRAND when the CPU has it,
 * mixed with the TSC through a xorshift generator.  Not for cryptography:
 * a guest has no entropy of its own to speak of.
 */
#ifndef LDE_GUEST_RANDOM_H
#define LDE_GUEST_RANDOM_H

#include <stddef.h>

void random_bytes(void *buf, size_t n);

#endif
