// SPDX-License-Identifier: MIT
// ./vmm --trace-format chrome, read by the DevTools Performance panel's own
// trace engine (npm @paulirish/trace_engine): every span where the record
// says, the vCPU's runs tiling exactly, names (getpid, timer), task N on
// thread N of the guest's process, and the vmm's own tracks out of the
// guest's reach, on a real run and on ringgen's hostile ids.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { GUEST, REPO, VMM, kvmProblem, run, tmpdir, unusable } from "./lib.mjs";

const PID_VMM = 1, PID_GUEST = 2, TID_EXITS = 1, TID_CPU = 2;
const VMM_THREADS = new Map([[TID_EXITS, "vmm: VM exits"], [TID_CPU, "vCPU 0: task running"]]);

async function engineProblem() {
  try {
    await import("@paulirish/trace_engine");
  } catch (e) {
    return "@paulirish/trace_engine is not installed (npm ci --prefix tests/browser; " +
      "tools/deps install does it)";
  }
  return null;
}

// The export of a vmm run, and what the engine made of it.
async function exportRun(dir, name, args) {
  const file = path.join(dir, `${name}.json`);
  const p = run(VMM, ["--quiet", "--console", "none", "--trace", file, "--trace-format", "chrome",
                      ...args]);
  if (p.status !== 0) throw new Error(`vmm exited with ${p.status}:\n${p.stderr}`);
  const events = JSON.parse(fs.readFileSync(file, "utf8")).traceEvents;
  const Trace = await import("@paulirish/trace_engine");
  globalThis.DOMRect ??= class { constructor(x = 0, y = 0, w = 0, h = 0) {
    Object.assign(this, { x, y, width: w, height: h }); } };
  const errors = [];
  const consoleError = console.error;
  console.error = (...a) => errors.push(a.join(" ")); // the engine's complaints
  try {
    const model = Trace.TraceModel.Model.createWithAllHandlers();
    await model.parse(structuredClone(events));
    return { events, data: model.parsedTrace().data, errors };
  } finally {
    console.error = consoleError;
  }
}

// {pid: {tid: name}} as the engine read the metadata.
function threadNames(data) {
  const out = new Map();
  for (const [pid, threads] of data.Meta.threadsInProcess) {
    out.set(pid, new Map([...threads].map(([tid, ev]) => [tid, ev.args.name])));
  }
  return out;
}

// The records of the export (each event's args), by type.
const recordsOf = (events, type) => events.filter((e) => e.args?.type === type && e.ph !== "E");

