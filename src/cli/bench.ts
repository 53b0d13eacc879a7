/**
 * `npm run bench`: times this project's Kaplan-Meier, log-rank and Cox model
 * against R's survival package on the same simulated cohorts.
 *
 * For n = 10^4, 10^5, 10^6 it simulates a seeded cohort (seedrandom; two
 * groups, age, exponential event times with a group and an age effect,
 * uniform censoring, times rounded to 0.01 so some are tied), writes it to a
 * CSV in a temporary folder, and for each analysis
 *   - kaplanMeierByGroup(time, status, group)    vs survfit(Surv(time, status) ~ group)
 *   - logRank(time, status, group)               vs survdiff(Surv(time, status) ~ group)
 *   - coxPH(time, status, {group, age}) (Efron)  vs coxph(Surv(time, status) ~ group + age)
 * runs a fresh child process (node, then Rscript when it is on PATH) that
 * reads the CSV (not timed), runs the analysis several times and reports the
 * best wall-clock time (performance.now() around the call / system.time() in
 * R) and its peak resident memory (the child's maxRSS; R's from
 * /usr/bin/time -v, or gc()'s "max used" plus the R process baseline when
 * that is not installed). It also checks that both give the same log-rank
 * chi-square and Cox coefficients.
 *
 * Repeats: 10 at 10^4, 5 at 10^5 and 10^6 (the best is kept, so JIT warm-up and
 * R's first-call costs drop out on both sides).
 * Then the competing-risks analyses (fineGray vs cmprsk::crr, aalenJohansen vs multi-state
 * survfit; see bench-competing-risks.ts), unless --no-competing.
 * Options: --sizes 10000,100000 (default 1e4,1e5,1e6), --no-r, --repeats N, --no-competing.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import seedrandom from "seedrandom";
import { runCompetingRisksBench } from "./bench-competing-risks";
import { agree, rTimingScript, runNodeChild, runRScript } from "./bench-runner";
import type { Measurement } from "./bench-runner";

type Analysis = "km" | "logrank" | "cox";
const ANALYSES: Analysis[] = ["km", "logrank", "cox"];
const LABEL: Record<Analysis, string> = { km: "Kaplan-Meier (2 groups)", logrank: "log-rank (2 groups)", cox: "Cox PH (2 covariates, Efron)" };

/** Writes a seeded cohort of n subjects to `file` (CSV: time,status,group,age). */
function simulate(n: number, file: string): void {
  const rng = seedrandom(`survival-bench-${n}`);
  const lines: string[] = ["time,status,group,age"];
  for (let i = 0; i < n; i++) {
    const group = rng() < 0.5 ? 1 : 0;
    const age = Math.round(400 + 400 * rng()) / 10;
    const hazard = 0.05 * Math.exp(0.4 * group + 0.03 * (age - 60));
    const event = -Math.log(1 - rng()) / hazard;
    const censor = 5 + 40 * rng();
    const time = Math.max(0.01, Math.round(Math.min(event, censor) * 100) / 100);
    lines.push(`${time},${event <= censor ? 1 : 0},${group},${age}`);
  }
  fs.writeFileSync(file, lines.join("\n") + "\n");
}

function readCohort(file: string) {
  const text = fs.readFileSync(file, "utf8");
  const rows = text.split("\n");
  const n = rows.length - 2; // header, trailing newline
  const time = new Float64Array(n);
  const status = new Uint8Array(n);
  const group = new Float64Array(n);
  const age = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = rows[i + 1].split(",");
    time[i] = Number(f[0]);
    status[i] = Number(f[1]);
    group[i] = Number(f[2]);
    age[i] = Number(f[3]);
  }
  return { time, status, group, age };
}

/** Child mode: one analysis on one CSV; prints a JSON line with the best time and maxRSS. */
function child(file: string, analysis: Analysis, repeats: number): void {
  // Required lazily so a missing module shows up as a clear message (others write KM / log-rank).
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const survival = require("../survival/index") as typeof import("../survival/index");
  const d = readCohort(file);
  let best = Infinity;
  let check: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    if (analysis === "km") {
      survival.kaplanMeierByGroup(d.time, d.status, d.group);
    } else if (analysis === "logrank") {
      check = [survival.logRank(d.time, d.status, d.group).chiSq ?? NaN];
    } else {
      check = survival.coxPH(d.time, d.status, { group: d.group, age: d.age }).coef;
    }
    best = Math.min(best, performance.now() - t0);
  }
  const rssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms: best, rssMB, check }) + "\n");
}

