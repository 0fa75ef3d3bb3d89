# SPDX-License-Identifier: MIT
"""What trace-view draws, as plain data: lanes, CPU spans, marks, the
legend and the run's facts, laid out once for both pictures (the HTML
page draws it with view/view.js, the SVG with trace_view_svg.py).

Lanes, top to bottom: one per task, each child right under its parent
(the process tree, depth-first, children by id: a fork's link is short
and a pipeline's processes sit together), the kernel / idle (task 0), the
vmm's VM exits.  Sizes and colours come from view/style.json.
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
    """[{id, title, name, note, kind, color, depth, about}]: tasks in tree
    order, then the kernel, then the vmm.  `name` is the task's program at
    the end (after its last exec); `about` its history for the hover."""
    out = []
    for i, (tid, depth) in enumerate(tl.tree_order()):
        task = tl.tasks[tid]
        out.append({"id": tid, "kind": "task", "title": "task %d" % tid, "name": task.name,
                    "note": task.ended or "running at the end", "depth": depth,
                    "about": about(tl, task),
                    "color": style["taskColors"][i % len(style["taskColors"])]})
    out.append({"id": 0, "kind": "kernel", "title": "task 0", "name": "kernel / idle",
                "note": "boot, idle loop", "color": style["kernelColor"], "depth": 0,
                "about": "task 0 (kernel / idle): boot, idle loop"})
    out.append({"id": VMM_LANE, "kind": "vmm", "title": "vmm", "name": "VM exits",
                "note": "exits to the vmm", "color": style["kinds"]["vmexit"]["color"],
                "depth": 0, "about": "vmm: exits to the vmm"})
    return out


def about(tl, task):
    """A task's lane in a sentence: its names (each exec), its parent, its
    end and how it was reaped."""
    names = [n for i, (_, n) in enumerate(task.names) if i == 0 or n != task.names[i - 1][1]]
    text = "task %d (%s)" % (task.id, " -> ".join(names) or task.name or "?")
    if task.parent is not None:
        text += ", forked by %s" % tl.who(task.parent)
    text += ": %s" % (task.ended or "running at the end")
    if task.reaped is not None:
        text += ", reaped: %s" % T.wait_status(task.reaped)
    return text


def links(tl, lane_of):
    """The fork and wait links as columns, in time order of the parent's
    end (where they fold: view.js and the SVG fold a parent's links that
    are closer than a few pixels into one)."""
    kinds = list(LINK_KINDS)
    out = {"kind": [], "from": [], "to": [], "t0": [], "t1": [], "rec": [], "text": []}
    for k in sorted(tl.links, key=lambda k: (anchor(k), k.rec)):
        if k.source not in lane_of or k.target not in lane_of:
            continue
        out["kind"].append(kinds.index(k.kind))
        out["from"].append(lane_of[k.source])
        out["to"].append(lane_of[k.target])
        out["t0"].append(k.t0)
        out["t1"].append(k.t1)
        out["rec"].append(k.rec)
        out["text"].append(k.text)
    return out


def anchor(link):
    """The time on the parent's lane: the fork, or the wait."""
    return link.t0 if link.kind == "fork" else link.t1


LINK_KINDS = ("fork", "wait")


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

    cpu = {"lane": [], "t0": [], "t1": [], "reason": [], "rec": [], "text": [], "name": []}
    for s in tl.spans + ([tl.tail] if tl.tail else []):
        cpu["lane"].append(lane_of[s.task])
        cpu["t0"].append(s.t0)
        cpu["t1"].append(s.t1)
        cpu["reason"].append(reasons.index(s.reason) if s.reason in reasons else
                             reasons.index("running"))
        cpu["rec"].append(-1 if s.rec is None else s.rec)
        cpu["text"].append(s.text)
        cpu["name"].append(label(tl.task(s.task).name_at(s.t1)))  # after an exec: the new one
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
        "links": links(tl, lane_of),
        "linkKinds": [{"id": k, **style["links"][k]} for k in LINK_KINDS],
        "style": style,
    }
