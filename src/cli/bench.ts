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
 *   - coxPH(time, status, {group, age}, { weights: w }) (robust by default: fractional weights)
 *                                                vs coxph(Surv(time, status) ~ group + age, weights = w)
 *   - on a second file of n (start, stop] rows (subjects split at an exposure that switches on
 *     and at times 10, 20, 30): coxPH(stop, status, {x, age}, { start })
 *                                                vs coxph(Surv(start, stop, status) ~ x + age)
 *   - cumulativeIncidence(time, cause, group) (curves and Gray's test, 2 causes x 2 groups)
 *                                                vs cmprsk::cuminc(time, cause, group)
 * runs a fresh child process (node, then Rscript when it is on PATH) that
 * reads the CSV (not timed), runs the analysis several times and reports the
 * best wall-clock time (performance.now() around the call / system.time() in
 * R), the best CPU time (user + system: process.cpuUsage() / proc.time(); the last three
 * columns, less moved by other jobs than wall time) and its peak resident memory (the child's maxRSS; R's from
 * /usr/bin/time -v, or gc()'s "max used" plus the R process baseline when
 * that is not installed). It also checks that both give the same log-rank
 * chi-square and Cox coefficients (and the cumulative incidence at three times and Gray's statistics).
 *
 * Repeats: 10 at 10^4, 5 at 10^5 and 10^6 (the best is kept, so JIT warm-up and
 * R's first-call costs drop out on both sides); R's weighted robust model runs
 * once from 10^5 on (its score residuals cost O(n x event times): minutes at 10^6).
 * Then the competing-risks analyses (fineGray vs cmprsk::crr, aalenJohansen vs multi-state
 * survfit; see bench-competing-risks.ts), unless --no-competing.
 * Options: --sizes 10000,100000 (default 1e4,1e5,1e6), --no-r, --repeats N, --no-competing,
 * --analyses km,logrank,cox,coxweighted,coxcounting,cif (default all), --no-statsmodels,
 * --r-weighted-max N (largest n at which R's weighted robust Cox runs; default 100000, since at
 * 10^6 it takes about an hour).
 *
 * statsmodels (Debian's python3-statsmodels, /usr/bin/python3; installed with apt-get by the
 * bench when missing and running as root) is a second peer for Kaplan-Meier (SurvfuncRight per
 * group), log-rank (survdiff) and Cox (PHReg, Efron): same CSV, same repeats, its time, peak
 * memory and agreement (S(t) at t = 5, 10, 20 per group, the chi-square, the coefficients, to
 * 1e-6) in the last four columns. At 10^7 every side runs once.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import seedrandom from "seedrandom";
import { runCompetingRisksBench } from "./bench-competing-risks";
import { agree, rTimingScript, runNodeChild, runPythonScript, runRScript } from "./bench-runner";
import type { Measurement } from "./bench-runner";

type Analysis = "km" | "logrank" | "cox" | "coxweighted" | "coxcounting" | "cif";
const ANALYSES: Analysis[] = ["km", "logrank", "cox", "coxweighted", "coxcounting", "cif"];
const LABEL: Record<Analysis, string> = {
  km: "Kaplan-Meier (2 groups)",
  logrank: "log-rank (2 groups)",
  cox: "Cox PH (2 covariates, Efron)",
  coxweighted: "Cox PH, case weights, robust variance",
  coxcounting: "Cox PH, (start, stop] rows, 2 covariates",
  cif: "cumulative incidence + Gray's test (2 causes, 2 groups)",
};

/**
 * Writes a seeded cohort of n subjects to `file` (CSV: time,status,group,age,w,cause). The case
 * weight w (0.5-3, three decimals, like inverse-probability weights) and the cause of each event
 * (1 with probability 0.45 in group 0 and 0.6 in group 1, else 2; 0 when censored) come from
 * their own generators, so the other columns are those of the earlier benchmark runs.
 */
function simulate(n: number, file: string): void {
  const rng = seedrandom(`survival-bench-${n}`);
  const wrng = seedrandom(`survival-bench-weights-${n}`);
  const crng = seedrandom(`survival-bench-causes-${n}`);
  // Written in chunks: at 10^7 rows one joined string would be most of the bench's memory.
  const fd = fs.openSync(file, "w");
  let lines: string[] = ["time,status,group,age,w,cause"];
  for (let i = 0; i < n; i++) {
    if (lines.length >= 100000) {
      fs.writeSync(fd, lines.join("\n") + "\n");
      lines = [];
    }
    const group = rng() < 0.5 ? 1 : 0;
    const age = Math.round(400 + 400 * rng()) / 10;
    const hazard = 0.05 * Math.exp(0.4 * group + 0.03 * (age - 60));
    const event = -Math.log(1 - rng()) / hazard;
    const censor = 5 + 40 * rng();
    const time = Math.max(0.01, Math.round(Math.min(event, censor) * 100) / 100);
    const w = Math.round(500 + 2500 * wrng()) / 1000;
    const cause = crng() < (group === 1 ? 0.6 : 0.45) ? 1 : 2;
    lines.push(`${time},${event <= censor ? 1 : 0},${group},${age},${w},${event <= censor ? cause : 0}`);
  }
  fs.writeSync(fd, lines.join("\n") + "\n");
  fs.closeSync(fd);
}

/**
 * Writes n (start, stop] rows to `file` (CSV: start,stop,status,x,age): seeded subjects (seed
 * survival-bench-counting-<n>) with exponential event times whose hazard doubles (x = 1) once an
 * exposure starts (at a uniform time in 0-20 for 60% of subjects), uniform censoring at 5-45,
 * times rounded to 0.01; each subject's follow-up is split where the exposure starts and at
 * times 10, 20 and 30 (as survSplit / tmerge would), the last subject cut short at n rows.
 */
function simulateCounting(n: number, file: string): void {
  const rng = seedrandom(`survival-bench-counting-${n}`);
  const lines: string[] = ["start,stop,status,x,age"];
  let rows = 0;
  const round = (t: number) => Math.max(0.01, Math.round(t * 100) / 100);
  while (rows < n) {
    const age = Math.round(400 + 400 * rng()) / 10;
    const exposed = rng() < 0.6;
    const onset = exposed ? round(20 * rng()) : Infinity;
    const base = 0.04 * Math.exp(0.03 * (age - 60));
    // Event time with hazard base before the onset and 2 base after it.
    const e = -Math.log(1 - rng());
    const event = e / base <= onset ? e / base : onset + (e - base * onset) / (2 * base);
    const censor = 5 + 40 * rng();
    const end = round(Math.min(event, censor));
    const status = event <= censor ? 1 : 0;
    const cuts = [10, 20, 30, onset].filter((c) => c > 0 && c < end).sort((a, b) => a - b);
    let from = 0;
    for (const cut of cuts.concat([end])) {
      if (cut <= from || rows >= n) continue;
      const last = cut === end;
      lines.push(`${from},${cut},${last ? status : 0},${from >= onset ? 1 : 0},${age}`);
      rows++;
      from = cut;
    }
  }
  fs.writeFileSync(file, lines.join("\n") + "\n");
}

/** The times at which the Kaplan-Meier curves of the two groups are compared across peers. */
const KM_CHECK_TIMES = [5, 10, 20];
/** The times at which the four cumulative incidence curves are compared with cmprsk's timepoints(). */
const CIF_CHECK_TIMES = [5, 10, 20];

/** S(t) of a right-continuous step function given at ascending `times` (1 before the first). */
function survivalAt(times: readonly number[], surv: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length; // first index with times[i] > t
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 1 : surv[lo - 1];
}

/** The cohort's columns; `cause` (else empty) only for the competing-risks analysis, so the others' peak memory is as before. */
function readCohort(file: string, withCause: boolean) {
  // Line by line from the text (no array of 10^7 row strings): at 10^7 rows that array would
  // dominate the peak memory this process reports.
  const text = fs.readFileSync(file, "utf8");
  let n = -1; // header
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) n++;
  const time = new Float64Array(n);
  const status = new Uint8Array(n);
  const group = new Float64Array(n);
  const age = new Float64Array(n);
  const w = new Float64Array(n);
  const cause = new Int32Array(withCause ? n : 0);
  let from = text.indexOf("\n") + 1;
  for (let i = 0; i < n; i++) {
    const end = text.indexOf("\n", from);
    const f = text.slice(from, end).split(",");
    from = end + 1;
    time[i] = Number(f[0]);
    status[i] = Number(f[1]);
    group[i] = Number(f[2]);
    age[i] = Number(f[3]);
    w[i] = Number(f[4]);
    if (withCause) cause[i] = Number(f[5]);
  }
  return { time, status, group, age, w, cause };
}

function readCounting(file: string) {
  const rows = fs.readFileSync(file, "utf8").split("\n");
  const n = rows.length - 2;
  const start = new Float64Array(n);
  const stop = new Float64Array(n);
  const status = new Uint8Array(n);
  const x = new Float64Array(n);
  const age = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = rows[i + 1].split(",");
    start[i] = Number(f[0]);
    stop[i] = Number(f[1]);
    status[i] = Number(f[2]);
    x[i] = Number(f[3]);
    age[i] = Number(f[4]);
  }
  return { start, stop, status, x, age };
}

/** Child mode: one analysis on one CSV; prints a JSON line with the best time and maxRSS. */
function child(file: string, analysis: Analysis, repeats: number): void {
  // Required lazily so a missing module shows up as a clear message (others write KM / log-rank).
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const survival = require("../survival/index") as typeof import("../survival/index");
  const d = analysis === "coxcounting" ? null : readCohort(file, analysis === "cif");
  const c = analysis === "coxcounting" ? readCounting(file) : null;
  let best = Infinity;
  let bestCpu = Infinity;
  let check: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    if (c !== null) {
      check = survival.coxPH(c.stop, c.status, { x: c.x, age: c.age }, { start: c.start }).coef;
    } else if (d === null) {
      throw new Error("no data");
    } else if (analysis === "km") {
      const fit = survival.kaplanMeierByGroup(d.time, d.status, d.group);
      check = fit.curves.flatMap((curve) => KM_CHECK_TIMES.map((t) => survivalAt(curve.time, curve.survival, t)));
    } else if (analysis === "logrank") {
      check = [survival.logRank(d.time, d.status, d.group).chiSq ?? NaN];
    } else if (analysis === "cif") {
      const fit = survival.cumulativeIncidence(d.time, d.cause, d.group);
      check = fit.curves.flatMap((curve) => survival.cumulativeIncidenceAt(curve, CIF_CHECK_TIMES).estimate as number[]);
      for (const gray of fit.grayTest ?? []) check.push(gray.statistic ?? NaN);
    } else if (analysis === "coxweighted") {
      const fit = survival.coxPH(d.time, d.status, { group: d.group, age: d.age }, { weights: d.w });
      check = fit.coef.concat(fit.robustSe as number[]);
    } else {
      check = survival.coxPH(d.time, d.status, { group: d.group, age: d.age }).coef;
    }
    best = Math.min(best, performance.now() - t0);
    const cpu = process.cpuUsage(c0); // user + system of this process (all its threads), µs
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
  }
  const rssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms: best, rssMB, check, cpuMs: bestCpu }) + "\n");
}

