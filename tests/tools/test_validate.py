# SPDX-License-Identifier: MIT
"""tools/trace-validate on recorded real traces and on broken copies of them
(no KVM needed)."""
import json
import os

import pytest

from conftest import read_lines
from tracetest import DATA, SCHEMA, VALIDATE, validate

TRUNCATED = "truncated last line (the run may still be going, or was killed)"


def write(tmp_path, lines, name="t.jsonl"):
    path = tmp_path / name
    path.write_text("".join(lines))
    return str(path)


def edit(lines, lineno, fn):
    """Copy of LINES with line LINENO (1-based; -1 = last) replaced by
    fn(record) re-serialized."""
    out = list(lines)
    i = lineno - 1 if lineno > 0 else len(out) + lineno
    rec = json.loads(out[i])
    fn(rec)
    out[i] = json.dumps(rec, separators=(",", ":")) + "\n"
    return out


def find(lines, n=1, **match):
    """The 1-based line number of the Nth record with the fields in MATCH."""
    for i, line in enumerate(lines, 1):
        rec = json.loads(line)
        if all(rec.get(k) == v for k, v in match.items()):
            n -= 1
            if n == 0:
                return i
    raise LookupError(match)


def setitem(**kv):
    def fn(rec):
        for k, v in kv.items():
            rec[k] = v
    return fn


def at(lines, lineno=0):
    """":N: " for line N of LINES (default: the last), as trace-validate
    prints it after the file name."""
    return ":%d: " % (lineno or len(lines))


def check_fails(path, *messages):
    """trace-validate PATH fails with exit status 1 and says each of MESSAGES
    (each "LINE: text" or ": text" as printed after the file name)."""
    p = validate(path)
    assert p.returncode == 1, p.stdout + p.stderr
    for m in messages:
        assert path + m in p.stdout, "%r not in:\n%s" % (path + m, p.stdout)
    assert "%s: INVALID:" % path in p.stdout
    return p.stdout


@pytest.mark.parametrize("name", ["ringgen-basic.jsonl", "ringgen-corrupt.jsonl",
                                  "host-error.jsonl"])
def test_accepts_recorded_traces(name):
    path = os.path.join(DATA, name)
    p = validate(path)
    assert p.returncode == 0, p.stdout + p.stderr
    assert p.stdout.startswith(path + ": OK: ")
    assert len(p.stdout.splitlines()) == 1
    assert p.stderr == ""


def test_ok_line_counts_the_records():
    p = validate(os.path.join(DATA, "ringgen-basic.jsonl"))
    assert "62 records; 43 exit, 6 trap, 3 syscall, 4 task, 4 switch; end guest-exit, " \
        "status 0" in p.stdout


def test_quiet_prints_nothing_when_valid():
    p = validate("-q", os.path.join(DATA, "ringgen-basic.jsonl"))
    assert (p.returncode, p.stdout) == (0, "")


def test_stdin(sample_lines):
    p = validate("-", input="".join(sample_lines))
    assert p.returncode == 0 and p.stdout.startswith("-: OK: ")


def test_several_files_one_bad(tmp_path, sample_lines):
    good = os.path.join(DATA, "ringgen-basic.jsonl")
    bad = write(tmp_path, sample_lines[:-1])
    p = validate(good, bad)
    assert p.returncode == 1
    assert good + ": OK: " in p.stdout and bad + ": INVALID: " in p.stdout


def test_bad_json_line(tmp_path, sample_lines):
    lines = list(sample_lines)
    lines[4] = '{"seq":4,"type":"exit",\n'
    check_fails(write(tmp_path, lines), ":5: invalid JSON")


def test_empty_line(tmp_path, sample_lines):
    lines = list(sample_lines)
    lines.insert(3, "\n")
    check_fails(write(tmp_path, lines), ":4: empty line")


def test_seq_gap(tmp_path, sample_lines):
    lines = sample_lines[:9] + sample_lines[10:]
    check_fails(write(tmp_path, lines), ":10: seq 10, expected 9 (1 record(s) missing)",
                at(lines) + "exits_total is 43, but the trace has 42 exit record(s)")


def test_seq_duplicate(tmp_path, sample_lines):
    lines = sample_lines[:10] + [sample_lines[9]] + sample_lines[10:]
    check_fails(write(tmp_path, lines), ":11: seq 9, expected 10 (duplicate or out of order)")


def test_seq_not_from_zero(tmp_path, sample_lines):
    check_fails(write(tmp_path, edit(sample_lines, 1, setitem(seq=1))),
                ":1: seq 1, expected 0", ":2: seq 1, expected 2")


def test_missing_summary(tmp_path, sample_lines):
    check_fails(write(tmp_path, sample_lines[:-1]), ": no summary record")


