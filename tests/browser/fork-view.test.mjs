// SPDX-License-Identifier: MIT
// trace-view's process tree in a real browser: real runs of ./vmm that
// fork, exec, wait and take signals (busybox sh running a pipeline; the
// project's fork program forking 200 times), drawn by tools/trace-view and
// loaded in Debian's headless Chromium (tests/browser/lib.mjs).  What is
// expected is computed here from the trace's own records.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { OUT, REPO, browser, browserProblem, kvmProblem, realRun, tmpdir, tool,
         unusable } from "./lib.mjs";

const BUSYBOX = "/bin/busybox";
const FORK = path.join(REPO, "build", "tests", "programs", "fork");
const FORKS = 200;

const taskRecs = (records, event) =>
  records.filter((r) => r.type === "task" && r.event === event);

// Where task TID first ran: the first switch to it.
const firstRun = (records, tid) =>
  records.find((r) => r.type === "switch" && r.next === tid)?.t_ns;

async function open(b, html) {
  await b.page.goto("file://" + html);
  await b.page.waitForSelector("body[data-ready='1']");
  return b.page.evaluate(() => window.ldeView.data.lanes.map((l) => l.id));
}

// Hover over (and then click) time T on lane L's ROW, zoomed to T ± HALF ns.
async function poke(page, t, l, row, half) {
  await page.evaluate(([a, b]) => window.ldeView.setView(a, b), [t - half, t + half]);
  const at = await page.evaluate(([tt, ll, rr]) => window.ldeView.point(tt, ll, rr), [t, l, row]);
  await page.mouse.move(at.x, at.y);
  const tip = await page.textContent("#tooltip");
  await page.mouse.click(at.x, at.y);
  const fields = await page.$$eval("#details-body table.fields tr",
    (rows) => Object.fromEntries(rows.map((r) => [r.cells[0].textContent,
                                                   r.cells[1].textContent])));
  return { tip, fields };
}

const asFields = (rec) => Object.fromEntries(Object.entries(rec).map(([k, v]) =>
  [k, typeof v === "object" ? JSON.stringify(v) : String(v)]));

