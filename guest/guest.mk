# guest/guest.mk: the guest kernel, ./guest.elf, and the ring-3 programs
# embedded in it.  Included by the top-level Makefile.
#
#   1. The kernel: guest/arch/x86_64/ (the architecture, its own headers in
#      arch/x86_64/include/), guest/kernel/ and guest/lib/ (generic, headers
#      in guest/include/), linked by arch/x86_64/kernel.ld.
#   2. User programs: guest/user/programs/NAME.c + the user library ->
#      build/guest/user/bin/NAME.elf, a standalone ELF executable, which
#      guest/user/embed.S puts (stripped) into guest.elf.  Adding a program
#      is adding a .c file there.

# ---------------------------------------------------------------- kernel
GUEST_DIR    := guest
GUEST_ARCH   := $(GUEST_DIR)/arch/x86_64
GUEST_CFLAGS := -std=gnu11 $(WARN) -O2 -g -ffreestanding -fno-builtin \
		-mno-red-zone -mgeneral-regs-only -fno-pic -fno-pie \
		-fno-stack-protector -fno-asynchronous-unwind-tables \
		-mcmodel=kernel -I$(GUEST_DIR)/include -I$(GUEST_ARCH)/include
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
# include/: the names the trace gives mechanisms (lde/trace_names.h).
USER_CPPFLAGS := -I$(USER_DIR)/include -I$(GUEST_DIR)/include/uapi -Iinclude -MMD -MP
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

# ------------------------------------------------------------------ link
guest.elf: $(GUEST_OBJS) $(GUEST_LDS)
	$(call say,LD,$@)
	$(Q)$(CC) $(GUEST_CFLAGS) $(GUEST_LDFLAGS) -Wl,-T,$(GUEST_LDS) \
		-o $@ $(GUEST_OBJS) -lgcc

# The configuration note carries autoconf.h's digest.
$(BUILD)/$(GUEST_DIR)/kernel/kconfig_note.o: $(KCONFIG_DIGEST_H)
