/* SPDX-License-Identifier: MIT */
/* The integration suites; each stores its CUnit suite in *OUT if non-NULL. */
#ifndef LDE_ITESTS_H
#define LDE_ITESTS_H

#include <CUnit/CUnit.h>

int suite_invocation(CU_pSuite *out); /* test_invocation.c: no KVM needed */
int suite_boot(CU_pSuite *out);       /* test_boot.c: needs /dev/kvm */
int suite_crash(CU_pSuite *out);      /* test_crash.c: needs /dev/kvm */
int suite_kvm_exits(CU_pSuite *out);  /* test_kvm_exits.c: needs /dev/kvm */
int suite_lde(CU_pSuite *out);        /* test_lde.c: needs /dev/kvm */
int suite_programs(CU_pSuite *out);   /* test_programs.c: needs /dev/kvm */
int suite_process(CU_pSuite *out);    /* test_process.c: needs /dev/kvm */
int suite_fork_modes(CU_pSuite *out); /* test_fork_modes.c: needs /dev/kvm */
int suite_devices(CU_pSuite *out);    /* test_devices.c: needs /dev/kvm */
int suite_sandbox(CU_pSuite *out);    /* test_sandbox.c: needs /dev/kvm */
int suite_hostile(CU_pSuite *out);    /* test_hostile.c: needs /dev/kvm */
int suite_console(CU_pSuite *out);    /* test_console.c: needs /dev/kvm */
int suite_terminal(CU_pSuite *out);   /* test_terminal.c: needs /dev/kvm */
int suite_fs(CU_pSuite *out);         /* test_fs.c: needs /dev/kvm */
int suite_initrd(CU_pSuite *out);     /* test_initrd.c: needs /dev/kvm */

/* Add TESTS (name, function pairs ending in NULL) to a new suite NAME. */
struct itest {
	const char *name;
	CU_TestFunc fn;
};
int itest_add_suite(const char *name, const struct itest *tests, CU_pSuite *out);

#endif
