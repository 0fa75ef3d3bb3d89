/* SPDX-License-Identifier: MIT */
/* Every unit-test suite; tests/unit/main.c registers each of them. */
#ifndef LDE_TEST_SUITES_H
#define LDE_TEST_SUITES_H

#include <CUnit/CUnit.h>

/* Each adds one CUnit suite (and its tests); returns 0 or a CUnit error. */
int suite_guest_mem(void); /* test_guest_mem.c */
int suite_elf_load(void);  /* test_elf_load.c */
int suite_cli(void);       /* test_cli.c */
int suite_json(void);      /* test_json.c */
int suite_kvm_exit_events(void); /* test_kvm_exit_events.c */
int suite_kernel_queues(void), suite_kernel_vm(void), suite_kernel_elf(void); /* test_kernel_*.c */

#endif