function runProject(file: string, analysis: Analysis, repeats: number): Measurement {
  return runNodeChild(__filename, ["--child", file, analysis, String(repeats)], analysis);
}

const R_SCRIPT = rTimingScript(
  "library(survival)",
  `switch(what,
  km = function() survfit(Surv(time, status) ~ group, data = d),
  logrank = function() survdiff(Surv(time, status) ~ group, data = d),
  cox = function() coxph(Surv(time, status) ~ group + age, data = d, ties = "efron"),
  coxweighted = function() coxph(Surv(time, status) ~ group + age, data = d, ties = "efron", weights = w),
  coxcounting = function() coxph(Surv(start, stop, status) ~ x + age, data = d, ties = "efron"))`,
  `switch(what, km = summary(fit, times = c(${KM_CHECK_TIMES.join(", ")}))$surv, logrank = fit$chisq, cox = unname(coef(fit)),
  coxweighted = c(unname(coef(fit)), sqrt(diag(fit$var))), coxcounting = unname(coef(fit)))`,
);

/**
 * Cumulative incidence with Gray's test: cmprsk's cuminc(time, cause, group) (curves and tests
 * in one call, both timed); compared: timepoints() of the four curves (cause 1 groups 0, 1, then
 * cause 2) at CIF_CHECK_TIMES and Gray's statistic of each cause.
 */
