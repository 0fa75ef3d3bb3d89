# lde — top-level Makefile.
#
#   make              build ./vmm, ./guest.elf and tools/kvm-check
#   make run          install missing build deps, build, boot the default guest;
#                     the trace goes to build/trace.jsonl, its picture to build/trace.html
#   make test         install missing build deps, build, run every fast test lane
#   make deps         install build dependencies (apt-get, as root)
#   make fuzz         run each libFuzzer target FUZZ_SECONDS (default 60)
#   make format       rewrite the C sources in the .clang-format style
#   make format-check fail if any C source is not in that style (make test runs it)
#   make defconfig | menuconfig | olddefconfig | savedefconfig
#   make setconfig SET='HZ=250 ...'  change options without a terminal
#   make clean | distclean
#
# With no .config, configs/defconfig is used (as `make defconfig` would).
#
# This file holds the common settings, the vmm's rules and the top-level
# targets; the rest sit with what they build: guest/guest.mk (the kernel and
# its user programs), tools/tools.mk (host tools, make bench), tests/tests.mk
# (test guests and binaries, test-unit, test-integration), tests/lanes.mk
# (test-svm, test-qemu), tests/tools.mk (test-tools), tests/fuzz/fuzz.mk
# (make fuzz).

.DEFAULT_GOAL := all
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules

BUILD    := build
# kconfiglib is Debian's python3-kconfiglib, installed for Debian's python3.
PYTHON   := /usr/bin/python3
KCONF    := $(PYTHON) -m
CONFIG_H := $(BUILD)/include/generated/autoconf.h
KCONFIG_DIGEST_H := $(BUILD)/include/generated/kconfig_digest.h
VERSION  := $(shell git describe --always --dirty 2>/dev/null || echo 0.1)

CC       ?= gcc
# Short "  CC  file" lines; `make V=1` shows the full commands.
ifeq ($(V),1)
  Q :=
  say = @true
else
  Q := @
  say = @printf '  %-8s %s\n' $(1) $(2)
endif
# -Wpedantic: GNU C, but extensions only where they are spelled __extension__.
WARN     := -Wall -Wextra -Wpedantic -Werror
CPPFLAGS := -Iinclude -I$(BUILD)/include -include $(CONFIG_H) -MMD -MP

# ---------------------------------------------------------------- host
HOST_CFLAGS  := -std=gnu11 $(WARN) -O2 -g -D_GNU_SOURCE \
		-DLDE_VERSION='"$(VERSION)"'
SAN_CFLAGS   := -fsanitize=address,undefined -fno-sanitize-recover=all \
		-fno-omit-frame-pointer
# Evaluated lazily, at link time: `make deps` may have just installed them.
# libseccomp: the sandbox (host/sandbox.c).
HOST_LIBS     = $(shell pkg-config --libs libelf libseccomp 2>/dev/null || echo -lelf -lseccomp) -lm
TEST_LIBS     = $(shell pkg-config --libs cunit jansson 2>/dev/null || \
			echo -lcunit -ljansson)

