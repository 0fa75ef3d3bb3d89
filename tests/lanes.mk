# tests/lanes.mk — the slower test lanes (docs/lanes.md).  Included from
# the top-level Makefile; also works on its own next to it:
#   make -f Makefile -f tests/lanes.mk test-svm
#
#   make test-svm    integration tests on real SVM KVM, nested under QEMU TCG
#   make test-svm-stress  the runs that hung on nested SVM, STRESS_RUNS times
#                    (default 200) in one VM boot (docs/lanes.md)
#   make test-qemu   the guest under plain QEMU (microvm, TCG) vs under ./vmm
#
# Both print "SKIP test-...: <reason>" and succeed when QEMU (or, for
# test-svm, the Debian kernel package) is not available, except with
# CI=true, where that fails.

.PHONY: test-svm test-svm-stress test-qemu

# Guard: the Makefile includes this file, and `make -f Makefile -f
# tests/lanes.mk` must not define the recipes twice.
ifndef LDE_LANES_MK
LDE_LANES_MK := 1

test-svm: all $(BUILD)/tests/integration-tests $(TEST_GUESTS)
	tests/svm/run

STRESS_RUNS ?= 200
test-svm-stress: all $(BUILD)/tests/integration-tests $(TEST_GUESTS)
	LDE_SVM_STRESS=$(STRESS_RUNS) tests/svm/run

test-qemu: all
	tests/qemu/run

endif
