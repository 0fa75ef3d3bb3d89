/* SPDX-License-Identifier: MIT */
/* Reading back, with jansson, the JSONL traces the unit tests write. */
#ifndef LDE_TEST_TRACE_LOAD_H
#define LDE_TEST_TRACE_LOAD_H

#include <jansson.h>

#include "../common/json_get.h"

/* Every line of the JSONL file at PATH as one array (each line must parse:
 * a CUnit assertion); the file is removed. */
json_t *trace_load(const char *path);

#endif
