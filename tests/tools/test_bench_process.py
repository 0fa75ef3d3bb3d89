# SPDX-License-Identifier: MIT
"""tools/bench-process on the real vmm, tiny: every row is there and says what
each fork mode copied.  A smoke test, never a timed assertion (the figures
themselves are `make bench`'s).  Needs /dev/kvm and build/tools/process-bench
(musl-gcc): skipped without them, except with CI=true."""
import os
import re

from tracetest import GUEST, REPO, VMM, run, unusable

TOOL = os.path.join(REPO, "tools", "bench-process")
PROGS = [os.path.join(REPO, "build", "tools", p) for p in ("process-bench", "nop")]


def test_bench_process_smoke(kvm):
    for p in PROGS:
        if not os.access(p, os.X_OK):
            unusable("%s is not built (make bench-process; needs musl-gcc)" % p)
    p = run([TOOL, "--vmm", VMM, "--guest", GUEST, "-n", "1", "--pipe-kib", "64",
             "--host-scale", "1", "--runs", "1", "--traced", "1", "--tick-spin", "200"], timeout=600)
    assert p.returncode == 0, p.stdout + p.stderr
    rows = {}
    for line in p.stdout.splitlines():
        m = re.match(r"^(fork.*?|pipe, \d+ KiB writes)\s+(cow|eager)?\s+(-|\d+)\s", line)
        if m:
            rows[(m.group(1).strip(), m.group(2))] = line.split()
    labels = ("fork + _exit + wait4", "fork of 1 MiB written, child writes 1 page",
              "fork + execve(nop) + wait4")
    for label in labels:
        cow, eager = rows[(label, "cow")], rows[(label, "eager")]
        # the last two columns: pages copied at fork, COW faults per round trip
        assert int(cow[-2]) == 0 and float(cow[-1]) >= 1, cow
        assert int(eager[-2]) > 0 and float(eager[-1]) == 0, eager
    assert int(rows[("fork of 1 MiB written, child writes 1 page", "eager")][-2]) >= 256
    assert ("pipe, 4 KiB writes", None) in rows and ("pipe, 64 KiB writes", None) in rows
