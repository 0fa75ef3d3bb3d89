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

NAMES_HEADER = os.path.join(REPO_DIR, "include", "lde", "trace_names.h")
ABI_HEADER = os.path.join(REPO_DIR, "include", "lde", "abi.h")


def _abi_constants(path=ABI_HEADER):
    """{"LDE_MECH_SYSCALL": 1, ...}: abi.h's numeric #defines."""
    consts = {}
    with open(path, encoding="utf-8") as f:
        text = re.sub(r"\\\n\s*", " ", f.read())  # join continued lines
        for line in text.splitlines():
            m = re.match(r"\s*#\s*define\s+(LDE_\w+)\s+(0x[0-9a-fA-F]+|\d+)[uUlL]*\b", line)
            if m:
                consts[m.group(1)] = int(m.group(2), 0)
    return consts


def _name_tables(path=NAMES_HEADER):
    """{"VECTOR": {0: "#DE", ...}, "MECH": {...}, ...}: the X-macro tables of
    include/lde/trace_names.h, the one source of the trace's names that the
    kernel and the vmm compile in.  Fails loudly if the file cannot be read
    as its comment promises: a tool that guessed a name would drift."""
    consts = _abi_constants()
    with open(path, encoding="utf-8") as f:
        text = f.read().replace("\\\n", " ")
    tables = {}
    for m in re.finditer(r"#\s*define\s+LDE_(\w+)_NAMES\(X\)(.*)", text):
        rows = {}
        for num, name in re.findall(r'X\(\s*(\w+)\s*,\s*"([^"]*)"\s*\)', m.group(2)):
            n = consts[num] if num in consts else int(num, 0)
            if n in rows:
                raise ValueError("%s: %s: %s twice" % (path, m.group(1), num))
            rows[n] = name
        tables[m.group(1)] = rows
    for table in ("VECTOR", "MECH", "SWITCH", "TASK_EVENT", "TRAP_OUTCOME", "KIND"):
        if not tables.get(table):
            raise ValueError("%s: no LDE_%s_NAMES table" % (path, table))
    return tables


NAMES = _name_tables()
VECTOR_NAMES = NAMES["VECTOR"]                 # {14: "#PF", 32: "timer", ...}
TIMER_VECTOR = _abi_constants()["LDE_VECTOR_TIMER"]
# The mechanisms a system call can arrive by (the summary's "syscalls" keys).
SYSCALL_MECHS = tuple(name for n, name in sorted(NAMES["MECH"].items()) if n)
SWITCH_REASONS = tuple(name for _, name in sorted(NAMES["SWITCH"].items()))

TRUNCATED = "truncated last line (the run may still be going, or was killed)"


def vector_name(vector):
    """#PF for 14, timer for 32 (the name the vmm writes), or None."""
    return VECTOR_NAMES.get(vector) if isinstance(vector, int) else None


def _syscall_table(path):
    """[(number, name, arity or None)] from the guest's system-call header:
    `#define SYS_write 1 /* (int fd, const void *buf, size_t len): ... */`."""
    table = []
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.match(r"\s*#\s*define\s+SYS_([a-z]\w*)\s+(\d+)\b(?:\s*/\*\s*\(([^)]*)\))?",
                             line)
                if m:
                    params = m.group(3)
                    arity = None if params is None else len([p for p in params.split(",")
                                                             if p.strip()])
                    table.append((int(m.group(2)), m.group(1), arity))
    except OSError:
        pass
    return table


def syscall_name(rec):
    """A syscall record's name as the vmm wrote it (its table: Linux's
    <asm/unistd_64.h> and lde_sys.h's extensions), or "syscall NR"."""
    return rec.get("name") or "syscall %s" % rec.get("nr")


# Linux's x86-64 signal numbers (<asm/signal.h>), for those the guest's
# header does not define; the header's own names win (signal_names).
LINUX_SIGNALS = {1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 5: "SIGTRAP",
                 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE", 9: "SIGKILL", 10: "SIGUSR1",
                 11: "SIGSEGV", 12: "SIGUSR2", 13: "SIGPIPE", 14: "SIGALRM", 15: "SIGTERM",
                 16: "SIGSTKFLT", 17: "SIGCHLD", 18: "SIGCONT", 19: "SIGSTOP", 20: "SIGTSTP",
                 21: "SIGTTIN", 22: "SIGTTOU", 23: "SIGURG", 24: "SIGXCPU", 25: "SIGXFSZ",
                 26: "SIGVTALRM", 27: "SIGPROF", 28: "SIGWINCH", 29: "SIGIO", 30: "SIGPWR",
                 31: "SIGSYS"}


def header_numbers(prefix, path=SYSCALL_HEADER):
    """{number: name} of the header's `#define PREFIX... N` lines (the first
    name of a number wins): its errno or signal names."""
    names = {}
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.match(r"\s*#\s*define\s+(%s[A-Z0-9]+)\s+(\d+)\b" % prefix, line)
                if m:
                    names.setdefault(int(m.group(2)), m.group(1))
    except OSError:
        pass
    return names


