# SPDX-License-Identifier: MIT
"""The story of a ./vmm --trace run, in time order, with names.

Shared by `trace-summary --timeline` (one line per event) and `trace-view`
(the picture).  Timeline(path) reads a JSON Lines trace once and holds:

  tasks   {id: Task}: every task the records mention; 0 is the kernel (idle)
  spans   [Span]: who was on the CPU, one per switch record (the run that
          record ends); `tail` is the run after the last switch, to the end
  marks   [Mark]: traps, system calls, task events, VM exits, the crash
  links   [Link]: a fork (parent -> the child's start) and a wait (the
          child's end -> the parent that reaped it), between two lanes
  facts   [(label, value)]: the run's configuration and how it ended
  lines   the trace's lines as the vmm wrote them (Mark.rec / Span.rec index)

Every span and mark has a one-line description for people (`describe`),
the same text the terminal timeline prints and the viewer shows.
"""
import collections
import json

import trace_common as tc

# Why a task left the CPU (switch records' "reason"), as a phrase; one for
# every reason of include/lde/trace_names.h (asserted below).
SWITCH_PHRASES = {
    "preempted": "preempted by timer",
    "yielded": "yielded",
    "sleeping": "went to sleep",
    "ended": "ended",
    "idle": "idle",
}
assert set(SWITCH_PHRASES) == set(tc.SWITCH_REASONS), "a switch reason without a phrase"


class Task:
    """What the records say about one task."""

    def __init__(self, tid):
        self.id = tid
        self.name = "kernel" if tid == 0 else ""
        self.created_ns = None
        self.ended = None       # "exit(0)", "killed by #GP", ...
        self.ended_ns = None
        self.parent = None      # the task that forked it (its `forked` record)
        self.forked_ns = None
        self.names = []         # [(t_ns, name)]: created/forked, then each exec
        self.reaped = None      # the wait status its parent reaped it with

    @property
    def label(self):
        """'task 2 (spin)', 'task 0 (kernel)', 'task 9' (no name known)."""
        return self.label_at(None)

    def name_at(self, t):
        """Its name at time T (None: now), as its last exec before T left it."""
        if t is None:
            return self.name
        name = self.names[0][1] if self.names else self.name
        for when, n in self.names:
            if when <= t:
                name = n
        return name

    def label_at(self, t):
        name = self.name_at(t)
        return "task %d (%s)" % (self.id, name) if name else "task %d" % self.id


class Span:
    """Task `task` on the CPU over [t0, t1]; `rec` is the switch record
    that ended the run (None for the tail, still running at the end)."""
    __slots__ = ("task", "t0", "t1", "reason", "next", "rec", "text")

    def __init__(self, task, t0, t1, reason, nxt, rec):
        self.task, self.t0, self.t1 = task, t0, t1
        self.reason, self.next, self.rec = reason, nxt, rec
        self.text = ""


class Mark:
    """Something that happened: `kind` (see KINDS), on the lane of `lane`
    (a task id, or "vmm"), over [t0, t1] (t0 == t1 for an instant)."""
    __slots__ = ("kind", "lane", "t0", "t1", "rec", "label", "text", "console", "other")

    def __init__(self, kind, lane, t0, t1, rec, label):
        self.kind, self.lane, self.t0, self.t1 = kind, lane, t0, t1
        self.rec, self.label = rec, label
        self.text = ""
        self.console = None  # a console device's output exit: the text written
        self.other = None    # the other task a fork or a wait is about


class Link:
    """A line between two tasks' lanes: `kind` "fork" from the parent at
    the fork (t0) to the child where it first ran (t1), or "wait" from the
    child's end (t0) to the parent's wait that reaped it (t1).  `parent`
    and `child` are task ids; `rec` the forked or waited record."""
    __slots__ = ("kind", "parent", "child", "t0", "t1", "rec", "text")

    def __init__(self, kind, parent, child, t0, t1, rec, text):
        self.kind, self.parent, self.child = kind, parent, child
        self.t0, self.t1, self.rec, self.text = t0, t1, rec, text

    @property
    def source(self):
        """The task whose lane the link starts on."""
        return self.parent if self.kind == "fork" else self.child

    @property
    def target(self):
        return self.child if self.kind == "fork" else self.parent


