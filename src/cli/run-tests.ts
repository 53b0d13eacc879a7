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
 * Two processes run at a time (`--test-concurrency=N` to change it): node's default, one fewer than
 * the cores, is one on a 2-core machine, and most of the suite's time is kernels and browsers. The
 * runner starts them itself, each `node --test` on one entry module, so that a few files can wait
 * for the notebook test (AFTER_FILES: their kernels then find every cell in the cell cache it
 * filled); each process's report is printed whole when it ends, then one summary line.
 * `--timing=FILE` measures each process's wall and CPU time (runProcesses).
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
const OWN_PROCESS_FILES = [
  "test/synth/clinical-truth.test.ts",
  // a kernel (through the kernel client helper) that mostly waits for file watchers: beside the others, not in a shared process
  "test/notebooks/watch-events.test.ts",
];

/**
 * About how long each slow file takes, to start the slowest first: seconds of CPU of its process
 * (user + system, with the kernels, runners and browsers it starts) in a fresh clone's full run on
 * a quiet machine (coordinator, 2026-12-01, main at 0cec6b4; `--timing`), so only their order
 * matters. A slow file not listed here is taken to be as slow as the slowest, so it starts first:
 * list every new one (idle-warmup and cells-after-error were missing, and so started before the
 * notebook test, on which five files wait). notebooks.test.ts runs two kernels at a time itself.
 */
const OWN_PROCESS_SECONDS: Record<string, number> = {
  "test/notebooks/notebooks.test.ts": 157,
  "test/cli/notebook-build.test.ts": 77,
  "test/notebooks/parameters.test.ts": 38,
  "test/core/tslab-compatibility.test.ts": 24.5,
  "test/cli/reproduce.test.ts": 23.5,
  "test/notebooks/cell-errors.test.ts": 12.7, // four checks share one kernel since 2026-12-02 (34.4 -> 23.2 s measured)
  "test/notebooks/live-notebook.test.ts": 14.9,
  "test/notebooks/idle-warmup.test.ts": 14.2,
  "test/notebooks/cells-after-error.test.ts": 10.5,
  "test/notebooks/trial-design.test.ts": 10.3,
  "test/notebooks/exports.test.ts": 10.3,
  "test/report/figure-files.test.ts": 10.3,
  "test/notebooks/original-layout.test.ts": 8.2,
  "test/report/competing-risks-figures.test.ts": 7.3,
  "test/notebooks/original-layout-failure-summary.test.ts": 5.4,
  "test/report/trial-design-figures.test.ts": 4.8,
  "test/notebooks/kernel-start-retry.test.ts": 8,
  "test/cli/kernel-snapshot.test.ts": 16,
  "test/notebooks/kernel-comms.test.ts": 4.2,
  "test/notebooks/watch-events.test.ts": 5,
  "test/data/generate-data.test.ts": 3.3,
  "test/data/validate.test.ts": 2.5,
  "test/data/laboratory.test.ts": 2,
  "test/synth/clinical-truth.test.ts": 1.5,
  "test/data/clinical.test.ts": 1.2,
  "test/data/inputs.test.ts": 1.1,
  "test/cli/cell-compile-cache.test.ts": 1,
};

/**
 * Files that start only after the files named have ended, when both are in the run. The notebook
 * test executes every study notebook as committed, which fills the kernels' cell cache
 * (src/cli/cell-compile-cache.ts, .jupyter/cell-cache/); these files execute the same notebooks,
 * unchanged, on other data (DATA_DIR) or in the live Notebook, so started after it their kernels
 * take every cell from the cache instead of creating tslab's converter and compiling the cells
 * again (about 2-6 s of CPU per kernel on a fresh clone, whose cache is empty). What they assert
 * is unchanged; the other files keep the second slot busy meanwhile.
 */
const AFTER_FILES: Record<string, string[]> = {
  "test/notebooks/original-layout.test.ts": ["test/notebooks/notebooks.test.ts"],
  "test/notebooks/original-layout-failure-summary.test.ts": ["test/notebooks/notebooks.test.ts"],
  "test/notebooks/trial-design.test.ts": ["test/notebooks/notebooks.test.ts"],
  // live-notebook writes its scratch copy into notebooks/, which reproduce's test checks is unchanged.
  "test/cli/reproduce.test.ts": ["test/notebooks/notebooks.test.ts", "test/notebooks/live-notebook.test.ts"],
  "test/notebooks/live-notebook.test.ts": ["test/notebooks/notebooks.test.ts"],
};

