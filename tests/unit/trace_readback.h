/* SPDX-License-Identifier: MIT */
/* The unit tests' way to read back a trace they wrote (on top of
 * tests/common/trace_load.h, shared with the integration tests). */
#ifndef LDE_TEST_UNIT_TRACE_READBACK_H
#define LDE_TEST_UNIT_TRACE_READBACK_H

#include "../common/trace_load.h"

/* trace_load(PATH), which must succeed (a fatal CUnit assertion); the
 * file is removed. */
json_t *load_and_remove(const char *path);

#endif
