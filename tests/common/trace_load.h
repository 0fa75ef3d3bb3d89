/* SPDX-License-Identifier: MIT */
/* Reading back, with jansson, the files the vmm writes: for the unit and
 * the integration tests alike. */
#ifndef LDE_TEST_TRACE_LOAD_H
#define LDE_TEST_TRACE_LOAD_H

#include <jansson.h>

#include "json_get.h"

/* The whole file at PATH, NUL-terminated ("" if it cannot be read); free it. */
char *slurp(const char *path);

/*
 * Load a JSON Lines trace: every line must parse as a JSON object and the
 * "seq" fields must count 0, 1, 2, ... .  Returns an array of the records,
 * or NULL after printing what is wrong (line number and jansson's message).
 */
json_t *trace_load(const char *path);

#endif