# Mark kinds in legend order: (kind, legend label, timeline type).  The
# timeline type is the record type a `--type` filter selects it by.
KINDS = (
    ("syscall", "system call", "syscall"),
    ("syscall-error", "system call that failed", "syscall"),
    ("timer", "timer interrupt", "trap"),
    ("irq", "other interrupt", "trap"),
    ("fault", "fault, handled", "trap"),
    ("kill", "fault that killed the task", "trap"),
    ("created", "task created", "task"),
    ("exited", "task exited", "task"),
    ("killed", "task killed", "task"),
    ("forked", "fork (a link to where the child first ran)", "task"),
    ("exec", "exec: a new program image", "task"),
    ("waited", "wait reaped a child (a dashed link from its end)", "task"),
    ("signal", "signal delivered to a handler", "task"),
    ("vmexit", "VM exit to the vmm", "exit"),
    ("kvm-exit", "exit handled in KVM", "kvm_exit"),
    ("crash", "crash", "crash"),
    ("timeout", "the --timeout watchdog stopped the run", "timeout"),
)
KIND_TYPE = {k: t for k, _, t in KINDS}
CONSOLES = ("debugcon", "uart")  # the vmm's devices that print what the guest writes
TIMELINE_TYPES = ("switch", "trap", "syscall", "task", "exit", "kvm_exit", "crash", "timeout")

# The fields used here, and their types: records with anything else are
# skipped with a warning (tools/trace-validate tells what is wrong).
NONE = type(None)
FIELDS = {"t_ns": int, "task": int, "next": int, "ran_ns": int, "dur_ns": int, "nr": int,
          "ret": int, "vector": int, "status": int, "kind": str, "event": str, "mech": str,
          "name": str, "reason_name": (str, NONE), "device": (str, NONE), "port": int,
          "size": int, "count": int, "dir": str}
FIELDS_OF = {"crash": {"reason": str}, "timeout": {"where": str}, "switch": {"reason": str},
             "exit": {"reason": int},
             "kvm_exit": {"reason": int}, "syscall": {"name": (str, NONE)},
             "task": {"parent": int, "child": int, "wstatus": int, "signal": int, "path": str,
                      "argv": list, "handler": str}}


def bad_field(rec):
    """The first field of REC this module cannot use, or None."""
    own = FIELDS_OF.get(rec["type"], {})
    for k, v in rec.items():
        types = own.get(k) or FIELDS.get(k)
        if types is not None and (not isinstance(v, types) or v is True or v is False):
            return k
    return None


def fmt_dur(ns):
    """A duration for a sentence: '850 ns', '26.32 us', '20.01 ms', '1.234 s'."""
    return tc.fmt_ns(ns, " ")


def fmt_ms(ns):
    """A point on the trace clock: '212.481 ms'."""
    return "%.3f ms" % (ns / 1e6)