/** How many shared processes the other files are split into. */
const SHARED_GROUPS = 4;

/**
 * The few shared files whose tests take seconds (their durations in the same baseline run); every
 * other shared file counts as 1. Used to balance the shared processes, so that none is left
 * running alone at the end.
 */
const SHARED_FILE_SECONDS: Record<string, number> = {
  "test/design/trial-simulations.test.ts": 39, // faster fineGray rows and trial population (2026-12-02)
  "test/design/cohort-trial.test.ts": 20,
  "test/clinical/sequential-trials-ipcw.test.ts": 14,
  "test/stats/studentized-range.test.ts": 13,
  "test/core/sort-order.test.ts": 5,
  "test/cli/tslab-patches.test.ts": 2,
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

/**
 * Files OWN_PROCESS_PATTERN sends to a process of their own only because they set process.env
 * (or the working folder), which they do only inside synchronous tests that restore it in a
 * `finally`: no other test in a shared process can run while it is changed, so they share one
 * (each process start, Node with tsx and the modules of src/ it loads, cost about 0.5-1 s of CPU).
 * A file added here must keep to that; one that starts anything stays in its own process.
 */
const SHARED_DESPITE_PATTERN = ["test/data/clinical.test.ts", "test/data/inputs.test.ts", "test/data/laboratory.test.ts", "test/data/validate.test.ts", "test/cli/cell-compile-cache.test.ts"];

function needsOwnProcess(file: string): boolean {
  const rel = path.relative(repoRoot, file).split(path.sep).join("/");
  if (OWN_PROCESS_FILES.includes(rel)) return true;
  return !SHARED_DESPITE_PATTERN.includes(rel) && OWN_PROCESS_PATTERN.test(fs.readFileSync(file, "utf8"));
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
  for (const f of ordered) console.log(`own process: ${rel(f)}${AFTER_FILES[relPath(f)] ? ` (after ${AFTER_FILES[relPath(f)].join(", ")})` : ""}`);
  sharedGroups.forEach((g, k) => console.log(`shared process ${k + 1}: ${g.length} files: ${g.map(rel).join(" ")}`));
  process.exit(0);
}

// Each process gets an entry module (a number gives its place in the order): first the slow files,
// one per process, then the shared groups.
const processes: string[][] = [...ordered.map((f) => [f]), ...sharedGroups];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "run-tests-"));
const width = String(processes.length).length;
const entries = processes.map((group, k) => {
  const label = group.length === 1 ? path.basename(group[0], ".test.ts") : `shared-${k + 1 - ordered.length}`;
  const entry = path.join(tmp, `${String(k + 1).padStart(width, "0")}-${label}.test.mjs`);
  fs.writeFileSync(entry, sharedEntry(group));
  return entry;
});
const labels = processes.map((g) => (g.length === 1 ? rel(g[0]) : `${g.length} shared files (${rel(g[0])} …)`));
// Which processes wait for which (indices), from AFTER_FILES; only among the files of this run.
const waitsFor = processes.map((g) => {
  if (g.length !== 1) return [] as number[];
  const first = AFTER_FILES[relPath(g[0])] ?? [];
  return processes.map((h, k) => (h.length === 1 && first.includes(relPath(h[0])) ? k : -1)).filter((k) => k >= 0);
});

const concurrency = Number((flags.find((f) => f.startsWith("--test-concurrency=")) ?? "=2").split("=")[1]) || 2;
const passOn = flags.filter((f) => !f.startsWith("--test-concurrency"));
runProcesses(concurrency, passOn).then((status) => {
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(status);
});

/**
 * Runs the processes `jobs` at a time, each `node --test` on its entry module: in list order, except
 * that a process waits for those AFTER_FILES names. Each process's report (node's spec reporter) is
 * printed whole when it ends, so that two processes' lines never interleave; then one summary line.
 * With `--timing=FILE`, each process runs under /usr/bin/time, so its CPU time (user + system, with
 * the kernels, Python runners and browsers it started and waited for) is measured: one line per
 * process as it ends, and FILE gets the table (JSON), with each process's report in FILE.logs/.
 */
