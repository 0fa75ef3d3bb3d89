/* SPDX-License-Identifier: MIT */
/* Unit-test runner: registers every suite and runs them with CUnit. */
#include <CUnit/Basic.h>
#include <stdio.h>

#include "suites.h"

int add_suite(const char *name, CU_InitializeFunc init, CU_CleanupFunc clean, CU_SetUpFunc setup,
              CU_TearDownFunc teardown, const struct unit_test *tests, size_t n)
{
	CU_pSuite s = CU_add_suite_with_setup_and_teardown(name, init, clean, setup, teardown);

	if (!s)
		return CU_get_error();
	for (size_t i = 0; i < n; i++)
		if (!CU_add_test(s, tests[i].name, tests[i].fn))
			return CU_get_error();
	return CUE_SUCCESS;
}

int main(void)
{
	int (*const suites[])(void) = {
		suite_guest_mem,     suite_boot,          suite_elf_load,
		suite_cli,           suite_json,          suite_kvm_exit_events,
		suite_trace_ring,    suite_sandbox,       suite_watchdog,
		suite_kernel_queues, suite_kernel_vm,     suite_kernel_elf,
		suite_kernel_mm,     suite_kernel_ustack, suite_kernel_argv,
		suite_kernel_cpio,   suite_kernel_ldisc,  suite_uart,
		suite_kernel_vfs,
	};
	unsigned failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	for (size_t i = 0; i < sizeof(suites) / sizeof(suites[0]); i++)
		if (suites[i]() != CUE_SUCCESS) {
			fprintf(stderr, "unit-tests: %s\n", CU_get_error_msg());
			CU_cleanup_registry();
			return 2;
		}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_suites_failed();
	CU_cleanup_registry();
	return failed ? 1 : 0;
}