class Timeline:
    def __init__(self, path):
        self.path = path
        self.lines = []          # text of every line, by index
        self.warnings = []
        self.boot = self.summary = self.crash = None
        self.tasks = collections.OrderedDict()
        self.spans = []
        self.tail = None
        self.marks = []
        self.links = []
        self.t_start = self.t_end = None
        self.arity = tc.syscall_arity()
        self.errnos = tc.errno_names()
        self._running = None     # (task, since): the run the next switch ends
        self._pending_fault = {}  # task -> the mark of its last fault
        self._load(path)
        self._finish()

    # ------------------------------------------------------------ reading
    def _load(self, path):
        for ln in tc.read_lines(path):
            index = len(self.lines)
            self.lines.append(None)
            if ln.truncated:
                self.warnings.append("%s:%d: %s" % (path, ln.lineno, ln.truncation()))
                continue
            rec = ln.record
            if ln.error or not tc.is_record(rec):
                self.warnings.append("%s:%d: skipped: %s" % (path, ln.lineno,
                                                             ln.error or "not a trace record"))
                continue
            field = bad_field(rec)
            if field or not isinstance(rec.get("t_ns"), int):
                self.warnings.append("%s:%d: skipped: %r has the wrong type (tools/trace-"
                                     "validate says more)" % (path, ln.lineno, field or "t_ns"))
                continue
            self.lines[index] = ln.raw.decode("utf-8").rstrip("\n")
            self._add(rec, index)

    def task(self, tid):
        if tid not in self.tasks:
            self.tasks[tid] = Task(tid)
        return self.tasks[tid]

    def _add(self, rec, index):
        t = rec["t_ns"]
        if self.t_start is None or t < self.t_start:
            self.t_start = t
        if self.t_end is None or t > self.t_end:
            self.t_end = t
        on = getattr(self, "_on_" + rec["type"], None)
        if on:
            on(rec, index)

    def _mark(self, kind, lane, t0, t1, index, label, rec):
        m = Mark(kind, lane, t0, t1, index, label)
        m.text = getattr(self, "_say_" + kind.replace("-", "_"))(m, rec)
        self.marks.append(m)
        return m

    def _on_boot(self, rec, index):
        if self.boot is None:
            self.boot = rec
            self.task(0)

    def _on_summary(self, rec, index):
        self.summary = rec

    def _on_crash(self, rec, index):
        self.crash = rec
        self._mark("crash", "vmm", rec["t_ns"], rec["t_ns"], index, "crash", rec)

    def _on_timeout(self, rec, index):
        self._mark("timeout", "vmm", rec["t_ns"], rec["t_ns"], index, "timeout", rec)

    def _on_exit(self, rec, index):
        name = rec.get("reason_name") or "reason %s" % rec.get("reason")
        if name == "IO":
            name = "IO %s" % (rec.get("device") or "unclaimed")
        m = self._mark("vmexit", "vmm", rec["t_ns"], rec["t_ns"], index, name, rec)
        if rec.get("device") in CONSOLES and rec.get("dir") == "out":
            try:
                m.console = bytes.fromhex(str(rec.get("data", ""))).decode("latin-1")
            except ValueError:
                pass

    def _on_kvm_exit(self, rec, index):
        name = rec.get("reason_name") or "0x%x" % rec.get("reason", 0)
        self._mark("kvm-exit", "vmm", rec["t_ns"], rec["t_ns"], index, name, rec)

    def _on_trap(self, rec, index):
        tid = rec.get("task", 0)
        self.task(tid)
        v = rec.get("vector")
        name = vector_name(v)
        if rec.get("kind") == "exception":
            self._pending_fault[tid] = self._mark("fault", tid, rec["t_ns"], rec["t_ns"],
                                                  index, name, rec)
        else:  # a device interrupt is named for its source (com1), as the kernel says
            timer = rec.get("source", "timer" if v == tc.TIMER_VECTOR else None) == "timer"
            self._mark("timer" if timer else "irq", tid, rec["t_ns"], rec["t_ns"], index,
                       rec.get("source") or name, rec)

    def _on_syscall(self, rec, index):
        tid = rec.get("task", 0)
        self.task(tid)
        t1 = rec["t_ns"]
        t0 = t1 - max(0, rec.get("dur_ns", 0))
        failed = isinstance(rec.get("ret"), int) and rec["ret"] < 0
        self._mark("syscall-error" if failed else "syscall", tid, t0, t1, index,
                   self.syscall_name(rec), rec)

    def _on_task(self, rec, index):
        tid = rec.get("task", 0)
        task = self.task(tid)
        ev = rec.get("event")
        t = rec["t_ns"]
        if ev == "created":
            task.name = rec.get("name", "")
            task.names.append((t, task.name))
            task.created_ns = t
            self._mark("created", tid, t, t, index, "created", rec)
        elif ev == "exited":
            task.ended, task.ended_ns = "exit(%s)" % rec.get("status"), t
            self._mark("exited", tid, t, t, index, "exit(%s)" % rec.get("status"), rec)
        elif ev == "killed":
            name = vector_name(rec.get("vector"))
            task.ended, task.ended_ns = "killed by %s" % name, t
            fault = self._pending_fault.pop(tid, None)
            if fault is not None and fault.label == name:
                fault.kind = "kill"
                fault.text += " -> killed"
            self._mark("killed", tid, t, t, index, "killed by %s" % name, rec)
        elif ev in ("forked", "exec", "waited", "signal"):
            getattr(self, "_task_" + ev)(task, rec, index)

    # A forked record's task is the child; the mark goes on the parent's
    # lane, where the fork happened (the link goes on to the child).
    def _task_forked(self, child, rec, index):
        t, parent = rec["t_ns"], rec.get("parent")
        child.name = rec.get("name", child.name)
        child.names.append((t, child.name))
        child.created_ns = child.forked_ns = t
        if isinstance(parent, int):
            child.parent = parent
            self.task(parent)
        m = self._mark("forked", parent if isinstance(parent, int) else child.id, t, t, index,
                       "fork", rec)
        m.other = child.id

    def _task_exec(self, task, rec, index):
        t = rec["t_ns"]
        self._mark("exec", task.id, t, t, index, "exec", rec)
        task.name = program_name(rec)
        task.names.append((t, task.name))

    def _task_waited(self, parent, rec, index):
        t, child = rec["t_ns"], rec.get("child")
        if isinstance(child, int):
            self.task(child).reaped = rec.get("wstatus")
        m = self._mark("waited", parent.id, t, t, index, "wait", rec)
        m.other = child if isinstance(child, int) else None

    def _task_signal(self, task, rec, index):
        t = rec["t_ns"]
        self._mark("signal", task.id, t, t, index, tc.signal_name(rec.get("signal")), rec)

    def _on_switch(self, rec, index):
        tid, t = rec.get("task", 0), rec["t_ns"]
        self.task(tid)
        self.task(rec.get("next", 0))
        if self._running is not None and self._running[0] == tid:
            t0 = self._running[1]
        else:  # the first switch (or a gap in the stream): what it says it ran
            t0 = t - max(0, rec.get("ran_ns", 0))
        self.spans.append(Span(tid, min(t0, t), t, rec.get("reason"), rec.get("next"), index))
        self._running = (rec.get("next"), t)

    # ------------------------------------------------------------ finishing
    def _finish(self):
        if self._running is not None and self.t_end is not None:
            tid, since = self._running
            self.tail = Span(tid, since, max(since, self.t_end), None, None, None)
        self.marks.sort(key=lambda m: (m.t0, m.rec))
        for s in self.spans + ([self.tail] if self.tail else []):
            s.text = self.describe_span(s)
        self._links()

    def _links(self):
        """A fork link per forked record with a parent, to where the child
        first ran (the fork itself if it never did); a wait link per waited
        record, from the child's end (the wait itself if the trace has none)."""
        first_run = {}
        for s in self.spans + ([self.tail] if self.tail else []):
            first_run.setdefault(s.task, s.t0)
        self.links = []
        for m in self.marks:
            if m.other is None or m.kind not in ("forked", "waited"):
                continue
            if m.kind == "forked":
                ran = first_run.get(m.other)
                t1 = max(m.t0, m.t0 if ran is None else ran)
                text = m.text + ("; it never ran" if ran is None else
                                 "; it first ran %s later" % fmt_dur(t1 - m.t0))
                self.links.append(Link("fork", m.lane, m.other, m.t0, t1, m.rec, text))
            else:
                end = self.task(m.other).ended_ns
                t0 = end if end is not None and end <= m.t0 else m.t0
                text = m.text + ("" if end is None or end > m.t0 else
                                 "; it had ended %s before" % fmt_dur(m.t0 - end))
                self.links.append(Link("wait", m.lane, m.other, t0, m.t0, m.rec, text))

    def tree_order(self):
        """[(task id, depth)]: the tasks (not 0) with each child right under
        its parent, children in id order; tasks without a known parent
        (those the kernel started, or orphans of a lost record) at depth 0."""
        ids = sorted(t for t in self.tasks if t != 0)
        kids = collections.defaultdict(list)
        known = set(ids)
        for tid in ids:
            p = self.tasks[tid].parent
            kids[p if p in known and p != tid else None].append(tid)
        out, seen = [], set()

        def walk(parent, depth):  # iterative: a chain of 1000 forks is 1000 deep
            stack = [(tid, depth) for tid in reversed(kids.get(parent, []))]
            while stack:
                tid, d = stack.pop()
                if tid in seen:
                    continue
                seen.add(tid)
                out.append((tid, d))
                stack.extend((k, d + 1) for k in reversed(kids.get(tid, [])))
        walk(None, 0)
        for tid in ids:  # a cycle of parents (a hostile trace): still one lane each
            if tid not in seen:
                seen.add(tid)
                out.append((tid, 0))
        return out

    @staticmethod
    def syscall_name(rec):
        """The name the vmm gave the call (its one table), or its number."""
        return tc.syscall_name(rec)

    def who(self, tid, t=None):
        """'task 3 (wc)': its name at time T (None: its latest)."""
        return self.task(tid).label_at(t) if tid in self.tasks else "task %s" % tid

    def record(self, index):
        return json.loads(self.lines[index]) if index is not None and self.lines[index] else {}

    # ------------------------------------------------------------ sentences
    def describe_span(self, s):
        if s.rec is None:
            return "%s on the CPU from %s to the end of the run (%s)" % (
                self.who(s.task, s.t1), fmt_ms(s.t0), fmt_dur(s.t1 - s.t0))
        phrase = SWITCH_PHRASES.get(s.reason, str(s.reason))
        if s.reason == "idle":
            return "%s idle for %s -> %s" % (self.who(s.task, s.t1), fmt_dur(s.t1 - s.t0),
                                            self.who(s.next, s.t1))
        return "%s %s after %s -> %s" % (self.who(s.task, s.t1), phrase, fmt_dur(s.t1 - s.t0),
                                         self.who(s.next, s.t1))

    def _where(self, rec):
        return "in ring %s at rip %s" % (rec.get("cpl", "?"), rec.get("rip", "?"))

    def _say_syscall(self, m, rec):
        nr = rec.get("nr")
        args = rec.get("args") or []
        n = self.arity.get(nr)
        shown = ", ".join(str(a) for a in args[:n]) if n is not None else "..."
        ret = rec.get("ret")
        if isinstance(ret, int) and -ret in self.errnos:
            ret = "%d %s" % (ret, self.errnos[-ret])
        if rec.get("returned") is False:  # as strace says it: the task ended in it
            ret = "? (never returned: the task ended)"
        return "%s: %s(%s) = %s [%s, %s]" % (
            self.who(m.lane), self.syscall_name(rec), shown, ret, rec.get("mech"),
            fmt_dur(m.t1 - m.t0))

    _say_syscall_error = _say_syscall

    def _say_timer(self, m, rec):
        return "%s: timer interrupt (vector %s) %s" % (self.who(m.lane), rec.get("vector"),
                                                       self._where(rec))

    def _say_irq(self, m, rec):
        return "%s: %s interrupt (vector %s) %s" % (self.who(m.lane), m.label,
                                                    rec.get("vector"), self._where(rec))

    def _say_fault(self, m, rec):
        text = "%s: %s (vector %s) err=%s %s" % (self.who(m.lane), m.label, rec.get("vector"),
                                                 rec.get("error_code"), self._where(rec))
        if "cr2" in rec:
            text += " cr2=%s" % rec["cr2"]
        return text

    def _say_created(self, m, rec):
        return "%s created" % self.who(m.lane)

    def _say_exited(self, m, rec):
        return "%s exited with status %s" % (self.who(m.lane), rec.get("status"))

    def _say_killed(self, m, rec):
        return "%s killed by %s (vector %s) %s" % (self.who(m.lane), vector_name(
            rec.get("vector")), rec.get("vector"), self._where(rec))

    def _say_forked(self, m, rec):
        return "%s forked task %s (%s)" % (self.who(m.lane), rec.get("task"),
                                           rec.get("name", "?"))

    def _say_exec(self, m, rec):
        argv = rec.get("argv")
        text = "%s exec %s" % (self.who(m.lane), rec.get("path", "?"))
        if isinstance(argv, list):
            text += ", argv %s" % json.dumps([str(a) for a in argv])
        return text + " -> %s" % program_name(rec)

    def _say_waited(self, m, rec):
        return "%s reaped %s: %s" % (self.who(m.lane), self.who(rec.get("child")),
                                     wait_status(rec.get("wstatus")))

    def _say_signal(self, m, rec):
        return "%s: %s (signal %s) delivered to its handler at %s" % (
            self.who(m.lane), m.label, rec.get("signal"), rec.get("handler", "?"))

    def _say_vmexit(self, m, rec):
        text = "VM exit %s" % (rec.get("reason_name") or rec.get("reason"))
        if rec.get("reason_name") == "IO" and "port" in rec:
            text += ": %s %d byte(s) at port 0x%x (%s)" % (
                rec.get("dir"), rec.get("size", 0) * rec.get("count", 0), rec["port"],
                rec.get("device") or "no device")
            if "data" in rec:
                text += " data %s" % rec["data"]
        elif "cause" in rec:
            text += " (%s)" % rec["cause"]
        return text + " at rip %s" % rec.get("rip", "?")

    def _say_kvm_exit(self, m, rec):
        return "exit handled in KVM: %s (%s)" % (m.label, rec.get("isa"))

    def _say_crash(self, m, rec):
        return "vmm: guest crashed: %s" % rec.get("reason")

    def _say_timeout(self, m, rec):
        return "vmm: --timeout stopped the run: the vCPU was %s" % rec.get("where")

    # ------------------------------------------------------------ facts
    def facts(self):
        """[(label, value)]: the run's configuration and its end, for a header."""
        b = self.boot or {}
        out = [("guest", "%s (%s entry, %d MiB)" % (b.get("guest", "?"), b.get("entry_mode", "?"),
                                                  (b.get("mem_bytes") or 0) >> 20)),
               ("command line", json.dumps(b.get("cmdline", ""))),
               ("backend", str(b.get("backend", "?")))]
        out += tc.config_facts(b)
        out.append(("ended", self.how_it_ended()))
        if self.t_start is not None:
            out.append(("trace", "%d records over %s" % (
                sum(1 for x in self.lines if x), fmt_dur(self.t_end - self.t_start))))
        out.append(("vmm", str(b.get("vmm_version", "?"))))
        return out

    def how_it_ended(self):
        s = self.summary
        if not s:
            return "unknown (no summary record: the run was cut short)"
        text = "%s, vmm exit status %s" % (s.get("end"), s.get("status"))
        if "status_kind" in s:
            text += " (%s's)" % s["status_kind"]
        if "program_signal" in s:
            text += ", the program was killed by signal %s" % s["program_signal"]
        if "crash_reason" in s:
            text += ": %s" % s["crash_reason"]
        if "signal" in s:
            text += " (signal %s)" % s["signal"]
        return text


