# tests/programs/programs.mk — the test suite's own user programs, static
# Linux x86-64 executables built with the stock toolchain (musl-gcc from
# Debian's musl-tools), run by tests/integration/test_programs.c as a user
# would run theirs: ./vmm guest.elf build/tests/programs/NAME ARGS.
# Without musl-gcc they are not built and those tests skip (fail in CI).

MUSL_CC ?= musl-gcc
TEST_PROG_SRCS := $(wildcard tests/programs/*.c)
TEST_PROGS     := $(TEST_PROG_SRCS:tests/programs/%.c=$(BUILD)/tests/programs/%)
HAVE_MUSL_CC   := $(shell command -v $(MUSL_CC) 2>/dev/null)

$(BUILD)/tests/programs/%: tests/programs/%.c
	@mkdir -p $(@D)
	$(call say,MUSLCC,$@)
	$(Q)$(MUSL_CC) -static -O2 -Wall -Wextra -Werror -o $@ $< -lm

ifneq ($(HAVE_MUSL_CC),)
TEST_BINS += $(TEST_PROGS)
endif
