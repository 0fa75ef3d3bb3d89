/* SPDX-License-Identifier: MIT */
/* Names of KVM exit reasons (KVM_EXIT_*), as written to the trace. */
#ifndef LDE_EXIT_REASON_H
#define LDE_EXIT_REASON_H

#include <stdint.h>

#define EXIT_REASON_COUNT 38 /* KVM_EXIT_UNKNOWN (0) .. KVM_EXIT_NOTIFY (37) */

/* "IO", "MMIO", "SHUTDOWN", ...; "UNRECOGNISED" past the table. */
const char *exit_reason_name(uint32_t reason);

/* Names of KVM_INTERNAL_ERROR_* suberrors; "UNRECOGNISED" otherwise. */
const char *internal_error_name(uint32_t suberror);

#endif
