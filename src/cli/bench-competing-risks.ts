/**
 * Competing-risks part of `npm run bench` (called from bench.ts; alone:
 * `npx tsx src/cli/bench-competing-risks.ts [--no-r] [--sizes-fg 2000,4000,100000] [--sizes-ms 10000,100000] [--crr-max 4000]`).
 *
 * - Fine-Gray: fineGray(time, cause, { group, age, z }) vs cmprsk::crr(time, cause, cbind(group, age, z)).
 *   Seeded cohorts (seed `competing-bench-fg-<n>`): two groups, age 40-80, a standard normal z,
 *   exponential times of the cause of interest (group and age effects) and of a competing cause,
 *   uniform censoring on 5-45, times rounded to 0.01. crr's variance step loops over subjects
 *   within subjects within censoring times (its run time grows about as n^3: 2.8 s at n = 2000,
 *   21 s at 4000, 181 s at 8000 on this machine), so R runs only up to --crr-max subjects and
 *   the table says so above it.
 * - Multi-state Aalen-Johansen: aalenJohansen(stop, state, group, { start, id }) vs
 *   survfit(Surv(start, stop, state) ~ group, id = id). Seeded (start, stop] rows (seed
 *   `competing-bench-ms-<n>`): entry -> local -> out of field -> death with all forward
 *   transitions, group effects, 10% delayed entry, uniform censoring, times rounded to 0.01.
 *
 * Each run is a fresh child process that reads the CSV (not timed) and reports the best time of
 * its repeats and its peak resident memory, as bench.ts does; "same result" compares the
 * coefficients (Fine-Gray) or the state occupancy and standard errors at the last time of the
 * first group (multi-state) to 1e-6.
 */
import * as fs from "fs";
import * as path from "path";
import { spawnSync } from "child_process";
import seedrandom from "seedrandom";
import { agree, rTimingScript, runNodeChild, runRScript } from "./bench-runner";
import type { Measurement } from "./bench-runner";

type Kind = "finegray" | "multistate";
const LABEL: Record<Kind, string> = {
  finegray: "Fine-Gray crr (3 covariates)",
  multistate: "multi-state Aalen-Johansen (4 states, 2 groups)",
};
const STATES = ["local", "oof", "death"];


export function simulateFineGray(n: number, file: string): void {
  const rng = seedrandom(`competing-bench-fg-${n}`);
  const lines = ["time,cause,group,age,z"];
  for (let i = 0; i < n; i++) {
    const group = rng() < 0.5 ? 1 : 0;
    const age = Math.round(400 + 400 * rng()) / 10;
    const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    const t1 = -Math.log(1 - rng()) / (0.03 * Math.exp(0.4 * group + 0.02 * (age - 60)));
    const t2 = -Math.log(1 - rng()) / 0.02;
    const c = 5 + 40 * rng();
    const m = Math.min(t1, t2, c);
    const time = Math.max(0.01, Math.round(m * 100) / 100);
    lines.push(`${time},${m === c ? 0 : m === t1 ? 1 : 2},${group},${age},${z.toFixed(4)}`);
  }
  fs.writeFileSync(file, lines.join("\n") + "\n");
}

export function simulateMultiState(n: number, file: string): void {
  const rng = seedrandom(`competing-bench-ms-${n}`);
  const lines = ["id,start,stop,state,group"];
  const rates = (state: string, g: number): Record<string, number> =>
    state === "entry"
      ? { local: g ? 0.015 : 0.04, oof: g ? 0.04 : 0.02, death: 0.01 }
      : state === "local"
        ? { oof: 0.05, death: 0.02 }
        : { death: 0.08 };
  for (let i = 0; i < n; i++) {
    const g = rng() < 0.5 ? 1 : 0;
    let t = rng() < 0.1 ? Math.round(300 * rng()) / 100 : 0;
    const end = Math.round((5 + 40 * rng()) * 100) / 100;
    let state = "entry";
    for (;;) {
      const r = rates(state, g);
      let next = "";
      let dt = Infinity;
      for (const to of Object.keys(r)) {
        const d = -Math.log(1 - rng()) / r[to];
        if (d < dt) {
          dt = d;
          next = to;
        }
      }
      const stop = Math.max(t + 0.01, Math.round((t + dt) * 100) / 100);
      if (stop >= end) {
        if (end > t) lines.push(`${i},${t},${end},censor,${g ? "B" : "A"}`);
        break;
      }
      lines.push(`${i},${t},${stop},${next},${g ? "B" : "A"}`);
      t = stop;
      state = next;
      if (state === "death") break;
    }
  }
  fs.writeFileSync(file, lines.join("\n") + "\n");
}

function readCsv(file: string): Record<string, string[]> {
  const rows = fs.readFileSync(file, "utf8").trim().split("\n");
  const header = rows[0].split(",");
  const out: Record<string, string[]> = {};
  header.forEach((h) => (out[h] = new Array(rows.length - 1)));
  for (let i = 1; i < rows.length; i++) {
    const f = rows[i].split(",");
    header.forEach((h, j) => (out[h][i - 1] = f[j]));
  }
  return out;
}