describe("trace-view: fork, exec, wait and signals of a real run", () => {
  let dir, why, pipe, many, pipeHtml, manyHtml;

  before(async () => {
    why = (await browserProblem()) || kvmProblem();
    if (!why && !fs.existsSync(BUSYBOX))
      why = `${BUSYBOX} is missing (apt-get install busybox-static)`;
    if (!why && !fs.existsSync(FORK)) why = `${FORK} is not built (make; needs musl-gcc)`;
    if (why) return;
    dir = tmpdir();
    pipe = realRun(dir, "pipe", [], [BUSYBOX, "sh", "-c", "echo one | wc -c; false || echo or"]);
    many = realRun(dir, "many", [], [FORK, ...Array(FORKS).fill("order")]);
    pipeHtml = path.join(dir, "pipe.html");
    manyHtml = path.join(dir, "many.html");
    tool("trace-view", [pipe.trace, "-o", pipeHtml]);
    tool("trace-view", [many.trace, "-o", manyHtml]);
    fs.mkdirSync(OUT, { recursive: true });
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  test("a pipeline: lanes in tree order, fork and wait links, exec and signal marks", async (t) => {
    if (why) return unusable(t, why);
    const recs = pipe.records;
    const forks = taskRecs(recs, "forked"), execs = taskRecs(recs, "exec");
    const waits = taskRecs(recs, "waited"), sigs = taskRecs(recs, "signal");
    assert.ok(forks.length >= 2 && execs.length >= 1 && waits.length >= 2 && sigs.length >= 1,
              "the run has forks, an exec, waits and signals");
    const b = await browser();
    try {
      const { page, problems } = b;
      const ids = await open(b, pipeHtml);
      const laneOf = (tid) => ids.indexOf(tid);

      // each child's lane is below its parent's, children in id order
      for (const f of forks) assert.ok(laneOf(f.task) > laneOf(f.parent), JSON.stringify(f));

      // the whole run: a fork link per forked record from the parent to the child,
      // a wait link per waited record from the child to the parent
      const drawn = await page.evaluate(() => window.ldeView.links());
      const pairs = (kind) => drawn.filter((d) => d.kind === kind)
        .flatMap((d) => d.tos.map((c) => (kind === "fork" ? `${d.from}->${c}` : `${c}->${d.to}`)))
        .sort();
      assert.deepEqual(pairs("fork"), forks.map((f) => `${f.parent}->${f.task}`).sort());
      assert.deepEqual(pairs("wait"), waits.map((w) => `${w.child}->${w.task}`).sort());

      // hover over the arrowhead where a child first ran: the fork's sentence; click: its record
      const f = forks[0], start = firstRun(recs, f.task);
      const fork = await poke(page, start, laneOf(f.task), "cpu", 2e6);
      assert.ok(fork.tip.includes(`forked task ${f.task}`), fork.tip);
      assert.deepEqual(fork.fields, asFields(f));

      // the exec mark: its path and argv in the hover, its record on a click
      const e = execs[0];
      const ex = await poke(page, e.t_ns, laneOf(e.task), "marks", 50e3);
      assert.ok(ex.tip.includes(`exec ${e.path}`), ex.tip);
      assert.ok(e.argv.every((a) => ex.tip.includes(JSON.stringify(a))), ex.tip);
      assert.deepEqual(ex.fields, asFields(e));

      // the lane says the program after the exec, its hover the names before
      const label = await page.$eval(`.lane-label[data-lane="${laneOf(e.task)}"]`,
                                     (d) => ({ text: d.textContent, title: d.title }));
      const prog = e.argv[0].split("/").pop();
      assert.ok(label.text.startsWith(`task ${e.task} ${prog}`), label.text);
      assert.ok(label.title.includes(`-> ${prog}`) && label.title.includes("forked by task"),
                label.title);

      // a signal delivered to a handler: its name
      const s = sigs[0];
      const sig = await poke(page, s.t_ns, laneOf(s.task), "marks", 50e3);
      assert.ok(sig.tip.includes(s.signal === 17 ? "SIGCHLD" : `signal ${s.signal}`), sig.tip);
      assert.deepEqual(sig.fields, asFields(s));

      await page.keyboard.press("0");
      await page.screenshot({ path: path.join(OUT, "fork-view.png"), fullPage: true });
      assert.deepEqual(problems, []);
    } finally {
      await b.close();
    }
  });

  test(`${FORKS} forks: the links fold, every fork is in a fold, lanes are drawn in sight only`,
       async (t) => {
    if (why) return unusable(t, why);
    const recs = many.records;
    const forks = taskRecs(recs, "forked");
    assert.equal(forks.length, FORKS);
    // a narrow window: the whole run's forks are closer than the links' folding gap
    const b = await browser({ width: 700, height: 700 });
    try {
      const { page, problems } = b;
      const ids = await open(b, manyHtml);
      assert.equal(ids.length, FORKS + 1 + 2); // the parent, its children, kernel, vmm

      const drawn = (await page.evaluate(() => window.ldeView.links()))
        .filter((d) => d.kind === "fork");
      const kids = drawn.flatMap((d) => d.tos).sort((a, c) => a - c);
      assert.deepEqual(kids, forks.map((f) => f.task).sort((a, c) => a - c));
      assert.ok(drawn.every((d) => d.from === forks[0].parent));
      assert.ok(drawn.length < FORKS / 2, `${drawn.length} fork links drawn for ${FORKS} forks`);
      assert.ok(drawn.some((d) => d.n > 1));

      // zoomed in on one fork, it is one link alone, to its own child
      const f = forks[FORKS / 2];
      await page.evaluate(([a, c]) => window.ldeView.setView(a, c), [f.t_ns - 1e5, f.t_ns + 1e5]);
      const one = (await page.evaluate(() => window.ldeView.links()))
        .filter((d) => d.kind === "fork");
      assert.deepEqual(one.map((d) => [d.from, d.to, d.n]), [[f.parent, f.task, 1]]);

      // the canvas is no taller than the window; scrolled to the end, the last lanes are drawn
      let seen = await page.evaluate(() => window.ldeView.lanesDrawn());
      assert.ok(seen.height <= 700 && seen.first === 0 && seen.last < ids.length - 1,
                JSON.stringify(seen));
      await page.evaluate((l) => window.ldeView.showLane(l), ids.length - 1);
      seen = await page.evaluate(() => window.ldeView.lanesDrawn());
      assert.equal(seen.last, ids.length - 1, JSON.stringify(seen));
      await page.keyboard.press("0");
      const stats = await page.evaluate(() => ({ ...window.ldeView.stats }));
      assert.ok(stats.marks > 0, JSON.stringify(stats)); // the vmm's exits, in sight
      await page.screenshot({ path: path.join(OUT, "fork-view-many.png") });
      assert.deepEqual(problems, []);
    } finally {
      await b.close();
    }
  });
});
