# tools/tools.mk: the host tools and the benchmarks.  Included by the
# top-level Makefile.
#
#   tools/kvm-check   does /dev/kvm work here, and which backend (VMX/SVM/PVM)
#   make bench        kernel path lengths, tracing overhead, trace pipeline,
#                     console input throughput (tools/bench-console)
#   make bench-trace  the trace pipeline alone (tools/trace-bench)

.PHONY: bench bench-trace

# Self-contained on purpose: it must build when it is most needed.
tools/kvm-check: $(BUILD)/tools/kvm-check.o $(BUILD)/host/backend.o
	$(call say,LD,$@)
	$(Q)$(CC) $(HOST_CFLAGS) -o $@ $^

# Host trace pipeline throughput with a synthetic producer (make bench-trace).
tools/trace-bench: $(BUILD)/tools/trace-bench.o $(HOST_OBJS)
	$(call say,LD,$@)
	$(Q)$(CC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LIBS)

bench: all $(BUILD)/tools/getppid-bench tools/trace-bench
	tools/bench
	tools/trace-overhead
	tools/bench-console
	tools/trace-bench 2000000 $(BUILD)/bench-trace.jsonl
	@rm -f $(BUILD)/bench-trace.jsonl

$(BUILD)/tools/getppid-bench: tools/getppid-bench.c
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(HOST_CFLAGS) -o $@ $<

bench-trace: tools/trace-bench
	tools/trace-bench 2000000 /dev/null
	tools/trace-bench 2000000 $(BUILD)/bench-trace.jsonl
	@rm -f $(BUILD)/bench-trace.jsonl
