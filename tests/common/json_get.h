/* SPDX-License-Identifier: MIT */
/* Reading one field of a trace record (jansson), for the unit and the
 * integration tests alike. */
#ifndef LDE_TEST_JSON_GET_H
#define LDE_TEST_JSON_GET_H

#include <jansson.h>

/* OBJ's string KEY, or "" when it is missing or not a string. */
static inline const char *jstr(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));

	return s ? s : "";
}

/* OBJ's integer KEY, or -1 when it is missing or not an integer. */
static inline long long jint(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	return json_is_integer(v) ? json_integer_value(v) : -1;
}

#endif
