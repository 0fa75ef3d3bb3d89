/* SPDX-License-Identifier: MIT */
/* Every unit-test suite; tests/unit/main.c registers each of them. */
#ifndef LDE_TEST_SUITES_H
#define LDE_TEST_SUITES_H

#include <CUnit/CUnit.h>
#include <stddef.h>

/* One test of a suite: its name in the report and its function. */
struct unit_test {
	const char *name;
	CU_TestFunc fn;
};

/* Register suite NAME (init/clean per suite, setup/teardown per test, any
 * may be NULL) with its N TESTS; returns CUE_SUCCESS or CUnit's error. */
int add_suite(const char *name, CU_InitializeFunc init, CU_CleanupFunc clean, CU_SetUpFunc setup,
              CU_TearDownFunc teardown, const struct unit_test *tests, size_t n);

/* Each adds one CUnit suite (and its tests); returns 0 or a CUnit error. */
int suite_guest_mem(void);       /* test_guest_mem.c */
int suite_boot(void);            /* test_boot.c */
int suite_elf_load(void);        /* test_elf_load.c */
int suite_cli(void);             /* test_cli.c */
int suite_json(void);            /* test_json.c */
int suite_kvm_exit_events(void); /* test_kvm_exit_events.c */
int suite_trace_ring(void);      /* test_trace_ring.c */
int suite_sandbox(void);         /* test_sandbox.c */
int suite_watchdog(void);        /* test_watchdog.c */
int suite_uart(void);            /* test_uart.c */
int suite_kernel_queues(void), suite_kernel_vm(void), suite_kernel_elf(void); /* test_kernel_*.c */
int suite_kernel_mm(void), suite_kernel_ustack(void), suite_kernel_argv(void);
int suite_kernel_cpio(void); /* test_kernel_cpio.c */
int suite_kernel_ldisc(void);
int suite_kernel_vfs(void); /* test_kernel_vfs.c */

#endif
