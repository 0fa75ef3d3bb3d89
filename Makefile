# lde — top-level Makefile.
#
#   make              build ./vmm, ./guest.elf and tools/kvm-check
#   make run          install missing build deps, build, boot the default guest;
#                     the trace goes to build/trace.jsonl, its picture to build/trace.html
#   make test         install missing build deps, build, run every fast test lane
#   make deps         install build dependencies (apt-get, as root)
#   make format       rewrite the C sources in the .clang-format style
#   make format-check fail if any C source is not in that style (make test runs it)
#   make defconfig | menuconfig | olddefconfig | savedefconfig
#   make clean | distclean
#
# With no .config, configs/defconfig is used (as `make defconfig` would).

.DEFAULT_GOAL := all
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules

BUILD    := build
# kconfiglib is Debian's python3-kconfiglib, installed for Debian's python3.
PYTHON   := /usr/bin/python3
KCONF    := $(PYTHON) -m
CONFIG_H := $(BUILD)/include/generated/autoconf.h
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
WARN     := -Wall -Wextra -Werror
CPPFLAGS := -Iinclude -I$(BUILD)/include -include $(CONFIG_H) -MMD -MP

# ---------------------------------------------------------------- host
HOST_CFLAGS  := -std=gnu11 $(WARN) -O2 -g -D_GNU_SOURCE \
		-DLDE_VERSION='"$(VERSION)"'
SAN_CFLAGS   := -fsanitize=address,undefined -fno-sanitize-recover=all \
		-fno-omit-frame-pointer
# Evaluated lazily, at link time: `make deps` may have just installed them.
HOST_LIBS     = $(shell pkg-config --libs libelf 2>/dev/null || echo -lelf) -lm
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

vmm: $(BUILD)/host/main.o $(HOST_OBJS)
	$(call say,LD,$@)
	$(Q)$(CC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LIBS)

# The same vmm with AddressSanitizer and UBSan, run by the integration tests.
$(BUILD)/san/vmm: $(BUILD)/san/host/main.o $(SAN_OBJS)
	$(call say,LD,$@)
	$(Q)$(CC) $(HOST_CFLAGS) $(SAN_CFLAGS) -o $@ $^ $(HOST_LIBS)

# Self-contained on purpose: it must build when it is most needed.
tools/kvm-check: $(BUILD)/tools/kvm-check.o $(BUILD)/host/backend.o
	$(call say,LD,$@)
	$(Q)$(CC) $(HOST_CFLAGS) -o $@ $^

# Host trace pipeline throughput with a synthetic producer (make bench-trace).
tools/trace-bench: $(BUILD)/tools/trace-bench.o $(HOST_OBJS)
	$(call say,LD,$@)
	$(Q)$(CC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LIBS)

# --------------------------------------------------------------- guest
GUEST_DIR    := guest
GUEST_ARCH   := $(GUEST_DIR)/arch/x86_64
GUEST_CFLAGS := -std=gnu11 $(WARN) -O2 -g -ffreestanding -fno-builtin \
		-mno-red-zone -mgeneral-regs-only -fno-pic -fno-pie \
		-fno-stack-protector -fno-asynchronous-unwind-tables \
		-mcmodel=kernel -I$(GUEST_DIR)/include
GUEST_LDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none \
		-Wl,-z,max-page-size=0x1000 -Wl,-z,noexecstack