def signal_names(path=SYSCALL_HEADER):
    """{17: "SIGCHLD", ...}: the guest's system-call header's SIG* numbers,
    then Linux's for the others."""
    return {**LINUX_SIGNALS, **header_numbers("SIG", path)}


SIGNAL_NAMES = signal_names()


def signal_name(n):
    """SIGCHLD for 17, SIGRTMIN+2 for 36, 'signal 99' for what Linux lacks."""
    if isinstance(n, int) and n in SIGNAL_NAMES:
        return SIGNAL_NAMES[n]
    if isinstance(n, int) and 32 <= n <= 64:
        return "SIGRTMIN+%d" % (n - 32) if n > 32 else "SIGRTMIN"
    return "signal %s" % n


def program_name(rec):
    """The name of the program an exec record starts, as people call it:
    argv[0]'s last part (busybox's applets run as /proc/self/exe with
    argv[0] "wc"), else the path's."""
    argv = rec.get("argv")
    first = str(argv[0]) if isinstance(argv, list) and argv else ""
    return (first or str(rec.get("path", ""))).rstrip("/").rsplit("/", 1)[-1] or "?"


def wait_status(ws):
    """Linux's wait status for people: 'exited 3 (wait status 0x300)',
    'killed by SIGABRT (wait status 0x6)'."""
    if not isinstance(ws, int) or isinstance(ws, bool):
        return "wait status %s" % ws
    sig = ws & 0x7f
    if sig == 0:
        what = "exited %d" % ((ws >> 8) & 0xff)
    elif sig == 0x7f:
        what = "stopped by %s" % signal_name((ws >> 8) & 0xff)
    else:
        what = "killed by %s%s" % (signal_name(sig), " (core dumped)" if ws & 0x80 else "")
    return "%s (wait status 0x%x)" % (what, ws & 0xffffffff)


def errno_names(path=SYSCALL_HEADER):
    """{14: "EFAULT", ...} from the guest's system-call header."""
    return header_numbers("E", path)


def syscall_arity(path=SYSCALL_HEADER):
    """{number: how many arguments it takes}, where the header says."""
    return {nr: n for nr, _, n in _syscall_table(path) if n is not None}


class Line:
    """One line of a trace file.

    lineno    1-based line number
    record    the parsed JSON value, or None when the line is not JSON
    error     why the line could not be parsed (None if it could)
    last      the last line of the file
    complete  the line ends with a newline
    nbytes    its length in bytes
    raw       its bytes, as the vmm wrote them
    """
    __slots__ = ("lineno", "record", "error", "last", "complete", "raw")

    def __init__(self, lineno, record, error, last, complete, raw):
        self.lineno = lineno
        self.raw = raw
        self.record = record
        self.error = error
        self.last = last
        self.complete = complete

    @property
    def nbytes(self):
        return len(self.raw)

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
            prev = Line(lineno, record, error, False, raw.endswith(b"\n"), raw)
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


def config_facts(boot):
    """[(label, value)]: the guest configuration the boot record carries
    (HZ, time slice, timer mode, scheduler, the digest of its Kconfig
    options), or 'not in this trace'."""
    cfg = boot.get("config") if isinstance(boot, dict) else None
    cfg = cfg if isinstance(cfg, dict) else {}
    hz = cfg.get("hz")
    out = [("HZ", "%s Hz" % hz if "hz" in cfg else None)]
    # The lde kernel's hz=N (guest/arch/x86_64/timer.c: 10-1000 taken, else
    # its boot log says it keeps the built-in rate) overrides the note's.
    m = re.search(r"(?:^| )hz=(\d+)(?: |$)", str(boot.get("cmdline", ""))) if cfg else None
    if m and 10 <= int(m.group(1)) <= 1000 and int(m.group(1)) != hz:
        out = [("HZ", "%s Hz (hz= on the command line; built with %s)" % (m.group(1), hz))]
        hz = int(m.group(1))
    ticks = cfg.get("slice_ticks")
    if isinstance(ticks, int) and isinstance(hz, int) and hz > 0:
        out.append(("time slice", "%d tick(s), %s" % (ticks, fmt_ns(ticks * 1000000000 // hz,
                                                                     " "))))
    else:
        out.append(("time slice", None if ticks is None else "%s tick(s)" % ticks))
    timer = cfg.get("timer")
    if timer == "TSC-deadline" and boot.get("tsc_deadline") is False:
        timer += " (periodic here: the guest's CPUID has no TSC-deadline)"
    out.append(("timer mode", timer))
    out.append(("scheduler", cfg.get("sched")))
    out.append(("kconfig", cfg.get("kconfig_digest")))
    return [(k, "not in this trace" if v is None else str(v)) for k, v in out]


def fmt_ns(ns, sep=""):
    """A duration for people: 850ns, 12.3us, 4.56ms, 1.234s (SEP between
    the number and the unit)."""
    if ns is None:
        return "-"
    if ns < 1000:
        return "%d%sns" % (ns, sep)
    if ns < 1000000:
        return "%.2f%sus" % (ns / 1e3, sep)
    if ns < 1000000000:
        return "%.2f%sms" % (ns / 1e6, sep)
    return "%.3f%ss" % (ns / 1e9, sep)
