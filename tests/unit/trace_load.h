/* SPDX-License-Identifier: MIT */
/* The unit tests' way to read back a trace they wrote. */
#ifndef LDE_TEST_UNIT_TRACE_LOAD_H
#define LDE_TEST_UNIT_TRACE_LOAD_H

#include "../common/trace_load.h"

/* trace_load(PATH), which must succeed (a fatal CUnit assertion); the
 * file is removed. */
json_t *load_and_remove(const char *path);

#endif
