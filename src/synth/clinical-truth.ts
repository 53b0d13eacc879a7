/**
 * The true effects of RT in the simulated cohort's model, for the analyses to be judged
 * against (data/README.md, "True effects of RT"):
 *
 *   npx tsx src/synth/clinical-truth.ts [SEEDS]
 *   npx tsx src/synth/clinical-truth.ts --cohort FILE [--scale K]
 *
 * The second form writes one cohort K times the shipped size (default 50; seed
 * `clinical-truth-large`, n and nRt scaled, same model) to FILE, to see what each estimator
 * gives with little sampling error: `Rscript test/fixtures/r/clinical-bias.R FILE` prints
 * the analyses of test/fixtures/r/clinical-bias.R on it.
 *
 * 1. Conditional effects, the model's own parameters (clinicalTrueHazardRatios): from the
 *    start of RT on, RT multiplies the hazard of local, intrahepatic and extrahepatic
 *    progression and of death (in every progression state) by fixed hazard ratios, given
 *    the covariates and the unmeasured frailty. Time since enrollment is the time scale;
 *    the ratio is constant from RT start, so it is the same read in time since RT.
 * 2. The total effect on the treated (clinicalTotalEffect): RT changes progression, and
 *    progression raises the hazard of death, so RT's effect on survival runs through
 *    progression even with no direct effect. Each treated patient's course is simulated
 *    with and without RT from the same random numbers (clinicalPotentialOutcomes), and the
 *    two are compared from the start of RT, uncensored: survival at 12 and 24 months,
 *    restricted mean survival to 24 and 60 months, the probability of each progression
 *    within 12 months (before death), and a marginal hazard ratio (Cox, Efron, of the 2n
 *    potential outcomes; a summary, since the two curves need not have proportional hazards).
 *
 * @example
 * clinicalTrueHazardRatios();            // { death: 1, local: 0.3, intrahepatic: 1.7, extrahepatic: 2.2 }
 * clinicalTotalEffect(200).hazardRatio;   // total effect on death among the treated
 */
import { coxPH } from "../survival/cox";
import * as fs from "fs";
import { CLINICAL_PARAMS, SITES, clinicalCohortCsv, clinicalPotentialOutcomes, generateClinicalCohort } from "./clinical-cohort";
import type { ClinicalParams, PotentialOutcomes, Site } from "./clinical-cohort";

/** The conditional hazard ratios of RT, from its start on (see the file comment). */
export function clinicalTrueHazardRatios(params: ClinicalParams = CLINICAL_PARAMS): { death: number; local: number; intrahepatic: number; extrahepatic: number } {
  return { ...params.rtEffects };
}

export interface TotalEffect {
  /** Seeds `clinical-truth-{k}`, k = 1..seeds, of the model; treated patients pooled. */
  seeds: number;
  treated: number;
  /** Survival from the start of RT without / with RT. */
  survival12: [number, number];
  survival24: [number, number];
  /** Restricted mean survival from the start of RT, months, without / with RT. */
  rmst24: [number, number];
  rmst60: [number, number];
  /** Probability of progression at each site within 12 months of the start of RT and before death, without / with RT. */
  progression12: Record<Site, [number, number]>;
  /** Marginal hazard ratio of death from the start of RT, with vs without RT (Cox, Efron), and its 95% CI (which ignores the pairing, so it is conservative). */
  hazardRatio: number;
  lower: number;
  upper: number;
}

/**
 * The potential outcomes of cohort `clinical-truth-{k}`, kept for the last parameters used:
 * clinicalTotalEffect and clinicalMarginalTruth called with the same seeds (notebook 07)
 * simulate the same cohorts once. Keyed by the parameters' values (not the object), so a
 * changed parameter is a new simulation. The outcomes are only read.
 */
let memoKey: string | null = null;
let memo = new Map<number, readonly PotentialOutcomes[]>();

function paramsKey(params: ClinicalParams): string {
  // Numbers as their own text, so that Infinity, NaN and -0 stay distinct (JSON would make them null or 0).
  return JSON.stringify(params, (_, v) => (typeof v === "number" ? `#${Object.is(v, -0) ? "-0" : String(v)}` : typeof v === "function" ? `f:${String(v)}` : v));
}

function truthOutcomes(k: number, key: string, params: ClinicalParams): readonly PotentialOutcomes[] {
  if (key !== memoKey) {
    memoKey = key;
    memo = new Map();
  }
  let outcomes = memo.get(k);
  if (outcomes === undefined) {
    outcomes = clinicalPotentialOutcomes(`clinical-truth-${k}`, params);
    memo.set(k, outcomes);
  }
  return outcomes;
}

/** Restricted mean of event times (uncensored): mean of min(t, tau). */
function restrictedMean(times: readonly number[], tau: number): number {
  let s = 0;
  for (const t of times) s += Math.min(t, tau);
  return s / times.length;
}