const R_CIF_SCRIPT = rTimingScript(
  "library(cmprsk)",
  "function() cuminc(d$time, d$cause, d$group)",
  `c(t(timepoints(fit, c(${CIF_CHECK_TIMES.join(", ")}))$est), unname(fit$Tests[, "stat"]))`,
);

/**
 * statsmodels (Debian's python3-statsmodels, with /usr/bin/python3) as a second peer for the
 * analyses it has: SurvfuncRight per group (Kaplan-Meier), survdiff (log-rank), PHReg with
 * Efron ties (Cox). Same CSV, read with pandas (not timed); best of the repeats by
 * time.perf_counter(); the checks are the project's: S(t) at KM_CHECK_TIMES in groups 0 and 1,
 * the chi-square, the coefficients.
 */
const STATSMODELS_ANALYSES: readonly Analysis[] = ["km", "logrank", "cox"];
const PYTHON_SCRIPT = `
import resource, sys, time
import numpy as np
import pandas as pd
from statsmodels.duration.survfunc import SurvfuncRight, survdiff
from statsmodels.duration.hazard_regression import PHReg

file, what, reps = sys.argv[1], sys.argv[2], int(sys.argv[3])
d = pd.read_csv(file)
t = d["time"].to_numpy(dtype=float)
status = d["status"].to_numpy(dtype=int)
group = d["group"].to_numpy(dtype=float)
age = d["age"].to_numpy(dtype=float)
check_times = [${KM_CHECK_TIMES.join(", ")}]

def km():
    return [SurvfuncRight(t[group == g], status[group == g]) for g in (0.0, 1.0)]

def logrank():
    return survdiff(t, status, group)

def cox():
    return PHReg(t, np.column_stack([group, age]), status=status, ties="efron").fit()

run = {"km": km, "logrank": logrank, "cox": cox}[what]
best = float("inf")
for _ in range(reps):
    t0 = time.perf_counter()
    fit = run()
    best = min(best, time.perf_counter() - t0)

def surv_at(sf, x):
    i = np.searchsorted(sf.surv_times, x, side="right") - 1
    return 1.0 if i < 0 else float(sf.surv_prob[i])

if what == "km":
    check = [surv_at(sf, x) for sf in fit for x in check_times]
elif what == "logrank":
    check = [float(fit[0])]
else:
    check = [float(b) for b in fit.params]
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("RESULT", best * 1000, peak_mb, ";".join("%.15g" % c for c in check))
`;

