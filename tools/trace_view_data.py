# SPDX-License-Identifier: MIT
"""What trace-view draws, as plain data: lanes, CPU spans, marks, the
legend and the run's facts, laid out once for both pictures (the HTML
page draws it with view/view.js, the SVG with trace_view_svg.py).

Lanes, top to bottom: one per task (by id), the kernel / idle (task 0),
the vmm's VM exits.  Sizes and colours come from view/style.json.
"""
import json
import os

import trace_timeline as T

VIEW_DIR = os.path.join(os.path.dirname(os.path.realpath(__file__)), "view")
VMM_LANE = "vmm"


def load_style():
    with open(os.path.join(VIEW_DIR, "style.json"), encoding="utf-8") as f:
        style = json.load(f)
    style.pop("comment", None)
    return style


def lanes(tl, style):
    """[{id, title, name, note, kind, color}]: tasks, then the kernel, then the vmm."""
    out = []
    tasks = sorted(t for t in tl.tasks if t != 0)
    for i, tid in enumerate(tasks):
        task = tl.tasks[tid]
        out.append({"id": tid, "kind": "task", "title": "task %d" % tid, "name": task.name,
                    "note": task.ended or "running at the end",
                    "color": style["taskColors"][i % len(style["taskColors"])]})
    out.append({"id": 0, "kind": "kernel", "title": "task 0", "name": "kernel / idle",
                "note": "boot, idle loop", "color": style["kernelColor"]})
    out.append({"id": VMM_LANE, "kind": "vmm", "title": "vmm", "name": "VM exits",
                "note": "exits to the vmm", "color": style["kinds"]["vmexit"]["color"]})
    return out


def build(tl, style=None):
    """The view of Timeline TL as a JSON-able dict (see view/view.js)."""
    style = style or load_style()
    lane_list = lanes(tl, style)
    lane_of = {lane["id"]: i for i, lane in enumerate(lane_list)}
    reasons = list(style["reasons"])
    kinds = [k for k, _, _ in T.KINDS]
    labels, label_of = [], {}

    def label(text):
        if text not in label_of:
            label_of[text] = len(labels)
            labels.append(text)
        return label_of[text]

    cpu = {"lane": [], "t0": [], "t1": [], "reason": [], "rec": [], "text": []}
    for s in tl.spans + ([tl.tail] if tl.tail else []):
        cpu["lane"].append(lane_of[s.task])
        cpu["t0"].append(s.t0)
        cpu["t1"].append(s.t1)
        cpu["reason"].append(reasons.index(s.reason) if s.reason in reasons else
                             reasons.index("running"))
        cpu["rec"].append(-1 if s.rec is None else s.rec)
        cpu["text"].append(s.text)
    marks = {"lane": [], "kind": [], "t0": [], "t1": [], "rec": [], "label": [], "text": []}
    for m in tl.marks:
        marks["lane"].append(lane_of[m.lane])
        marks["kind"].append(kinds.index(m.kind))
        marks["t0"].append(m.t0)
        marks["t1"].append(m.t1)
        marks["rec"].append(m.rec)
        marks["label"].append(label(m.label))
        marks["text"].append(m.text)
    return {
        "title": "lde trace: %s" % os.path.basename(tl.path),
        "file": tl.path,
        "facts": tl.facts(),
        "start": tl.t_start or 0,
        "end": tl.t_end or 0,
        "switches": len(tl.spans),
        "lanes": lane_list,
        "kinds": [{"id": k, "label": lab, **style["kinds"][k]} for k, lab, _ in T.KINDS],
        "reasons": [{"id": r, "label": T.SWITCH_PHRASES.get(r, "still running at the end"),
                     "color": style["reasons"][r]} for r in reasons],
        "labels": labels,
        "cpu": cpu,
        "marks": marks,
        "style": style,
    }
