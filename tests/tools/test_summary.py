# SPDX-License-Identifier: MIT
"""tools/trace-summary on recorded real traces and broken copies (no KVM)."""
import json
import os

from conftest import read_lines
from tracetest import DATA, summary

BASIC = os.path.join(DATA, "ringgen-basic.jsonl")


def summary_json(path, **kw):
    p = summary("--json", path, **kw)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout), p


def test_text_report():
    p = summary(BASIC)
    assert p.returncode == 0, p.stderr
    assert p.stderr == ""
    out = p.stdout
    for text in ("VM exits to the vmm: 43", "VM-EXIT", "Samples%", "Avg time",
                 "0xe9  debugcon  out", "Guest traps (trace ring): 6", "#PF", "#GP",
                 "System calls: 3", "int80-emulated", "Tasks: 2", "hello", "crasher",
                 "exit(0)", "killed: vector 13 (#GP)", "Trace ring: 4096 slots, lossless; "
                 "17 records, 0 dropped", "insn_emulation", "handled in the kernel",
                 "t_ns of the next host record", "Context switches: 4 (",
                 "Run time", "Preempted", "Min Time"):
        assert text in out, text


def test_json_report_matches_the_summary_record():
    rep, _ = summary_json(BASIC)
    s = json.loads(read_lines("ringgen-basic.jsonl")[-1])
    assert rep["complete"] is True and rep["records"] == len(read_lines("ringgen-basic.jsonl"))
    assert rep["end"] == {"end": "guest-exit", "status": 0, "status_kind": "guest",
                          "guest_status": 0}
    assert rep["exits"]["total"] == s["exits_total"]
    assert {r["reason"]: r["count"] for r in rep["exits"]["by_reason"]} == s["exits"]
    io = rep["exits"]["by_reason"][0]
    assert io["timed"] == io["count"] and 0 < io["min_ns"] <= io["avg_ns"] <= io["max_ns"]
    assert {str(v["vector"]): v["count"] for v in rep["traps"]["by_vector"]} == s["traps"]
    assert {m["mech"]: m["count"] for m in rep["syscalls"]["by_mech"]} == \
        {k: v for k, v in s["syscalls"].items() if v}
    tasks = {t["id"]: t for t in rep["tasks"]}
    for t in s["tasks"]:
        mine = tasks[t["id"]]
        for k in ("name", "exceptions", "interrupts", "syscalls", "run_ns", "preempted"):
            assert mine[k] == t[k]
        assert mine["run_ns"] > 0
        assert mine["ended"].startswith(t["ended"])
        assert mine["lifetime_ns"] > 0
    assert tasks[0]["name"] == "(kernel)" and tasks[0]["interrupts"] == 2
    assert rep["ring"]["dropped"] == 0 and rep["ring"]["records_seen"] == 17
    assert rep["switches"] == {"total": 4, "by_reason": {"idle": 2, "ended": 2}}
    calls = {c["nr"]: c for c in rep["syscalls"]["by_nr"]}
    assert calls[1]["count"] == calls[1]["timed"] == 1 and calls[1]["min_ns"] > 0
    assert rep["kvm_stats"]["exits"] == s["kvm_stats"]["exits"]
    assert rep["warnings"] == []