const PYTHON = "/usr/bin/python3";

function statsmodelsVersion(): string | null {
  const r = spawnSync(PYTHON, ["-c", "import statsmodels, pandas; print(statsmodels.__version__)"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * The bench's set-up for its second peer: statsmodels from Debian (PyPI is not reachable), as
 * set-up installs Jupyter: when /usr/bin/python3 cannot import it, `apt-get install
 * python3-statsmodels` if running as root, otherwise a message and the peer is left out.
 */
function ensureStatsmodels(): string | null {
  const have = statsmodelsVersion();
  if (have !== null) return have;
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (!root || !haveCommand("apt-get")) {
    console.log("bench: statsmodels is not importable by /usr/bin/python3 and this is not root: install python3-statsmodels (apt-get) to compare with it; left out");
    return null;
  }
  console.log("bench: installing Debian's python3-statsmodels (apt-get) for the statsmodels comparison");
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  spawnSync("apt-get", ["install", "-y", "-qq", "python3-statsmodels", "python3-pandas"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return statsmodelsVersion();
}

function runStatsmodels(dir: string, file: string, analysis: Analysis, repeats: number, timeV: boolean): Measurement {
  const script = path.join(dir, "bench_statsmodels.py");
  if (!fs.existsSync(script)) fs.writeFileSync(script, PYTHON_SCRIPT);
  return runPythonScript(script, [file, analysis, String(repeats)], timeV, analysis);
}

function haveCommand(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" }).status === 0;
}

function runR(dir: string, file: string, analysis: Analysis, repeats: number, timeV: boolean): Measurement {
  const script = path.join(dir, analysis === "cif" ? "bench-cif.R" : "bench.R");
  if (!fs.existsSync(script)) fs.writeFileSync(script, analysis === "cif" ? R_CIF_SCRIPT : R_SCRIPT);
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
  const maxArg = argv.indexOf("--r-weighted-max");
  const rWeightedMax = maxArg >= 0 ? Number(argv[maxArg + 1]) : 1e5;
  if (!(rWeightedMax > 0)) throw new Error(`--r-weighted-max needs a positive number of rows, got ${argv[maxArg + 1]}`);
  const anaArg = argv.indexOf("--analyses");
  const analyses = anaArg >= 0 ? (argv[anaArg + 1].split(",") as Analysis[]) : ANALYSES;
  for (const a of analyses) if (ANALYSES.indexOf(a) < 0) throw new Error(`unknown analysis ${a} (one of ${ANALYSES.join(", ")})`);
  const withR = !argv.includes("--no-r") && haveCommand("Rscript");
  const timeV = fs.existsSync("/usr/bin/time") && spawnSync("/usr/bin/time", ["-v", "true"]).status === 0;
  const smVersion = argv.includes("--no-statsmodels") || !analyses.some((a) => STATSMODELS_ANALYSES.includes(a)) ? null : ensureStatsmodels();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "survival-bench-"));

  const rVersion = withR
    ? spawnSync("Rscript", ["-e", 'cat(R.version.string, "survival", format(packageVersion("survival")))'], { encoding: "utf8" }).stdout.trim()
    : "R not run";
  console.log(`# Benchmark ${new Date().toISOString().slice(0, 10)}`);
  console.log(`machine: ${os.cpus()[0].model}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`);
  console.log(`node ${process.version}; ${rVersion}; statsmodels ${smVersion ?? "not run"}; memory from ${timeV ? "/usr/bin/time -v (R, Python) and maxRSS (node)" : "maxRSS (node and Python) and gc() max used (R)"}`);
  console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(1)).join(", ")}; data: ${dir}\n`);
  console.log("| n | analysis | project ms | R ms | project/R | project peak MB | R peak MB | same result | statsmodels ms | project/statsmodels | statsmodels peak MB | same result (statsmodels) | project CPU ms | R CPU ms | project/R (CPU) |");
  console.log("|---:|---|---:|---:|---:|---:|---:|:---:|---:|---:|---:|:---:|---:|---:|---:|");
  for (const n of sizes) {
    const file = path.join(dir, `cohort-${n}.csv`);
    simulate(n, file);
    const countingFile = path.join(dir, `counting-${n}.csv`);
    if (analyses.indexOf("coxcounting") >= 0) simulateCounting(n, countingFile);
    const repeats = repArg >= 0 ? Number(argv[repArg + 1]) : n >= 1e7 ? 1 : n >= 1e5 ? 5 : 10;
    for (const analysis of analyses) {
      const data = analysis === "coxcounting" ? countingFile : file;
      const mine = runProject(data, analysis, repeats);
      // R's robust variance costs O(n x event times): one run from 10^5 on.
      const rRepeats = analysis === "coxweighted" && n >= 1e5 ? 1 : repeats;
      // ...and about an hour at 10^6, so it runs only up to --r-weighted-max (default 10^5).
      const rSkipped = analysis === "coxweighted" && n > rWeightedMax;
      const theirs = withR && !rSkipped ? runR(dir, data, analysis, rRepeats, timeV) : null;
      const cells = [
        n.toExponential(0).replace("e+", "e"),
        LABEL[analysis],
        mine.ms.toFixed(1),
        theirs ? theirs.ms.toFixed(1) : rSkipped && withR ? `not run (> --r-weighted-max ${rWeightedMax})` : "-",
        theirs ? (mine.ms / theirs.ms).toFixed(2) : "-",
        mine.rssMB === null ? "-" : mine.rssMB.toFixed(0),
        theirs && theirs.rssMB !== null ? theirs.rssMB.toFixed(0) : "-",
        theirs ? agree(mine.check, theirs.check) : "",
      ];
      const sm = smVersion !== null && STATSMODELS_ANALYSES.includes(analysis) ? runStatsmodels(dir, data, analysis, repeats, timeV) : null;
      cells.push(
        sm ? sm.ms.toFixed(1) : "-",
        sm ? (mine.ms / sm.ms).toFixed(2) : "-",
        sm && sm.rssMB !== null ? sm.rssMB.toFixed(0) : "-",
        sm ? agree(mine.check, sm.check) : "",
      );
      // CPU time (user + system, best of the repeats): less moved than wall time by other jobs on the machine.
      const myCpu = mine.cpuMs ?? null;
      const theirCpu = theirs?.cpuMs ?? null;
      cells.push(
        myCpu === null ? "-" : myCpu.toFixed(1),
        theirCpu === null ? "-" : theirCpu.toFixed(1),
        myCpu !== null && theirCpu !== null && theirCpu > 0 ? (myCpu / theirCpu).toFixed(2) : "-",
      );
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