def test_truncated_last_line(tmp_path, sample_lines):
    text = "".join(sample_lines)
    path = tmp_path / "t.jsonl"
    path.write_text(text[:-200])
    out = check_fails(str(path), at(sample_lines) + TRUNCATED, ": no summary record: the trace is "
                      "incomplete")
    assert "invalid JSON" not in out  # one clear message, not a parser's


def test_truncated_just_before_the_newline(tmp_path, sample_lines):
    """Even a last line that parses is incomplete without its newline."""
    path = tmp_path / "t.jsonl"
    path.write_text("".join(sample_lines)[:-1])
    check_fails(str(path), at(sample_lines) + TRUNCATED)


def test_truncated_after_boot(tmp_path, sample_lines):
    path = tmp_path / "t.jsonl"
    path.write_text(sample_lines[0] + sample_lines[1][:30])
    check_fails(str(path), ":2: " + TRUNCATED, ": no summary record")


def test_wrong_exits_total(tmp_path, sample_lines):
    check_fails(write(tmp_path, edit(sample_lines, -1, setitem(exits_total=44))),
                at(sample_lines) + "exits_total is 44, but the trace has 43 exit record(s)")


def test_wrong_exits_per_reason(tmp_path, sample_lines):
    check_fails(write(tmp_path, edit(sample_lines, -1, setitem(exits={"IO": 42, "HLT": 1}))),
                at(sample_lines) + "exits.HLT is 1, but the trace has 0 HLT exit record(s)",
                at(sample_lines) + "exits.IO is 42, but the trace has 43 IO exit record(s)")


def test_schema_wrong_type(tmp_path, sample_lines):
    check_fails(write(tmp_path, edit(sample_lines, 2, setitem(port="233"))),
                ":2: schema: port: '233' is not of type 'integer'")


def test_schema_bad_hex(tmp_path, sample_lines):
    check_fails(write(tmp_path, edit(sample_lines, 3, setitem(rip="0x10076G"))),
                ":3: schema: rip: '0x10076G' does not match")


def test_schema_unknown_type(tmp_path, sample_lines):
    check_fails(write(tmp_path, edit(sample_lines, 4, setitem(type="exitt"))),
                ":4: schema: type: 'exitt' is not one of")


def test_schema_unknown_field(tmp_path, sample_lines):
    check_fails(write(tmp_path, edit(sample_lines, 4, setitem(colour="red"))),
                ":4: schema: Additional properties are not allowed ('colour' was unexpected)")


def test_schema_field_not_allowed_for_the_event(tmp_path, sample_lines):
    n = find(sample_lines, type="task", event="exited")
    check_fails(write(tmp_path, edit(sample_lines, n, setitem(name="x"))),
                ":%d: schema: field 'name' is not allowed in this record" % n)


def test_schema_not_an_object(tmp_path, sample_lines):
    lines = list(sample_lines)
    lines[5] = "[1, 2]\n"
    check_fails(write(tmp_path, lines), ":6: schema: [1, 2] is not of type 'object'")


def test_io_data_length(tmp_path, sample_lines):
    check_fails(write(tmp_path, edit(sample_lines, 2, setitem(data="7269"))),
                ":2: IO data has 2 byte(s), size x count is 1")


def test_two_summaries(tmp_path, sample_lines):
    n = len(sample_lines)
    lines = sample_lines + edit(sample_lines, -1, setitem(seq=n))[-1:]
    check_fails(write(tmp_path, lines),
                at(lines) + "second summary record (the first is on line %d)" % n)


def test_record_after_summary(tmp_path, sample_lines):
    n = len(sample_lines)
    lines = sample_lines + edit(sample_lines, 2, setitem(seq=n))[1:2]
    check_fails(write(tmp_path, lines), at(lines) + "'exit' record after the summary (line %d)" % n)


def test_first_record_not_boot(tmp_path, sample_lines):
    lines = [sample_lines[1]] + sample_lines[2:]
    out = check_fails(write(tmp_path, lines), ":1: the first record is 'exit'")
    assert "seq 1, expected 0" in out


def test_boot_twice(tmp_path, sample_lines):
    lines = sample_lines[:1] + edit(sample_lines, 1, setitem(seq=1))[:1] + \
        [l for l in sample_lines[1:]]
    check_fails(write(tmp_path, lines), ":2: 'boot' record that is not the first record")


def test_lone_summary_must_be_host_error(tmp_path, sample_lines):
    lines = edit(sample_lines, -1, setitem(seq=0))[-1:]
    check_fails(write(tmp_path, lines), ":1: the first record is 'summary'")


def test_guest_seq_gap(tmp_path, sample_lines):
    n, m = find(sample_lines, guest_seq=3), find(sample_lines, guest_seq=4)
    check_fails(write(tmp_path, edit(sample_lines, n, setitem(guest_seq=4))),
                ":%d: guest_seq 4, expected 3" % n, ":%d: guest_seq 4, expected 5" % m)