async function runProcesses(jobs: number, passOn: string[]): Promise<number> {
  const logDir = timingFile !== null ? `${timingFile}.logs` : null;
  if (logDir !== null) fs.mkdirSync(logDir, { recursive: true });
  const rows: { process: string; wall: number; user: number; sys: number; tests: number; pass: number; fail: number }[] = [];
  const state = processes.map(() => "waiting" as "waiting" | "running" | "done");
  const started = Date.now();
  let totals = { tests: 0, pass: 0, fail: 0, broken: 0 };
  const failures: string[] = [];
  const one = (k: number) =>
    new Promise<void>((resolve) => {
      const base = path.basename(entries[k], ".test.mjs");
      const times = path.join(logDir ?? tmp, `${base}.time`);
      const argv = [process.execPath, "--import", "tsx", "--test", "--test-reporter=spec", ...passOn, entries[k]];
      const [command, ...rest] = timingFile !== null ? ["/usr/bin/time", "-f", "%e %U %S", "-o", times, ...argv] : argv;
      const child = spawn(command, rest, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      const begun = Date.now();
      child.on("close", (code) => {
        const count = (name: string) => Number((new RegExp(`^\\S+ ${name} (\\d+)$`, "m").exec(out) ?? [])[1] ?? 0);
        const row = { process: labels[k], wall: (Date.now() - begun) / 1000, user: NaN, sys: NaN, tests: count("tests"), pass: count("pass"), fail: count("fail") };
        if (timingFile !== null && fs.existsSync(times)) {
          [row.wall, row.user, row.sys] = fs.readFileSync(times, "utf8").trim().split("\n").pop()!.split(" ").map(Number);
        }
        const broken = code !== 0 || row.fail > 0 || row.tests === 0;
        totals = { tests: totals.tests + row.tests, pass: totals.pass + row.pass, fail: totals.fail + row.fail, broken: totals.broken + (broken ? 1 : 0) };
        rows[k] = row;
        if (broken) failures.push(failureRecap(labels[k], code, out));
        if (logDir !== null) fs.writeFileSync(path.join(logDir, `${base}.log`), out);
        const cpu = Number.isNaN(row.user) ? "" : `, ${(row.user + row.sys).toFixed(1)} s CPU`;
        process.stdout.write(`${out.trimEnd()}\n# ${broken ? "FAILED" : "ok"}: ${labels[k]}: ${row.pass}/${row.tests} pass, ${row.wall.toFixed(1)} s${cpu}\n\n`);
        state[k] = "done";
        resolve();
      });
    });
  const ready = () => state.findIndex((s, k) => s === "waiting" && waitsFor[k].every((w) => state[w] === "done"));
  await new Promise<void>((resolve) => {
    let running = 0;
    const fill = () => {
      if (running === 0 && state.every((s) => s === "done")) return resolve();
      while (running < jobs) {
        const k = ready();
        if (k < 0) break;
        state[k] = "running";
        running++;
        void one(k).then(() => {
          running--;
          fill();
        });
      }
    };
    fill();
  });
  // Repeated last, so that a log cut to its tail (as CI keeps it) still names what failed.
  if (failures.length > 0) process.stdout.write(`# Failed processes, again:\n${failures.join("\n")}\n`);
  const cpu = rows.reduce((s, r) => s + r.user + r.sys, 0);
  const wall = (Date.now() - started) / 1000;
  console.log(`# ${processes.length} processes, ${totals.tests} tests, ${totals.pass} pass, ${totals.fail} fail${totals.broken > 0 ? `; ${totals.broken} processes failed` : ""}; ${wall.toFixed(1)} s${Number.isNaN(cpu) ? "" : `, ${cpu.toFixed(1)} s CPU in the test processes`}`);
  if (timingFile !== null) fs.writeFileSync(timingFile, JSON.stringify({ loadavg: os.loadavg(), wall, rows }, null, 1));
  return totals.broken > 0 ? 1 : 0;
}

/**
 * A failed process's label and exit code, then node's "failing tests" section of its report (or, when
 * it has none, as when the process crashed, the report's last lines), at most 80 lines.
 */
function failureRecap(label: string, code: number | null, out: string): string {
  const lines = out.trimEnd().split("\n");
  const start = lines.findIndex((l) => /^\S* ?failing tests:/.test(l.trim()));
  const body = start >= 0 ? lines.slice(start, start + 80) : lines.slice(-40);
  return `## ${label} (exit code ${code})\n${body.join("\n")}\n`;
}
