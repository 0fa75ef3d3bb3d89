// SPDX-License-Identifier: MIT
// make bench-view: how trace-view's page copes with a large real trace.
// Runs the real vmm on 100,000 getpid calls (the guest's bench program),
// writes the page, and measures in Debian's headless Chromium: the time
// from navigation to the first frame drawn, and the time to draw a frame
// at several zoom levels (what a wheel step costs).  Not a test: figures.
//   node tests/browser/bench-view.mjs [N]        (N calls, default 100000)
//   node tests/browser/bench-view.mjs forks [N]  (N forks, default 1000: the
//        project's fork program, 200 fork+wait per copy, N/200 copies at once;
//        one lane per child, so also the lanes' scrolling and the links' folding)
import fs from "node:fs";
import path from "node:path";

import { OUT, REPO, browser, browserProblem, kvmProblem, realRun, tmpdir,
         tool } from "./lib.mjs";

const forks = process.argv[2] === "forks";
const n = Number(process.argv[forks ? 3 : 2] || (forks ? 1000 : 100000));
const FORK = path.join(REPO, "build", "tests", "programs", "fork");
const why = (await browserProblem()) || kvmProblem() ||
  (forks && !fs.existsSync(FORK) ? `${FORK} is not built (make)` : null);
if (why) {
  console.error(`bench-view: cannot run: ${why}`);
  process.exit(1);
}

// PER fork+wait rounds in one copy of the fork program (its argv has room for them)
function forkArgs(total, per = 200) {
  const copies = [];
  for (let left = total; left > 0; left -= per)
    copies.push([FORK, ...Array(Math.min(per, left)).fill("order")]);
  const last = copies.pop();
  return { vmm: copies.flatMap((c) => ["--run", c.join(" ")]), program: last };
}

const dir = tmpdir();
let t = Date.now();
let run;
if (forks) {
  const a = forkArgs(n);
  run = realRun(dir, "big", a.vmm, a.program);
} else {
  run = realRun(dir, "big", ["--cmdline", `demos=bench:syscall:${n},spin`]);
}
const calls = run.records.filter((r) => r.type === "syscall").length;
const nforks = run.records.filter((r) => r.type === "task" && r.event === "forked").length;
console.log(`bench-view: real run: ${run.records.length} records, ${calls} system calls, ` +
            `${nforks} forks (${((Date.now() - t) / 1000).toFixed(1)} s)`);
const html = path.join(dir, "big.html");
t = Date.now();
tool("trace-view", [run.trace, "-o", html]);
console.log(`bench-view: tools/trace-view: ${((Date.now() - t) / 1000).toFixed(2)} s, ` +
            `${(fs.statSync(html).size / 1e6).toFixed(1)} MB of HTML`);

const b = await browser();
try {
  const { page, problems } = b;
  const loads = [];
  for (let i = 0; i < 3; i++) {
    const t0 = Date.now();
    await page.goto("file://" + html);
    await page.waitForSelector("body[data-ready='1']", { timeout: 120000 });
    loads.push(Date.now() - t0);
  }
  console.log(`bench-view: load to first frame: ${loads.join(", ")} ms (3 loads)`);
  const frames = await page.evaluate(() => {
    const v = window.ldeView, full = v.view(), out = [];
    for (const f of [1, 0.1, 0.01, 0.001, 0.0001]) {
      const mid = (full.t0 + full.t1) / 2, r = (full.t1 - full.t0) * f, times = [];
      for (let i = 0; i < 10; i++) {
        v.setView(mid - r / 2 + (i * r) / 100, mid + r / 2 + (i * r) / 100);
        times.push(v.stats.frameMs);
      }
      times.sort((a, b) => a - b);
      out.push({ shown: f, median: times[5], max: times[9], drawn: v.stats.marks || 0,
                 links: v.stats.links || 0, shapes: v.links().length });
    }
    return out;
  });
  for (const f of frames)
    console.log(`bench-view: frame at ${f.shown * 100}% of the run shown: median ` +
                `${f.median.toFixed(1)} ms, max ${f.max.toFixed(1)} ms (${f.drawn} marks, ` +
                `${f.links} links drawn as ${f.shapes})`);
  if (forks) { // the whole run, scrolled half-way down the lanes
    const mid = await page.evaluate(() => {
      const v = window.ldeView, times = [];
      v.reset();
      v.showLane(Math.floor(v.data.lanes.length / 2));
      for (let i = 0; i < 10; i++) {
        v.setView(v.view().t0 + 1, v.view().t1 + 1);
        times.push(v.stats.frameMs);
      }
      times.sort((a, b) => a - b);
      return { median: times[5], max: times[9], lanes: v.lanesDrawn(), n: v.data.lanes.length };
    });
    console.log(`bench-view: frame, whole run, lanes ${mid.lanes.first}-${mid.lanes.last} of ` +
                `${mid.n} in sight: median ${mid.median.toFixed(1)} ms, ` +
                `max ${mid.max.toFixed(1)} ms`);
  }
  await page.evaluate(() => window.ldeView.reset());
  fs.mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, "bench-view.png") });
  if (problems.length) console.log("bench-view: problems:", problems);
} finally {
  await b.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