def test_ring_records(tmp_path, sample_lines):
    def fn(rec):
        rec["ring"]["records"] = 12
    check_fails(write(tmp_path, edit(sample_lines, -1, fn)),
                at(sample_lines) + "ring.records is 12, but the trace has 17 "
                "trap/syscall/task/switch record(s)")


def test_lossless_ring_dropped(tmp_path, sample_lines):
    def fn(rec):
        rec["ring"]["dropped"] = 2
    check_fails(write(tmp_path, edit(sample_lines, -1, fn)),
                at(sample_lines) + "ring.dropped is 2 in lossless mode (must be 0)")


def test_lossy_ring_may_drop(tmp_path, sample_lines):
    def fn(rec):
        rec["ring"].update(mode="lossy", dropped=2)
    p = validate(write(tmp_path, edit(sample_lines, -1, fn)))
    assert p.returncode == 0, p.stdout


def test_traps_per_vector(tmp_path, sample_lines):
    def fn(rec):
        rec["traps"]["14"] = 2
    check_fails(write(tmp_path, edit(sample_lines, -1, fn)),
                at(sample_lines) + "traps[14] is 2, but the trace has 1 trap record(s) for vector 14")


def test_syscalls_per_mech(tmp_path, sample_lines):
    def fn(rec):
        rec["syscalls"]["int80"] = 1
    check_fails(write(tmp_path, edit(sample_lines, -1, fn)),
                at(sample_lines) + "syscalls[int80] is 1, but the trace has 0 int80 syscall record(s)")


def test_tasks(tmp_path, sample_lines):
    def fn(rec):
        rec["tasks"][1].update(ended="exit(0)", syscalls=1)
        rec["tasks"].append(dict(rec["tasks"][0], id=7))
    check_fails(write(tmp_path, edit(sample_lines, -1, fn)),
                at(sample_lines) + 'tasks[1] (task 2): syscalls is 1, the records say 0',
                at(sample_lines) + 'tasks[1] (task 2): ended is "exit(0)", the records say "killed: vector 13"',
                at(sample_lines) + "tasks[2]: task 7 has no records in the trace")


def test_bare_exit_only_when_crashed(tmp_path, sample_lines):
    def strip(rec):
        for k in ("port", "size", "dir", "count", "device", "data"):
            del rec[k]
    check_fails(write(tmp_path, edit(sample_lines, 2, strip)),
                ":2: exit record without the fields of its reason, but not the last exit")


def test_crash_reason_must_match(tmp_path):
    lines = read_lines("ringgen-corrupt.jsonl")
    check_fails(write(tmp_path, edit(lines, -1, setitem(crash_reason="other"))),
                ":23: crash_reason 'other' differs from the crash record's reason")


def test_crash_must_precede_the_summary(tmp_path):
    lines = read_lines("ringgen-corrupt.jsonl")
    lines = lines[:-2] + [lines[-2]] + edit(lines, 2, setitem(seq=22))[1:2] + \
        edit(lines, -1, setitem(seq=23))[-1:]
    check_fails(write(tmp_path, lines), ":23: 'exit' record after the crash record (line 22)")


def test_status_must_match_guest_status(tmp_path, sample_lines):
    check_fails(write(tmp_path, edit(sample_lines, -1, setitem(status=3))),
                at(sample_lines) + "status 3 differs from guest_status 0")


def test_host_time_must_not_go_back(tmp_path, sample_lines):
    check_fails(write(tmp_path, edit(sample_lines, 3, setitem(t_ns=1))),
                ":3: t_ns 1 is before the previous host record's")


def test_kvm_exit_records_counted(tmp_path, sample_lines):
    kexit = {"seq": 1, "type": "kvm_exit", "t_ns": 8500000, "vcpu": 0, "reason": 30,
             "reason_name": "IO_INSTRUCTION", "isa": "vmx", "guest_rip": "0x10076b"}
    lines = [sample_lines[0], json.dumps(kexit) + "\n"]
    for line in sample_lines[1:]:
        rec = json.loads(line)
        rec["seq"] += 1
        if rec["type"] == "summary":
            rec["kvm_exit_events"] = {"requested": True, "available": True,
                                      "events": 1, "lost": 0}
        lines.append(json.dumps(rec) + "\n")
    path = write(tmp_path, lines)
    p = validate(path)
    assert p.returncode == 0, p.stdout
    assert "1 kvm_exit" in p.stdout
    lines[-1] = lines[-1].replace('"events": 1', '"events": 2')
    check_fails(write(tmp_path, lines, "bad.jsonl"),
                at(lines) + "kvm_exit_events.events is 2, but the trace has 1 kvm_exit record(s)")


