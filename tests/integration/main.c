/* SPDX-License-Identifier: MIT */
/*
 * Integration-test runner.  Suites that need /dev/kvm are skipped, with the
 * reason printed, when it cannot be opened — unless CI=true, where a missing
 * /dev/kvm fails the run: CI must prove the vmm works, not skip it.
 */
#include <CUnit/Basic.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "itests.h"

int itest_add_suite(const char *name, const struct itest *tests, CU_pSuite *out)
{
	CU_pSuite s = CU_add_suite(name, NULL, NULL);

	if (!s)
		return CU_get_error();
	for (const struct itest *t = tests; t->name; t++)
		if (!CU_add_test(s, t->name, t->fn))
			return CU_get_error();
	if (out)
		*out = s;
	return CUE_SUCCESS;
}

/* NULL when /dev/kvm can be opened read-write, else why not. */
static const char *kvm_unusable(void)
{
	int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return strerror(errno);
	close(fd);
	return NULL;
}

static int add_suites(int *kvm_missing_in_ci)
{
	const char *why = kvm_unusable();
	const char *ci = getenv("CI");
	bool in_ci = ci && strcmp(ci, "true") == 0;
	CU_pSuite kvm_suites[16];
	int n = 0;

	if (suite_invocation(NULL) != CUE_SUCCESS)
		return -1;
	if (suite_boot(&kvm_suites[n++]) != CUE_SUCCESS ||
	    suite_crash(&kvm_suites[n++]) != CUE_SUCCESS ||
	    suite_kvm_exits(&kvm_suites[n++]) != CUE_SUCCESS ||
	    suite_lde(&kvm_suites[n++]) != CUE_SUCCESS ||
	    suite_programs(&kvm_suites[n++]) != CUE_SUCCESS ||
	    suite_process(&kvm_suites[n++]) != CUE_SUCCESS ||
	    suite_fork_modes(&kvm_suites[n++]) != CUE_SUCCESS ||
	    suite_devices(&kvm_suites[n++]) != CUE_SUCCESS ||
	    suite_sandbox(&kvm_suites[n++]) != CUE_SUCCESS ||
	    suite_hostile(&kvm_suites[n++]) != CUE_SUCCESS ||
	    suite_console(&kvm_suites[n++]) != CUE_SUCCESS ||
	    suite_terminal(&kvm_suites[n++]) != CUE_SUCCESS ||
	    suite_fs(&kvm_suites[n++]) != CUE_SUCCESS ||
	    suite_initrd(&kvm_suites[n++]) != CUE_SUCCESS)
		return -1;
	if (!why)
		return 0;
	if (in_ci) {
		fprintf(stderr,
		        "integration-tests: FAIL: /dev/kvm: %s, and CI=true: "
		        "the KVM tests must run in CI (see tools/kvm-check)\n",
		        why);
		*kvm_missing_in_ci = 1;
	}
	for (int i = 0; i < n; i++) {
		printf("SKIP suite '%s': /dev/kvm: %s\n", kvm_suites[i]->pName, why);
		CU_set_suite_active(kvm_suites[i], CU_FALSE);
	}
	return 0;
}

/* LDE_ITEST_SUITE=NAME (while developing): only the suite called NAME runs. */
static void only_suite(const char *name)
{
	if (!name || !*name)
		return;
	for (CU_pSuite s = CU_get_registry()->pSuite; s; s = s->pNext)
		if (strcmp(s->pName, name))
			CU_set_suite_active(s, CU_FALSE);
}

int main(void)
{
	int kvm_missing_in_ci = 0;
	unsigned failed;

	printf("integration-tests: vmm %s, guest %s\n", itest_vmm(), itest_guest());
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	if (add_suites(&kvm_missing_in_ci) < 0) {
		fprintf(stderr, "integration-tests: %s\n", CU_get_error_msg());
		CU_cleanup_registry();
		return 2;
	}
	only_suite(getenv("LDE_ITEST_SUITE"));
	CU_set_fail_on_inactive(CU_FALSE);
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_suites_failed();
	CU_cleanup_registry();
	return failed || kvm_missing_in_ci ? 1 : 0;
}
