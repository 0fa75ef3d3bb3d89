/* SPDX-License-Identifier: MIT */
#include "trace_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (f) {
		do {
			if (len + 4096 + 1 > cap) {
				cap = cap ? 2 * cap : 65536;
				buf = realloc(buf, cap);
				if (!buf)
					abort();
			}
			n = fread(buf + len, 1, cap - len - 1, f);
			len += n;
		} while (n > 0);
		fclose(f);
	}
	if (!buf)
		buf = malloc(1);
	buf[len] = '\0';
	return buf;
}

static json_t *load_line(const char *line, long lineno, const char *path)
{
	json_error_t e;
	json_t *rec = json_loads(line, 0, &e);

	if (!rec) {
		fprintf(stderr, "\n  %s:%ld: invalid JSON: %s\n", path, lineno, e.text);
		return NULL;
	}
	if (!json_is_object(rec)) {
		fprintf(stderr, "\n  %s:%ld: not a JSON object\n", path, lineno);
		json_decref(rec);
		return NULL;
	}
	return rec;
}

json_t *trace_load(const char *path)
{
	char *text = slurp(path), *save = NULL;
	json_t *all = json_array();
	long lineno = 0;
	size_t len = strlen(text);

	if (len == 0 || text[len - 1] != '\n') {
		fprintf(stderr, "\n  %s: empty, or last line not terminated\n", path);
		goto fail;
	}
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		json_t *rec = load_line(line, ++lineno, path);

		if (!rec)
			goto fail;
		json_array_append_new(all, rec);
		if (jint(rec, "seq") != lineno - 1) {
			fprintf(stderr, "\n  %s:%ld: seq %lld, expected %ld\n", path, lineno,
			        jint(rec, "seq"), lineno - 1);
			goto fail;
		}
	}
	free(text);
	return all;
fail:
	free(text);
	json_decref(all);
	return NULL;
}
