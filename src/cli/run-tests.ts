/**
 * npm test: runs every test/**\/*.test.ts file with node's built-in test runner (through tsx).
 * Extra arguments are passed on, e.g. `npm test -- --test-name-pattern=kaplan`; paths given
 * as arguments limit the run to those files or folders.
 *
 * How the files are run (environment.md, "How long `npm test` takes"):
 * - Files that start notebook kernels, browsers, Jupyter servers or other processes, or change
 *   process-wide state (working folder, environment variables), run each in its own process,
 *   as node --test runs any file; the slowest start first (OWN_PROCESS_SECONDS), so that the
 *   two slots stay busy to the end instead of one long file running alone at the end.
 * - Every other file is imported, with its tests in its own order, into one of a few shared
 *   processes (balanced by SHARED_FILE_SECONDS; files in path order within each). Each of
 *   these ~120 files spent more CPU starting Node and tsx and loading src/ than running its tests.
 *   `--isolate` runs every file in its own process instead (to look for a test that depends on
 *   another file's module state). `--list` prints the processes in the order they start, and runs nothing.
 * Two files (processes) run at a time: node's default, one fewer than the cores, is one on a
 * 2-core machine, and most of the suite's time is kernels and browsers. `--test-concurrency=N`
 * overrides it.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import { repoRoot as findRepoRoot } from "../core/repo-root";

const repoRoot = findRepoRoot();

/**
 * What a file does that needs a process of its own: a kernel, browser, server or child process
 * (the slow files, run side by side), or a change to the process's working folder or environment.
 */
const OWN_PROCESS_PATTERN = /\b(runNotebook|outputsOnData|withBrowser|spawn|spawnSync|execFile|execFileSync|execSync)\b|process\.chdir|process\.env\.\w+\s*=[^=]|delete process\.env/;

/**
 * Files that need a fresh process for another reason: their tests are about module state
 * (clinical-truth.ts's memo of simulated cohorts), which another file could have filled first.
 */
const OWN_PROCESS_FILES = ["test/synth/clinical-truth.test.ts"];

/**
 * About how long each slow file takes (seconds: its tests' durations summed, from a full run on
 * 2026-12-01 at load about 17, so only their order matters), to start the slowest first. A slow
 * file not listed here is taken to be as slow as the slowest. notebooks.test.ts runs two
 * kernels at a time itself.
 */
const OWN_PROCESS_SECONDS: Record<string, number> = {
  "test/notebooks/notebooks.test.ts": 280,
  "test/notebooks/parameters.test.ts": 97,
  "test/notebooks/original-layout.test.ts": 95,
  "test/cli/notebook-build.test.ts": 82,
  "test/cli/reproduce.test.ts": 65,
  "test/notebooks/original-layout-failure-summary.test.ts": 64,
  "test/core/tslab-compatibility.test.ts": 57,
  "test/notebooks/trial-design.test.ts": 55,
  "test/report/figure-files.test.ts": 40,
  "test/notebooks/live-notebook.test.ts": 39,
  "test/notebooks/cell-errors.test.ts": 32,
  "test/notebooks/exports.test.ts": 25,
  "test/report/competing-risks-figures.test.ts": 24,
  "test/report/trial-design-figures.test.ts": 17,
  "test/data/generate-data.test.ts": 10,
  "test/notebooks/kernel-comms.test.ts": 8,
  "test/data/clinical.test.ts": 2,
  "test/data/inputs.test.ts": 2,
  "test/data/laboratory.test.ts": 2,
  "test/data/validate.test.ts": 2,
  "test/synth/clinical-truth.test.ts": 1,
};

/** How many shared processes the other files are split into. */
const SHARED_GROUPS = 4;

/**
 * The few shared files whose tests take seconds (their durations in the same baseline run); every
 * other shared file counts as 1. Used to balance the shared processes, so that none is left
 * running alone at the end.
 */
