# SPDX-License-Identifier: MIT
"""The process tree in trace-summary --timeline, the summary, trace-strace
and trace-view's SVG and page data: on a real run of busybox sh running a
pipeline (needs /dev/kvm and Debian's busybox-static; what is expected is
computed from the trace's own records), and on small traces written here
for the shapes a real run rarely has (a deep tree, an orphan, a cycle)."""
import json
import os
import re
import xml.etree.ElementTree as ET

from test_view import page
from tracetest import REPO, run, summary, view

STRACE = os.path.join(REPO, "tools", "trace-strace")
SVG = "{http://www.w3.org/2000/svg}"
SIGNALS = {17: "SIGCHLD", 11: "SIGSEGV", 10: "SIGUSR1"}


def records(path):
    with open(path) as f:
        return [json.loads(line) for line in f]


def events(recs, event):
    return [r for r in recs if r["type"] == "task" and r.get("event") == event]


def status_text(ws):
    """What a wait status says, computed here independently of the tools."""
    if ws & 0x7f == 0:
        return "exited %d (wait status 0x%x)" % (ws >> 8, ws)
    return "killed by %s (wait status 0x%x)" % (SIGNALS.get(ws & 0x7f, "?"), ws)


def timeline_lines(*args):
    p = summary("--timeline", *[str(a) for a in args])
    assert p.returncode == 0, p.stderr
    return p.stdout.partition("\n\n")[2].splitlines()


def at(rec):
    return "%10.3f ms  " % (rec["t_ns"] / 1e6)


def test_timeline_says_every_fork_exec_wait_and_signal(traces):
    path = traces["busybox-pipeline"]
    recs = records(path)
    forks, execs = events(recs, "forked"), events(recs, "exec")
    waits, sigs = events(recs, "waited"), events(recs, "signal")
    assert len(forks) == 3 and len(execs) >= 1 and len(waits) == 3 and sigs
    assert any(w["wstatus"] == 0x300 for w in waits)  # the subshell's exit 3
    lines = timeline_lines("--type", "task", path)
    for f in forks:
        assert any(line.startswith(at(f)) and re.search(
            r"task %d \([^)]*\) forked task %d \(%s\)$" % (f["parent"], f["task"], f["name"]),
            line) for line in lines), f
    for e in execs:
        want = "task %d (%s) exec %s, argv %s -> %s" % (
            e["task"], forks[-1]["name"], e["path"], json.dumps(e["argv"]),
            e["argv"][0].rsplit("/", 1)[-1])
        assert at(e) + want in lines, (want, lines)
    for w in waits:
        assert any(line.startswith(at(w)) and line.endswith(
            "reaped task %d (%s): %s" % (w["child"], name_of(recs, w["child"], w["t_ns"]),
                                         status_text(w["wstatus"]))) for line in lines), w
    for s in sigs:
        assert at(s) + "task %d (%s): %s (signal %d) delivered to its handler at %s" % (
            s["task"], name_of(recs, s["task"], s["t_ns"]), SIGNALS[s["signal"]], s["signal"],
            s["handler"]) in lines
    # a child's own lines include its fork, which is on its parent's lane
    child = forks[0]["task"]
    mine = timeline_lines("--type", "task", "--task", child, path)
    assert any("forked task %d " % child in line for line in mine), mine
    assert any("reaped task %d " % child in line for line in mine), mine


def name_of(recs, tid, t):
    """The task's name at T: its created/forked record's, then its last exec's argv[0]."""
    name = "?"
    for r in recs:
        if r["type"] != "task" or r["task"] != tid or r["t_ns"] > t:
            continue
        if r["event"] in ("created", "forked"):
            name = r["name"]
        elif r["event"] == "exec":
            name = r["argv"][0].rsplit("/", 1)[-1]
    return name


def test_summary_and_strace_show_the_tree(traces):
    path = traces["busybox-pipeline"]
    recs = records(path)
    forks, execs = events(recs, "forked"), events(recs, "exec")
    p = summary(path)
    assert p.returncode == 0, p.stderr
    tree = p.stdout.split("Processes (fork, exec, wait): ", 1)[1].split("\n\n", 1)[0]
    lines = tree.splitlines()
    assert lines[0] == str(len(forks) + 1)
    parent = forks[0]["parent"]
    assert lines[1].startswith("  task %d (busybox); exit(0); handled SIGCHLD x%d" % (
        parent, len(events(recs, "signal"))))
    for f in forks:
        w = next(w for w in events(recs, "waited") if w["child"] == f["task"])
        assert any(line.startswith("    task %d (" % f["task"]) and line.endswith(
            "reaped: " + status_text(w["wstatus"])) for line in lines), (f, lines)
    p = run([STRACE, path])
    assert p.returncode == 0, p.stderr
    for e in execs:
        assert "+++ exec %s %s +++" % (e["path"], json.dumps(e["argv"])) in p.stdout
    assert "--- SIGCHLD (signal 17), handler " in p.stdout
    assert "task %d (busybox): forked by task %d" % (forks[0]["task"], parent) in p.stdout


def svg_of(path, tmp_path, *args):
    out = tmp_path / "t.svg"
    p = view(path, "-o", out, *args)
    assert p.returncode == 0, p.stderr
    return ET.parse(str(out)).getroot()


def groups(root, cls):
    return [g for g in root.iter(SVG + "g") if cls <= set(g.get("class", "").split())]