def test_max_problems(tmp_path, sample_lines):
    lines = list(sample_lines)
    for i in range(2, 16):  # 14 exit records
        lines = edit(lines, i, setitem(rip="bad"))
    path = write(tmp_path, lines)
    p = validate("--max-problems", "3", path)
    assert p.returncode == 1
    assert p.stdout.count(": schema: rip:") == 3
    assert "INVALID: 14 problem(s) (11 not shown; --max-problems 0 shows all)" in p.stdout
    p = validate("--max-problems", "0", path)
    assert p.stdout.count(": schema: rip:") == 14


def test_empty_file(tmp_path):
    check_fails(write(tmp_path, []), ": empty trace: no records")


def test_missing_file(tmp_path):
    path = str(tmp_path / "nope.jsonl")
    check_fails(path, ": cannot open: No such file or directory")


def test_chrome_trace(tmp_path):
    path = write(tmp_path, ['{"traceEvents":[\n', '{"ph":"M"}\n', ']}\n'])
    check_fails(path, ": a Chrome Trace Event file (--trace-format chrome), not a JSON Lines "
                "trace")


def test_usage_errors():
    assert validate().returncode == 2
    assert validate("--bogus", os.path.join(DATA, "host-error.jsonl")).returncode == 2


def test_unusable_schema(tmp_path):
    bad = tmp_path / "schema.json"
    bad.write_text("{")
    p = validate("--schema", str(bad), os.path.join(DATA, "host-error.jsonl"))
    assert p.returncode == 2 and "cannot use the schema" in p.stderr


def test_malformed_fields_do_not_stop_the_checks(tmp_path, sample_lines):
    lines = edit(sample_lines, 2, setitem(reason_name={"x": 1}))
    lines = edit(lines, 3, setitem(type=["exit"]))
    def fn(rec):
        rec["tasks"][0]["id"] = [1]
        rec["ring"] = "broken"
    lines = edit(lines, -1, fn)
    p = validate(write(tmp_path, lines))
    assert p.returncode == 1 and "Traceback" not in p.stderr, p.stderr
    assert ":2: schema: reason_name:" in p.stdout and ":3: schema: type:" in p.stdout
    assert at(sample_lines) + "schema: ring:" in p.stdout


def load_validator_module():
    import importlib.machinery
    import importlib.util
    import sys
    sys.dont_write_bytecode = True
    loader = importlib.machinery.SourceFileLoader("trace_validate", VALIDATE)
    spec = importlib.util.spec_from_loader("trace_validate", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def test_remembered_results_equal_full_validation():
    """trace-validate remembers schema results by a key that replaces valid
    per-record values (Schema.key): that must never change the verdict,
    whatever the schema says.  Compare with plain validation on the recorded
    records and on variants of them."""
    mod = load_validator_module()
    schema = mod.Schema(SCHEMA)
    values = [0, -1, 2**64, "0x1f", "0x01", "0xG", "", "abc", None, [], True, 14, 22]
    records, shapes = [], set()
    for name in ("ringgen-basic.jsonl", "ringgen-corrupt.jsonl", "host-error.jsonl"):
        for line in read_lines(name):
            rec = json.loads(line)
            shape = (tuple(sorted(rec)), rec.get("vector"), rec.get("event"), rec.get("device"))
            if shape not in shapes:
                shapes.add(shape)
                records.append(rec)
    checked = 0
    for rec in records:
        for k in list(rec):
            for v in values:
                r = dict(rec)
                r[k] = v
                want = not schema.full.is_valid(r)
                assert bool(schema.errors(r)) == want, (k, v, r)
                checked += 1
    assert checked > 1000


def test_switch_chain(tmp_path, sample_lines):
    """A switch must come from the task the previous one put on the CPU."""
    n = find(sample_lines, type="switch", n=2)  # hello (task 1) -> kernel
    check_fails(write(tmp_path, edit(sample_lines, n, setitem(task=2))),
                at(sample_lines, n) + "switch from task 2, but task 1 was running")


def test_switch_ran_ns(tmp_path, sample_lines):
    n = find(sample_lines, type="switch", n=2)
    lines = edit(sample_lines, n, lambda rec: rec.update(ran_ns=rec["ran_ns"] + 1))
    out = check_fails(write(tmp_path, lines), at(lines, n) + "ran_ns is ")
    assert "but task 1 was switched in" in out


def test_tasks_run_time_and_preemptions(tmp_path, sample_lines):
    def fn(rec):
        rec["tasks"][0]["run_ns"] += 5
        rec["tasks"][1]["preempted"] = 1
    out = check_fails(write(tmp_path, edit(sample_lines, -1, fn)),
                      at(sample_lines) + "tasks[0] (task 1): run_ns is ",
                      at(sample_lines) + "tasks[1] (task 2): preempted is 1, the records say 0")
    assert out.count("problem(s)") == 1
