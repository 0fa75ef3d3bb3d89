# SPDX-License-Identifier: MIT
"""Fixtures for the trace-tool tests (tools/trace-validate, tools/trace-summary).

Real traces come from running the real vmm (LDE_VMM, default ./vmm) on the
real guest (LDE_GUEST, default ./guest.elf), the test guests
(LDE_TEST_GUESTS, default build/tests/guests) and ringgen (ringgen.c here,
built with LDE_CC, default gcc), which writes trap/syscall/task records
into the trace ring.  Those tests are skipped when /dev/kvm cannot run a
VM, except with CI=true, where that is a failure.  The other tests use the
recorded traces in data/ and need no KVM.

data/ holds real traces; re-record them when the format changes, from a
directory holding ringgen.elf (build it as build_ringgen() does):
  ringgen-basic.jsonl    vmm --trace ringgen-basic.jsonl --cmdline mode=basic ringgen.elf
  ringgen-corrupt.jsonl  vmm --trace ringgen-corrupt.jsonl --cmdline mode=corrupt ringgen.elf
  host-error.jsonl       the same without a usable /dev/kvm, e.g. as root:
                         unshare -m sh -c 'mount --bind /dev/null /dev/kvm &&
                                           vmm --trace host-error.jsonl ringgen.elf'
"""
import fcntl
import os
import shutil

import pytest

from tracetest import (DATA, GUEST, HERE, NEEDS_OPTION, PROGRAMS, REPO, SCENARIOS, TEST_GUESTS,
                       VMM, run, unusable)


def kvm_problem():
    """Why /dev/kvm cannot run a VM here, or None."""
    check = os.path.join(REPO, "tools", "kvm-check")
    if os.access(check, os.X_OK):
        p = run([check])
        if p.returncode != 0:
            lines = (p.stdout + p.stderr).strip().splitlines()
            return "tools/kvm-check: %s" % (lines[-1] if lines else "status %d" % p.returncode)
        return None
    try:
        fd = os.open("/dev/kvm", os.O_RDWR | os.O_CLOEXEC)
    except OSError as e:
        return "/dev/kvm: %s" % e.strerror
    try:
        if fcntl.ioctl(fd, 0xAE00) != 12:  # KVM_GET_API_VERSION
            return "/dev/kvm: unexpected KVM API version"
        os.close(fcntl.ioctl(fd, 0xAE01, 0))  # KVM_CREATE_VM
    except OSError as e:
        return "/dev/kvm: %s" % e.strerror
    finally:
        os.close(fd)
    return None


@pytest.fixture(scope="session")
def kvm():
    """The vmm and guest exist and /dev/kvm can run a VM."""
    for path, what in ((VMM, "the vmm"), (GUEST, "the guest kernel")):
        if not os.path.exists(path):
            unusable("%s (%s) is not built: run make" % (what, path))
    why = kvm_problem()
    if why:
        unusable(why)


def build_ringgen(out):
    """tests/tools/ringgen.c, built as a 64-bit-entry guest at OUT."""
    cc = os.environ.get("LDE_CC", "gcc")
    if not shutil.which(cc):
        unusable("no C compiler (%s) to build ringgen" % cc)
    p = run([cc, "-I" + os.path.join(REPO, "include"), "-std=gnu11", "-O2", "-Wall",
             "-ffreestanding", "-fno-pic", "-no-pie", "-static", "-nostdlib",
             "-mgeneral-regs-only", "-mno-red-zone", "-fno-stack-protector",
             "-fcf-protection=none", "-Wl,--build-id=none", "-Wl,-Ttext-segment=0x100000",
             "-Wl,-z,noexecstack", "-Wl,-z,noseparate-code",
             "-o", out, os.path.join(HERE, "ringgen.c")])
    assert p.returncode == 0, "building ringgen failed:\n" + p.stderr
    return out


class Traces:
    """Runs each scenario once per session, on first use."""

    def __init__(self, tmpdir):
        self.tmpdir = tmpdir
        self.done = {}
        self.ringgen = None

    def guest_path(self, guest):
        if guest == "guest":
            return GUEST
        if guest == "ringgen":
            if self.ringgen is None:
                self.ringgen = build_ringgen(os.path.join(self.tmpdir, "ringgen.elf"))
            return self.ringgen
        path = os.path.join(TEST_GUESTS, guest.split(":", 1)[1] + ".elf")
        if not os.path.exists(path):
            unusable("%s is not built (make %s)" % (path, os.path.relpath(path, REPO)))
        return path

    def __getitem__(self, name):
        if name not in self.done:
            guest, extra, status = SCENARIOS[name]
            option = NEEDS_OPTION.get(name)
            if option and option not in run([VMM, "--help"]).stdout:
                pytest.skip("this vmm has no %s option" % option)
            trace = os.path.join(self.tmpdir, name + ".jsonl")
            program = PROGRAMS.get(name, [])
            if program and not os.path.exists(program[0]):
                unusable("%s is missing (apt-get install busybox-static)" % program[0])
            p = run([VMM, "--quiet", "--trace", trace] + extra + [self.guest_path(guest)] +
                    program, cwd=REPO)
            assert p.returncode == status, (
                "%s: vmm exited with %d, expected %d\n%s" % (name, p.returncode, status,
                                                             p.stderr))
            self.done[name] = trace
        return self.done[name]


@pytest.fixture(scope="session")
def traces(kvm, tmp_path_factory):
    """traces["guest"] etc.: the path of a real trace of that scenario."""
    return Traces(str(tmp_path_factory.mktemp("traces")))


def read_lines(name):
    with open(os.path.join(DATA, name)) as f:
        return f.read().splitlines(keepends=True)


@pytest.fixture
def sample_lines():
    """The recorded real trace of ringgen mode=basic, as a list of lines."""
    return read_lines("ringgen-basic.jsonl")
