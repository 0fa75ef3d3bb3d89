// SPDX-License-Identifier: MIT
// trace-view's page: draws the view that tools/trace_view_data.py laid out
// (the JSON in #lde-data) on a canvas, with zoom, pan, hover and click.
// The trace's own lines are in #lde-records, one per line, so that a click
// shows the record exactly as the vmm wrote it.  No network, no libraries.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("lde-data").textContent);
  const style = data.style;
  const recText = document.getElementById("lde-records").textContent;
  let recLines = null;

  function record(i) {
    if (i < 0) return null;
    if (recLines === null) recLines = recText.split("\n");
    const line = recLines[i];
    return line ? JSON.parse(line) : null;
  }

  // ------------------------------------------------------------ indexes
  const nLanes = data.lanes.length;
  const cpu = data.cpu, marks = data.marks;
  const kindInfo = data.kinds;
  const kindRow = kindInfo.map((k) => k.row);
  const kindPrio = kindInfo.map((k) => k.priority);

  // rows[lane][row] = {items: [index...] sorted by t0, maxDur}
  const rows = [];
  for (let l = 0; l < nLanes; l++) rows.push({ cpu: { items: [], maxDur: 0 } });
  for (let i = 0; i < cpu.t0.length; i++) {
    const r = rows[cpu.lane[i]].cpu;
    r.items.push(i);
    r.maxDur = Math.max(r.maxDur, cpu.t1[i] - cpu.t0[i]);
  }
  for (let i = 0; i < marks.t0.length; i++) {
    const lane = rows[marks.lane[i]], name = kindRow[marks.kind[i]];
    const r = lane[name] || (lane[name] = { items: [], maxDur: 0 });
    r.items.push(i);
    r.maxDur = Math.max(r.maxDur, marks.t1[i] - marks.t0[i]);
  }
  for (const lane of rows)
    for (const name in lane) {
      const t0 = name === "cpu" ? cpu.t0 : marks.t0;
      lane[name].items.sort((a, b) => t0[a] - t0[b] || a - b);
    }

  // The fork and wait links, grouped by the parent's lane and kind, each
  // group in order of the time on the parent's lane (where they fold).
  const links = data.links, linkKinds = data.linkKinds;
  const isFork = (i) => linkKinds[links.kind[i]].id === "fork";
  const linkParent = (i) => (isFork(i) ? links.from[i] : links.to[i]);
  const linkAnchor = (i) => (isFork(i) ? links.t0[i] : links.t1[i]);
  const linkGroups = new Map();
  for (let i = 0; i < links.t0.length; i++) {
    const key = linkParent(i) + ":" + links.kind[i];
    const g = linkGroups.get(key) || { items: [], anchor: [], maxSpan: 0 };
    g.items.push(i);
    g.maxSpan = Math.max(g.maxSpan, links.t1[i] - links.t0[i]);
    linkGroups.set(key, g);
  }
  for (const g of linkGroups.values()) {
    g.items.sort((a, b) => linkAnchor(a) - linkAnchor(b) || a - b);
    g.anchor = g.items.map(linkAnchor);
  }

  // ------------------------------------------------------------ the page
  const $ = (id) => document.getElementById(id);
  const canvas = $("plot-canvas"), ctx = canvas.getContext("2d");
  const plot = $("plot"), tooltip = $("tooltip"), details = $("details-body");
  const timeline = $("timeline");
  const full = { t0: data.start, t1: Math.max(data.end, data.start + 1000) };
  const MIN_RANGE = 200; // ns: the deepest zoom
  let view = { t0: full.t0, t1: full.t1 };
  let width = 0, height = 0;
  let hits = [];           // what the last frame drew, for hover and click
  let selected = null;     // {type: "cpu"|"mark"|"link", index}
  let drawnLinks = [];     // the links the last frame drew: {kind, from, to, n, index}
  let scrollTop = 0;       // how far the lanes are scrolled under the sticky canvas
  const stats = {};

  function text(el, s) { el.textContent = s; return el; }
  function el(tag, cls, s) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (s !== undefined) e.textContent = s;
    return e;
  }

  function header() {
    document.title = data.title;
    text($("title"), data.title);
    const dl = $("facts");
    for (const [k, v] of data.facts) {
      const d = el("div", "fact");
      d.appendChild(el("dt", null, k));
      d.appendChild(el("dd", null, v));
      dl.appendChild(d);
    }
  }

  function labels() {
    const box = $("labels");
    box.style.paddingTop = style.axisHeight + "px";
    data.lanes.forEach((lane, i) => {
      const d = el("div", "lane-label lane-" + lane.kind);
      d.style.height = style.laneHeight + "px";
      d.style.borderLeftColor = lane.color;
      d.style.paddingLeft = 6 + 10 * Math.min(lane.depth || 0, 8) + "px"; // the process tree
      d.dataset.lane = i;
      const top = el("span", "lane-head");
      top.appendChild(el("span", "lane-title", lane.title));
      top.appendChild(el("span", "lane-name", " " + lane.name));
      d.appendChild(top);
      d.appendChild(el("span", "lane-note", lane.note));
      d.title = lane.about;
      box.appendChild(d);
    });
  }

  // ------------------------------------------------------------ geometry
  const X = (t) => ((t - view.t0) / (view.t1 - view.t0)) * width;
  const T = (x) => view.t0 + (x / width) * (view.t1 - view.t0);
  // Lane l's top on the canvas.  When the lanes are taller than most of the
  // window they scroll in a box of their own (#timeline.scrolling), under a
  // canvas as tall as the box that sticks to its top: a frame draws only the
  // lanes in sight, however many tasks forked, and the details stay below.
  const laneTop = (l) => style.axisHeight + l * style.laneHeight - scrollTop;
  const fullHeight = () => style.axisHeight + nLanes * style.laneHeight;
  function visibleLanes() {
    const first = Math.max(0, Math.floor(scrollTop / style.laneHeight));
    const last = Math.min(nLanes - 1,
                          Math.floor((scrollTop + height - style.axisHeight) / style.laneHeight));
    return [first, last];
  }

  function lowerBoundOf(sorted, t) {
    let lo = 0, hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < t) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function lowerBound(items, t0, t) {
    let lo = 0, hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (t0[items[mid]] < t) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function fmtTime(ns, step) {
    if (step >= 1e9) return (ns / 1e9).toFixed(0) + " s";
    const digits = Math.max(0, Math.min(6, Math.ceil(-Math.log10(step / 1e6) - 1e-9)));
    return (ns / 1e6).toFixed(digits) + " ms";
  }
  function fmtDur(ns) {
    if (ns < 1000) return Math.round(ns) + " ns";
    if (ns < 1e6) return (ns / 1e3).toFixed(2) + " µs";
    if (ns < 1e9) return (ns / 1e6).toFixed(2) + " ms";
    return (ns / 1e9).toFixed(3) + " s";
  }
  function niceStep(range, px) {
    const raw = range / Math.max(1, px / 110);
    const p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
    return 10 * p;
  }

  // ------------------------------------------------------------ drawing
  function resize() {
    const dpr = window.devicePixelRatio || 1;
    const tall = fullHeight() > window.innerHeight * 0.7;
    timeline.classList.toggle("scrolling", tall);
    width = Math.max(200, plot.clientWidth);
    plot.style.height = fullHeight() + "px";
    height = tall ? Math.min(fullHeight(), Math.max(200, timeline.clientHeight)) : fullHeight();
    scrollTop = measureScroll();
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    canvas.style.width = width + "px";
    canvas.style.height = height + "px";
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    draw();
  }

  function measureScroll() {
    const off = canvas.getBoundingClientRect().top - plot.getBoundingClientRect().top;
    return Math.max(0, Math.min(fullHeight() - height, Math.round(off)));
  }
  function onScroll() {
    const off = measureScroll();
    if (off !== scrollTop) { scrollTop = off; draw(); }
  }

  // The grid under the lanes' contents, then the axis over the lanes that
  // scrolled under it.
  function drawGrid() {
    const step = niceStep(view.t1 - view.t0, width);
    ctx.strokeStyle = "#ddd";
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let t = Math.ceil(view.t0 / step) * step; t <= view.t1; t += step) {
      const x = Math.round(X(t)) + 0.5;
      ctx.moveTo(x, style.axisHeight);
      ctx.lineTo(x, height);
    }
    ctx.stroke();
  }

  function drawAxis() {
    const step = niceStep(view.t1 - view.t0, width);
    ctx.fillStyle = "#fafafa";
    ctx.fillRect(0, 0, width, style.axisHeight);
    ctx.strokeStyle = "#ddd";
    ctx.lineWidth = 1;
    ctx.fillStyle = "#333";
    ctx.font = "11px sans-serif";
    ctx.textBaseline = "top";
    ctx.beginPath();
    for (let t = Math.ceil(view.t0 / step) * step; t <= view.t1; t += step) {
      const x = Math.round(X(t)) + 0.5;
      ctx.moveTo(x, style.axisHeight - 8);
      ctx.lineTo(x, style.axisHeight);
      ctx.fillText(fmtTime(t, step), x + 3, 4);
    }
    ctx.stroke();
    text($("range"), fmtTime(view.t0, step) + " – " + fmtTime(view.t1, step) +
         " (" + fmtDur(view.t1 - view.t0) + " shown; grid " + fmtDur(step) + ")");
  }

  function drawLanes() {
    const [first, last] = visibleLanes();
    for (let l = first; l <= last; l++) {
      ctx.fillStyle = l % 2 ? "#ffffff" : "#f6f7f9";
      ctx.fillRect(0, laneTop(l), width, style.laneHeight);
    }
  }

  // Items of one row of one lane: each one where it is wide enough to see
  // (or, for instants, far enough from the last), else folded into a "bin"
  // of a few pixels that counts what it holds.
  function drawRow(l, name, y, h) {
    const row = rows[l][name];
    if (!row) return;
    const isCpu = name === "cpu";
    const t0 = isCpu ? cpu.t0 : marks.t0, t1 = isCpu ? cpu.t1 : marks.t1;
    const items = row.items;
    const instant = name === "marks" || name === "vmm";
    const minW = instant ? 7 : 2;
    let bin = null;
    const flush = () => {
      if (bin) drawBin(l, name, y, h, bin);
      bin = null;
    };
    for (let k = lowerBound(items, t0, view.t0 - row.maxDur); k < items.length; k++) {
      const i = items[k];
      if (t0[i] > view.t1) break;
      const x0 = X(t0[i]), x1 = X(t1[i]);
      if (x1 < -minW) continue;
      if (!instant && x1 - x0 >= minW) {
        flush();
        drawOne(l, name, y, h, i, x0, x1);
      } else if (bin && (instant ? x0 - bin.x0 < minW : x0 - bin.x1 < 1)) {
        addToBin(bin, i, k, x1);
      } else {
        flush();
        bin = newBin(i, k, x0, x1, isCpu);
      }
    }
    flush();
  }

  function newBin(i, k, x0, x1, isCpu) {
    return { first: i, k0: k, k1: k, x0: x0, x1: Math.max(x1, x0), n: 1, best: i, isCpu: isCpu,
             tails: isCpu && cpu.rec[i] < 0 ? 1 : 0 };
  }
  function addToBin(bin, i, k, x1) {
    bin.k1 = k;
    bin.x1 = Math.max(bin.x1, x1);
    bin.n++;
    if (bin.isCpu) bin.tails += cpu.rec[i] < 0 ? 1 : 0;
    else if (kindPrio[marks.kind[i]] > kindPrio[marks.kind[bin.best]]) bin.best = i;
  }

  function count(key) { stats[key] = (stats[key] || 0) + 1; }
  function add(key, n) { stats[key] = (stats[key] || 0) + n; }

  function drawOne(l, name, y, h, i, x0, x1) {
    const xa = Math.max(x0, -1), xb = Math.min(x1, width + 1);
    if (name === "cpu") {
      const lane = data.lanes[l], reason = data.reasons[cpu.reason[i]];
      ctx.fillStyle = lane.color;
      ctx.fillRect(xa, y, xb - xa, h);
      if (xb - xa > 6) {
        ctx.fillStyle = reason.color;
        ctx.fillRect(xb - 3, y, 3, h);
      }
      if (xb - xa > 70) {
        ctx.save();
        ctx.beginPath();
        ctx.rect(xa, y, xb - xa - 4, h);
        ctx.clip();
        ctx.fillStyle = "#fff";
        ctx.font = "11px sans-serif";
        ctx.textBaseline = "middle";
        ctx.fillText(lane.kind === "task" ? data.labels[cpu.name[i]] + " · " + reason.label :
                     "idle",
                     Math.max(xa, 0) + 4, y + h / 2 + 0.5);
        ctx.restore();
      }
      count(cpu.rec[i] < 0 ? "cpuTail" : "cpuSpans");
      hits.push({ type: "cpu", index: i, x0: xa, x1: Math.max(xb, xa + 2), y0: y, y1: y + h });
    } else {
      const kind = kindInfo[marks.kind[i]];
      ctx.fillStyle = kind.color;
      ctx.fillRect(xa, y, xb - xa, h);
      count("marks");
      hits.push({ type: "mark", index: i, x0: xa, x1: xb, y0: y, y1: y + h });
    }
  }

  function drawBin(l, name, y, h, bin) {
    const instant = name === "marks" || name === "vmm";
    if (name === "cpu") {
      ctx.fillStyle = data.lanes[l].color;
      ctx.fillRect(bin.x0, y, Math.max(1, bin.x1 - bin.x0), h);
      add("cpuSpans", bin.n - bin.tails);
      add("cpuTail", bin.tails);
      count("bins");
    } else if (!instant) {
      const kind = kindInfo[marks.kind[bin.best]];
      ctx.fillStyle = kind.color;
      ctx.globalAlpha = Math.min(1, 0.45 + 0.12 * Math.log2(bin.n));
      ctx.fillRect(bin.x0, y, Math.max(1, bin.x1 - bin.x0), h);
      ctx.globalAlpha = 1;
      add("marks", bin.n);
      if (bin.n > 1) count("bins");
    } else {
      const i = bin.best, kind = kindInfo[marks.kind[i]];
      const color = kind.id === "vmexit" ? exitColor(marks.label[i]) : kind.color;
      glyph(ctx, kind.shape, bin.x0, y, h, color, bin.n);
      add("marks", bin.n);
      if (bin.n > 1) count("bins");
    }
    const x0 = instant ? bin.x0 - 4 : bin.x0;
    const x1 = instant ? Math.max(bin.x1, bin.x0) + 4 : Math.max(bin.x1, bin.x0 + 2);
    if (bin.n === 1)
      hits.push({ type: bin.isCpu ? "cpu" : "mark", index: bin.first, x0: x0, x1: x1,
                  y0: y, y1: y + h });
    else
      hits.push({ type: "bin", row: name, lane: l, bin: bin, x0: x0, x1: x1, y0: y, y1: y + h });
  }

  // The items a bin holds: its row's items bin.k0 to bin.k1.
  function binItems(bin, name, lane) {
    return rows[lane][name].items.slice(bin.k0, bin.k1 + 1);
  }

  function exitColor(label) {
    const name = data.labels[label];
    return style.exitColors[name] || style.exitColors[name.split(" ")[0]] ||
      style.kinds.vmexit.color;
  }

  // ------------------------------------------------------------ links
  // A fork goes from the parent's fork mark to the child's CPU row where it
  // first ran; a wait from the child's end to the parent's wait mark.  Each
  // is a curve with vertical ends and an arrowhead; a parent's links closer
  // than style.linkMinGap pixels on its lane fold into one fan, "×N".
  const rowMid = (l, row) => laneTop(l) + style.rows[row][0] + style.rows[row][1] / 2;
  function linkEnds(i) {
    return { xa: X(links.t0[i]), ya: rowMid(links.from[i], "marks"),
             xb: X(links.t1[i]), yb: rowMid(links.to[i], isFork(i) ? "cpu" : "marks") };
  }

  function drawLinks(first, last) {
    for (const g of linkGroups.values()) {
      let bin = null;
      for (let k = lowerBoundOf(g.anchor, view.t0 - g.maxSpan);
        k < g.items.length && g.anchor[k] <= view.t1 + g.maxSpan; k++) {
        const i = g.items[k];
        if (links.t1[i] < view.t0 || links.t0[i] > view.t1) continue;
        if (Math.max(links.from[i], links.to[i]) < first ||
            Math.min(links.from[i], links.to[i]) > last) continue;
        const x = X(g.anchor[k]);
        if (bin && x - bin.x < style.linkMinGap) { bin.items.push(i); continue; }
        if (bin) drawLinkBin(bin);
        bin = { x: x, items: [i] };
      }
      if (bin) drawLinkBin(bin);
    }
  }

  function curve(c, e) {
    const my = (e.ya + e.yb) / 2;
    c.beginPath();
    c.moveTo(e.xa, e.ya);
    c.bezierCurveTo(e.xa, my, e.xb, my, e.xb, e.yb);
    c.stroke();
  }
  function arrow(c, e) {
    const d = e.yb >= e.ya ? 1 : -1;
    c.beginPath();
    c.moveTo(e.xb, e.yb);
    c.lineTo(e.xb - 3.5, e.yb - 6 * d);
    c.lineTo(e.xb + 3.5, e.yb - 6 * d);
    c.closePath();
    c.fill();
  }

  function drawLinkBin(bin) {
    const n = bin.items.length, i = bin.items[0], kind = linkKinds[links.kind[i]];
    const e = linkEnds(i), fork = kind.id === "fork";
    ctx.strokeStyle = kind.color;
    ctx.fillStyle = kind.color;
    ctx.lineWidth = n > 1 ? 1.75 : 1.25;
    // a link past a few lanes is faint, so that many of them (a parent's
    // forks, one lane per child) do not hide the lanes they cross
    ctx.globalAlpha = Math.abs(links.to[i] - links.from[i]) > 2 ? 0.35 : 1;
    ctx.setLineDash(kind.dash);
    curve(ctx, e);
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
    arrow(ctx, e);
    const mid = { x: (e.xa + e.xb) / 2, y: (e.ya + e.yb) / 2 };
    if (n === 1) {
      hits.push({ type: "link", index: i, x0: e.xb - 4, x1: e.xb + 4, y0: e.yb - 7,
                  y1: e.yb + 3 });
      hits.push({ type: "link", index: i, x0: mid.x - 3, x1: mid.x + 3, y0: mid.y - 4,
                  y1: mid.y + 4 });
    } else {
      // the others: a fan from the parent's end to the farthest child's end
      let far = i;
      for (const j of bin.items)
        if (Math.abs(links.to[j] - links.from[j]) > Math.abs(links.to[far] - links.from[far]))
          far = j;
      const f = linkEnds(far), faint = Math.abs(links.to[far] - links.from[far]) > 2;
      ctx.globalAlpha = faint ? 0.08 : 0.18;
      ctx.beginPath();
      if (fork) { ctx.moveTo(e.xa, e.ya); ctx.lineTo(e.xb, e.yb); ctx.lineTo(f.xb, f.yb); }
      else { ctx.moveTo(e.xb, e.yb); ctx.lineTo(e.xa, e.ya); ctx.lineTo(f.xa, f.ya); }
      ctx.closePath();
      ctx.fill();
      ctx.globalAlpha = faint ? 0.35 : 1;
      ctx.setLineDash(kind.dash);
      curve(ctx, f);
      ctx.setLineDash([]);
      ctx.globalAlpha = 1;
      arrow(ctx, f);
      const ax = fork ? e.xa : e.xb, ay = fork ? e.ya : e.yb;
      ctx.font = "9px sans-serif";
      ctx.textBaseline = "middle";
      ctx.fillText("×" + n, ax + 6, ay + (fork ? 8 : -8));
      const box = { type: "linkbin", items: bin.items.slice() };
      hits.push({ ...box, x0: f.xb - 4, x1: f.xb + 4, y0: f.yb - 7, y1: f.yb + 7 });
      hits.push({ ...box, x0: mid.x - 4, x1: mid.x + 4, y0: mid.y - 5, y1: mid.y + 5 });
      count("linkBins");
    }
    add("links", n);
    const child = (j) => data.lanes[fork ? links.to[j] : links.from[j]].id;
    drawnLinks.push({ kind: kind.id, from: data.lanes[links.from[i]].id,
                      to: data.lanes[links.to[i]].id, n: n, index: i, tos: bin.items.map(child) });
  }

  function linkBinSummary(items) {
    const fork = isFork(items[0]);
    const parent = data.lanes[linkParent(items[0])];
    const t0 = Math.min(...items.map((i) => links.t0[i]));
    const t1 = Math.max(...items.map((i) => links.t1[i]));
    const kids = items.map((i) => data.lanes[fork ? links.to[i] : links.from[i]].id);
    return { items: items, t0: t0, t1: t1,
             text: items.length + (fork ? " forks by " : " children reaped by ") + parent.title +
               " (" + parent.name + ") in " + fmtDur(t1 - t0) + ": tasks " +
               Math.min(...kids) + "–" + Math.max(...kids) };
  }

  // One mark's glyph at x in a row [y, y+h]; n > 1: several folded into one.
  function glyph(c, shape, x, y, h, color, n) {
    c.fillStyle = color;
    c.strokeStyle = color;
    c.lineWidth = 2;
    const m = y + h / 2, r = h / 2;
    c.beginPath();
    if (shape === "tick") {
      c.globalAlpha = n > 1 ? Math.min(1, 0.5 + 0.1 * Math.log2(n)) : 0.9;
      c.fillRect(x - 0.75, y, 1.5, h);
      c.globalAlpha = 1;
      return;
    } else if (shape === "triangle") {
      c.moveTo(x, y); c.lineTo(x + r, y + h); c.lineTo(x - r, y + h); c.closePath(); c.fill();
    } else if (shape === "diamond") {
      c.moveTo(x, y); c.lineTo(x + r, m); c.lineTo(x, y + h); c.lineTo(x - r, m); c.closePath();
      c.fill();
    } else if (shape === "dot") {
      c.arc(x, m, r, 0, 2 * Math.PI); c.fill();
    } else if (shape === "square") {
      c.fillRect(x - r, y, h, h);
    } else if (shape === "cross") {
      c.moveTo(x - r, y); c.lineTo(x + r, y + h); c.moveTo(x + r, y); c.lineTo(x - r, y + h);
      c.stroke();
    } else if (shape === "down") {
      c.moveTo(x - r, y); c.lineTo(x + r, y); c.lineTo(x, y + h); c.closePath(); c.fill();
    } else if (shape === "play") {
      c.moveTo(x - r * 0.8, y); c.lineTo(x + r, m); c.lineTo(x - r * 0.8, y + h); c.closePath();
      c.fill();
    } else if (shape === "ring") {
      c.arc(x, m, r - 1, 0, 2 * Math.PI); c.stroke();
    } else if (shape === "star") {
      for (let k = 0; k < 8; k++) {
        const a = (k * Math.PI) / 4 - Math.PI / 2, q = k % 2 ? r * 0.38 : r;
        c.lineTo(x + q * Math.cos(a), m + q * Math.sin(a));
      }
      c.closePath(); c.fill();
    }
    if (n > 1) {
      c.font = "9px sans-serif";
      c.textBaseline = "middle";
      c.fillText("×" + n, x + r + 2, m);
    }
  }

  function drawSelection() {
    if (!selected) return;
    if (selected.type === "link") {
      const e = linkEnds(selected.index);
      ctx.strokeStyle = "#000";
      ctx.fillStyle = "#000";
      ctx.lineWidth = 3;
      curve(ctx, e);
      arrow(ctx, e);
      return;
    }
    const arr = selected.type === "cpu" ? cpu : marks;
    const l = arr.lane[selected.index];
    const x0 = X(arr.t0[selected.index]), x1 = X(arr.t1[selected.index]);
    ctx.strokeStyle = "#000";
    ctx.lineWidth = 2;
    ctx.setLineDash([4, 2]);
    ctx.strokeRect(Math.max(x0, -2) - 3, laneTop(l) + 1, Math.min(x1, width + 2) -
                   Math.max(x0, -2) + 6, style.laneHeight - 2);
    ctx.setLineDash([]);
  }

  function draw() {
    const started = performance.now();
    for (const k in stats) delete stats[k];
    hits = [];
    drawnLinks = [];
    ctx.clearRect(0, 0, width, height);
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, style.axisHeight, width, height - style.axisHeight);
    ctx.clip();
    drawLanes();
    drawGrid();
    const [first, last] = visibleLanes();
    for (let l = first; l <= last; l++) {
      const top = laneTop(l);
      if (data.lanes[l].kind === "vmm") {
        drawRow(l, "vmm", top + style.rows.vmm[0], style.rows.vmm[1]);
        continue;
      }
      for (const name of ["cpu", "calls", "marks"])
        drawRow(l, name, top + style.rows[name][0], style.rows[name][1]);
    }
    drawLinks(first, last);
    drawSelection();
    ctx.restore();
    drawAxis();
    stats.frameMs = performance.now() - started;
  }

  // ------------------------------------------------------------ hover, click
  function hitAt(x, y) {
    let best = null, bestD = Infinity;
    for (const h of hits) {
      if (y < h.y0 - 2 || y > h.y1 + 2 || x < h.x0 - 2 || x > h.x1 + 2) continue;
      const d = Math.abs(x - (h.x0 + h.x1) / 2) +
        (h.type === "bin" || h.type === "linkbin" ? 0.5 : 0);
      if (d < bestD) { best = h; bestD = d; }
    }
    return best;
  }

  function itemText(type, i) {
    return type === "cpu" ? cpu.text[i] : type === "link" ? links.text[i] : marks.text[i];
  }
  const itemsOf = (type) => (type === "cpu" ? cpu : type === "link" ? links : marks);

  function binSummary(h) {
    const name = h.row, isCpu = name === "cpu";
    const items = binItems(h.bin, name, h.lane);
    const arr = isCpu ? cpu : marks;
    const byLabel = new Map();
    for (const i of items) {
      const key = isCpu ? data.reasons[cpu.reason[i]].label : data.labels[marks.label[i]];
      byLabel.set(key, (byLabel.get(key) || 0) + 1);
    }
    const parts = [...byLabel].sort((a, b) => b[1] - a[1]).map(([k, n]) => k + " ×" + n);
    const t0 = arr.t0[items[0]], t1 = Math.max(...items.map((i) => arr.t1[i]));
    return { items: items, t0: t0, t1: t1,
             text: items.length + (isCpu ? " CPU spans" : " events") + " in " + fmtDur(t1 - t0) +
               ": " + parts.join(", ") };
  }

  function showTooltip(h, cx, cy) {
    if (!h) { tooltip.hidden = true; return; }
    const s = h.type === "bin" ? binSummary(h).text + " (zoom in to see each)" :
      h.type === "linkbin" ? linkBinSummary(h.items).text + " (zoom in to see each)" :
        itemText(h.type, h.index);
    text(tooltip, s);
    tooltip.hidden = false;
    const r = tooltip.getBoundingClientRect();
    tooltip.style.left = Math.min(cx + 14, window.innerWidth - r.width - 8) + "px";
    tooltip.style.top = (cy + 16) + "px";
  }

  function fieldValue(v) {
    return typeof v === "object" && v !== null ? JSON.stringify(v) : String(v);
  }

  function showDetails(h) {
    details.textContent = "";
    if (!h) {
      selected = null;
      text(details, "Click a span or a mark to see its record.");
      draw();
      return;
    }
    if (h.type === "bin" || h.type === "linkbin") {
      const s = h.type === "bin" ? binSummary(h) : linkBinSummary(h.items);
      selected = null;
      details.appendChild(el("p", "detail-title", s.text));
      const b = el("button", null, "Zoom to these");
      b.addEventListener("click", () => setView(s.t0 - (s.t1 - s.t0) * 0.1 - 1000,
                                                s.t1 + (s.t1 - s.t0) * 0.1 + 1000));
      details.appendChild(b);
      draw();
      return;
    }
    selected = { type: h.type, index: h.index };
    const arr = itemsOf(h.type);
    const i = h.index;
    details.appendChild(el("p", "detail-title", itemText(h.type, i)));
    const when = arr.t1[i] > arr.t0[i] ?
      "from " + fmtTime(arr.t0[i], 1) + " to " + fmtTime(arr.t1[i], 1) + " (" +
        fmtDur(arr.t1[i] - arr.t0[i]) + ")" : "at " + fmtTime(arr.t0[i], 1);
    details.appendChild(el("p", "detail-when", when));
    const rec = record(arr.rec[i]);
    if (rec) {
      const table = el("table", "fields");
      for (const k of Object.keys(rec)) {
        const tr = el("tr");
        tr.appendChild(el("th", null, k));
        tr.appendChild(el("td", null, fieldValue(rec[k])));
        table.appendChild(tr);
      }
      details.appendChild(table);
    } else {
      details.appendChild(el("p", null,
                             "Still on the CPU when the trace ended: no switch record."));
    }
    draw();
  }

  // ------------------------------------------------------------ zoom, pan
  function setView(t0, t1) {
    let range = Math.max(MIN_RANGE, t1 - t0);
    const span = full.t1 - full.t0;
    range = Math.min(range, span * 1.1);
    let a = (t0 + t1) / 2 - range / 2;
    a = Math.max(full.t0 - span * 0.05, Math.min(a, full.t1 + span * 0.05 - range));
    view = { t0: a, t1: a + range };
    draw();
  }
  function zoomAt(x, factor) {
    const t = T(x), r = (view.t1 - view.t0) * factor;
    const f = x / width;
    setView(t - f * r, t - f * r + r);
  }
  function pan(px) {
    const dt = (px / width) * (view.t1 - view.t0);
    setView(view.t0 + dt, view.t1 + dt);
  }
  const reset = () => setView(full.t0, full.t1);

  function local(e) {
    const r = canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  function wire() {
    canvas.addEventListener("wheel", (e) => {
      e.preventDefault();
      const p = local(e);
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) pan(e.deltaX || e.deltaY);
      else zoomAt(p.x, Math.exp(e.deltaY * 0.0015));
    }, { passive: false });
    const sel = $("selection");
    let drag = null;
    canvas.addEventListener("mousedown", (e) => {
      if (e.button !== 0) return;
      const p = local(e);
      drag = { x: p.x, last: p.x, pan: p.y < style.axisHeight || e.shiftKey, moved: false };
      e.preventDefault();
    });
    window.addEventListener("mousemove", (e) => {
      const p = local(e);
      if (!drag) {
        const inside = p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height;
        showTooltip(inside ? hitAt(p.x, p.y) : null, e.clientX, e.clientY);
        return;
      }
      if (Math.abs(p.x - drag.x) > 3) drag.moved = true;
      if (drag.pan) {
        pan(drag.last - p.x);
        drag.last = p.x;
      } else if (drag.moved) {
        const a = Math.max(0, Math.min(drag.x, p.x)), b = Math.min(width, Math.max(drag.x, p.x));
        sel.hidden = false;
        sel.style.left = a + "px";
        sel.style.width = (b - a) + "px";
      }
    });
    window.addEventListener("mouseup", (e) => {
      if (!drag) return;
      const p = local(e), d = drag;
      drag = null;
      sel.hidden = true;
      if (!d.moved) showDetails(hitAt(p.x, p.y));
      else if (!d.pan) setView(T(Math.min(d.x, p.x)), T(Math.max(d.x, p.x)));
    });
    canvas.addEventListener("mouseleave", () => { tooltip.hidden = true; });
    window.addEventListener("keydown", (e) => {
      if (e.target.tagName === "INPUT") return;
      const keys = { "+": () => zoomAt(width / 2, 0.5), "=": () => zoomAt(width / 2, 0.5),
                     "-": () => zoomAt(width / 2, 2), "0": reset, Home: reset,
                     ArrowLeft: () => pan(-width / 8), ArrowRight: () => pan(width / 8),
                     Escape: () => showDetails(null) };
      if (keys[e.key]) { keys[e.key](); e.preventDefault(); }
    });
    $("zoom-in").addEventListener("click", () => zoomAt(width / 2, 0.5));
    $("zoom-out").addEventListener("click", () => zoomAt(width / 2, 2));
    $("zoom-reset").addEventListener("click", reset);
    window.addEventListener("resize", resize);
    timeline.addEventListener("scroll", onScroll, { passive: true });
  }

  // ------------------------------------------------------------ legend
  function legend() {
    const box = $("legend");
    const swatch = (draw, label) => {
      const item = el("span", "legend-item");
      const c = el("canvas");
      const dpr = window.devicePixelRatio || 1;
      c.width = 22 * dpr; c.height = 14 * dpr;
      c.style.width = "22px"; c.style.height = "14px";
      const g = c.getContext("2d");
      g.setTransform(dpr, 0, 0, dpr, 0, 0);
      draw(g);
      item.appendChild(c);
      item.appendChild(el("span", null, label));
      return item;
    };
    const group = (title) => {
      const g = el("div", "legend-group");
      g.appendChild(el("span", "legend-title", title));
      box.appendChild(g);
      return g;
    };
    let g = group("On the CPU (one span per switch record, coloured per task):");
    const shown = data.lanes.filter((x) => x.kind !== "vmm");
    const MAX_LANES = 24;  // a fork-heavy run has hundreds: the colours repeat anyway
    for (const lane of shown.slice(0, MAX_LANES))
      g.appendChild(swatch((c) => { c.fillStyle = lane.color; c.fillRect(1, 2, 20, 10); },
                           lane.title + " " + lane.name));
    if (shown.length > MAX_LANES)
      g.appendChild(el("span", "legend-item", "… and " + (shown.length - MAX_LANES) +
                       " more tasks"));
    g = group("Why it left the CPU (the span's right edge):");
    for (const r of data.reasons)
      g.appendChild(swatch((c) => {
        c.fillStyle = "#ccc"; c.fillRect(1, 2, 20, 10);
        c.fillStyle = r.color; c.fillRect(18, 2, 3, 10);
      }, r.label));
    g = group("Marks:");
    for (const k of kindInfo)
      g.appendChild(swatch((c) => {
        if (k.shape === "bar") { c.fillStyle = k.color; c.fillRect(1, 4, 20, 7); }
        else glyph(c, k.shape, 11, 2, 10, k.color, 1);
      }, k.label));
    g = group("Links between tasks:");
    for (const k of linkKinds)
      g.appendChild(swatch((c) => {
        c.strokeStyle = k.color; c.fillStyle = k.color; c.lineWidth = 1.5;
        c.setLineDash(k.dash);
        curve(c, { xa: 2, ya: 2, xb: 18, yb: 12 });
        c.setLineDash([]);
        arrow(c, { xa: 2, ya: 2, xb: 18, yb: 12 });
      }, k.label));
    g = group("VM exits by reason:");
    const seen = new Set();
    marks.kind.forEach((k, i) => {
      if (kindInfo[k].id === "vmexit") seen.add(marks.label[i]);
    });
    for (const lab of seen)
      g.appendChild(swatch((c) => glyph(c, "tick", 11, 1, 12, exitColor(lab), 1),
                           data.labels[lab]));
  }

  // ------------------------------------------------------------ start
  header();
  labels();
  legend();
  wire();
  resize();
  reset();
  showDetails(null);

  // For people at the console and for the browser test: what is drawn.
  window.ldeView = {
    data: data,
    stats: stats,
    view: () => ({ t0: view.t0, t1: view.t1 }),
    setView: setView,
    reset: reset,
    // Client coordinates of time t on lane l's row (cpu, calls, marks, vmm).
    point: (t, l, row) => {
      const r = canvas.getBoundingClientRect(), rw = style.rows[row || "cpu"];
      return { x: r.left + X(t), y: r.top + laneTop(l) + rw[0] + rw[1] / 2 };
    },
    // Scroll the lanes so that lane l is in sight under the axis.
    showLane: (l) => {
      timeline.scrollTop = Math.max(0, l * style.laneHeight - 2 * style.laneHeight);
      onScroll();
    },
    selected: () => selected,
    // The lanes the last frame drew (first, last) and the canvas's height.
    lanesDrawn: () => ({ first: visibleLanes()[0], last: visibleLanes()[1], height: height }),
    // The links the last frame drew: {kind, from, to (task ids), n (folded), tos}.
    links: () => drawnLinks.map((x) => ({ ...x })),
  };
  document.body.dataset.ready = "1";
})();
