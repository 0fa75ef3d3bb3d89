# SPDX-License-Identifier: MIT
"""Paths, scenarios and helpers shared by the trace-tool tests."""
import os
import subprocess

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(HERE, "data")
VALIDATE = os.path.join(REPO, "tools", "trace-validate")
VIEW = os.path.join(REPO, "tools", "trace-view")
SUMMARY = os.path.join(REPO, "tools", "trace-summary")
SCHEMA = os.path.join(REPO, "docs", "trace.schema.json")


def repo_path(env, default):
    return os.path.abspath(os.path.join(REPO, os.environ.get(env, default)))


VMM = repo_path("LDE_VMM", "vmm")
GUEST = repo_path("LDE_GUEST", "guest.elf")
TEST_GUESTS = repo_path("LDE_TEST_GUESTS", "build/tests/guests")

# name -> (guest, extra vmm arguments, expected vmm exit status)
SCENARIOS = {
    "guest": ("guest", [], 0),
    "guest-triple": ("guest", ["--cmdline", "test=triple"], 125),
    "guest-port": ("guest", ["--strict-io", "--cmdline", "test=port"], 125),
    "guest-mmio": ("guest", ["--strict-io", "--cmdline", "test=mmio"], 125),
    "guest-port-ignored": ("guest", ["--cmdline", "test=port"], 1),
    "guest-mmio-ignored": ("guest", ["--cmdline", "test=mmio"], 1),
    "guest-spin-timeout": ("guest", ["--cmdline", "test=spin", "--timeout", "1"], 124),
    "ud2": ("test:ud2", [], 125),
    "status": ("test:status", [], 42),
    "elf64-entry": ("test:elf64-entry", [], 0),
    "ringgen-basic": ("ringgen", ["--cmdline", "mode=basic"], 0),
    "ringgen-doorbell": ("ringgen", ["--cmdline", "mode=doorbell"], 0),
    "ringgen-lossy": ("ringgen", ["--cmdline", "mode=lossy"], 0),
    "ringgen-corrupt": ("ringgen", ["--cmdline", "mode=corrupt"], 125),
    "guest-kvm-exits": ("guest", ["--trace-kvm-exits"], 0),
    "guest-panic": ("guest", ["--cmdline", "test=panic"], 2),
    "guest-faults": ("guest", ["--cmdline",
                               "demos=cli,divzero,kread,kwrite,null,wild,codewrite,snoop,ud2,int3"], 0),
    "guest-int80": ("guest", ["--cmdline", "syscall=int80 demos=syscalls,sleeper"], 0),
}
# name -> the program (and its arguments) a scenario runs after the guest
PROGRAMS = {
    # busybox sh: two forked children in a pipe, wc exec'd, a subshell exiting 3; all reaped
    "busybox-pipeline": ["/bin/busybox", "sh", "-c",
                         "echo one | wc -c; (exit 3); false || echo or"],
}
SCENARIOS["busybox-pipeline"] = ("guest", [], 0)
# Scenarios that need a vmm option this build may not have yet.
NEEDS_OPTION = {"guest-kvm-exits": "--trace-kvm-exits"}


def run(cmd, **kw):
    """Run CMD; return the CompletedProcess (text output)."""
    kw.setdefault("stdout", subprocess.PIPE)
    kw.setdefault("stderr", subprocess.PIPE)
    kw.setdefault("timeout", 120)
    return subprocess.run(cmd, universal_newlines=True, **kw)


def validate(*args, **kw):
    return run([VALIDATE] + [str(a) for a in args], **kw)


def summary(*args, **kw):
    return run([SUMMARY] + [str(a) for a in args], **kw)


def view(*args, **kw):
    return run([VIEW] + [str(a) for a in args], **kw)


def unusable(why):
    """Skip, or fail when CI=true (CI must run everything)."""
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true: cannot run the vmm: %s" % why)
    pytest.skip("cannot run the vmm: %s" % why)
