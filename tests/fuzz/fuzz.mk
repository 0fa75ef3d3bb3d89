# tests/fuzz/fuzz.mk — libFuzzer harnesses (clang, Debian's libclang-rt-14-dev).
# Included from the top-level Makefile.
#
#   make fuzz          build every target, then run each for FUZZ_SECONDS
#                      (default 60) from its committed seed corpus
#                      tests/fuzz/corpus/NAME; new inputs go to
#                      build/fuzz/corpus/NAME, crashes to build/fuzz/crash/NAME
#   make fuzz-build    only build them (build/fuzz/NAME)
#   make fuzz-cov      line coverage of the code under test over the seed and
#                      the grown corpus (llvm-cov; build/fuzz/cov/NAME.txt)
#
# Every target runs under ASan and UBSan; docs/security.md describes them.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS  := -std=gnu11 $(WARN) -O1 -g -D_GNU_SOURCE -DLDE_VERSION='"$(VERSION)"'
FUZZ_TARGETS := elf_load trace_ring cli guest_elf guest_ustack initrd guest_vfs
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)

# The vmm's sources (all but main.c) and the guest kernel's pure logic,
# built again with clang for fuzzing (fuzz/) and for coverage (fuzzcov/).
FUZZ_HOST_SRCS  := $(HOST_SRCS)
FUZZ_GUEST_SRCS := $(GUEST_UNIT_SRCS:%=$(GUEST_DIR)/kernel/%.c)
fuzz_objs = $(patsubst %.c,$(BUILD)/$(1)/%.o,tests/fuzz/fuzz_$(2).c tests/fuzz/fuzz_util.c \
	$(if $(filter guest_% initrd,$(2)),tests/fuzz/fuzz_kernel.c $(FUZZ_GUEST_SRCS),$(FUZZ_HOST_SRCS)))
FUZZ_LIBS = $(HOST_LIBS) $(shell pkg-config --libs jansson 2>/dev/null || echo -ljansson)

$(BUILD)/fuzz/%.o: %.c $(CONFIG_H)
	@mkdir -p $(@D)
	$(call say,FUZZCC,$@)
	$(Q)$(FUZZ_CC) $(CPPFLAGS) -iquote $(GUEST_DIR)/include $(FUZZ_CFLAGS) \
		-fsanitize=fuzzer-no-link $(FUZZ_SAN) -c $< -o $@
$(BUILD)/fuzzcov/%.o: %.c $(CONFIG_H)
	@mkdir -p $(@D)
	$(call say,COVCC,$@)
	$(Q)$(FUZZ_CC) $(CPPFLAGS) -iquote $(GUEST_DIR)/include $(FUZZ_CFLAGS) \
		-fsanitize=fuzzer-no-link -fprofile-instr-generate -fcoverage-mapping -c $< -o $@

# Keep the objects (make would delete them as intermediate).
.SECONDARY: $(foreach t,$(FUZZ_TARGETS),$(call fuzz_objs,fuzz,$(t)) $(call fuzz_objs,fuzzcov,$(t)))

.SECONDEXPANSION:
$(BUILD)/fuzz/fuzz_%: $$(call fuzz_objs,fuzz,$$*)
	$(call say,FUZZLD,$@)
	$(Q)$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $^ $(FUZZ_LIBS)
$(BUILD)/fuzzcov/fuzz_%: $$(call fuzz_objs,fuzzcov,$$*)
	$(call say,COVLD,$@)
	$(Q)$(FUZZ_CC) -fsanitize=fuzzer -fprofile-instr-generate -o $@ $^ $(FUZZ_LIBS)

.PHONY: fuzz fuzz-build fuzz-cov
fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	@tests/fuzz/run $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-cov: $(FUZZ_TARGETS:%=$(BUILD)/fuzzcov/fuzz_%)
	@tests/fuzz/coverage $(FUZZ_TARGETS)
