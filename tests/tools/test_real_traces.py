# SPDX-License-Identifier: MIT
"""The tools on traces the real vmm writes now (needs /dev/kvm: skipped
without it, failed without it when CI=true)."""
import json
import signal
import subprocess
import time

import pytest

from tracetest import GUEST, REPO, SCENARIOS, VMM, summary, validate


def records(path):
    with open(path) as f:
        return [json.loads(line) for line in f]


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_validator_accepts(traces, name):
    path = traces[name]
    p = validate(path)
    assert p.returncode == 0, p.stdout
    assert p.stdout.startswith(path + ": OK: ")


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_summary_runs(traces, name):
    path = traces[name]
    p = summary(path)
    assert p.returncode == 0, p.stderr
    assert p.stderr == ""
    end = records(path)[-1]
    assert "End   %s, vmm exit status %d" % (end["end"], end["status"]) in p.stdout
    rep = json.loads(summary("--json", path).stdout)
    assert rep["exits"]["total"] == end["exits_total"]
    assert {r["reason"]: r["count"] for r in rep["exits"]["by_reason"]} == end["exits"]


def test_ringgen_records(traces):
    recs = records(traces["ringgen-basic"])
    types = [r["type"] for r in recs]
    assert types.count("trap") == 6 and types.count("syscall") == 3 and types.count("task") == 4
    assert [(r["task"], r["next"], r["reason"]) for r in recs if r["type"] == "switch"] == [
        (0, 1, "idle"), (1, 0, "ended"), (0, 2, "idle"), (2, 0, "ended")]
    s = recs[-1]
    ran = {t: sum(r["ran_ns"] for r in recs if r["type"] == "switch" and r["task"] == t)
           for t in (1, 2)}
    assert s["tasks"] == [
        {"id": 1, "name": "hello", "exceptions": 1, "interrupts": 1, "syscalls": 3,
         "run_ns": ran[1], "preempted": 0, "ended": "exit(0)"},
        {"id": 2, "name": "crasher", "exceptions": 2, "interrupts": 0, "syscalls": 0,
         "run_ns": ran[2], "preempted": 0, "ended": "killed: vector 13"}]
    assert ran[1] > 0 and ran[2] > 0
    # guest records precede the exit that followed them, and their
    # translated guest-TSC times fall between the exits around them
    first_guest = types.index("trap")
    assert recs[first_guest - 1]["type"] == "exit"
    assert recs[first_guest - 1]["t_ns"] <= recs[first_guest]["t_ns"]
    after = next(r for r in recs[first_guest:] if r["type"] == "exit")
    assert recs[first_guest]["t_ns"] <= after["t_ns"]


def test_ringgen_doorbell(traces):
    s = records(traces["ringgen-doorbell"])[-1]
    assert s["ring"]["doorbells"] >= 1 and s["ring"]["dropped"] == 0


def test_ringgen_lossy(traces):
    s = records(traces["ringgen-lossy"])[-1]
    assert s["ring"]["mode"] == "lossy" and s["ring"]["dropped"] == 3
    p = summary(traces["ringgen-lossy"])
    assert "WARNING: the guest dropped 3 record(s)" in p.stdout


def test_ringgen_corrupt(traces):
    recs = records(traces["ringgen-corrupt"])
    assert recs[-1]["crash_reason"].startswith("corrupt trace ring: unknown record kind")
    bare = recs[-3]
    assert bare["type"] == "exit" and "port" not in bare  # accepted: the run crashed


def test_timeout(traces):
    recs = records(traces["guest-spin-timeout"])
    assert recs[-1]["end"] == "timeout"
    # the INTR exit that ended the run, then where the vCPU was and its registers
    assert recs[-3]["reason_name"] == "INTR" and recs[-3]["cause"] == "timeout"
    assert recs[-2]["type"] == "timeout" and recs[-2]["where"].startswith("in KVM_RUN for ")
    assert recs[-2]["regs"]["rip"].startswith("0x")


def test_trace_to_stdout(kvm):
    p = subprocess.run([VMM, "--quiet", "--trace", "-", GUEST], cwd=REPO,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    assert p.returncode == 0, p.stderr
    v = validate("-", input=p.stdout.decode())
    assert v.returncode == 0 and v.stdout.startswith("-: OK: "), v.stdout


def test_sigterm_ends_with_a_complete_trace(kvm, tmp_path):
    path = str(tmp_path / "sig.jsonl")
    vmm = subprocess.Popen([VMM, "--quiet", "--trace", path, "--timeout", "20",
                            "--cmdline", "test=spin", GUEST], cwd=REPO,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        vmm.stdout.readline()  # the guest is running
        time.sleep(0.2)
        vmm.send_signal(signal.SIGTERM)
        assert vmm.wait(timeout=30) == 128 + signal.SIGTERM
    finally:
        if vmm.poll() is None:
            vmm.kill()
            vmm.wait()
        vmm.stdout.close()
        vmm.stderr.close()
    p = validate(path)
    assert p.returncode == 0, p.stdout
    assert "end signal, status 143" in p.stdout


def test_truncated_real_trace(traces, tmp_path):
    """What a reader sees while the vmm is still writing: a cut-off line."""
    with open(traces["guest"], "rb") as f:
        data = f.read()
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(data[:len(data) * 2 // 3])
    if data[len(data) * 2 // 3 - 1:len(data) * 2 // 3] == b"\n":
        cut.write_bytes(data[:len(data) * 2 // 3 - 5])
    n = cut.read_bytes().count(b"\n") + 1
    p = validate(cut)
    assert p.returncode == 1
    assert "%s:%d: truncated last line (the run may still be going, or was killed)" % (cut, n) \
        in p.stdout
    s = summary(cut)
    assert s.returncode == 0 and "truncated last line" in s.stderr
    assert "INCOMPLETE" in s.stdout

