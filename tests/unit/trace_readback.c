/* SPDX-License-Identifier: MIT */
#include "trace_readback.h"

#include <CUnit/CUnit.h>
#include <unistd.h>

json_t *load_and_remove(const char *path)
{
	json_t *all = trace_load(path);

	unlink(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(all);
	return all;
}
