# SPDX-License-Identifier: MIT
"""Shared code of tools/trace-validate and tools/trace-summary.

Reads ./vmm --trace files (JSON Lines, docs/trace.md) line by line, tells a
truncated last line from a broken one, and knows the few names the trace
format uses (exception vectors, exit reasons).  Standard library only;
the schema check itself (python3-jsonschema) lives in trace-validate.
"""
import json
import os
import re
import sys

TOOLS_DIR = os.path.dirname(os.path.realpath(__file__))
REPO_DIR = os.path.dirname(TOOLS_DIR)
SCHEMA_PATH = os.path.join(REPO_DIR, "docs", "trace.schema.json")
SYSCALL_HEADER = os.path.join(REPO_DIR, "guest", "include", "uapi", "lde_sys.h")

HOST_TYPES = ("boot", "exit", "crash", "timeout", "summary")
GUEST_TYPES = ("trap", "syscall", "task", "switch")

# host/trace_ring.c: exception_names[] (vectors 22-31 have no name).
EXCEPTION_NAMES = ["#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF",
                   "CSO", "#TS", "#NP", "#SS", "#GP", "#PF", "RSV", "#MF", "#AC",
                   "#MC", "#XM", "#VE", "#CP"]

# The summary's "syscalls" object, in host/trace_ring.c order.
SYSCALL_MECHS = ("syscall", "syscall-emulated", "int80", "int80-emulated")

TRUNCATED = "truncated last line (the run may still be going, or was killed)"


def vector_name(vector):
    """#PF for 14, ... (what the vmm writes as "name"), or None."""
    if isinstance(vector, int) and 0 <= vector < len(EXCEPTION_NAMES):
        return EXCEPTION_NAMES[vector]
    return None


def syscall_names(path=SYSCALL_HEADER):
    """{number: name} from the guest's system-call header, if it is there."""
    names = {}
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.match(r"\s*#\s*define\s+SYS_([a-z]\w*)\s+(\d+)\b", line)
                if m:
                    names[int(m.group(2))] = m.group(1)
    except OSError:
        pass
    return names


class Line:
    """One line of a trace file.

    lineno    1-based line number
    record    the parsed JSON value, or None when the line is not JSON
    error     why the line could not be parsed (None if it could)
    last      the last line of the file
    complete  the line ends with a newline
    nbytes    its length in bytes
    """
    __slots__ = ("lineno", "record", "error", "last", "complete", "nbytes")

    def __init__(self, lineno, record, error, last, complete, nbytes):
        self.lineno = lineno
        self.nbytes = nbytes
        self.record = record
        self.error = error
        self.last = last
        self.complete = complete

    @property
    def truncated(self):
        """The vmm writes whole lines: a last line without a newline, or
        one that is not JSON, is a record it did not finish writing."""
        return self.last and (not self.complete or self.error is not None)

    def truncation(self):
        """What is wrong with a truncated last line, for people."""
        if not self.complete:
            return "%s: %d byte(s) without a newline" % (TRUNCATED, self.nbytes)
        return "%s: %s" % (TRUNCATED, self.error)


def _parse(raw):
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return None, "not UTF-8 (byte %d)" % e.start
    if not text.strip():
        return None, "empty line"
    try:
        return json.loads(text), None
    except ValueError as e:
        return None, "invalid JSON: %s" % e


class TraceFileError(Exception):
    """The file cannot be read as a JSON Lines trace at all."""


def open_trace(path):
    """A binary file object for PATH ('-' is standard input)."""
    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except OSError as e:
        raise TraceFileError("cannot open: %s" % (e.strerror or e)) from None


def read_lines(path):
    """Yield a Line for each line of the trace at PATH.

    Raises TraceFileError if the file cannot be opened or is a Chrome
    trace (./vmm --trace-format chrome) rather than JSON Lines."""
    f = open_trace(path)
    try:
        lineno = 0
        prev = None
        for raw in f:
            lineno += 1
            if lineno == 1 and raw.lstrip().startswith(b'{"traceEvents"'):
                raise TraceFileError("a Chrome Trace Event file (--trace-format chrome), "
                                     "not a JSON Lines trace")
            if prev is not None:
                yield prev
            record, error = _parse(raw)
            prev = Line(lineno, record, error, False, raw.endswith(b"\n"), len(raw))
        if prev is not None:
            prev.last = True
            yield prev
    except OSError as e:
        raise TraceFileError("read error: %s" % (e.strerror or e)) from None
    finally:
        if f is not sys.stdin.buffer:
            f.close()


def is_record(value):
    """A JSON object with a string "type": something to look at."""
    return isinstance(value, dict) and isinstance(value.get("type"), str)


def is_bare_exit(rec):
    """An exit record with only the common fields although its reason has
    its own (the run ended before the vmm handled the exit)."""
    return rec.get("reason_name") in BARE_CAPABLE and not (set(rec) - EXIT_COMMON)


EXIT_COMMON = {"seq", "type", "t_ns", "vcpu", "reason", "reason_name", "rip"}
BARE_CAPABLE = {"IO", "MMIO", "INTR", "INTERNAL_ERROR", "FAIL_ENTRY", "SYSTEM_EVENT"}


def fmt_ns(ns):
    """A duration for people: 850ns, 12.3us, 4.56ms, 1.234s."""
    if ns is None:
        return "-"
    if ns < 1000:
        return "%dns" % ns
    if ns < 1000000:
        return "%.2fus" % (ns / 1e3)
    if ns < 1000000000:
        return "%.2fms" % (ns / 1e6)
    return "%.3fs" % (ns / 1e9)