const SHARED_FILE_SECONDS: Record<string, number> = {
  "test/design/trial-simulations.test.ts": 50,
  "test/design/cohort-trial.test.ts": 25,
  "test/clinical/sequential-trials-ipcw.test.ts": 14,
  "test/stats/studentized-range.test.ts": 13,
  "test/core/sort-order.test.ts": 5,
};

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...testFiles(full));
    else if (entry.name.endsWith(".test.ts")) out.push(full);
  }
  return out.sort();
}

function needsOwnProcess(file: string): boolean {
  const rel = path.relative(repoRoot, file).split(path.sep).join("/");
  return OWN_PROCESS_FILES.includes(rel) || OWN_PROCESS_PATTERN.test(fs.readFileSync(file, "utf8"));
}

/**
 * Splits `files` into at most `n` groups of about equal cost (each file to the cheapest group so
 * far, costliest files first), each group's files in path order, the costliest group first.
 */
function balancedGroups(files: string[], n: number, cost: (f: string) => number): string[][] {
  const groups = Array.from({ length: Math.min(Math.max(1, n), files.length) }, () => ({ files: [] as string[], cost: 0 }));
  for (const f of [...files].sort((a, b) => cost(b) - cost(a))) {
    const cheapest = groups.reduce((best, g) => (g.cost < best.cost ? g : best));
    cheapest.files.push(f);
    cheapest.cost += cost(f);
  }
  return groups.sort((a, b) => b.cost - a.cost).map((g) => g.files.sort());
}

/**
 * A module that imports `files` one after another, so that their tests register (and run) in
 * one process in that order. A file that fails to load fails as a test named after it.
 */
function sharedEntry(files: string[]): string {
  const urls = files.map((f) => ({ file: path.relative(repoRoot, f), url: pathToFileURL(f).href }));
  return [
    "// Written by src/cli/run-tests.ts: the test files this process runs, in order.",
    'import { test } from "node:test";',
    `for (const { file, url } of ${JSON.stringify(urls)}) {`,
    "  try {",
    "    await import(url);",
    "  } catch (error) {",
    "    test(`${file} loads`, () => { throw error; });",
    "  }",
    "}",
    "",
  ].join("\n");
}

const args = process.argv.slice(2);
const isolate = args.includes("--isolate");
const listOnly = args.includes("--list");
const timingFile = ((a) => (a === undefined ? null : path.resolve(a.slice("--timing=".length))))(args.find((a) => a.startsWith("--timing=")));
const paths = args.filter((a) => !a.startsWith("-"));
const flags = args.filter((a) => a.startsWith("-") && a !== "--isolate" && a !== "--list" && !a.startsWith("--timing="));
const roots = paths.length > 0 ? paths.map((p) => path.resolve(p)) : [path.join(repoRoot, "test")];
const files = roots.flatMap((p) => (fs.statSync(p).isDirectory() ? testFiles(p) : [p]));
if (files.length === 0) {
  console.error("run-tests: no test files found");
  process.exit(1);
}

const own = isolate ? files : files.filter(needsOwnProcess);
const shared = isolate ? [] : files.filter((f) => !own.includes(f));
const slowest = Math.max(0, ...Object.values(OWN_PROCESS_SECONDS));
const relPath = (f: string) => path.relative(repoRoot, f).split(path.sep).join("/");
const seconds = (f: string) => OWN_PROCESS_SECONDS[relPath(f)] ?? slowest;
const sharedGroups = balancedGroups(shared, SHARED_GROUPS, (f) => SHARED_FILE_SECONDS[relPath(f)] ?? 1);
// Slowest first; ties (and --isolate) keep path order (Array.prototype.sort is stable).
const ordered = isolate ? own : [...own].sort((a, b) => seconds(b) - seconds(a));

const rel = (f: string) => path.relative(repoRoot, f);
if (listOnly) {
  for (const f of ordered) console.log(`own process: ${rel(f)}`);
  sharedGroups.forEach((g, k) => console.log(`shared process ${k + 1}: ${g.length} files: ${g.map(rel).join(" ")}`));
  process.exit(0);
}