// Every check that holds for any export; returns the parsed threads.
function checkExport({ events, data, errors }) {
  assert.deepEqual(errors, [], "the engine's complaints");
  const threads = data.Renderer.processes;
  const names = threadNames(data);

  // the vmm's process: its two tracks, named by the vmm, nothing else
  assert.deepEqual(names.get(PID_VMM), VMM_THREADS);
  for (const e of events.filter((e) => e.pid === PID_VMM && e.args?.type)) {
    const where = e.tid === TID_CPU ? ["switch"] : ["boot", "exit", "crash", "timeout", "summary",
                                                  "kvm_exit"];
    assert.ok(where.includes(e.args.type), `${e.args.type} on the vmm's thread ${e.tid}`);
  }
  // task N on thread N of the guest's process, named after its created record
  for (const e of events.filter((e) => e.args && e.args.task !== undefined && e.args.type !==
                                       "switch")) {
    assert.equal(e.pid, PID_GUEST, `${e.args.type} of task ${e.args.task}`);
    assert.equal(e.tid, e.args.task, `${e.args.type} of task ${e.args.task}`);
  }
  for (const c of recordsOf(events, "task").filter((r) => r.args.event === "created"))
    assert.equal(names.get(PID_GUEST).get(c.args.task), `task ${c.args.task} (${c.args.name})`);

  // the vCPU's runs: one parsed span per switch record, where it says, tiling
  const switches = recordsOf(events, "switch").map((e) => e.args);
  const runs = threads.get(PID_VMM).threads.get(TID_CPU);
  assert.equal(runs.entries.length, switches.length, "a span per switch record");
  // No run nested in another, but for the engine's own rounding: it takes a
  // run's end as ts + (E.ts - B.ts) in floating point, which can land a few
  // 1e-12 us past the next run's start (the same ts string) and nest that
  // run under it.  Only those may be nested; any real overlap fails.
  const rounding = runs.entries.filter((s, i) => {
    const next = runs.entries[i + 1];
    return next && s.ts + s.dur > next.ts && s.ts + s.dur - next.ts < 1e-6;
  }).length;
  assert.ok(runs.tree.roots.size >= switches.length - rounding &&
            runs.tree.roots.size <= switches.length,
            `no run nested in another (${runs.tree.roots.size} roots, ${switches.length} ` +
            `runs, ${rounding} ends past the next start by rounding)`);
  runs.entries.forEach((s, i) => {
    const r = switches[i];
    assert.equal(s.ts, (r.t_ns - r.ran_ns) / 1000, `run ${i} starts where the record says`);
    assert.ok(Math.abs(s.ts + s.dur - r.t_ns / 1000) < 1e-6, `run ${i} ends at its switch`);
    if (i + 1 < switches.length)
      assert.equal(runs.entries[i + 1].ts, r.t_ns / 1000, `run ${i + 1} starts at switch ${i}`);
    assert.match(s.name, new RegExp(`^task ${r.task}\\b`));
  });

  // every system call a span on its task's thread, named as the vmm names it
  const calls = recordsOf(events, "syscall").map((e) => e.args);
  const spans = [];
  for (const [, th] of threads.get(PID_GUEST)?.threads || [])
    spans.push(...th.entries.filter((e) => e.cat === "syscall"));
  spans.sort((a, b) => a.args.seq - b.args.seq);
  assert.equal(spans.length, calls.length, "a span per system call");
  spans.forEach((s, i) => {
    const r = calls[i];
    assert.equal(s.name, r.name ?? `syscall ${r.nr}`);
    assert.equal(s.tid, r.task);
    assert.equal(s.ts, (r.t_ns - r.dur_ns) / 1000);
    assert.ok(Math.abs(s.dur - r.dur_ns / 1000) < 1e-6);
  });
  // traps by their vector's name, as the record has it
  for (const e of recordsOf(events, "trap")) {
    assert.equal(e.name, e.args.name ?? `vector ${e.args.vector}`);
    if (e.args.vector === 32) assert.equal(e.name, "timer");
  }
  return { names, calls, switches };
}

describe("the Chrome export in the DevTools trace engine", () => {
  let dir, why;

  before(async () => {
    why = (await engineProblem()) || kvmProblem();
    if (!why) dir = tmpdir();
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  test("a real run: spans, names and tracks", async (t) => {
    if (why) return unusable(t, why);
    const { calls, switches } = checkExport(await exportRun(dir, "run", [GUEST]));
    assert.ok(switches.length >= 10, `${switches.length} switches`);
    assert.ok(calls.some((c) => c.name === "getpid"), "getpid by name");
  });

  test("hostile task ids and names stay on the guest's tracks", async (t) => {
    if (why) return unusable(t, why);
    const ringgen = path.join(dir, "ringgen.elf");
    const p = run("/usr/bin/python3", ["-c", "import sys; sys.path.insert(0, 'tests/tools'); " +
      "import conftest; conftest.build_ringgen(sys.argv[1])", ringgen], { cwd: REPO });
    assert.equal(p.status, 0, p.stderr);
    const { names, calls } = checkExport(await exportRun(dir, "ids", ["--cmdline", "mode=ids",
                                                                      ringgen]));
    assert.equal(names.get(PID_GUEST).get(0xffffffff), "task 4294967295 (vmm: VM exits)");
    assert.equal(names.get(PID_GUEST).get(0x7fffffff), "task 2147483647 (vCPU 0: task running)");
    assert.deepEqual(calls.map((c) => c.nr), [-1, 39, 60]);
  });
});