HOST_SRCS    := $(filter-out host/main.c,$(wildcard host/*.c))
HOST_OBJS    := $(HOST_SRCS:%.c=$(BUILD)/%.o)
SAN_OBJS     := $(HOST_SRCS:%.c=$(BUILD)/san/%.o)

$(BUILD)/host/%.o $(BUILD)/tools/%.o: CFLAGS := $(HOST_CFLAGS)
$(BUILD)/san/%.o $(BUILD)/tests/%.o: CFLAGS := $(HOST_CFLAGS) $(SAN_CFLAGS)

$(BUILD)/%.o: %.c $(CONFIG_H)
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@
$(BUILD)/san/%.o: %.c $(CONFIG_H)
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

# System-call names for the trace, from the system's <asm/unistd_64.h>.
SYSCALL_NAMES_H := $(BUILD)/include/generated/syscall_names.h
$(SYSCALL_NAMES_H):
	@mkdir -p $(@D)
	$(call say,GEN,$@)
	$(Q)echo '#include <asm/unistd_64.h>' | $(CC) -E -dM -x c - | \
		awk '$$1 == "#define" && $$2 ~ /^__NR_/ && $$3 ~ /^[0-9]+$$/ \
			{ printf "\t[%d] = \"%s\",\n", $$3, substr($$2, 6) }' | sort -t[ -k2 -n >$@
# ...and lde's extensions, from the guest's uapi header (the one list of them).
LDE_SYS_H       := guest/include/uapi/lde_sys.h
LDE_SYSCALL_NAMES_H := $(BUILD)/include/generated/lde_syscall_names.h
$(LDE_SYSCALL_NAMES_H): $(LDE_SYS_H)
	@mkdir -p $(@D)
	$(call say,GEN,$@)
	$(Q)awk '$$1 == "#define" && $$2 == "LDE_SYS_BASE" { print "#define LDE_SYS_BASE " $$3 } \
		$$1 == "#define" && $$2 ~ /^LDE_SYS_[a-z]/ && $$3 == "(LDE_SYS_BASE" \
			{ sub(/\)$$/, "", $$5); printf "\t[%d] = \"lde_%s\",\n", $$5, substr($$2, 9) }' \
		$< >$@
$(BUILD)/host/syscall_name.o $(BUILD)/san/host/syscall_name.o $(BUILD)/fuzz/host/syscall_name.o \
	$(BUILD)/fuzzcov/host/syscall_name.o: $(SYSCALL_NAMES_H) \
	$(LDE_SYSCALL_NAMES_H)

vmm: $(BUILD)/host/main.o $(HOST_OBJS)
	$(call say,LD,$@)
	$(Q)$(CC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LIBS)

# The same vmm with AddressSanitizer and UBSan, run by the integration tests.
$(BUILD)/san/vmm: $(BUILD)/san/host/main.o $(SAN_OBJS)
	$(call say,LD,$@)
	$(Q)$(CC) $(HOST_CFLAGS) $(SAN_CFLAGS) -o $@ $^ $(HOST_LIBS)

# ------------------------------------------------- guest, tools, tests
# Each with the rules of what it builds.
include guest/guest.mk
include tools/tools.mk
include tests/tests.mk

# ------------------------------------------------------------- targets
.PHONY: all deps deps-ensure run test format format-check \
	defconfig menuconfig setconfig olddefconfig savedefconfig clean distclean

all: vmm guest.elf tools/kvm-check

deps:
	@tools/deps install
deps-ensure:
	@tools/deps ensure

# The boot log, then where the trace is and what to read next.
run: deps-ensure
	@$(MAKE) --no-print-directory all
	@echo "make run: ./vmm --trace $(BUILD)/trace.jsonl guest.elf"
	@./vmm --trace $(BUILD)/trace.jsonl guest.elf; status=$$?; \
	echo "make run: vmm exited with status $$status;" \
	     "trace: $(BUILD)/trace.jsonl ($$(wc -l < $(BUILD)/trace.jsonl) records)"; \
	echo "next: tools/trace-summary $(BUILD)/trace.jsonl (exits, traps, system calls, tasks);" \
	     "docs/guest-kernel.md explains the boot log, docs/trace.md every record"; \
	tools/trace-view $(BUILD)/trace.jsonl -o $(BUILD)/trace.html && \
	echo "make run: the picture of the run: $(BUILD)/trace.html (open it in a browser)"; \
	exit $$status

test: deps-ensure
	@$(MAKE) --no-print-directory format-check all test-build
	@$(MAKE) --no-print-directory test-unit test-integration test-tools test-browser test-qemu

# The C style (.clang-format, the Linux kernel's with 100 columns).  The
# reference formatter is Debian 12's clang-format 14.
CLANG_FORMAT ?= clang-format
# tests/guests/guest_macros.h is assembler macros, not C.
FORMAT_SRCS   = $(filter-out tests/guests/guest_macros.h,$(shell git ls-files '*.c' '*.h' 2>/dev/null))
format:
	$(CLANG_FORMAT) -i $(FORMAT_SRCS)
format-check:
	@$(CLANG_FORMAT) --dry-run --Werror $(FORMAT_SRCS) || \
	{ echo "format-check: the files above are not in the .clang-format style; run 'make format'" >&2; exit 1; }
	@echo "format-check: $(words $(FORMAT_SRCS)) C files in the .clang-format style"

# Slow lanes: nested SVM KVM and plain QEMU (docs/lanes.md).
include tests/lanes.mk
# Trace tools (tools/trace-validate, tools/trace-summary, tools/trace-view),
# their tests, the browser tests and the README's picture.
include tests/tools.mk
# libFuzzer harnesses: make fuzz, fuzz-build, fuzz-cov.
include tests/fuzz/fuzz.mk

# ------------------------------------------------------------- Kconfig
.config:
	$(KCONF) defconfig --kconfig Kconfig configs/defconfig

$(CONFIG_H): .config Kconfig
	@mkdir -p $(@D)
	$(KCONF) olddefconfig Kconfig >/dev/null
	$(KCONF) genconfig --header-path $@ Kconfig

# The kernel's ELF note names its configuration by this digest: the first
# 16 hex digits of the SHA-256 of autoconf.h (include/lde/abi.h section 8).
$(KCONFIG_DIGEST_H): $(CONFIG_H)
	$(call say,GEN,$@)
	$(Q)printf '#define LDE_KCONFIG_DIGEST "%s"\n' \
		"$$(sha256sum $< | cut -c1-16)" >$@

defconfig:
	$(KCONF) defconfig --kconfig Kconfig configs/defconfig
# menuconfig is a full-screen terminal program: without a terminal, say
# what works instead rather than end in a Python traceback.
menuconfig:
	@if [ -t 0 ] && [ -t 1 ]; then MENUCONFIG_STYLE=aquatic $(KCONF) menuconfig Kconfig; \
	else echo "make menuconfig: needs an interactive terminal; without one, run" \
		"make setconfig SET='NAME=value ...', or edit .config and run" \
		"make olddefconfig (docs/kconfig.md)" >&2; exit 1; fi
# Non-interactive: make setconfig SET='HZ=250 SCHED_SLICE_TICKS=4' (names
# without CONFIG_; an unknown name or a bad value is an error).
setconfig: .config
	@if [ -z "$(SET)" ]; then echo "usage: make setconfig SET='NAME=value ...'" \
		"(e.g. SET='HZ=250'; names without CONFIG_)" >&2; exit 2; fi
	$(KCONF) setconfig --kconfig Kconfig $(SET)
olddefconfig:
	$(KCONF) olddefconfig Kconfig
savedefconfig: .config
	$(KCONF) savedefconfig --kconfig Kconfig --out defconfig
	@echo "wrote ./defconfig (copy it to configs/defconfig to make it the default)"

clean:
	rm -rf $(BUILD) vmm guest.elf tools/kvm-check
distclean: clean
	rm -f .config .config.old defconfig

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
