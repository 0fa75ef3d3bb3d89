# SPDX-License-Identifier: MIT
"""trace-view's SVG: the page's view as a static picture, for slides and
papers.  The same lanes, rows, colours and folding of what is smaller
than a pixel as view/view.js, over the whole run or [t_from, t_to].

Every CPU span in the range is one <rect class="cpu"> (the run after the
last switch: class "cpu tail"); every fork and wait link one <g class="link
fork|wait"> with data-from and data-to (task ids), or, folded, class "link
... bin" with data-n; everything drawn has a <title> with its sentence,
which SVG viewers show on hover.
"""
import math
from xml.sax.saxutils import escape, quoteattr

import trace_view_data as D

FONT = 'font-family="DejaVu Sans, Verdana, sans-serif"'


def fmt_time(ns, step):
    if step >= 1e9:
        return "%.0f s" % (ns / 1e9)
    digits = max(0, min(6, math.ceil(-math.log10(step / 1e6) - 1e-9)))
    return "%.*f ms" % (digits, ns / 1e6)


def nice_step(rng, px):
    raw = rng / max(1, px / 110)
    p = 10 ** math.floor(math.log10(raw))
    return next(m * p for m in (1, 2, 5, 10) if m * p >= raw)


class Picture:
    def __init__(self, view, t0, t1, width):
        self.v = view
        self.s = view["style"]
        self.t0, self.t1 = t0, t1
        self.w = width
        self.out = []
        self.left = self.s["labelWidth"]
        self.top = 0

    def x(self, t):
        return self.left + (t - self.t0) / (self.t1 - self.t0) * self.w

    def add(self, text):
        self.out.append(text)

    def title(self, text):
        return "<title>%s</title>" % escape(text)

    # ------------------------------------------------------------ parts
    def header(self):
        v = self.v
        self.add('<text x="8" y="20" font-size="16" font-weight="bold" %s>%s</text>' % (
            FONT, escape(v["title"])))
        y, x, line = 40, 8, []
        facts = ["%s: %s" % (k, val) for k, val in v["facts"]]
        for f in facts:  # wrap the facts into lines of about the picture's width
            if line and len(" · ".join(line + [f])) * 6.6 > self.left + self.w:
                self.add('<text x="%d" y="%d" font-size="11" fill="#333" %s>%s</text>' % (
                    x, y, FONT, escape(" · ".join(line))))
                y += 15
                line = []
            line.append(f)
        if line:
            self.add('<text x="%d" y="%d" font-size="11" fill="#333" %s>%s</text>' % (
                x, y, FONT, escape(" · ".join(line))))
        self.top = y + 10

    def axis(self):
        s, top = self.s, self.top
        step = nice_step(self.t1 - self.t0, self.w)
        bottom = top + s["axisHeight"] + len(self.v["lanes"]) * s["laneHeight"]
        self.add('<rect x="%d" y="%d" width="%g" height="%d" fill="#fafafa"/>' % (
            self.left, top, self.w, s["axisHeight"]))
        t = math.ceil(self.t0 / step) * step
        while t <= self.t1:
            x = self.x(t)
            self.add('<line class="grid" x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>' % (
                x, top + s["axisHeight"] - 8, x, bottom))
            self.add('<text x="%.1f" y="%d" font-size="11" fill="#333" %s>%s</text>' % (
                x + 3, top + 14, FONT, escape(fmt_time(t, step))))
            t += step

    def lane_top(self, i):
        return self.top + self.s["axisHeight"] + i * self.s["laneHeight"]

    def lanes(self):
        s = self.s
        for i, lane in enumerate(self.v["lanes"]):
            y = self.lane_top(i)
            fill = "#f6f7f9" if i % 2 == 0 else "#ffffff"
            self.add('<g class="lane" data-lane="%d" data-task="%s">%s' % (
                i, lane["id"], self.title(lane["about"])))
            self.add('<rect x="0" y="%d" width="%g" height="%d" fill="%s"/>' % (
                y, self.left + self.w, s["laneHeight"], fill))
            self.add('<rect x="0" y="%d" width="6" height="%d" fill="%s"/>' % (
                y, s["laneHeight"], lane["color"]))
            x = 12 + 10 * min(lane["depth"], 8)  # the process tree, as the page indents it
            self.add('<text x="%d" y="%d" font-size="12" %s><tspan font-weight="bold">%s'
                     '</tspan> %s</text>' % (x, y + 18, FONT, escape(lane["title"]),
                                             escape(lane["name"])))
            self.add('<text x="%d" y="%d" font-size="10" fill="#777" %s>%s</text>' % (
                x, y + 32, FONT, escape(lane["note"])))
            self.add('</g>')

    def cpu(self):
        c, s = self.v["cpu"], self.s
        row = s["rows"]["cpu"]
        for i in range(len(c["t0"])):
            if c["t1"][i] < self.t0 or c["t0"][i] > self.t1:
                continue
            lane = self.v["lanes"][c["lane"][i]]
            reason = self.v["reasons"][c["reason"][i]]
            xa, xb = max(self.x(c["t0"][i]), self.left), min(self.x(c["t1"][i]),
                                                              self.left + self.w)
            y = self.lane_top(c["lane"][i]) + row[0]
            cls = "cpu tail" if c["rec"][i] < 0 else "cpu"
            self.add('<g class="%s" data-rec="%d">%s' % (cls, c["rec"][i],
                                                           self.title(c["text"][i])))
            self.add('<rect x="%.2f" y="%d" width="%.2f" height="%d" fill="%s"/>' % (
                xa, y, max(0.5, xb - xa), row[1], lane["color"]))
            if xb - xa > 6:
                self.add('<rect x="%.2f" y="%d" width="3" height="%d" fill="%s"/>' % (
                    xb - 3, y, row[1], reason["color"]))
            if xb - xa > 70:
                label = "idle" if lane["kind"] != "task" else \
                    self.v["labels"][c["name"][i]] + " · " + reason["label"]
                room = int((xb - xa - 8) / 6.2)
                if room > 3:
                    self.add('<text x="%.1f" y="%d" font-size="11" fill="#fff" %s>%s</text>' % (
                        xa + 4, y + row[1] - 4, FONT, escape(label[:room])))
            self.add('</g>')

    def marks(self):
        """Each lane's rows of marks, folded as view.js folds them."""
        m, s = self.v["marks"], self.s
        kinds = self.v["kinds"]
        rows = {}
        for i in range(len(m["t0"])):
            if m["t1"][i] < self.t0 or m["t0"][i] > self.t1:
                continue
            rows.setdefault((m["lane"][i], kinds[m["kind"][i]]["row"]), []).append(i)
        for (lane, row), items in sorted(rows.items()):
            items.sort(key=lambda i: m["t0"][i])
            y = self.lane_top(lane) + s["rows"][row][0]
            self.row(items, row, y, s["rows"][row][1])

    def row(self, items, row, y, h):
        """As view.js's drawRow: a span wide enough is drawn alone; an
        instant, or a span too narrow, joins the group before it while
        they are within a few pixels."""
        m = self.v["marks"]
        instant = row in ("marks", "vmm")
        min_w = 7 if instant else 2
        group, gx0, gx1 = None, 0, 0
        for i in items:
            x0, x1 = self.x(m["t0"][i]), self.x(m["t1"][i])
            if not instant and x1 - x0 >= min_w:
                if group:
                    self.draw_group(group, instant, y, h)
                group = None
                self.draw_group([i], instant, y, h)
            elif group and (x0 - gx0 < min_w if instant else x0 - gx1 < 1):
                group.append(i)
                gx1 = max(gx1, x1)
            else:
                if group:
                    self.draw_group(group, instant, y, h)
                group, gx0, gx1 = [i], x0, max(x0, x1)
        if group:
            self.draw_group(group, instant, y, h)

    def draw_group(self, group, instant, y, h):
        m, kinds = self.v["marks"], self.v["kinds"]
        best = max(group, key=lambda i: kinds[m["kind"][i]]["priority"])
        kind = kinds[m["kind"][best]]
        x0 = max(self.x(m["t0"][group[0]]), self.left)
        x1 = min(max(self.x(m["t1"][i]) for i in group), self.left + self.w)
        if len(group) == 1:
            tip = m["text"][best]
        else:
            counts = {}
            for i in group:
                lab = self.v["labels"][m["label"][i]]
                counts[lab] = counts.get(lab, 0) + 1
            tip = "%d events: %s" % (len(group), ", ".join(
                "%s x%d" % kv for kv in sorted(counts.items(), key=lambda kv: -kv[1])))
        color = kind["color"]
        if kind["id"] == "vmexit":
            name = self.v["labels"][m["label"][best]]
            ex = self.s["exitColors"]
            color = ex.get(name) or ex.get(name.split(" ")[0]) or color
        cls = "mark %s%s" % (kind["id"], " bin" if len(group) > 1 else "")
        self.add('<g class="%s" data-n="%d">%s' % (cls, len(group), self.title(tip)))
        if instant:
            self.add(glyph(kind["shape"], x0, y, h, color))
            if len(group) > 1 and kind["shape"] != "tick":
                self.add('<text x="%.1f" y="%.1f" font-size="9" fill="%s" %s>x%d</text>' % (
                    x0 + h / 2 + 2, y + h - 1, color, FONT, len(group)))
        else:
            opacity = 1 if len(group) == 1 else min(1, 0.45 + 0.12 * math.log2(len(group)))
            self.add('<rect x="%.2f" y="%d" width="%.2f" height="%d" fill="%s" '
                     'fill-opacity="%.2f"/>' % (x0, y, max(0.6, x1 - x0), h, color, opacity))
        self.add('</g>')

    def row_mid(self, lane, row):
        r = self.s["rows"][row]
        return self.lane_top(lane) + r[0] + r[1] / 2

    def link_ends(self, i):
        k = self.v["links"]
        fork = self.v["linkKinds"][k["kind"][i]]["id"] == "fork"
        return (self.x(k["t0"][i]), self.row_mid(k["from"][i], "marks"),
                self.x(k["t1"][i]), self.row_mid(k["to"][i], "cpu" if fork else "marks"))

    def links(self):
        """The fork and wait links in the range, folded as view.js folds
        them: a parent's links of one kind closer than linkMinGap pixels on
        its lane are one fan."""
        k, kinds = self.v["links"], self.v["linkKinds"]
        groups = {}
        for i in range(len(k["t0"])):
            if k["t1"][i] < self.t0 or k["t0"][i] > self.t1:
                continue
            fork = kinds[k["kind"][i]]["id"] == "fork"
            parent, at = (k["from"][i], k["t0"][i]) if fork else (k["to"][i], k["t1"][i])
            groups.setdefault((parent, k["kind"][i]), []).append((at, i))
        for _, items in sorted(groups.items()):
            items.sort()
            group, gx = [], None
            for at, i in items:
                x = self.x(at)
                if group and x - gx < self.s["linkMinGap"]:
                    group.append(i)
                    continue
                if group:
                    self.link_group(group)
                group, gx = [i], x
            if group:
                self.link_group(group)

    def link_group(self, group):
        k, v = self.v["links"], self.v
        kind = v["linkKinds"][k["kind"][group[0]]]
        fork = kind["id"] == "fork"
        lane_id = lambda lane: v["lanes"][lane]["id"]  # noqa: E731
        dash = ' stroke-dasharray="%s"' % ",".join(map(str, kind["dash"])) if kind["dash"] else ""
        first = group[0]
        if len(group) == 1:
            self.add('<g class="link %s" data-from="%s" data-to="%s" data-rec="%d">%s' % (
                kind["id"], lane_id(k["from"][first]), lane_id(k["to"][first]), k["rec"][first],
                self.title(k["text"][first])))
        else:
            kids = [lane_id(k["to"][i] if fork else k["from"][i]) for i in group]
            parent = v["lanes"][k["from"][first] if fork else k["to"][first]]
            tip = "%d %s %s (%s): tasks %s-%s" % (
                len(group), "forks by" if fork else "children reaped by", parent["title"],
                parent["name"], min(kids), max(kids))
            self.add('<g class="link %s bin" data-n="%d" data-from="%s" data-to="%s">%s' % (
                kind["id"], len(group), lane_id(k["from"][first]), lane_id(k["to"][first]),
                self.title(tip)))
        ends, far = [self.link_ends(first)], first
        if len(group) > 1:
            far = max(group, key=lambda i: abs(k["to"][i] - k["from"][i]))
            ends.append(self.link_ends(far))
            (xa, ya, xb, yb), (fa, fya, fb, fyb) = ends
            pts = [(xa, ya), (xb, yb), (fb, fyb)] if fork else [(xb, yb), (xa, ya), (fa, fya)]
            wide = abs(k["to"][far] - k["from"][far]) > 2
            self.add('<path d="M%s Z" fill="%s" fill-opacity="%s"/>' % (
                " L".join("%.2f %.2f" % p for p in pts), kind["color"], "0.08" if wide else "0.18"))
            ax, ay = (xa, ya) if fork else (xb, yb)
            self.add('<text x="%.1f" y="%.1f" font-size="9" fill="%s" %s>x%d</text>' % (
                ax + 6, ay + (11 if fork else -5), kind["color"], FONT, len(group)))
        # as on the page: a link past a few lanes is faint
        for n, (xa, ya, xb, yb) in enumerate(ends):
            i = group[0] if n == 0 else far
            faint = ' stroke-opacity="0.35"' if abs(k["to"][i] - k["from"][i]) > 2 else ""
            my = (ya + yb) / 2
            d = 1 if yb >= ya else -1
            self.add('<path d="M%.2f %.2f C%.2f %.2f %.2f %.2f %.2f %.2f" fill="none" '
                     'stroke="%s" stroke-width="%s"%s%s/>' % (
                         xa, ya, xa, my, xb, my, xb, yb, kind["color"],
                         "1.75" if len(group) > 1 else "1.25", dash, faint))
            self.add('<path d="M%.2f %.2f L%.2f %.2f L%.2f %.2f Z" fill="%s"/>' % (
                xb, yb, xb - 3.5, yb - 6 * d, xb + 3.5, yb - 6 * d, kind["color"]))
        self.add('</g>')

    def legend(self, y):
        v = self.v
        x = 8
        items = [("rect", lane["color"], "%s %s" % (lane["title"], lane["name"]))
                 for lane in v["lanes"] if lane["kind"] != "vmm"]
        items += [("cap", r["color"], r["label"]) for r in v["reasons"]]
        items += [(k["shape"], k["color"], k["label"]) for k in v["kinds"]]
        items += [("link", k, k["label"]) for k in v["linkKinds"]]
        for shape, color, label in items:
            width = 28 + len(label) * 6.4
            if x + width > self.left + self.w:
                x, y = 8, y + 18
            if shape in ("rect", "bar"):
                self.add('<rect x="%d" y="%d" width="18" height="9" fill="%s"/>' % (
                    x, y - 8, color))
            elif shape == "link":
                kind = color
                dash = ' stroke-dasharray="%s"' % ",".join(map(str, kind["dash"])) \
                    if kind["dash"] else ""
                self.add('<path d="M%d %d C%d %d %d %d %d %d" fill="none" stroke="%s" '
                         'stroke-width="1.5"%s/><path d="M%d %d L%g %d L%g %d Z" fill="%s"/>' % (
                             x, y - 10, x, y - 5, x + 16, y - 5, x + 16, y, kind["color"], dash,
                             x + 16, y, x + 12.5, y - 6, x + 19.5, y - 6, kind["color"]))
            elif shape == "cap":
                self.add('<rect x="%d" y="%d" width="18" height="9" fill="#ccc"/>'
                         '<rect x="%d" y="%d" width="3" height="9" fill="%s"/>' % (
                             x, y - 8, x + 15, y - 8, color))
            else:
                self.add(glyph(shape, x + 9, y - 9, 10, color))
            self.add('<text x="%d" y="%d" font-size="11" fill="#333" %s>%s</text>' % (
                x + 22, y, FONT, escape(label)))
            x += width
        return y + 12

    def render(self):
        self.header()
        self.axis()
        self.lanes()
        self.cpu()
        self.marks()
        self.links()
        bottom = self.lane_top(len(self.v["lanes"]))
        end = self.legend(bottom + 22)
        total_w = self.left + self.w + 8
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
                'viewBox="0 0 %d %d">\n<title>%s</title>\n'
                '<rect width="100%%" height="100%%" fill="#fff"/>\n%s\n</svg>\n' % (
                    total_w, end, total_w, end, escape(self.v["title"]), "\n".join(self.out)))