function runProject(file: string, analysis: Analysis, repeats: number): Measurement {
  return runNodeChild(__filename, ["--child", file, analysis, String(repeats)], analysis);
}

const R_SCRIPT = rTimingScript(
  "library(survival)",
  `switch(what,
  km = function() survfit(Surv(time, status) ~ group, data = d),
  logrank = function() survdiff(Surv(time, status) ~ group, data = d),
  cox = function() coxph(Surv(time, status) ~ group + age, data = d, ties = "efron"))`,
  "switch(what, km = numeric(0), logrank = fit$chisq, cox = unname(coef(fit)))",
);

function haveCommand(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" }).status === 0;
}

function runR(dir: string, file: string, analysis: Analysis, repeats: number, timeV: boolean): Measurement {
  const script = path.join(dir, "bench.R");
  if (!fs.existsSync(script)) fs.writeFileSync(script, R_SCRIPT);
  return runRScript(script, [file, analysis, String(repeats)], timeV, analysis);
}

function main(): void {
  const argv = process.argv.slice(2);
  if (argv[0] === "--child") {
    child(argv[1], argv[2] as Analysis, Number(argv[3]));
    return;
  }
  const sizesArg = argv.indexOf("--sizes");
  const sizes = sizesArg >= 0 ? argv[sizesArg + 1].split(",").map(Number) : [1e4, 1e5, 1e6];
  const repArg = argv.indexOf("--repeats");
  const withR = !argv.includes("--no-r") && haveCommand("Rscript");
  const timeV = withR && fs.existsSync("/usr/bin/time") && spawnSync("/usr/bin/time", ["-v", "true"]).status === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "survival-bench-"));

  const rVersion = withR
    ? spawnSync("Rscript", ["-e", 'cat(R.version.string, "survival", format(packageVersion("survival")))'], { encoding: "utf8" }).stdout.trim()
    : "R not run";
  console.log(`# Benchmark ${new Date().toISOString().slice(0, 10)}`);
  console.log(`machine: ${os.cpus()[0].model}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`);
  console.log(`node ${process.version}; ${rVersion}; memory from ${timeV ? "/usr/bin/time -v (R) and maxRSS (node)" : "maxRSS (node) and gc() max used (R)"}`);
  console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(1)).join(", ")}; data: ${dir}\n`);
  console.log("| n | analysis | project ms | R ms | project/R | project peak MB | R peak MB | same result |");
  console.log("|---:|---|---:|---:|---:|---:|---:|:---:|");
  for (const n of sizes) {
    const file = path.join(dir, `cohort-${n}.csv`);
    simulate(n, file);
    const repeats = repArg >= 0 ? Number(argv[repArg + 1]) : n >= 1e5 ? 5 : 10;
    for (const analysis of ANALYSES) {
      const mine = runProject(file, analysis, repeats);
      const theirs = withR ? runR(dir, file, analysis, repeats, timeV) : null;
      const cells = [
        n.toExponential(0).replace("e+", "e"),
        LABEL[analysis],
        mine.ms.toFixed(1),
        theirs ? theirs.ms.toFixed(1) : "-",
        theirs ? (mine.ms / theirs.ms).toFixed(2) : "-",
        mine.rssMB === null ? "-" : mine.rssMB.toFixed(0),
        theirs && theirs.rssMB !== null ? theirs.rssMB.toFixed(0) : "-",
        theirs ? agree(mine.check, theirs.check) : "",
      ];
      console.log(`| ${cells.join(" | ")} |`);
    }
  }
  // Competing risks (issue 11): Fine-Gray and multi-state Aalen-Johansen, see bench-competing-risks.ts.
  if (!argv.includes("--no-competing")) {
    runCompetingRisksBench({ dir, withR, timeV, sizesFineGray: [2000, 4000, 1e5], sizesMultiState: [1e4, 1e5], crrMax: 4000 });
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

main();