def test_truncated_trace(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text("".join(read_lines("ringgen-basic.jsonl"))[:-300])
    p = summary(str(path))
    assert p.returncode == 0
    n = len(read_lines("ringgen-basic.jsonl"))
    assert "%s:%d: truncated last line (the run may still be going, or was killed)" % (path, n) \
        in p.stderr
    assert "summarizing the %d complete record(s)" % (n - 1) in p.stderr
    assert "INCOMPLETE: no summary" in p.stdout
    assert "VM exits to the vmm: 43" in p.stdout
    assert "Trace ring: 17 records seen (no summary: drops unknown)" in p.stdout
    rep, _ = summary_json(str(path))
    assert rep["complete"] is False and rep["records"] == n - 1
    assert rep["warnings"] and "truncated last line" in rep["warnings"][0]


def test_without_summary_record(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text("".join(read_lines("ringgen-basic.jsonl")[:-1]))
    p = summary(str(path))
    assert p.returncode == 0
    assert "no summary record" in p.stderr and "INCOMPLETE" in p.stdout


def test_bad_lines_are_skipped_with_a_warning(tmp_path):
    lines = read_lines("ringgen-basic.jsonl")
    lines[3] = "garbage\n"
    path = tmp_path / "t.jsonl"
    path.write_text("".join(lines))
    p = summary(str(path))
    assert p.returncode == 0
    assert "%s:4: skipped: invalid JSON" % path in p.stderr


def test_dropped_records_are_pointed_out(tmp_path):
    lines = read_lines("ringgen-basic.jsonl")
    s = json.loads(lines[-1])
    s["ring"].update(mode="lossy", dropped=3)
    lines[-1] = json.dumps(s) + "\n"
    path = tmp_path / "t.jsonl"
    path.write_text("".join(lines))
    p = summary(str(path))
    assert "lossy; 17 records, 3 dropped" in p.stdout
    assert "WARNING: the guest dropped 3 record(s)" in p.stdout


def test_kvm_exit_records(tmp_path):
    lines = read_lines("ringgen-basic.jsonl")
    k = {"seq": 1, "type": "kvm_exit", "t_ns": 1, "vcpu": 0, "reason": 48,
         "reason_name": "EPT_VIOLATION", "isa": "vmx"}
    path = tmp_path / "t.jsonl"
    path.write_text(lines[0] + json.dumps(k) + "\n" + json.dumps(k) + "\n")
    p = summary(str(path))
    assert p.returncode == 0
    assert "Exits KVM handled in the kernel (kvm:kvm_exit): 2" in p.stdout
    assert "EPT_VIOLATION" in p.stdout


def test_crash_trace():
    p = summary(os.path.join(DATA, "ringgen-corrupt.jsonl"))
    assert p.returncode == 0
    assert 'End   crash, vmm exit status 125 (vmm\'s), crash_reason "corrupt trace ring' in p.stdout


def test_host_error_trace():
    p = summary(os.path.join(DATA, "host-error.jsonl"))
    assert p.returncode == 0
    assert "End   host-error, vmm exit status 125 (vmm's)" in p.stdout


def test_stdin():
    p = summary("-", input="".join(read_lines("ringgen-basic.jsonl")))
    assert p.returncode == 0 and "Trace -: 62 records" in p.stdout


def test_nothing_to_summarize(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    assert summary(str(empty)).returncode == 1
    cut = tmp_path / "cut.jsonl"
    cut.write_text('{"seq":0,"type":"bo')
    p = summary(str(cut))
    assert p.returncode == 1 and "truncated last line" in p.stderr
    p = summary(str(tmp_path / "missing.jsonl"))
    assert p.returncode == 1 and "cannot open" in p.stderr
    chrome = tmp_path / "chrome.json"
    chrome.write_text('{"traceEvents":[\n]}\n')
    p = summary(str(chrome))
    assert p.returncode == 1 and "Chrome Trace Event" in p.stderr


def test_usage_errors():
    assert summary().returncode == 2
    assert summary(BASIC, BASIC).returncode == 2


def test_malformed_records_are_left_out(tmp_path):
    lines = read_lines("ringgen-basic.jsonl")
    i = next(i for i, l in enumerate(lines) if '"name":"#PF"' in l)
    rec = json.loads(lines[i])
    rec["vector"] = [14]
    lines[i] = json.dumps(rec) + "\n"
    s = json.loads(lines[-1])
    s["tasks"] = [{"id": "one", "exceptions": "many"}]
    lines[-1] = json.dumps(s) + "\n"
    path = tmp_path / "t.jsonl"
    path.write_text("".join(lines))
    p = summary(str(path))
    assert p.returncode == 0, p.stderr
    assert "Traceback" not in p.stderr
    assert "%s:%d: skipped: 'vector' has the wrong type" % (path, i + 1) in p.stderr
    assert "the summary or boot record is malformed" in p.stderr
    assert "Guest traps (trace ring): 5" in p.stdout


def test_process_tree(tmp_path):
    """fork, exec and wait records make a process tree, children under parents."""
    recs = [
        {"task": 1, "event": "created", "name": "sh", "argv": ["/bin/sh"], "builtin": False},
        {"task": 2, "event": "forked", "parent": 1, "name": "sh"},
        {"task": 3, "event": "forked", "parent": 2, "name": "sh"},
        {"task": 2, "event": "exec", "path": "/bin/wc", "argv": ["wc", "-c"]},
        {"task": 3, "event": "exited", "status": 0},
        {"task": 2, "event": "exited", "status": 1},
        {"task": 1, "event": "waited", "child": 2, "wstatus": 256},
        {"task": 1, "event": "exited", "status": 0},
    ]
    path = tmp_path / "procs.jsonl"
    path.write_text("".join(json.dumps(dict(seq=i, type="task", t_ns=i + 1, guest_seq=i, **r))
                            + "\n" for i, r in enumerate(recs)))
    rep, _ = summary_json(str(path))
    assert [(p["id"], p["parent"], p["execs"], p["wstatus"]) for p in rep["processes"]] == [
        (1, None, [], None), (2, 1, ["wc -c"], 256), (3, 2, [], None)]
    out = summary(str(path)).stdout
    assert "Processes (fork, exec, wait): 3\n  task 1 (sh); exit(0)\n" \
        "    task 2 (wc); exec wc -c; exit(1); reaped: exited 1 (wait status 0x100)\n" \
        "      task 3 (sh); exit(0)\n" in out
