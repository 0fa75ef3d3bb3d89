# SPDX-License-Identifier: MIT
"""tools/trace-strace beside real strace: the same static musl program
(tests/programs/args.c, built here with musl-gcc), run on the host under
strace and in lde with a trace, must make the same system calls in the
same order.  Without musl-gcc or strace: skipped (failed with CI=true)."""
import os
import shutil

import pytest

from tracetest import GUEST, HERE, REPO, VMM, run, unusable

STRACE = os.path.join(REPO, "tools", "trace-strace")
SOURCE = os.path.join(HERE, "..", "programs", "args.c")
# The host's strace shows this before the program's own calls (its
# exit_group is the program's, and the lde trace has it too).
NOT_THE_PROGRAM = ("execve",)
# lde's default environment (docs/guest-kernel.md), so that the output, and
# with it musl's buffered writes, are the same size on both sides.
ENV = ["PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/", "TERM=dumb"]


def strace_names(path):
    """The calls after the last execve (env(1) runs first)."""
    names = []
    for line in open(path):
        if line.startswith(("+++", "---")) or "(" not in line:
            continue
        name = line.split("(", 1)[0].strip()
        if name == "execve":
            names = []
        elif name not in NOT_THE_PROGRAM:
            names.append(name)
    return names


@pytest.fixture(scope="module")
def program(tmp_path_factory):
    for tool, pkg in (("musl-gcc", "musl-tools"), ("strace", "strace")):
        if not shutil.which(tool):
            unusable("%s not found (apt-get install %s)" % (tool, pkg))
    out = str(tmp_path_factory.mktemp("strace") / "args")
    p = run(["musl-gcc", "-static", "-O2", "-o", out, SOURCE])
    assert p.returncode == 0, p.stderr
    return out


def test_same_calls_as_strace(kvm, program, tmp_path):
    host = tmp_path / "host.strace"
    trace = tmp_path / "lde.jsonl"
    args = [program, "one", "two words"]
    with open(os.devnull, "w") as null:
        p = run(["strace", "-o", str(host), "env", "-i"] + ENV + args, stdout=null)
        assert p.returncode == 2, p.stderr
        p = run([VMM, "-q", "--trace", str(trace), GUEST] + args, stdout=null)
        assert p.returncode == 2, p.stderr
    lde = run([STRACE, "--names", str(trace)])
    assert lde.returncode == 0, lde.stderr
    want = strace_names(host)
    assert want, "strace saw no system call"
    assert lde.stdout.split() == want


def test_listing(kvm, program, tmp_path):
    trace = tmp_path / "lde.jsonl"
    with open(os.devnull, "w") as null:
        run([VMM, "-q", "--trace", str(trace), GUEST, program, "x"], stdout=null)
    p = run([STRACE, str(trace)])
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0] == "task 1 (args): %s x" % program
    assert any(line.startswith("writev(1, 0x") and line.endswith(", 2) = 7") for line in lines)
    assert "ioctl(1, 0x5413, 0x" in p.stdout and "= -1 ENOTTY (Inappropriate ioctl for device)" \
        in p.stdout
    assert lines[-1] == "+++ exited with 1 +++"
