// SPDX-License-Identifier: MIT
// tools/trace-view in a real browser: the page and the SVG of a real run
// of ./vmm, loaded in Debian's headless Chromium (tests/browser/lib.mjs).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { OUT, browser, browserProblem, kvmProblem, realRun, tmpdir, tool,
         unusable } from "./lib.mjs";

const GUEST_TYPES = new Set(["trap", "syscall", "task", "switch"]);

// What the trace says, computed here from the records themselves.
function facts(records) {
  const tasks = new Set();
  for (const r of records) {
    if (!GUEST_TYPES.has(r.type)) continue;
    if (r.task) tasks.add(r.task);
    if (r.next) tasks.add(r.next);
  }
  const ids = [...tasks].sort((a, b) => a - b);
  const switches = records.filter((r) => r.type === "switch");
  return { ids, switches, laneOf: (tid) => (tid === 0 ? ids.length : ids.indexOf(tid)) };
}

describe("trace-view on a real run", () => {
  let dir, run, html, svg, why;

  before(async () => {
    why = (await browserProblem()) || kvmProblem();
    if (why) return;
    dir = tmpdir();
    run = realRun(dir, "run");
    html = path.join(dir, "run.html");
    svg = path.join(dir, "run.svg");
    tool("trace-view", [run.trace, "-o", html]);
    tool("trace-view", [run.trace, "-o", svg]);
    fs.mkdirSync(OUT, { recursive: true });
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  test("the page: lanes, CPU spans, a click on a span, zoom, no errors", async (t) => {
    if (why) return unusable(t, why);
    const f = facts(run.records);
    const b = await browser();
    try {
      const { page, problems } = b;
      await page.goto("file://" + html);
      await page.waitForSelector("body[data-ready='1']");

      // a lane per task, one for the kernel / idle, one for the vmm
      const lanes = await page.$$eval(".lane-label", (ls) => ls.map((l) => l.textContent));
      assert.equal(lanes.length, f.ids.length + 2, lanes.join(" | "));
      f.ids.forEach((id, i) => assert.match(lanes[i], new RegExp(`^task ${id} `)));
      assert.match(lanes[f.ids.length], /^task 0 kernel/);
      assert.match(lanes[f.ids.length + 1], /^vmm/);
      const created = run.records.filter((r) => r.type === "task" && r.event === "created");
      for (const c of created) assert.ok(lanes[f.laneOf(c.task)].includes(c.name), c.name);

      // the whole run is shown: one CPU span per switch record, and the run after the last
      const stats = await page.evaluate(() => ({ ...window.ldeView.stats }));
      assert.equal(stats.cpuSpans, f.switches.length, JSON.stringify(stats));
      assert.equal(stats.cpuTail, 1);

      // click a task's longest run on the CPU: the details are its switch record
      const sw = f.switches.filter((r) => r.task > 0).reduce((a, r) =>
        (r.ran_ns > a.ran_ns ? r : a));
      const mid = sw.t_ns - sw.ran_ns / 2;
      const at = await page.evaluate(([t, l]) => window.ldeView.point(t, l, "cpu"),
                                     [mid, f.laneOf(sw.task)]);
      await page.mouse.move(at.x, at.y);
      const tip = await page.textContent("#tooltip");
      await page.mouse.click(at.x, at.y);
      const details = await page.textContent("#details-body");
      const name = created.find((c) => c.task === sw.task)?.name;
      const phrase = { preempted: "preempted by timer", yielded: "yielded",
                       sleeping: "went to sleep", ended: "ended" }[sw.reason];
      assert.ok(details.includes(`task ${sw.task}${name ? ` (${name})` : ""} ${phrase}`),
                details);
      assert.ok(tip.includes(phrase), tip);
      const fields = await page.$$eval("#details-body table.fields tr",
        (rows) => Object.fromEntries(rows.map((r) => [r.cells[0].textContent,
                                                       r.cells[1].textContent])));
      assert.deepEqual(fields, Object.fromEntries(Object.entries(sw).map(([k, v]) =>
        [k, String(v)])));
      await page.screenshot({ path: path.join(OUT, "trace-view.png"), fullPage: true });

      // wheel zoom narrows the view around the pointer; a dragged range becomes the view
      const v0 = await page.evaluate(() => window.ldeView.view());
      await page.mouse.wheel(0, -600);
      const v1 = await page.evaluate(() => window.ldeView.view());
      assert.ok(v1.t1 - v1.t0 < (v0.t1 - v0.t0) / 2, JSON.stringify([v0, v1]));
      assert.ok(v1.t0 <= mid && mid <= v1.t1);
      const a = await page.evaluate(([t, l]) => window.ldeView.point(t, l, "cpu"),
                                    [v1.t0 + (v1.t1 - v1.t0) * 0.25, f.laneOf(sw.task)]);
      const z = await page.evaluate(([t, l]) => window.ldeView.point(t, l, "cpu"),
                                    [v1.t0 + (v1.t1 - v1.t0) * 0.5, f.laneOf(sw.task)]);
      await page.mouse.move(a.x, a.y);
      await page.mouse.down();
      await page.mouse.move(z.x, z.y, { steps: 5 });
      await page.mouse.up();
      const v2 = await page.evaluate(() => window.ldeView.view());
      const want = (v1.t1 - v1.t0) * 0.25;
      assert.ok(Math.abs(v2.t1 - v2.t0 - want) < want * 0.02, JSON.stringify([v1, v2]));
      await page.keyboard.press("0");
      assert.deepEqual(await page.evaluate(() => window.ldeView.view()), v0);

      assert.deepEqual(problems, []);
    } finally {
      await b.close();
    }
  });

  test("the SVG: parses as XML, one span per switch record, renders", async (t) => {
    if (why) return unusable(t, why);
    const f = facts(run.records);
    const text = fs.readFileSync(svg, "utf8");
    const b = await browser({ width: 1420, height: 800 });
    try {
      const { page, problems } = b;
      await page.goto("about:blank");
      const r = await page.evaluate(async (src) => {
        const doc = new DOMParser().parseFromString(src, "image/svg+xml");
        const err = doc.querySelector("parsererror");
        if (err) return { error: err.textContent };
        const img = new Image();
        img.src = URL.createObjectURL(new Blob([src], { type: "image/svg+xml" }));
        await img.decode();
        const c = document.createElement("canvas");
        c.width = img.naturalWidth;
        c.height = img.naturalHeight;
        const g = c.getContext("2d");
        g.drawImage(img, 0, 0);
        const px = g.getImageData(0, 0, c.width, c.height).data;
        let inked = 0;
        for (let i = 0; i < px.length; i += 4) if (px[i] + px[i + 1] + px[i + 2] < 600) inked++;
        return { root: doc.documentElement.localName,
                 spans: doc.querySelectorAll("g.cpu:not(.tail)").length,
                 tails: doc.querySelectorAll("g.cpu.tail").length,
                 lanes: doc.querySelectorAll("g.lane").length,
                 width: img.naturalWidth, height: img.naturalHeight,
                 inked: inked / (c.width * c.height) };
      }, text);
      assert.equal(r.error, undefined, r.error);
      assert.equal(r.root, "svg");
      assert.equal(r.spans, f.switches.length);
      assert.equal(r.tails, 1);
      assert.equal(r.lanes, f.ids.length + 2);
      assert.ok(r.width > 1000 && r.height > 300, JSON.stringify(r));
      assert.ok(r.inked > 0.05, `only ${r.inked} of the picture is drawn on`);
      await page.goto("file://" + svg);
      await page.screenshot({ path: path.join(OUT, "trace-view-svg.png") });
      assert.deepEqual(problems, []);
    } finally {
      await b.close();
    }
  });
});