/** The total effect of RT on the treated, over `seeds` simulated cohorts (see the file comment). */
export function clinicalTotalEffect(seeds = 200, params: ClinicalParams = CLINICAL_PARAMS): TotalEffect {
  if (!Number.isInteger(seeds) || seeds < 1) throw new Error(`seeds must be a positive integer, got ${seeds}`);
  const death: [number[], number[]] = [[], []];
  const prog: Record<Site, [number, number]> = { local: [0, 0], intrahepatic: [0, 0], extrahepatic: [0, 0] };
  const key = paramsKey(params);
  for (let k = 1; k <= seeds; k++) {
    for (const p of truthOutcomes(k, key, params)) {
      [p.withoutRt, p.withRt].forEach((c, j) => {
        death[j].push(c.death - p.rtStart);
        for (const s of SITES) if (c.progression[s] < c.death && c.progression[s] - p.rtStart <= 12) prog[s][j]++;
      });
    }
  }
  const n = death[0].length;
  const share = (j: number, t: number): number => death[j].filter((x) => x > t).length / n;
  const times = death[0].concat(death[1]);
  const fit = coxPH(times, times.map(() => 1), { rt: death[0].map(() => 0).concat(death[1].map(() => 1)) });
  const progression12 = {} as Record<Site, [number, number]>;
  for (const s of SITES) progression12[s] = [prog[s][0] / n, prog[s][1] / n];
  return {
    seeds,
    treated: n,
    survival12: [share(0, 12), share(1, 12)],
    survival24: [share(0, 24), share(1, 24)],
    rmst24: [restrictedMean(death[0], 24), restrictedMean(death[1], 24)],
    rmst60: [restrictedMean(death[0], 60), restrictedMean(death[1], 60)],
    progression12,
    hazardRatio: fit.hazardRatio[0],
    lower: fit.lower[0],
    upper: fit.upper[0],
  };
}

export interface MarginalTruth {
  seeds: number;
  treated: number;
  /** Survival at each time, and restricted mean survival to each tau, from the start of RT: without RT, with RT, difference with − without and its Monte Carlo standard error (paired over patients). */
  survival: { time: number; without: number; with: number; difference: number; mcse: number }[];
  rmst: { time: number; without: number; with: number; difference: number; mcse: number }[];
}

/**
 * The total effect of RT on the treated on a marginal scale at any horizons: survival
 * differences and restricted-mean differences from the start of RT, from the same potential
 * outcomes as clinicalTotalEffect (seeds `clinical-truth-{k}`, uncensored). The Monte Carlo
 * standard error treats the treated patients as independent pairs.
 */
export function clinicalMarginalTruth(seeds: number, times: { survival: readonly number[]; rmst: readonly number[] }, params: ClinicalParams = CLINICAL_PARAMS): MarginalTruth {
  if (!Number.isInteger(seeds) || seeds < 1) throw new Error(`seeds must be a positive integer, got ${seeds}`);
  const pairs: [number, number][] = [];
  const key = paramsKey(params);
  for (let k = 1; k <= seeds; k++) {
    for (const p of truthOutcomes(k, key, params)) pairs.push([p.withoutRt.death - p.rtStart, p.withRt.death - p.rtStart]);
  }
  const n = pairs.length;
  const summary = (f: (t: number) => number, time: number) => {
    let s0 = 0;
    let s1 = 0;
    let sd = 0;
    let sdd = 0;
    for (const [t0, t1] of pairs) {
      const a = f(t0);
      const b = f(t1);
      s0 += a;
      s1 += b;
      sd += b - a;
      sdd += (b - a) * (b - a);
    }
    const mean = sd / n;
    return { time, without: s0 / n, with: s1 / n, difference: mean, mcse: Math.sqrt((sdd / n - mean * mean) / (n - 1)) };
  };
  return {
    seeds,
    treated: n,
    survival: times.survival.map((t) => summary((x) => (x > t ? 1 : 0), t)),
    rmst: times.rmst.map((tau) => summary((x) => Math.min(x, tau), tau)),
  };
}

/** One cohort `scale` times the shipped size, same model (see the file comment). */
export function largeClinicalCohortCsv(scale = 50, params: ClinicalParams = CLINICAL_PARAMS): string {
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`scale must be a positive integer, got ${scale}`);
  return clinicalCohortCsv(generateClinicalCohort("clinical-truth-large", { ...params, n: params.n * scale, nRt: params.nRt * scale }));
}

function main(argv: string[]): void {
  const at = argv.indexOf("--cohort");
  if (at >= 0) {
    const file = argv[at + 1];
    if (!file) throw new Error("--cohort needs a file name");
    const k = argv.indexOf("--scale");
    fs.writeFileSync(file, largeClinicalCohortCsv(k >= 0 ? Number(argv[k + 1]) : 50));
    console.log(`wrote ${file}`);
    return;
  }
  const seeds = argv[0] === undefined ? 200 : Number(argv[0]);
  const hr = clinicalTrueHazardRatios();
  console.log(`conditional hazard ratios of RT (from its start): death ${hr.death}, local ${hr.local}, intrahepatic ${hr.intrahepatic}, extrahepatic ${hr.extrahepatic}`);
  const t = clinicalTotalEffect(seeds);
  const pair = (x: [number, number], d = 3): string => `${x[0].toFixed(d)} without / ${x[1].toFixed(d)} with RT`;
  console.log(`total effect on the treated, ${t.treated} treated patients of ${t.seeds} cohorts, from the start of RT:`);
  console.log(`  survival at 12 months ${pair(t.survival12)}; at 24 months ${pair(t.survival24)}`);
  console.log(`  restricted mean survival to 24 months ${pair(t.rmst24, 2)}; to 60 months ${pair(t.rmst60, 2)}`);
  for (const s of SITES) console.log(`  ${s} progression within 12 months ${pair(t.progression12[s])}`);
  console.log(`  marginal hazard ratio of death, with vs without RT: ${t.hazardRatio.toFixed(3)} (${t.lower.toFixed(3)}-${t.upper.toFixed(3)})`);
}

if (require.main === module) main(process.argv.slice(2));
