# SPDX-License-Identifier: MIT
"""trace-view's HTML: one self-contained page (view/page.html with
view/view.css, view/view.js, the view's data and the trace's records
inlined), which opens offline from a file."""
import html
import json
import os
import re

import trace_view_data as D


def script_text(text):
    """TEXT made safe inside <script>: JSON (and JSON Lines) has '<' only
    inside strings, where \\u003c means the same, so no '</script>' or
    '<!--' can end or change the script element."""
    return text.replace("<", "\\u003c")


def read(name):
    with open(os.path.join(D.VIEW_DIR, name), encoding="utf-8") as f:
        return f.read()


def render(tl):
    """The page for Timeline TL, as a string."""
    view = D.build(tl)
    parts = {
        "TITLE": html.escape(view["title"]),
        "CSS": read("view.css"),
        "JS": read("view.js"),
        "DATA": script_text(json.dumps(view, separators=(",", ":"))),
        "RECORDS": script_text("\n".join(line or "" for line in tl.lines)),
    }
    return re.sub(r"@([A-Z]+)@", lambda m: parts[m.group(1)], read("page.html"))
