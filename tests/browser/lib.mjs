// SPDX-License-Identifier: MIT
// What the browser tests share: the repository's paths, running the real
// vmm and the tools, and Debian's Chromium driven by playwright-core.
//
// Where Chromium, playwright-core (npm ci in tests/browser) or a usable
// /dev/kvm is missing, a test is skipped with the reason, except with
// CI=true, where that fails: CI must run everything.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, "..", "..");
export const CHROMIUM = process.env.LDE_CHROMIUM || "/usr/bin/chromium";
export const VMM = path.resolve(REPO, process.env.LDE_VMM || "vmm");
export const GUEST = path.resolve(REPO, process.env.LDE_GUEST || "guest.elf");
// Screenshots and pages the tests leave for people to look at.
export const OUT = path.join(REPO, "build", "browser");

// Chromium's flags that work here as root, with its network closed.
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export function run(cmd, args, opts = {}) {
  const p = spawnSync(cmd, args, { cwd: REPO, encoding: "utf8", maxBuffer: 1 << 28,
                                   timeout: 300000, ...opts });
  if (p.error) throw new Error(`${cmd}: ${p.error.message}`);
  return p;
}

// Skip (or, with CI=true, fail) test context T for WHY.
export function unusable(t, why) {
  if (process.env.CI === "true") throw new Error(`CI=true: cannot run: ${why}`);
  t.skip(why);
}

// Why the browser cannot be driven here, or null.
export async function browserProblem() {
  if (!fs.existsSync(CHROMIUM))
    return `${CHROMIUM} is missing (apt-get install chromium; tools/deps install does it)`;
  try {
    await import("playwright-core");
  } catch (e) {
    return "playwright-core is not installed (npm ci --prefix tests/browser; " +
      "tools/deps install does it)";
  }
  return null;
}

// Why the real vmm cannot run a VM here, or null.
export function kvmProblem() {
  for (const f of [VMM, GUEST])
    if (!fs.existsSync(f)) return `${f} is not built: run make`;
  const check = path.join(REPO, "tools", "kvm-check");
  if (fs.existsSync(check)) {
    const p = run(check, []);
    if (p.status !== 0) {
      const lines = (p.stdout + p.stderr).trim().split("\n");
      return `tools/kvm-check: ${lines[lines.length - 1]}`;
    }
  }
  return null;
}

export function tmpdir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), "lde-browser-"));
}

// A real run of the vmm (PROGRAM: the program and its arguments, after the
// guest): the trace's path and its records.
export function realRun(dir, name, vmmArgs = [], program = []) {
  const trace = path.join(dir, `${name}.jsonl`);
  const p = run(VMM, ["--quiet", "--trace", trace, ...vmmArgs, GUEST, ...program]);
  if (p.status !== 0) throw new Error(`vmm exited with ${p.status}:\n${p.stderr}`);
  const records = fs.readFileSync(trace, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  return { trace, records };
}

export function tool(name, args) {
  const p = run(path.join(REPO, "tools", name), args);
  if (p.status !== 0) throw new Error(`tools/${name} ${args.join(" ")}: status ${p.status}\n` +
                                      p.stderr);
  return p;
}

// A fresh headless Chromium; returns {context, page, problems} where
// problems collects script errors, console errors and network requests.
export async function browser(viewport = { width: 1500, height: 900 }) {
  const { chromium } = await import("playwright-core");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "lde-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, viewport, args: CHROMIUM_ARGS });
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`script error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("request", (r) => {
    if (!/^(file|data|blob):/.test(r.url())) problems.push(`network request: ${r.url()}`);
  });
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, problems, close };
}
