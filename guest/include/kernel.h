/* SPDX-License-Identifier: MIT */
/* Small compiler helpers shared by the whole guest kernel. */
#ifndef LDE_GUEST_KERNEL_H
#define LDE_GUEST_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define noreturn _Noreturn
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define unreachable() __builtin_unreachable()
#define printf_like(fmt, args) __attribute__((format(printf, fmt, args)))

#endif
