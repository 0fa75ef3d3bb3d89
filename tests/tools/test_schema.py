# SPDX-License-Identifier: MIT
"""docs/trace.schema.json on its own: recorded real records pass, hand-made
variants that the vmm never writes fail (with the expected complaint)."""
import copy
import json

import jsonschema
import pytest

from conftest import read_lines
from tracetest import SCHEMA

with open(SCHEMA) as f:
    SCHEMA_JSON = json.load(f)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA_JSON)


def errors(rec):
    return [e.message for e in VALIDATOR.iter_errors(rec)]


def records(name):
    return [json.loads(line) for line in read_lines(name)]


BASIC = records("ringgen-basic.jsonl")
CORRUPT = records("ringgen-corrupt.jsonl")


def first(recs, **match):
    for r in recs:
        if all(r.get(k) == v for k, v in match.items()):
            return copy.deepcopy(r)
    raise LookupError(match)


BOOT = first(BASIC, type="boot")
IO = first(BASIC, type="exit", reason_name="IO")
PF = first(BASIC, type="trap", vector=14)
TIMER = first(BASIC, type="trap", vector=32)
SYSCALL = first(BASIC, type="syscall")
CREATED = first(BASIC, type="task", event="created")
EXITED = first(BASIC, type="task", event="exited")
KILLED = first(BASIC, type="task", event="killed")
SUMMARY = first(BASIC, type="summary")
CRASH = first(CORRUPT, type="crash")
EXIT_COMMON = {k: IO[k] for k in ("seq", "type", "t_ns", "vcpu", "reason", "reason_name", "rip")}


def exit_rec(name, number, **fields):
    r = dict(EXIT_COMMON, reason=number, reason_name=name)
    r.update(fields)
    return r


def with_(rec, **changes):
    r = copy.deepcopy(rec)
    for k, v in changes.items():
        if v is DELETE:
            r.pop(k, None)
        else:
            r[k] = v
    return r


DELETE = object()


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(SCHEMA_JSON)
    assert SCHEMA_JSON["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("name", ["ringgen-basic.jsonl", "ringgen-corrupt.jsonl",
                                  "host-error.jsonl"])
def test_recorded_traces_pass(name):
    for i, rec in enumerate(records(name), 1):
        assert errors(rec) == [], "%s:%d" % (name, i)


VALID = {
    "bare IO exit (run ended before it was handled)": first(CORRUPT, type="exit", seq=20),
    "MMIO read": exit_rec("MMIO", 6, addr="0xd0000000", len=4, dir="read"),
    "MMIO write": exit_rec("MMIO", 6, addr="0xd0000000", len=4, dir="write", data="de010000"),
    "INTR timeout": exit_rec("INTR", 10, cause="timeout"),
    "SHUTDOWN": exit_rec("SHUTDOWN", 8),
    "HLT": exit_rec("HLT", 5),
    "INTERNAL_ERROR": exit_rec("INTERNAL_ERROR", 17, suberror=1, suberror_name="EMULATION",
                               data=["0x0", "0x1f"]),
    "INTERNAL_ERROR unknown suberror": exit_rec("INTERNAL_ERROR", 17, suberror=9,
                                                suberror_name="UNRECOGNISED", data=[]),
    "FAIL_ENTRY": exit_rec("FAIL_ENTRY", 9, hardware_entry_failure_reason="0x80000021", cpu=3),
    "SYSTEM_EVENT": exit_rec("SYSTEM_EVENT", 24, event_type=2),
    "unrecognised reason": exit_rec("UNRECOGNISED", 99),
    "IO in, no device": with_(IO, dir="in", device=None),
    "IO without data (CONFIG_TRACE_IO_DATA=n)": with_(IO, data=DELETE),
    "#PF": PF,
    "interrupt without a name": TIMER,
    "exception 22 has no name": with_(PF, vector=22, name=DELETE, cr2=DELETE),
    "syscall, negative ret": with_(SYSCALL, ret=-38, mech="int80"),
    "task created": CREATED,
    "task exited": EXITED,
    "task killed by #PF": with_(KILLED, vector=14, name="#PF", cr2="0x0"),
    "crash without registers": {k: CRASH[k] for k in ("seq", "type", "t_ns", "reason")},
    "crash": CRASH,
    "kvm_exit": {"seq": 3, "type": "kvm_exit", "t_ns": 99, "vcpu": 0, "reason": 48,
                 "reason_name": "EPT_VIOLATION", "isa": "vmx", "guest_rip": "0x100634",
                 "info1": "0x181", "info2": "0x0", "intr_info": "0x0", "error_code": "0x0"},
    "kvm_exit, unknown reason": {"seq": 3, "type": "kvm_exit", "t_ns": 99, "vcpu": 0,
                                 "reason": 1234, "reason_name": None, "isa": "svm"},
    "summary": SUMMARY,
    "summary, no ring": with_(SUMMARY, ring=None, traps=DELETE, syscalls=DELETE, tasks=DELETE),
    "summary, no KVM statistics": with_(SUMMARY, kvm_stats=None,
                                        kvm_stats_unavailable="KVM_GET_STATS_FD failed"),
    "summary, signal": with_(SUMMARY, end="signal", status=143, signal=15,
                             guest_status=DELETE, status_kind="vmm"),
    "summary, timeout": with_(SUMMARY, end="timeout", status=124, guest_status=DELETE,
                              status_kind="vmm"),
    "summary, bad status": with_(SUMMARY, end="bad-status", status=125, guest_status=256,
                                 status_kind="vmm"),
    "summary, program exit": with_(SUMMARY, end="program-exit", status=3, guest_status=DELETE,
                                   status_kind="program"),
    "summary, program signal": with_(SUMMARY, end="program-signal", status=139,
                                     program_signal=11, guest_status=DELETE,
                                     status_kind="program"),
    "summary, kvm exits not requested": with_(SUMMARY, kvm_exit_events={"requested": False}),
    "summary, kvm exits unavailable": with_(SUMMARY, kvm_exit_events={
        "requested": True, "available": False, "why": "no tracefs"}),
    "summary, kvm exits": with_(SUMMARY, kvm_exit_events={
        "requested": True, "available": True, "events": 5, "lost": 0}),
}


