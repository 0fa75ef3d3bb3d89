# tests/tests.mk: the test binaries and test guests, and the fast lanes
# that run them.  Included by the top-level Makefile.
#
#   make test-build        build everything below
#   make test-unit         CUnit unit tests (ASan+UBSan): host code and the
#                          kernel's pure-logic files compiled for the host
#   make test-integration  the real ./vmm on the real /dev/kvm, then the
#                          ASan+UBSan build of the vmm

.PHONY: test-build test-unit test-integration

# ----------------------------------------------------------- test guests
# Small test guests (tests/guests/NAME.S -> build/tests/guests/NAME.elf),
# each linked at 1 MiB without the PVH note unless its source adds one.
TEST_GUEST_SRCS := $(wildcard tests/guests/*.S)
TEST_GUESTS     := $(TEST_GUEST_SRCS:tests/guests/%.S=$(BUILD)/tests/guests/%.elf)
$(BUILD)/tests/guests/%.elf: tests/guests/%.S $(CONFIG_H)
	@mkdir -p $(@D)
	$(call say,LD,$@)
	$(Q)$(CC) $(CPPFLAGS) -D__ASSEMBLER__ -nostdlib -static -no-pie \
		-Wl,--build-id=none -Wl,-Ttext-segment=0x100000 -Wl,-z,noseparate-code -Wl,-z,noexecstack \
		$(GUEST_LDFLAGS_$*) -o $@ $<
# A guest's own link options, if any: high-segment has a segment above 4 GiB,
# top-segment one that ends at 16 MiB.
GUEST_LDFLAGS_high-segment := -Wl,--section-start=.high=0x100001000
GUEST_LDFLAGS_top-segment  := -Wl,--section-start=.top=0xff0000

# ...and tests/guests/NAME.c, built with the flags a user's first kernel
# has on Ubuntu (-fcf-protection adds an 8-byte aligned .note.gnu.property).
TEST_GUEST_CSRCS := $(wildcard tests/guests/*.c)
TEST_GUESTS      += $(TEST_GUEST_CSRCS:tests/guests/%.c=$(BUILD)/tests/guests/%.elf)
$(BUILD)/tests/guests/%.elf: tests/guests/%.c $(CONFIG_H)
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) -std=gnu11 $(WARN) -O2 -ffreestanding -nostdlib -static -no-pie \
		-fcf-protection=full -Wl,-Ttext=0x200000 -Wl,-z,noexecstack -o $@ $<

# ------------------------------------------- kernel logic for unit tests
# No inline assembly in these; -iquote makes "string.h" the kernel's
# declarations while <string.h> stays the C library's.
GUEST_UNIT_SRCS := kalloc vm mm uaccess elf runq sleepq argv ustack ldisc cpio kheap vfs tmpfs
UNIT_EXTRA_OBJS += $(GUEST_UNIT_SRCS:%=$(BUILD)/unit/guest/kernel/%.o)

# The kernel's tests (tests/unit/test_kernel_*.c) see its headers; one of
# them loads the real programs, built first.
$(BUILD)/tests/unit/test_kernel_%.o: CPPFLAGS += -iquote $(GUEST_DIR)/include \
	-iquote $(GUEST_ARCH)/include
$(BUILD)/tests/unit-tests: | $(USER_PROGS:%=$(USER_BUILD)/stripped/%.elf)

$(BUILD)/unit/guest/kernel/%.o: $(GUEST_DIR)/kernel/%.c $(CONFIG_H)
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) -iquote $(GUEST_DIR)/include -iquote $(GUEST_ARCH)/include \
		$(HOST_CFLAGS) $(SAN_CFLAGS) -c $< -o $@

# ---------------------------------------------------------- test binaries
# tests/common: what the unit and the integration tests both use.
TCOMMON_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(wildcard tests/common/*.c))
UNIT_SRCS  := $(wildcard tests/unit/*.c)
UNIT_OBJS  := $(UNIT_SRCS:%.c=$(BUILD)/%.o) $(TCOMMON_OBJS)
ITEST_SRCS := $(wildcard tests/integration/*.c)
ITEST_OBJS := $(ITEST_SRCS:%.c=$(BUILD)/%.o) $(TCOMMON_OBJS)

# UNIT_EXTRA_OBJS: guest-kernel logic compiled for the host (above).
$(BUILD)/tests/unit-tests: $(UNIT_OBJS) $(SAN_OBJS) $(UNIT_EXTRA_OBJS)
	$(call say,LD,$@)
	$(Q)$(CC) $(HOST_CFLAGS) $(SAN_CFLAGS) -o $@ $^ $(HOST_LIBS) $(TEST_LIBS)
# test_boot.c checks the boot record's config against the kernel's digest.
$(BUILD)/tests/integration/test_boot.o: $(KCONFIG_DIGEST_H)
$(BUILD)/tests/integration-tests: $(ITEST_OBJS)
	$(call say,LD,$@)
	$(Q)$(CC) $(HOST_CFLAGS) $(SAN_CFLAGS) -o $@ $^ $(TEST_LIBS)

TEST_BINS := $(BUILD)/tests/unit-tests $(BUILD)/tests/integration-tests \
	     $(BUILD)/san/vmm $(TEST_GUESTS)
# Static Linux programs of our own, for the user-program tests.
include tests/programs/programs.mk

test-build: $(TEST_BINS)

test-unit: $(BUILD)/tests/unit-tests
	$(BUILD)/tests/unit-tests

# Runs against ./vmm and then against the sanitizer build of the vmm.  With
# busybox-static, the root file system of `make root` too.
TEST_ROOT := $(if $(wildcard /bin/busybox),$(BUILD)/root.cpio)
test-integration: $(BUILD)/tests/integration-tests vmm guest.elf $(TEST_BINS) $(TEST_ROOT)
	LDE_VMM=./vmm LDE_GUEST=./guest.elf LDE_TEST_GUESTS=$(BUILD)/tests/guests \
		LDE_TEST_PROGRAMS=$(BUILD)/tests/programs LDE_TEST_ROOT=$(TEST_ROOT) \
		$(BUILD)/tests/integration-tests
	LDE_VMM=$(BUILD)/san/vmm LDE_GUEST=./guest.elf \
		LDE_TEST_GUESTS=$(BUILD)/tests/guests \
		LDE_TEST_PROGRAMS=$(BUILD)/tests/programs LDE_TEST_ROOT=$(TEST_ROOT) \
		$(BUILD)/tests/integration-tests
