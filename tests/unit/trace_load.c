/* SPDX-License-Identifier: MIT */
#include "trace_load.h"

#include <CUnit/CUnit.h>
#include <stdio.h>
#include <unistd.h>

json_t *trace_load(const char *path)
{
	json_t *all = json_array(), *rec;
	char line[4096];
	FILE *f = fopen(path, "r");

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	while (fgets(line, sizeof(line), f)) {
		rec = json_loads(line, 0, NULL);
		CU_ASSERT_PTR_NOT_NULL(rec);
		if (rec)
			json_array_append_new(all, rec);
	}
	fclose(f);
	unlink(path);
	return all;
}
