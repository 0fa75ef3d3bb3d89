# tests/tools.mk — tests of the trace tools (tools/trace-validate,
# tools/trace-summary, tools/trace-view, docs/trace.schema.json) and a
# smoke run of tools/bench-process.  Included
# from the top-level Makefile; also works on its own next to it:
#   make -f Makefile -f tests/tools.mk test-tools
#
#   make test-tools    pytest tests/tools with Debian's python3 (needs
#                      python3-pytest and python3-jsonschema)
#   make test-browser  node --test tests/browser: trace-view's page and SVG of
#                      a real run in Debian's headless Chromium (tools/deps
#                      installs it and the npm packages); screenshots in
#                      build/browser/
#   make picture       docs/run.svg, the README's picture, from a real run
#   make bench-view    not a test: the page of a 100,000-system-call real run in
#                      headless Chromium, its load and frame times
#
# The tests that run the real vmm skip when /dev/kvm cannot run a VM, and
# the browser tests when Chromium or the npm packages are missing, except
# with CI=true, where that fails.  The rest need no KVM.

.PHONY: test-tools test-browser picture bench-view

# Guard: `make -f Makefile -f tests/tools.mk` must not define it twice.
ifndef LDE_TOOLS_MK
LDE_TOOLS_MK := 1

test-tools: all $(TEST_GUESTS) $(if $(HAVE_MUSL_CC),$(BENCH_PROCESS_PROGS))
	LDE_VMM=./vmm LDE_GUEST=./guest.elf LDE_TEST_GUESTS=$(BUILD)/tests/guests \
		LDE_CC="$(CC)" PYTHONDONTWRITEBYTECODE=1 \
		/usr/bin/python3 -m pytest tests/tools

BROWSER_TESTS := $(sort $(wildcard tests/browser/*.test.mjs))
test-browser: all
	LDE_VMM=./vmm LDE_GUEST=./guest.elf node --test $(BROWSER_TESTS)

bench-view: all
	node tests/browser/bench-view.mjs

# The README's picture: the default demos, drawn from a real trace.
picture: all
	@mkdir -p $(BUILD)
	./vmm --quiet --trace $(BUILD)/picture.jsonl guest.elf
	tools/trace-view $(BUILD)/picture.jsonl -o docs/run.svg
	@echo "picture: docs/run.svg from $(BUILD)/picture.jsonl"

endif