def title(g):
    return g.find(SVG + "title").text


def test_svg_links_marks_and_lanes(traces, tmp_path):
    path = traces["busybox-pipeline"]
    recs = records(path)
    forks, execs = events(recs, "forked"), events(recs, "exec")
    waits, sigs = events(recs, "waited"), events(recs, "signal")
    root = svg_of(path, tmp_path)
    fork_links = {(int(g.get("data-from")), int(g.get("data-to")))
                  for g in groups(root, {"link", "fork"})}
    assert fork_links == {(f["parent"], f["task"]) for f in forks}
    wait_links = {(int(g.get("data-from")), int(g.get("data-to")))
                  for g in groups(root, {"link", "wait"})}
    assert wait_links == {(w["child"], w["task"]) for w in waits}
    # each exec and signal mark, zoomed in so that nothing folds with it
    for rec, kind, want in [(e, "exec", "exec %s, argv %s" % (e["path"], json.dumps(e["argv"])))
                            for e in execs] + [(s, "signal", "SIGCHLD (signal 17)")
                                               for s in sigs]:
        near = svg_of(path, tmp_path, "--from", "%dns" % (rec["t_ns"] - 5000),
                      "--to", "%dns" % (rec["t_ns"] + 5000))
        tips = [title(g) for g in groups(near, {"mark", kind})]
        assert len(tips) == 1 and want in tips[0], (want, tips)
    # lanes: the parent, then its children under it (id order), the kernel, the vmm
    lanes = [g.get("data-task") for g in groups(root, {"lane"})]
    assert lanes == [str(forks[0]["parent"])] + [str(f["task"]) for f in forks] + ["0", "vmm"]
    wc = next(g for g in groups(root, {"lane"}) if g.get("data-task") == str(execs[0]["task"]))
    assert "busybox -> wc" in title(wc)


def test_svg_folds_links_closer_than_a_few_pixels(traces, tmp_path):
    """Zoomed out (100 s over 100 pixels), the parent's forks are one fan."""
    path = traces["busybox-pipeline"]
    recs = records(path)
    forks = events(recs, "forked")
    root = svg_of(path, tmp_path, "--from", "0", "--to", "100s", "--width", "100")
    folded = groups(root, {"link", "fork"})
    assert [(g.get("data-n"), "bin" in g.get("class")) for g in folded] == [
        (str(len(forks)), True)]
    assert "%d forks by task %d" % (len(forks), forks[0]["parent"]) in title(folded[0])
    # the whole run at the default width: one link per fork, none folded
    root = svg_of(path, tmp_path)
    assert [g.get("data-n") for g in groups(root, {"link", "fork"})] == [None] * len(forks)


def write(tmp_path, recs):
    path = tmp_path / "procs.jsonl"
    path.write_text("".join(json.dumps(dict(seq=i, type="task", t_ns=1000 * (i + 1),
                                            guest_seq=i, **r)) + "\n"
                            for i, r in enumerate(recs)))
    return path


def test_lanes_follow_the_tree(tmp_path):
    """Children right under their parent, depth-first; an orphan whose parent
    is not in the trace and a cycle of parents (a hostile trace) get a lane
    at the top level."""
    path = write(tmp_path, [
        {"task": 1, "event": "created", "name": "sh", "argv": ["/bin/sh"], "builtin": False},
        {"task": 2, "event": "forked", "parent": 1, "name": "sh"},
        {"task": 3, "event": "forked", "parent": 1, "name": "sh"},
        {"task": 4, "event": "forked", "parent": 2, "name": "sh"},
        {"task": 4, "event": "exec", "path": "/bin/cat", "argv": ["cat", "f"]},
        {"task": 6, "event": "forked", "parent": 9, "name": "lost"},
        {"task": 7, "event": "forked", "parent": 8, "name": "a"},
        {"task": 8, "event": "forked", "parent": 7, "name": "b"},
        {"task": 4, "event": "exited", "status": 0},
        {"task": 2, "event": "waited", "child": 4, "wstatus": 0},
    ])
    _, scripts = page(tmp_path, path)
    data = json.loads(scripts["lde-data"][2])
    lanes = [(lane["id"], lane["depth"]) for lane in data["lanes"]]
    # task 9 appears only as 6's parent: a root with 6 under it; 7 and 8, each
    # the other's parent, have no root to hang from: top level, in id order
    assert lanes[:-2] == [(1, 0), (2, 1), (4, 2), (3, 1), (9, 0), (6, 1), (7, 0), (8, 0)]
    assert lanes[-2:] == [(0, 0), ("vmm", 0)]
    names = {lane["id"]: lane["name"] for lane in data["lanes"]}
    assert names[4] == "cat"
    about = {lane["id"]: lane["about"] for lane in data["lanes"]}
    assert about[4] == "task 4 (sh -> cat), forked by task 2 (sh): exit(0), reaped: exited 0 " \
        "(wait status 0x0)"
    kinds = [k["id"] for k in data["linkKinds"]]
    lane_id = [lane["id"] for lane in data["lanes"]]
    links = sorted((kinds[k], lane_id[a], lane_id[b]) for k, a, b in zip(
        data["links"]["kind"], data["links"]["from"], data["links"]["to"]))
    assert links == [("fork", 1, 2), ("fork", 1, 3), ("fork", 2, 4), ("fork", 7, 8),
                     ("fork", 8, 7), ("fork", 9, 6), ("wait", 4, 2)]