/** Child mode: one analysis on one CSV; prints a JSON line. */
export function competingChild(file: string, kind: Kind, repeats: number): void {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const survival = require("../survival/index") as typeof import("../survival/index");
  const d = readCsv(file);
  const num = (c: string) => Float64Array.from(d[c], Number);
  let best = Infinity;
  let check: number[] = [];
  if (kind === "finegray") {
    const time = num("time");
    const cause = num("cause");
    const covs = { group: num("group"), age: num("age"), z: num("z") };
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      check = survival.fineGray(time, cause, covs).coef;
      best = Math.min(best, performance.now() - t0);
    }
  } else {
    const start = num("start");
    const stop = num("stop");
    const id = num("id");
    const state = d.state;
    const group = d.group;
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      const fit = survival.aalenJohansen(stop, state, group, { start, id, censor: "censor", states: STATES });
      best = Math.min(best, performance.now() - t0);
      const c = fit.curves[0];
      const last = c.time.length - 1;
      const mid = Math.floor(last / 2);
      check = c.pstate[last].concat(c.stdErr[mid]);
    }
  }
  process.stdout.write(JSON.stringify({ ms: best, rssMB: process.resourceUsage().maxRSS / 1024, check }) + "\n");
}

const R_SCRIPT = rTimingScript(
  "library(survival); library(cmprsk)",
  `switch(what,
  finegray = function() crr(d$time, d$cause, cbind(d$group, d$age, d$z)),
  multistate = function() survfit(Surv(start, stop, factor(state, c("censor", "local", "oof", "death"))) ~ group, data = d, id = id))`,
  `if (what == "finegray") unname(fit$coef) else {
  k <- fit$strata[1]; mid <- (k - 1) %/% 2 + 1
  c(fit$pstate[k, ], fit$std.err[mid, ])
}`,
);

function runChild(file: string, kind: Kind, repeats: number): Measurement {
  return runNodeChild(__filename, ["--competing-child", file, kind, String(repeats)], kind);
}

function runR(dir: string, file: string, kind: Kind, repeats: number, timeV: boolean): Measurement {
  const script = path.join(dir, "bench-competing.R");
  if (!fs.existsSync(script)) fs.writeFileSync(script, R_SCRIPT);
  return runRScript(script, [file, kind, String(repeats)], timeV, kind);
}

export interface CompetingBenchOptions {
  dir: string;
  withR: boolean;
  timeV: boolean;
  sizesFineGray: number[];
  sizesMultiState: number[];
  /** Largest n for which R's crr is run. */
  crrMax: number;
}

/** Prints table rows in bench.ts's format. */
export function runCompetingRisksBench(o: CompetingBenchOptions): void {
  const row = (cells: string[]) => console.log(`| ${cells.join(" | ")} |`);
  const fmt = (n: number) => (n >= 1e4 && Math.log10(n) % 1 === 0 ? n.toExponential(0).replace("e+", "e") : String(n));
  for (const [kind, sizes] of [["finegray", o.sizesFineGray], ["multistate", o.sizesMultiState]] as const) {
    for (const n of sizes) {
      const file = path.join(o.dir, `${kind}-${n}.csv`);
      if (kind === "finegray") simulateFineGray(n, file);
      else simulateMultiState(n, file);
      const repeats = n >= 1e5 ? 3 : 5;
      const mine = runChild(file, kind, repeats);
      const runsR = o.withR && !(kind === "finegray" && n > o.crrMax);
      // R's slow runs once: crr beyond 2000 subjects, survfit at 10^5.
      const rRepeats = (kind === "finegray" && n > 2000) || n >= 1e5 ? 1 : 3;
      const theirs = runsR ? runR(o.dir, file, kind, rRepeats, o.timeV) : null;
      const notRun = kind === "finegray" && o.withR && !runsR ? `not run (crr's time grows about as n^3)` : "-";
      row([
        fmt(n),
        LABEL[kind],
        mine.ms.toFixed(1),
        theirs ? theirs.ms.toFixed(1) : notRun,
        theirs ? (mine.ms / theirs.ms).toFixed(3) : "-",
        mine.rssMB === null ? "-" : mine.rssMB.toFixed(0),
        theirs && theirs.rssMB !== null ? theirs.rssMB.toFixed(0) : "-",
        theirs ? agree(mine.check, theirs.check) : "",
      ]);
    }
  }
}

function main(): void {
  const argv = process.argv.slice(2);
  if (argv[0] === "--competing-child") {
    competingChild(argv[1], argv[2] as Kind, Number(argv[3]));
    return;
  }
  const list = (name: string, fallback: number[]) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1].split(",").map(Number) : fallback;
  };
  const withR = !argv.includes("--no-r") && spawnSync("sh", ["-c", "command -v Rscript"]).status === 0;
  const timeV = withR && fs.existsSync("/usr/bin/time") && spawnSync("/usr/bin/time", ["-v", "true"]).status === 0;
  const dir = fs.mkdtempSync(path.join(require("os").tmpdir(), "competing-bench-"));
  console.log("| n | analysis | project ms | R ms | project/R | project peak MB | R peak MB | same result |");
  console.log("|---:|---|---:|---:|---:|---:|---:|:---:|");
  runCompetingRisksBench({
    dir,
    withR,
    timeV,
    sizesFineGray: list("--sizes-fg", [2000, 4000, 100000]),
    sizesMultiState: list("--sizes-ms", [10000, 100000]),
    crrMax: list("--crr-max", [4000])[0],
  });
  fs.rmSync(dir, { recursive: true, force: true });
}

if (require.main === module) main();
