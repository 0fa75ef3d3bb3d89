# SPDX-License-Identifier: MIT
"""tools/trace-view without a browser: what the page carries and the SVG's
structure, on the recorded real trace (no KVM).  tests/browser loads both
in Chromium."""
import html.parser
import json
import os
import re
import xml.etree.ElementTree as ET

from conftest import read_lines
from tracetest import DATA, view

BASIC = os.path.join(DATA, "ringgen-basic.jsonl")
SVG = "{http://www.w3.org/2000/svg}"


class Scripts(html.parser.HTMLParser):
    """The page's <script> elements and the URLs anything refers to."""

    def __init__(self):
        super().__init__()
        self.scripts, self.urls, self._in = [], [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.urls += [v for k, v in attrs if k in ("src", "href") and v]
        if tag == "script":
            self._in = [a.get("id"), a.get("type"), ""]
            self.scripts.append(self._in)

    def handle_data(self, data):
        if self._in is not None:
            self._in[2] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in = None


def page(tmp_path, trace=BASIC):
    out = tmp_path / "t.html"
    p = view(trace, "-o", out)
    assert p.returncode == 0, p.stderr
    parser = Scripts()
    parser.feed(out.read_text(encoding="utf-8"))
    return parser, {s[0]: s for s in parser.scripts}


def test_page_is_self_contained_and_carries_the_records(tmp_path):
    parser, scripts = page(tmp_path)
    assert parser.urls == []
    assert [(s[0], s[1]) for s in parser.scripts] == [
        ("lde-data", "application/json"), ("lde-records", "application/x-ndjson"), (None, None)]
    assert not re.search(r"https?://|url\(|@import|fetch\(|XMLHttpRequest", scripts[None][2])
    lines = read_lines("ringgen-basic.jsonl")
    assert [json.loads(x) for x in scripts["lde-records"][2].split("\n")] == [
        json.loads(x) for x in lines]
    data = json.loads(scripts["lde-data"][2])
    recs = [json.loads(x) for x in lines]
    switches = [i for i, r in enumerate(recs) if r["type"] == "switch"]
    assert data["switches"] == len(switches)
    assert data["cpu"]["rec"] == switches + [-1]  # and the run after the last switch
    assert [lane["title"] for lane in data["lanes"]] == ["task 1", "task 2", "task 0", "vmm"]
    assert [lane["name"] for lane in data["lanes"][:2]] == ["hello", "crasher"]
    kinds = [k["id"] for k in data["kinds"]]
    assert sorted(kinds[k] for k in data["marks"]["kind"] if kinds[k] != "vmexit") == sorted(
        ["timer", "timer", "irq", "fault", "fault", "kill", "syscall", "syscall", "syscall",
         "created", "created", "exited", "killed"])
    assert len(data["marks"]["t0"]) == sum(r["type"] in ("trap", "syscall", "task", "exit")
                                           for r in recs)


def test_guest_strings_cannot_end_the_script(tmp_path):
    """A task's name is the guest's to choose: '</script>' in it stays data."""
    evil = "</script><script>alert(1)</script><!--"
    lines = [json.loads(x) for x in read_lines("ringgen-basic.jsonl")]
    for r in lines:
        if r["type"] == "task" and r["event"] == "created" and r["task"] == 2:
            r["name"] = evil
    trace = tmp_path / "evil.jsonl"
    trace.write_text("".join(json.dumps(r) + "\n" for r in lines))
    parser, scripts = page(tmp_path, trace)
    assert len(parser.scripts) == 3
    data = json.loads(scripts["lde-data"][2])
    assert data["lanes"][1]["name"] == evil
    names = [r.get("name") for r in map(json.loads, scripts["lde-records"][2].split("\n"))
             if r["type"] == "task"]
    assert evil in names


def svg(tmp_path, *args):
    out = tmp_path / "t.svg"
    p = view(BASIC, "-o", out, *args)
    assert p.returncode == 0, p.stderr
    return ET.parse(out).getroot()


def cls(root, name):
    return [g for g in root.iter(SVG + "g") if name in g.get("class", "").split()]


def test_svg_one_span_per_switch_and_titles(tmp_path):
    root = svg(tmp_path)
    assert root.tag == SVG + "svg" and float(root.get("width")) > 1000
    recs = [json.loads(x) for x in read_lines("ringgen-basic.jsonl")]
    spans = [g for g in cls(root, "cpu") if "tail" not in g.get("class")]
    assert [int(g.get("data-rec")) for g in spans] == [
        i for i, r in enumerate(recs) if r["type"] == "switch"]
    assert len(cls(root, "tail")) == 1
    assert len(cls(root, "lane")) == 4
    titles = [g.find(SVG + "title").text for g in spans]
    assert titles[0].startswith("task 0 (kernel) idle for ") and titles[0].endswith(
        " -> task 1 (hello)")
    assert "task 2 (crasher) ended after" in titles[3]
    marks = cls(root, "mark")
    assert sum(int(g.get("data-n")) for g in marks) == sum(
        r["type"] in ("trap", "syscall", "task", "exit") for r in recs)


def test_svg_range(tmp_path):
    recs = [json.loads(x) for x in read_lines("ringgen-basic.jsonl")]
    sw = [r for r in recs if r["type"] == "switch"]
    # from inside the second run to inside the third: two spans cut by the range
    t0, t1 = (sw[0]["t_ns"] + sw[1]["t_ns"]) / 2e6, (sw[1]["t_ns"] + sw[2]["t_ns"]) / 2e6
    root = svg(tmp_path, "--from", "%.6f" % t0, "--to", "%.6fms" % t1)
    assert [int(g.get("data-rec")) for g in cls(root, "cpu")] == [
        recs.index(sw[1]), recs.index(sw[2])]


def test_usage(tmp_path):
    for args in (["-o", tmp_path / "x.png"], ["-o", tmp_path / "x.html", "--from", "1"],
                 ["-o", tmp_path / "x.svg", "--to", "later"]):
        p = view(BASIC, *args)
        assert p.returncode == 2 and p.stderr, args
    p = view(tmp_path / "missing.jsonl", "-o", tmp_path / "x.html")
    assert p.returncode == 1 and "missing.jsonl" in p.stderr
