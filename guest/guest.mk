# guest/guest.mk: the guest kernel's extra build rules, included by the
# top-level Makefile just before the guest.elf rule.
#
#   1. User programs: guest/user/programs/NAME.c + the user library ->
#      build/guest/user/bin/NAME.elf, a standalone ELF executable, which
#      guest/user/embed.S puts (stripped) into guest.elf (GUEST_OBJS).  Adding a
#      program is adding a .c file there.
#   2. The kernel's pure-logic files compiled for the host, with the
#      sanitizers, for the CUnit unit tests (UNIT_EXTRA_OBJS).
#   3. `make bench`: guest-kernel path lengths (tools/bench).

# --------------------------------------------------------- user programs
USER_DIR   := $(GUEST_DIR)/user
USER_BUILD := $(BUILD)/$(USER_DIR)
USER_PROGS := $(sort $(basename $(notdir $(wildcard $(USER_DIR)/programs/*.c))))

# Like the kernel's flags, but position-independent code: programs are
# linked at LDE_USER_BASE (512 GiB), out of reach of 32-bit absolute
# addresses.  -mgeneral-regs-only: the kernel does not save SSE state.
USER_CFLAGS   := -std=gnu11 $(WARN) -O2 -g -ffreestanding -fno-builtin \
		 -mgeneral-regs-only -fpie -fno-stack-protector \
		 -fno-asynchronous-unwind-tables -ffunction-sections \
		 -fdata-sections
USER_CPPFLAGS := -I$(USER_DIR)/include -I$(GUEST_DIR)/include/uapi -MMD -MP
USER_LDFLAGS  := -nostdlib -static -no-pie -Wl,--build-id=none \
		 -Wl,-z,max-page-size=0x1000 -Wl,-z,noexecstack \
		 -Wl,--gc-sections -Wl,-T,$(USER_DIR)/user.ld
# The user library; printf.c and string.c are the kernel's own, rebuilt.
USER_LIB_OBJS := $(addprefix $(USER_BUILD)/lib/,crt0.o syscall.o stdio.o) \
		 $(addprefix $(USER_BUILD)/klib/,printf.o string.o)

$(USER_BUILD)/lib/%.o: $(USER_DIR)/lib/%.c
	@mkdir -p $(@D)
	$(call say,UCC,$@)
	$(Q)$(CC) $(USER_CPPFLAGS) $(USER_CFLAGS) -c $< -o $@
$(USER_BUILD)/lib/%.o: $(USER_DIR)/lib/%.S
	@mkdir -p $(@D)
	$(call say,UAS,$@)
	$(Q)$(CC) $(USER_CPPFLAGS) $(USER_CFLAGS) -D__ASSEMBLER__ -c $< -o $@
$(USER_BUILD)/klib/%.o: $(GUEST_DIR)/lib/%.c
	@mkdir -p $(@D)
	$(call say,UCC,$@)
	$(Q)$(CC) $(USER_CPPFLAGS) -iquote $(GUEST_DIR)/include $(USER_CFLAGS) \
		-c $< -o $@
$(USER_BUILD)/programs/%.o: $(USER_DIR)/programs/%.c
	@mkdir -p $(@D)
	$(call say,UCC,$@)
	$(Q)$(CC) $(USER_CPPFLAGS) $(USER_CFLAGS) -c $< -o $@
$(USER_BUILD)/bin/%.elf: $(USER_BUILD)/programs/%.o $(USER_LIB_OBJS) \
			 $(USER_DIR)/user.ld
	@mkdir -p $(@D)
	$(call say,ULD,$@)
	$(Q)$(CC) $(USER_CFLAGS) $(USER_LDFLAGS) -o $@ $< $(USER_LIB_OBJS) -lgcc
# The kernel gets the program without symbols and debug information
# (bin/NAME.elf keeps them, for gdb and objdump).
$(USER_BUILD)/stripped/%.elf: $(USER_BUILD)/bin/%.elf
	@mkdir -p $(@D)
	$(call say,STRIP,$@)
	$(Q)objcopy --strip-all $< $@
$(USER_BUILD)/embed/%.o: $(USER_DIR)/embed.S $(USER_BUILD)/stripped/%.elf
	@mkdir -p $(@D)
	$(call say,EMBED,$@)
	$(Q)$(CC) -DPROGRAM_NAME='"$*"' \
		-DPROGRAM_FILE='"$(USER_BUILD)/stripped/$*.elf"' -c $< -o $@

# Keep the objects and executables (make would delete them as intermediate).
.SECONDARY: $(USER_LIB_OBJS) $(USER_PROGS:%=$(USER_BUILD)/programs/%.o) \
	    $(USER_PROGS:%=$(USER_BUILD)/bin/%.elf) \
	    $(USER_PROGS:%=$(USER_BUILD)/stripped/%.elf)
GUEST_OBJS += $(USER_PROGS:%=$(USER_BUILD)/embed/%.o)

# ------------------------------------------- kernel logic for unit tests
# No inline assembly in these; -iquote makes "string.h" the kernel's
# declarations while <string.h> stays the C library's.
GUEST_UNIT_SRCS := kalloc vm uaccess elf runq sleepq
UNIT_EXTRA_OBJS += $(GUEST_UNIT_SRCS:%=$(BUILD)/unit/guest/kernel/%.o)

# The kernel's tests (tests/unit/test_kernel_*.c) see its headers; one of
# them loads the real programs, built first.
$(BUILD)/tests/unit/test_kernel_%.o: CPPFLAGS += -iquote $(GUEST_DIR)/include -iquote $(GUEST_ARCH)/include
$(BUILD)/tests/unit-tests: | $(USER_PROGS:%=$(USER_BUILD)/stripped/%.elf)

$(BUILD)/unit/guest/kernel/%.o: $(GUEST_DIR)/kernel/%.c $(CONFIG_H)
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) -iquote $(GUEST_DIR)/include -iquote $(GUEST_ARCH)/include $(HOST_CFLAGS) \
		$(SAN_CFLAGS) -c $< -o $@

# ------------------------------------------------------------- benchmark
.PHONY: bench
bench: all $(BUILD)/tools/getppid-bench tools/trace-bench
	tools/bench
	tools/trace-overhead
	tools/trace-bench 2000000 $(BUILD)/bench-trace.jsonl
	@rm -f $(BUILD)/bench-trace.jsonl

$(BUILD)/tools/getppid-bench: tools/getppid-bench.c
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(HOST_CFLAGS) -o $@ $<
