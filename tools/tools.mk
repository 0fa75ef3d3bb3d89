# tools/tools.mk: the host tools and the benchmarks.  Included by the
# top-level Makefile.
#
#   tools/kvm-check   does /dev/kvm work here, and which backend (VMX/SVM/PVM)
#   make bench        kernel path lengths, tracing overhead, trace pipeline,
#                     console input throughput (tools/bench-console),
#                     direct execution, the process API (tools/bench-process)
#   make bench-trace  the trace pipeline alone (tools/trace-bench)
#   make bench-direct direct execution alone: one compute-bound static
#                     binary on the host and in lde (tools/bench-direct)
#   make bench-process fork, exec, wait and pipe round trips, copy-on-write
#                     against fork=eager, on the host and in lde
#                     (tools/bench-process)

.PHONY: bench bench-trace bench-direct bench-process

# Self-contained on purpose: it must build when it is most needed.
tools/kvm-check: $(BUILD)/tools/kvm-check.o $(BUILD)/host/backend.o
	$(call say,LD,$@)
	$(Q)$(CC) $(HOST_CFLAGS) -o $@ $^

# Host trace pipeline throughput with a synthetic producer (make bench-trace).
tools/trace-bench: $(BUILD)/tools/trace-bench.o $(HOST_OBJS)
	$(call say,LD,$@)
	$(Q)$(CC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LIBS)

BENCH_PROCESS_PROGS := $(BUILD)/tools/process-bench $(BUILD)/tools/nop

bench: all $(BUILD)/tools/getppid-bench tools/trace-bench $(BUILD)/tools/compute \
       $(BENCH_PROCESS_PROGS)
	tools/bench
	tools/trace-overhead
	tools/bench-console
	tools/trace-bench 2000000 $(BUILD)/bench-trace.jsonl
	@rm -f $(BUILD)/bench-trace.jsonl
	tools/bench-direct
	tools/bench-process

bench-direct: all $(BUILD)/tools/compute
	tools/bench-direct

bench-process: all $(BENCH_PROCESS_PROGS)
	tools/bench-process

# The direct-execution benchmark's program: a static Linux binary built with
# the stock toolchain, as a user builds theirs (musl-gcc: Debian's musl-tools).
# The process benchmark's programs (tools/bench-process) likewise.
$(BUILD)/tools/compute $(BENCH_PROCESS_PROGS): $(BUILD)/tools/%: tools/%.c
	@mkdir -p $(@D)
	$(call say,MUSLCC,$@)
	$(Q)$(MUSL_CC) -static -O2 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/tools/getppid-bench: tools/getppid-bench.c
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(HOST_CFLAGS) -o $@ $<

bench-trace: tools/trace-bench
	tools/trace-bench 2000000 /dev/null
	tools/trace-bench 2000000 $(BUILD)/bench-trace.jsonl
	@rm -f $(BUILD)/bench-trace.jsonl

# make root: build/root.cpio, a root file system for ./vmm --initrd: Debian's
# busybox-static with a link for each applet (tools/mkroot).  The
# integration tests boot it too (LDE_TEST_ROOT), when busybox is there.
.PHONY: root
root: $(BUILD)/root.cpio
$(BUILD)/root.cpio: tools/mkroot
	$(call say,MKROOT,$@)
	$(Q)tools/mkroot -o $@ >/dev/null