def glyph(shape, x, y, h, color):
    """One mark's glyph at x in the row [y, y+h], as SVG."""
    r, mid = h / 2, y + h / 2
    fill = "fill=%s" % quoteattr(color)
    if shape == "tick":
        return '<rect x="%.2f" y="%g" width="1.5" height="%g" %s/>' % (x - 0.75, y, h, fill)
    if shape == "triangle":
        return '<path d="M%.2f %g L%.2f %g L%.2f %g Z" %s/>' % (x, y, x + r, y + h, x - r, y + h,
                                                                fill)
    if shape == "diamond":
        return '<path d="M%.2f %g L%.2f %g L%.2f %g L%.2f %g Z" %s/>' % (
            x, y, x + r, mid, x, y + h, x - r, mid, fill)
    if shape == "dot":
        return '<circle cx="%.2f" cy="%g" r="%g" %s/>' % (x, mid, r, fill)
    if shape == "square":
        return '<rect x="%.2f" y="%g" width="%g" height="%g" %s/>' % (x - r, y, h, h, fill)
    if shape == "down":
        return '<path d="M%.2f %g L%.2f %g L%.2f %g Z" %s/>' % (x - r, y, x + r, y, x, y + h, fill)
    if shape == "play":
        return '<path d="M%.2f %g L%.2f %g L%.2f %g Z" %s/>' % (x - r * 0.8, y, x + r, mid,
                                                                x - r * 0.8, y + h, fill)
    if shape == "ring":
        return '<circle cx="%.2f" cy="%g" r="%g" fill="none" stroke=%s stroke-width="2"/>' % (
            x, mid, r - 1, quoteattr(color))
    if shape == "star":
        pts = []
        for k in range(8):
            a, q = k * math.pi / 4 - math.pi / 2, (r * 0.38 if k % 2 else r)
            pts.append("%.2f %.2f" % (x + q * math.cos(a), mid + q * math.sin(a)))
        return '<path d="M%s Z" %s/>' % (" L".join(pts), fill)
    return ('<path d="M%.2f %g L%.2f %g M%.2f %g L%.2f %g" stroke=%s stroke-width="2"/>' % (
        x - r, y, x + r, y + h, x + r, y, x - r, y + h, quoteattr(color)))


def render(tl, t_from=None, t_to=None, width=None):
    """The SVG of Timeline TL over [t_from, t_to] (default: the whole run)."""
    view = D.build(tl)
    t0 = view["start"] if t_from is None else t_from
    t1 = view["end"] if t_to is None else t_to
    if t1 <= t0:
        t1 = t0 + 1000
    plot_w = width or (view["style"]["width"] - view["style"]["labelWidth"])
    return Picture(view, t0, t1, max(100, plot_w)).render()
