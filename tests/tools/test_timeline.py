# SPDX-License-Identifier: MIT
"""trace-summary --timeline: the story of a run, one named line per event,
on the recorded real trace (no KVM) and on a real run (needs /dev/kvm)."""
import json
import os
import re

from conftest import read_lines
from tracetest import DATA, summary

BASIC = os.path.join(DATA, "ringgen-basic.jsonl")
LINE = re.compile(r"^ *(\d+\.\d{3}) ms  (.*)$")


def timeline(*args):
    p = summary("--timeline", *args)
    assert p.returncode == 0, p.stderr
    head, _, body = p.stdout.partition("\n\n")
    lines = body.splitlines()
    for line in lines:
        assert LINE.match(line), line
    return head, lines


def times(lines):
    return [float(LINE.match(line).group(1)) for line in lines]


def records(lines):
    return [json.loads(line) for line in lines]


def us(ns):
    return "%.2f us" % (ns / 1e3)


def ms(ns):
    return "%.2f ms" % (ns / 1e6) if ns >= 1e6 else us(ns)


def test_the_story_of_ringgen_in_order_with_names():
    recs = records(read_lines("ringgen-basic.jsonl"))
    sw = [r for r in recs if r["type"] == "switch"]
    calls = [r for r in recs if r["type"] == "syscall"]
    head, lines = timeline(BASIC)
    assert "backend       pvm" in head and 'command line  "mode=basic"' in head
    assert "ended         guest-exit, vmm exit status 0" in head
    assert times(lines) == sorted(times(lines))
    text = "\n".join(lines)
    for want in ("task 1 (hello) created",
                 "task 0 (kernel) idle for %s -> task 1 (hello)" % ms(sw[0]["ran_ns"]),
                 "task 1 (hello): write(0x1, 0x8000002000, 0xd) = 13 [syscall, %s]" % us(
                     calls[0]["dur_ns"]),
                 "task 1 (hello): open(0x0, 0x8000002000, 0xd) = 1 [int80-emulated, %s]" % us(
                     calls[1]["dur_ns"]),
                 "task 1 (hello): timer interrupt (vector 32) in ring 3 at rip 0x8000001020",
                 "task 1 (hello) ended after %s -> task 0 (kernel)" % ms(sw[1]["ran_ns"]),
                 "task 2 (crasher): #GP (vector 13) err=0x0 in ring 3 at rip 0x800000100d "
                 "-> killed",
                 "task 2 (crasher) killed by #GP (vector 13)",
                 "task 0 (kernel): spurious interrupt (vector 255)",
                 'VM exits IO debugcon x13: out "hello, world\\n"'):
        assert want in text, want
    # the handled #PF is not a kill; the #BP before the kill neither
    assert re.search(r"#PF \(vector 14\).*cr2=0x8000400000$", text, re.M)
    assert re.search(r"#BP \(vector 3\) .*0x8000001003$", text, re.M)


def test_one_line_per_guest_record():
    recs = records(read_lines("ringgen-basic.jsonl"))
    _, lines = timeline("--type", "switch,trap,syscall,task", BASIC)
    assert len(lines) == sum(r["type"] in ("switch", "trap", "syscall", "task") for r in recs)
    _, lines = timeline("--type", "switch", BASIC)
    switches = [r for r in recs if r["type"] == "switch"]
    assert len(lines) == len(switches)
    for line, r in zip(lines, switches):
        assert float(LINE.match(line).group(1)) == round(r["t_ns"] / 1e6, 3)
    _, lines = timeline("--type", "exit", BASIC)
    assert sum(int(m) for m in re.findall(r" x(\d+):", "\n".join(lines))) + sum(
        "VM exit " in line for line in lines) == sum(r["type"] == "exit" for r in recs)


def test_filters():
    _, lines = timeline("--task", "2", BASIC)
    assert lines and all("task 2 (crasher)" in line for line in lines)
    _, all_lines = timeline(BASIC)
    t = times(all_lines)
    lo, hi = t[3] - 0.0005, t[-4] + 0.0005  # the lines print rounded times
    _, lines = timeline("--from", "%.4f" % lo, "--to", "%.4fms" % hi, BASIC)
    assert times(lines)[0] >= lo and times(lines)[-1] <= hi
    assert len(lines) == sum(lo <= x <= hi for x in t)
    _, lines = timeline("--from", "%.1fus" % (hi * 1000), BASIC)
    assert len(lines) == sum(x > hi for x in t)


def test_usage_errors():
    for args in (["--type", "nonsense"], ["--from", "soon"], ["--task", "2"]):
        p = summary(*args, *(["--timeline"] if args[0] != "--task" else []), BASIC)
        assert p.returncode == 2, (args, p.stdout, p.stderr)
        assert p.stderr


def test_summary_names_vectors_and_states_the_config():
    p = summary(BASIC)
    assert re.search(r"^ +32  timer +interrupt", p.stdout, re.M), p.stdout
    assert re.search(r"^ +255  spurious +interrupt", p.stdout, re.M)
    assert "Config HZ not in this trace" in p.stdout


def test_a_real_run(traces):
    path = traces["guest"]
    with open(path) as f:
        recs = [json.loads(line) for line in f]
    names = {r["task"]: r["name"] for r in recs if r["type"] == "task" and r["event"] == "created"}
    _, lines = timeline("--type", "switch", path)
    switches = [r for r in recs if r["type"] == "switch"]
    assert len(lines) == len(switches)
    for line, r in zip(lines, switches):
        text = LINE.match(line).group(2)
        who = "task %d (%s)" % (r["task"], names.get(r["task"], "kernel"))
        nxt = "task %d (%s)" % (r["next"], names.get(r["next"], "kernel"))
        assert text.startswith(who + " ") and text.endswith(" -> " + nxt), (text, r)
        if r["reason"] == "preempted":
            assert " preempted by timer after " in text
    _, lines = timeline("--type", "syscall", "--task", "3", path)
    assert lines and all(re.search(r"task 3 \(syscalls\): [a-z_0-9]+\(|syscall -?\d+\(", x)
                         for x in lines)
    assert any(re.search(r"= -14 EFAULT ", x) for x in lines)
    assert any("syscall -1(" in x for x in lines)