def vector_name(v):
    """'#GP', 'timer', 'spurious', 'vector 77'."""
    return tc.vector_name(v) or "vector %s" % v


def program_name(rec):
    return tc.program_name(rec)


def wait_status(ws):
    return tc.wait_status(ws)


# ---------------------------------------------------------------- as text
def parse_time(text):
    """'212.5', '212.5ms', '300us', '1.2s', '5000ns' -> nanoseconds (plain: ms)."""
    t = text.strip().lower().replace("µs", "us")
    for unit, scale in (("ns", 1), ("us", 1e3), ("ms", 1e6), ("s", 1e9)):
        if t.endswith(unit):
            return int(round(float(t[:-len(unit)]) * scale))
    return int(round(float(t) * 1e6))


def events(tl, tasks=None, types=None, t_from=None, t_to=None):
    """[(t_ns, type, text, mark or None)] in time order, filtered: TASKS
    (ids), TYPES (record types, TIMELINE_TYPES), the range [T_FROM, T_TO]."""
    out = []
    for s in tl.spans:
        if tasks is None or s.task in tasks or s.next in tasks:
            out.append((s.t1, s.rec, "switch", s.text, None))
    for m in tl.marks:
        if tasks is None or m.lane in tasks or m.other in tasks:
            out.append((m.t0, m.rec, KIND_TYPE[m.kind], m.text, m))
    out.sort(key=lambda e: (e[0], e[1]))
    return [(t, typ, text, m) for t, _, typ, text, m in out
            if (types is None or typ in types) and (t_from is None or t >= t_from)
            and (t_to is None or t <= t_to)]


def console_runs(evs):
    """EVS with each run of console output exits folded into one event
    that shows the text written."""
    out, run = [], []

    def flush():
        if len(run) == 1:
            out.append(run[0])
        elif run:
            first = run[0][3]
            text = "".join(e[3].console for e in run)
            out.append((run[0][0], "exit", "VM exits %s x%d: out %s" % (
                first.label, len(run), json.dumps(text)), None))
        del run[:]

    for e in evs:
        if e[3] is not None and e[3].console is not None and (
                not run or run[0][3].label == e[3].label):
            run.append(e)
            continue
        flush()
        if e[3] is not None and e[3].console is not None:
            run.append(e)
        else:
            out.append(e)
    flush()
    return out


def timeline_text(tl, **filters):
    """The lines `trace-summary --timeline` prints."""
    return ["%10.3f ms  %s" % (t / 1e6, text)
            for t, _, text, _ in console_runs(events(tl, **filters))]