// node --test sorts the files it is given by path, so each process gets an entry module whose
// name (a number) gives the order: first the slow files, one per process, then the shared groups.
const processes: string[][] = [...ordered.map((f) => [f]), ...sharedGroups];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "run-tests-"));
const width = String(processes.length).length;
const entries = processes.map((group, k) => {
  const label = group.length === 1 ? path.basename(group[0], ".test.ts") : `shared-${k + 1 - ordered.length}`;
  const entry = path.join(tmp, `${String(k + 1).padStart(width, "0")}-${label}.test.mjs`);
  fs.writeFileSync(entry, sharedEntry(group));
  return entry;
});

if (timingFile !== null) {
  const jobs = Number((flags.find((f) => f.startsWith("--test-concurrency=")) ?? "=2").split("=")[1]) || 2;
  const passOn = flags.filter((f) => !f.startsWith("--test-concurrency") && !f.startsWith("--timing"));
  runTimed(entries, processes.map((g) => (g.length === 1 ? rel(g[0]) : `${g.length} shared files`)), jobs, passOn, timingFile).then((status) => {
    fs.rmSync(tmp, { recursive: true, force: true });
    process.exit(status);
  });
} else {
  const concurrency = flags.some((f) => f.startsWith("--test-concurrency")) ? [] : ["--test-concurrency=2"];
  const result = spawnSync(process.execPath, ["--import", "tsx", "--test", ...concurrency, ...flags, ...entries], { stdio: "inherit", cwd: repoRoot });
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(result.status ?? 1);
}

/**
 * `--timing=FILE`: the same processes in the same order, `jobs` at a time, each under
 * /usr/bin/time, so that every process's wall time and CPU time (user + system, with the kernels,
 * Python runners and browsers it started and waited for) is measured. Each process's TAP output goes
 * to a log beside FILE; one line per process is printed as it ends, and FILE gets the table (JSON).
 */
async function runTimed(entries: string[], labels: string[], jobs: number, passOn: string[], file: string): Promise<number> {
  const logDir = `${file}.logs`;
  fs.mkdirSync(logDir, { recursive: true });
  const rows: { process: string; wall: number; user: number; sys: number; tests: number; pass: number; fail: number; log: string }[] = [];
  let next = 0;
  const started = Date.now();
  const one = (k: number) =>
    new Promise<void>((resolve) => {
      const log = path.join(logDir, path.basename(entries[k]).replace(/\.test\.mjs$/, ".tap"));
      const times = `${log}.time`;
      const out = fs.openSync(log, "w");
      const child = spawn("/usr/bin/time", ["-f", "%e %U %S", "-o", times, process.execPath, "--import", "tsx", "--test", "--test-reporter=tap", ...passOn, entries[k]], { cwd: repoRoot, stdio: ["ignore", out, out] });
      child.on("close", () => {
        fs.closeSync(out);
        const [wall, user, sys] = fs.readFileSync(times, "utf8").trim().split("\n").pop()!.split(" ").map(Number);
        const tap = fs.readFileSync(log, "utf8");
        const count = (name: string) => Number((new RegExp(`^# ${name} (\\d+)`, "m").exec(tap) ?? [])[1] ?? 0);
        const row = { process: labels[k], wall, user, sys, tests: count("tests"), pass: count("pass"), fail: count("fail"), log };
        rows[k] = row;
        console.log(`${row.fail > 0 || row.tests === 0 ? "FAIL" : "ok  "} ${(user + sys).toFixed(1).padStart(6)} s CPU ${wall.toFixed(1).padStart(6)} s wall  ${row.pass}/${row.tests}  ${row.process}`);
        resolve();
      });
    });
  const worker = async () => {
    while (next < entries.length) await one(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  const cpu = rows.reduce((s, r) => s + r.user + r.sys, 0);
  const fails = rows.reduce((s, r) => s + r.fail + (r.tests === 0 ? 1 : 0), 0);
  const tests = rows.reduce((s, r) => s + r.tests, 0);
  console.log(`${tests} tests, ${fails} failing; ${cpu.toFixed(1)} s CPU in the test processes, ${((Date.now() - started) / 1000).toFixed(1)} s wall`);
  fs.writeFileSync(file, JSON.stringify({ loadavg: os.loadavg(), rows }, null, 1));
  return fails > 0 ? 1 : 0;
}
