# SPDX-License-Identifier: MIT
"""The counts agree everywhere: a real run's kernel console (its summary
lines), the vmm's summary record and tools/trace-summary say the same number
of system calls per task and per mechanism, and the same preemptions,
exit and exit_group included (they never return: the kernel records them
when the task ends)."""
import collections
import json
import re

from tracetest import GUEST, REPO, VMM, run, summary

LINE = re.compile(r"^summary: task (\d+) \((\S+)\) ticks=\d+ preempted=(\d+) syscalls=(\d+) "
                  r"ended=\S+ \S+(?: \[([^]]*)\])?$", re.M)


def test_console_summary_record_and_tool_agree(kvm, tmp_path):
    trace = str(tmp_path / "run.jsonl")
    p = run([VMM, "-q", "--trace", trace, GUEST], cwd=REPO)
    assert p.returncode == 0, p.stderr
    console = {int(m[0]): {"name": m[1], "preempted": int(m[2]), "syscalls": int(m[3]),
                           "mechs": {k: int(v) for k, v in
                                     (kv.split("=") for kv in (m[4] or "").split())}}
               for m in LINE.findall(p.stdout + p.stderr)}
    assert len(console) >= 7, p.stdout + p.stderr
    with open(trace) as f:
        recs = [json.loads(line) for line in f]
    record = {t["id"]: t for t in recs[-1]["tasks"]}
    tool = summary("--json", trace)
    assert tool.returncode == 0, tool.stderr
    tool = {t["id"]: t for t in json.loads(tool.stdout)["tasks"]}
    mechs = collections.defaultdict(collections.Counter)
    for r in recs:
        if r["type"] == "syscall":
            mechs[r["task"]][r["mech"]] += 1
    exits = [r for r in recs if r["type"] == "syscall" and r.get("returned") is False]
    assert {r["name"] for r in exits} == {"exit_group"}, exits
    assert len(exits) >= 4  # probe, spin, syscalls, sleeper: exit(0)

    for tid, c in console.items():
        assert record[tid]["syscalls"] == c["syscalls"] == tool[tid]["syscalls"], (tid, c)
        assert record[tid]["preempted"] == c["preempted"] == tool[tid]["preempted"], (tid, c)
        assert dict(mechs[tid]) == c["mechs"], (tid, c)
    per_mech = collections.Counter()
    for m in mechs.values():
        per_mech.update(m)
    assert {k: v for k, v in recs[-1]["syscalls"].items() if v} == dict(per_mech)