GUEST_SRCS   := $(wildcard $(GUEST_ARCH)/*.S $(GUEST_ARCH)/*.c \
		$(GUEST_DIR)/kernel/*.c $(GUEST_DIR)/lib/*.c)
GUEST_OBJS   := $(patsubst %,$(BUILD)/%.o,$(basename $(GUEST_SRCS)))
GUEST_LDS    := $(GUEST_ARCH)/kernel.ld

$(BUILD)/$(GUEST_DIR)/%.o: $(GUEST_DIR)/%.c $(CONFIG_H)
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) $(GUEST_CFLAGS) -c $< -o $@
$(BUILD)/$(GUEST_DIR)/%.o: $(GUEST_DIR)/%.S $(CONFIG_H)
	@mkdir -p $(@D)
	$(call say,AS,$@)
	$(Q)$(CC) $(CPPFLAGS) $(GUEST_CFLAGS) -D__ASSEMBLER__ -c $< -o $@

# guest/guest.mk adds the ring-3 programs embedded in the kernel image.
-include guest/guest.mk

guest.elf: $(GUEST_OBJS) $(GUEST_LDS)
	$(call say,LD,$@)
	$(Q)$(CC) $(GUEST_CFLAGS) $(GUEST_LDFLAGS) -Wl,-T,$(GUEST_LDS) \
		-o $@ $(GUEST_OBJS) -lgcc

# Small test guests (tests/guests/NAME.S -> build/tests/guests/NAME.elf),
# each linked at 1 MiB without the PVH note unless its source adds one.
TEST_GUEST_SRCS := $(wildcard tests/guests/*.S)
TEST_GUESTS     := $(TEST_GUEST_SRCS:tests/guests/%.S=$(BUILD)/tests/guests/%.elf)
$(BUILD)/tests/guests/%.elf: tests/guests/%.S $(CONFIG_H)
	@mkdir -p $(@D)
	$(call say,LD,$@)
	$(Q)$(CC) $(CPPFLAGS) -D__ASSEMBLER__ -nostdlib -static -no-pie \
		-Wl,--build-id=none -Wl,-Ttext-segment=0x100000 -Wl,-z,noseparate-code -Wl,-z,noexecstack \
		-o $@ $<

# --------------------------------------------------------------- tests
# tests/common: what the unit and the integration tests both use.
TCOMMON_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(wildcard tests/common/*.c))
UNIT_SRCS  := $(wildcard tests/unit/*.c)
UNIT_OBJS  := $(UNIT_SRCS:%.c=$(BUILD)/%.o) $(TCOMMON_OBJS)
ITEST_SRCS := $(wildcard tests/integration/*.c)
ITEST_OBJS := $(ITEST_SRCS:%.c=$(BUILD)/%.o) $(TCOMMON_OBJS)

# UNIT_EXTRA_OBJS: guest-kernel logic compiled for the host (guest/guest.mk).
$(BUILD)/tests/unit-tests: $(UNIT_OBJS) $(SAN_OBJS) $(UNIT_EXTRA_OBJS)
	$(call say,LD,$@)
	$(Q)$(CC) $(HOST_CFLAGS) $(SAN_CFLAGS) -o $@ $^ $(HOST_LIBS) $(TEST_LIBS)
$(BUILD)/tests/integration-tests: $(ITEST_OBJS)
	$(call say,LD,$@)
	$(Q)$(CC) $(HOST_CFLAGS) $(SAN_CFLAGS) -o $@ $^ $(TEST_LIBS)

TEST_BINS := $(BUILD)/tests/unit-tests $(BUILD)/tests/integration-tests \
	     $(BUILD)/san/vmm $(TEST_GUESTS)

# ------------------------------------------------------------- targets
.PHONY: all deps deps-ensure run test bench-trace test-build test-unit test-integration \
	format format-check \
	defconfig menuconfig olddefconfig savedefconfig clean distclean

all: vmm guest.elf tools/kvm-check

deps:
	@tools/deps install
deps-ensure:
	@tools/deps ensure

run: deps-ensure
	@$(MAKE) --no-print-directory all
	./vmm --trace $(BUILD)/trace.jsonl guest.elf; status=$$?; \
	echo "make run: vmm exited with status $$status;" \
	     "trace: $(BUILD)/trace.jsonl ($$(wc -l < $(BUILD)/trace.jsonl) records)"; \
	tools/trace-view $(BUILD)/trace.jsonl -o $(BUILD)/trace.html && \
	echo "make run: the picture of the run: $(BUILD)/trace.html (open it in a browser)"; \
	exit $$status

test: deps-ensure
	@$(MAKE) --no-print-directory format-check all test-build
	@$(MAKE) --no-print-directory test-unit test-integration test-tools test-browser test-qemu

test-build: $(TEST_BINS)

test-unit: $(BUILD)/tests/unit-tests
	$(BUILD)/tests/unit-tests

# Runs against ./vmm and then against the sanitizer build of the vmm.
test-integration: $(BUILD)/tests/integration-tests vmm guest.elf $(TEST_BINS)
	LDE_VMM=./vmm LDE_GUEST=./guest.elf LDE_TEST_GUESTS=$(BUILD)/tests/guests \
		$(BUILD)/tests/integration-tests
	LDE_VMM=$(BUILD)/san/vmm LDE_GUEST=./guest.elf \
		LDE_TEST_GUESTS=$(BUILD)/tests/guests \
		$(BUILD)/tests/integration-tests

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

bench-trace: tools/trace-bench
	tools/trace-bench 2000000 /dev/null
	tools/trace-bench 2000000 $(BUILD)/bench-trace.jsonl
	@rm -f $(BUILD)/bench-trace.jsonl

# Slow lanes: nested SVM KVM and plain QEMU (docs/lanes.md).
include tests/lanes.mk
# Trace tools (tools/trace-validate, tools/trace-summary, tools/trace-view),
# their tests, the browser tests and the README's picture.
include tests/tools.mk

# ------------------------------------------------------------- Kconfig
.config:
	$(KCONF) defconfig --kconfig Kconfig configs/defconfig

$(CONFIG_H): .config Kconfig
	@mkdir -p $(@D)
	$(KCONF) olddefconfig Kconfig >/dev/null
	$(KCONF) genconfig --header-path $@ Kconfig

defconfig:
	$(KCONF) defconfig --kconfig Kconfig configs/defconfig
menuconfig:
	MENUCONFIG_STYLE=aquatic $(KCONF) menuconfig Kconfig
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
