# tests/tools.mk — tests of the trace tools (tools/trace-validate,
# tools/trace-summary, docs/trace.schema.json).  Included from the
# top-level Makefile; also works on its own next to it:
#   make -f Makefile -f tests/tools.mk test-tools
#
#   make test-tools   pytest tests/tools with Debian's python3 (needs
#                     python3-pytest and python3-jsonschema)
#
# The tests that run the real vmm skip when /dev/kvm cannot run a VM,
# except with CI=true, where that fails.  The rest need no KVM.

.PHONY: test-tools

# Guard: `make -f Makefile -f tests/tools.mk` must not define it twice.
ifndef LDE_TOOLS_MK
LDE_TOOLS_MK := 1

test-tools: all $(TEST_GUESTS)
	LDE_VMM=./vmm LDE_GUEST=./guest.elf LDE_TEST_GUESTS=$(BUILD)/tests/guests \
		LDE_CC="$(CC)" PYTHONDONTWRITEBYTECODE=1 \
		/usr/bin/python3 -m pytest tests/tools

endif
