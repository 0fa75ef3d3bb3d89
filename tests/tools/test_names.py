# SPDX-License-Identifier: MIT
"""One source of names: include/lde/trace_names.h.

The kernel and the vmm compile its tables in, the Python tools read the
file (tools/trace_common.py) and the schema spells them out.  These tests
fail when any of them says something else: the schema against the tables,
and a real run's console, trace and tools against each other.
"""
import json
import os
import re
import sys

from tracetest import GUEST, REPO, VMM, run

sys.path.insert(0, os.path.join(REPO, "tools"))
import trace_common as tc  # noqa: E402  (the tools' own reader of the tables)

with open(os.path.join(REPO, "docs", "trace.schema.json")) as f:
    SCHEMA = json.load(f)["$defs"]


def names(table):
    return [name for _, name in sorted(tc.NAMES[table].items())]


def test_the_tables_parse_whole():
    assert tc.vector_name(9) == "#CSO" and tc.vector_name(14) == "#PF"
    assert tc.vector_name(0x20) == "timer" and tc.vector_name(0x80) == "int80"
    assert tc.vector_name(22) is None
    assert tc.SYSCALL_MECHS == ("syscall", "syscall-emulated", "int80", "int80-emulated")
    assert set(tc.SWITCH_REASONS) == {"preempted", "yielded", "sleeping", "ended", "idle"}


def test_the_schema_says_the_tables():
    fault = SCHEMA["fault"]
    assert fault["properties"]["name"]["enum"] == names("VECTOR")
    by_vector = {c["if"]["properties"]["vector"]["const"]: c["then"]["properties"]["name"]["const"]
                 for c in fault["allOf"]
                 if "const" in c["if"].get("properties", {}).get("vector", {}) and
                 "name" in c["then"].get("properties", {})}
    assert by_vector == tc.VECTOR_NAMES
    named = [c for c in fault["allOf"] if c["if"] == {"required": ["name"]}]
    assert named[0]["then"]["properties"]["vector"]["enum"] == sorted(tc.VECTOR_NAMES)
    assert SCHEMA["syscall"]["properties"]["mech"]["enum"] == names("MECH")
    assert SCHEMA["switch"]["properties"]["reason"]["enum"] == names("SWITCH")
    assert SCHEMA["task"]["properties"]["event"]["enum"] == names("TASK_EVENT")
    assert SCHEMA["trap"]["properties"]["outcome"]["enum"] == names("TRAP_OUTCOME")
    config = SCHEMA["boot"]["properties"]["config"]["properties"]
    assert config["timer"]["enum"] == names("TIMER")
    assert config["sched"]["enum"] == names("SCHED")
    calls = SCHEMA["summary"]["properties"]["syscalls"]
    assert tuple(calls["required"]) == tc.SYSCALL_MECHS


def test_a_real_run_says_the_same_names_everywhere(kvm, tmp_path):
    trace = str(tmp_path / "run.jsonl")
    p = run([VMM, "--trace", trace, GUEST], cwd=REPO)
    assert p.returncode == 0, p.stderr
    console = p.stdout + p.stderr
    with open(trace) as f:
        recs = [json.loads(line) for line in f]

    traps = [r for r in recs if r["type"] == "trap"]
    assert any(r["vector"] == 0x20 for r in traps)
    for r in traps + [r for r in recs if r["type"] == "task" and r["event"] == "killed"]:
        assert r.get("name") == tc.vector_name(r["vector"]), r
    for r in recs:
        if r["type"] == "syscall":
            assert r["mech"] in tc.SYSCALL_MECHS
        if r["type"] == "switch":
            assert r["reason"] in tc.SWITCH_REASONS

    # the kernel's console: "killed: #GP (vector 13)", "expects killed(#PF)",
    # the summary's "[syscall-emulated=12 ...]"
    kills = re.findall(r"killed: (\S+) \(vector (\d+)\)", console)
    assert len(kills) >= 4, console
    for name, vector in kills:
        assert name == tc.vector_name(int(vector))
    traced = sorted(r["name"] for r in recs if r["type"] == "task" and r["event"] == "killed")
    assert sorted(name for name, _ in kills) == traced
    for name in re.findall(r"expects killed\((\S+?)\)", console):
        assert name in tc.VECTOR_NAMES.values()
    mechs = re.findall(r"\b([a-z0-9-]+)=\d+", " ".join(re.findall(r"\[([^]]*)\]", console)))
    assert mechs and set(mechs) <= set(tc.SYSCALL_MECHS), mechs