@pytest.mark.parametrize("name", list(VALID))
def test_valid(name):
    assert errors(VALID[name]) == []


INVALID = [
    # (what, record, a substring of one of the error messages)
    ("seq is a string", with_(IO, seq="1"), "is not of type 'integer'"),
    ("negative seq", with_(IO, seq=-1), "less than the minimum"),
    ("t_ns is a float", with_(IO, t_ns=1.5), "is not of type 'integer'"),
    ("unknown type", with_(IO, type="exitt"), "is not one of"),
    ("no type", with_(IO, type=DELETE), "'type' is a required property"),
    ("hex with a bad digit", with_(IO, rip="0x10G"), "does not match"),
    ("hex in upper case", with_(IO, rip="0x10ABC"), "does not match"),
    ("hex without 0x", with_(IO, rip="100634"), "does not match"),
    ("hex with a leading zero", with_(IO, rip="0x0100634"), "does not match"),
    ("address as a number", with_(IO, rip=1050164), "is not of type 'string'"),
    ("IO without port", with_(IO, port=DELETE), "'port' is a required property"),
    ("IO size 3", with_(IO, size=3), "is not one of [1, 2, 4]"),
    ("IO unknown device", with_(IO, device="floppy"), "is not one of"),
    ("IO data not whole bytes", with_(IO, data="abc"), "does not match"),
    ("IO unknown field", with_(IO, foo=1), "'foo' was unexpected"),
    ("reason and reason_name disagree", with_(IO, reason=3), "2 was expected"),
    ("unknown reason_name", with_(IO, reason_name="FOO"), "is not one of"),
    ("SHUTDOWN with IO fields", exit_rec("SHUTDOWN", 8, port=1), "'port' was unexpected"),
    ("MMIO unclaimed false", exit_rec("MMIO", 6, addr="0x0", len=4, dir="read", unclaimed=False),
     "True was expected"),
    ("MMIO len 9", exit_rec("MMIO", 6, addr="0x0", len=9, dir="read"), "maximum"),
    ("INTR unknown cause", exit_rec("INTR", 10, cause="boredom"), "is not one of"),
    ("suberror and its name disagree", exit_rec("INTERNAL_ERROR", 17, suberror=1,
                                                suberror_name="SIMUL_EX", data=[]),
     "2 was expected"),
    ("UNRECOGNISED below 38", exit_rec("UNRECOGNISED", 5), "less than the minimum"),
    ("boot unknown entry_mode", with_(BOOT, entry_mode="bios"), "is not one of"),
    ("boot extra field", with_(BOOT, colour="blue"), "'colour' was unexpected"),
    ("boot without ring", with_(BOOT, ring=DELETE), "'ring' is a required property"),
    ("boot ring without tsc_khz", with_(BOOT, ring={"gpa": "0x0", "capacity": 8}),
     "'tsc_khz' is a required property"),
    ("#PF without cr2", with_(PF, cr2=DELETE), "'cr2' is a required property"),
    ("#GP with cr2", with_(PF, vector=13, name="#GP"), "should not be valid"),
    ("vector and name disagree", with_(PF, name="#GP"), "'#PF' was expected"),
    ("vector 14 without its name", with_(PF, name=DELETE), "'name' is a required property"),
    ("name for vector 22", with_(PF, vector=22, cr2=DELETE), "is not one of"),
    ("vector 256", with_(TIMER, vector=256), "maximum"),
    ("CPL 4", with_(PF, cpl=4), "maximum"),
    ("trap kind task", with_(PF, kind="task"), "is not one of"),
    ("syscall with 5 args", with_(SYSCALL, args=SYSCALL["args"][:5]), "is too short"),
    ("syscall unknown mech", with_(SYSCALL, mech="sysenter"), "is not one of"),
    ("syscall without guest_seq", with_(SYSCALL, guest_seq=DELETE),
     "'guest_seq' is a required property"),
    ("task created without name", with_(CREATED, name=DELETE), "'name' is a required property"),
    ("task exited with a name", with_(EXITED, name="x"), "is not one of"),
    ("task killed with kind exception", with_(KILLED, kind="exception"), "was expected"),
    ("task unknown event", with_(EXITED, event="paused"), "is not one of"),
    ("crash regs without sregs", with_(CRASH, sregs=DELETE), "'sregs' is a dependency"),
    ("crash regs without rip", with_(CRASH, regs={k: v for k, v in CRASH["regs"].items()
                                                  if k != "rip"}),
     "'rip' is a required property"),
    ("summary crash with status 0", with_(SUMMARY, end="crash", status=0, status_kind="vmm",
                                          guest_status=DELETE, crash_reason="x"),
     "125 was expected"),
    ("summary without status_kind", with_(SUMMARY, status_kind=DELETE),
     "'status_kind' is a required property"),
    ("summary program status of the guest", with_(SUMMARY, end="program-exit",
                                                  guest_status=DELETE),
     "'program' was expected"),
    ("summary program signal without the signal", with_(SUMMARY, end="program-signal",
                                                        status=139, status_kind="program",
                                                        guest_status=DELETE),
     "'program_signal' is a required property"),
    ("summary guest-exit without guest_status", with_(SUMMARY, guest_status=DELETE),
     "'guest_status' is a required property"),
    ("summary crash_reason on guest-exit", with_(SUMMARY, crash_reason="x"),
     "should not be valid"),
    ("summary unknown end", with_(SUMMARY, end="running"), "is not one of"),
    ("summary ring null with traps", with_(SUMMARY, ring=None), "should not be valid"),
    ("summary ring without traps", with_(SUMMARY, traps=DELETE),
     "'traps' is a required property"),
    ("summary kvm_stats null without why", with_(SUMMARY, kvm_stats=None),
     "'kvm_stats_unavailable' is a required property"),
    ("summary unknown exit reason", with_(SUMMARY, exits={"FOO": 1}), "is not one of"),
    ("summary trap vector 256", with_(SUMMARY, traps={"256": 1}), "does not match"),
    ("summary task ended oddly", with_(SUMMARY, tasks=[dict(SUMMARY["tasks"][0],
                                                            ended="finished")]),
     "does not match"),
    ("summary syscalls without int80", with_(SUMMARY, syscalls={"syscall": 0,
                                                                "syscall-emulated": 0,
                                                                "int80-emulated": 0}),
     "'int80' is a required property"),
    ("summary lossy-ish ring mode", with_(SUMMARY, ring=dict(SUMMARY["ring"], mode="lossier")),
     "is not one of"),
    ("kvm exits not requested, with events", with_(SUMMARY, kvm_exit_events={
        "requested": False, "events": 1}), "is not one of"),
    ("kvm exits available without events", with_(SUMMARY, kvm_exit_events={
        "requested": True, "available": True, "lost": 0}), "'events' is a required property"),
    ("kvm_exit unknown isa", dict(VALID["kvm_exit"], isa="arm"), "is not one of"),
]


@pytest.mark.parametrize("what,rec,message", INVALID, ids=[i[0] for i in INVALID])
def test_invalid(what, rec, message):
    found = errors(rec)
    assert found, "%s: accepted" % what
    assert any(message in m for m in found), found
