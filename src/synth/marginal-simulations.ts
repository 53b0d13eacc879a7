/**
 * A simulation study of notebook 07's marginal comparison (sequentialTrialsMarginal: sequential
 * target trials, entry odds and truncated censoring weights, weighted Kaplan-Meier, bootstrap
 * percentile intervals): is it biased, is its bootstrap standard error right, do its 95%
 * intervals cover the truth? Cohorts are drawn from the project's clinical generator with the
 * settings of the shipped data (CLINICAL_PARAMS, seeds `marginal-sim-{k}`, k = 1..cohorts,
 * instead of the shipped seed), each analysed exactly as notebook 07 analyses the shipped cohort
 * (its window grid, truncation, horizons and confidence level; `bootstrap` draws per cohort,
 * seeded `marginal-sim-{k}/bootstrap`). The truth is clinicalMarginalTruth over the seeds
 * `clinical-truth-{k}` (the effect of starting RT among those who started it, against never
 * starting it, from the start of RT), as notebook 07 reports it.
 *
 * Per measure, over the cohorts whose analysis ran: mean estimate, bias (mean - truth) with its
 * Monte Carlo SE sqrt(empirical SE^2 / R + truth MC SE^2) (the truth is itself a Monte Carlo
 * mean, with its own error; the two are independent), the empirical SE (SD of the estimates; MC SE
 * SE / sqrt(2 (R - 1))), the mean bootstrap SE and its ratio to the empirical SE (MC SE by the
 * delta method, the two means treated as independent), and the coverage of the percentile
 * interval (MC SE sqrt(c (1 - c) / R)) (Morris, White & Crowther 2019, Stat Med 38:2074).
 * Numbers in the file are rounded to 6 decimals, so reruns give the same bytes.
 *
 * `censoringModel: "firth"` (settings) runs the same study with notebook 07's Firth censoring
 * model (sequentialTrialsMarginal's censoringModel, in the point estimate and every draw): same
 * cohorts, same bootstrap seeds, so its cohorts pair with the ML study's
 * (data/marginal-simulations-firth.json; marginalSimulationComparison).
 *
 *   npm run marginal-simulations [-- --cohorts N] [-- --bootstrap B] [-- --out FILE] [-- --censoring-model firth]
 *
 * @example
 * const report = runMarginalSimulations({ ...MARGINAL_SIMULATION_SETTINGS, cohorts: 2 });
 * report.summary[0].bias; // survival at 12 months, estimate - truth, mean over 2 cohorts
 */
import * as path from "path";
import { repoRoot } from "../core/repo-root";
import { InputError } from "../core/index";
import { FitError } from "../stats/fit-error";
import { sampleStandardDeviation } from "../stats/sample-standard-deviation";
import { sequentialTrialsMarginal } from "../clinical/sequential-trials-ipcw";
import type { CensoringModelKind } from "../clinical/sequential-trials-ipcw";
import type { CohortData } from "../clinical/arms";
import { generateClinicalCohort } from "./clinical-cohort";
import { recordCohort } from "./clinical-seed-search";
import { clinicalMarginalTruth } from "./clinical-truth";
import { readJsonReport, writeJsonReport } from "../core/json-report-file";

export interface MarginalSimulationSettings {
  /** Simulated cohorts (seeds `${seedPrefix}{k}`, k = 1..cohorts). */
  cohorts: number;
  seedPrefix: string;
  /** Bootstrap draws per cohort (seed `${seedPrefix}{k}/bootstrap`). */
  bootstrap: number;
  /** Notebook 07's analysis: window grid, IPCW truncation quantiles, horizons, confidence level. */
  trials: { from: number; to: number; width: number };
  truncate: [number, number];
  survivalTimes: number[];
  rmstTimes: number[];
  confLevel: number;
  /** Seeds `clinical-truth-{k}`, k = 1..truthSeeds, of the truth. */
  truthSeeds: number;
  /** How the censoring model is fitted (sequentialTrialsMarginal's censoringModel); absent: "ml", maximum likelihood, as notebook 07's main analysis. */
  censoringModel?: CensoringModelKind;
}

/**
 * The settings of data/marginal-simulations.json: notebook 07's parameters, 200 cohorts of 200
 * bootstrap draws each (the statistical reviewer's size; fewer draws than the notebook's, to keep
 * the study near five minutes of CPU: the coverage found is that of 200-draw percentile intervals).
 */
export const MARGINAL_SIMULATION_SETTINGS: MarginalSimulationSettings = {
  cohorts: 200,
  seedPrefix: "marginal-sim-",
  bootstrap: 200,
  trials: { from: 1.5, to: 5.5, width: 0.25 },
  truncate: [0.01, 0.99],
  survivalTimes: [12, 24],
  rmstTimes: [24, 60],
  confLevel: 0.95,
  truthSeeds: 200,
};

export interface MarginalSimulationCohort {
  seed: string;
  /** RT starters in the trials, bootstrap draws left out (failed), null when the analysis failed. */
  treated: number | null;
  failedDraws: number | null;
  /** Per measure: [difference, lower, upper, bootstrap SE] (null when the analysis failed). */
  estimates: [number, number, number, number][] | null;
}

export interface MarginalSimulationSummary {
  measure: "survival" | "rmst";
  time: number;
  truth: number;
  /** Cohorts whose analysis ran. */
  cohorts: number;
  mean: number;
  bias: number;
  /** Monte Carlo SE of the bias: the estimates' (empirical SE / sqrt(cohorts)) and the truth's, in quadrature. */
  biasMcse: number;
  empiricalSe: number;
  empiricalSeMcse: number;
  meanBootstrapSe: number;
  /** Mean bootstrap SE / empirical SE. */
  seRatio: number;
  seRatioMcse: number;
  /** Share of cohorts whose percentile interval contains the truth. */
  coverage: number;
  coverageMcse: number;
}

export interface MarginalSimulationReport {
  simulated: true;
  description: string;
  command: string;
  settings: MarginalSimulationSettings;
  generator: string;
  truth: { seeds: number; treated: number; measures: { measure: "survival" | "rmst"; time: number; difference: number; mcse: number }[] };
  summary: MarginalSimulationSummary[];
  cohorts: MarginalSimulationCohort[];
}

const round6 = (x: number): number => (Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : x);

/** The analysis of one simulated cohort, seed `${seedPrefix}${k}`. */
export function marginalSimulationCohort(k: number, settings: MarginalSimulationSettings): MarginalSimulationCohort {
  const seed = `${settings.seedPrefix}${k}`;
  const cohort = recordCohort(generateClinicalCohort(seed)) as CohortData;
  try {
    const m = sequentialTrialsMarginal(cohort, {
      ...settings.trials,
      truncate: settings.truncate,
      confLevel: settings.confLevel,
      survivalTimes: settings.survivalTimes,
      rmstTimes: settings.rmstTimes,
      bootstrap: settings.bootstrap,
      seed: `${seed}/bootstrap`,
      censoringModel: settings.censoringModel ?? "ml",
    });
    return { seed, treated: m.treated, failedDraws: m.failedDraws, estimates: m.estimates.map((e) => [e.difference, e.lower, e.upper, e.se].map(round6) as [number, number, number, number]) };
  } catch (error) {
    if (!(error instanceof InputError || error instanceof FitError)) throw error;
    return { seed, treated: null, failedDraws: null, estimates: null };
  }
}

function checkSettings(s: MarginalSimulationSettings): void {
  if (s.censoringModel !== undefined && s.censoringModel !== "ml" && s.censoringModel !== "firth") throw new InputError("censoringModel", null, s.censoringModel, 'must be "ml" or "firth"');
  for (const [k, v] of [["cohorts", s.cohorts], ["bootstrap", s.bootstrap], ["truthSeeds", s.truthSeeds]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new InputError(k, null, v, "must be a whole number >= 1");
  }
}

/** Summaries over the cohorts (see the file comment). */
export function summarizeMarginalSimulations(cohorts: readonly MarginalSimulationCohort[], truth: MarginalSimulationReport["truth"]): MarginalSimulationSummary[] {
  return truth.measures.map((t, j) => {
    const rows = cohorts.filter((c) => c.estimates !== null).map((c) => (c.estimates as [number, number, number, number][])[j]);
    const r = rows.length;
    const mean = rows.reduce((a, x) => a + x[0], 0) / r;
    const empiricalSe = sampleStandardDeviation(rows.map((x) => x[0])) ?? NaN;
    const ses = rows.map((x) => x[3]).filter((v) => Number.isFinite(v));
    const meanSe = ses.reduce((a, v) => a + v, 0) / ses.length;
    const sdSe = sampleStandardDeviation(ses) ?? NaN;
    const ratio = meanSe / empiricalSe;
    const covered = rows.filter((x) => x[1] <= t.difference && t.difference <= x[2]).length / r;
    return {
      measure: t.measure,
      time: t.time,
      truth: t.difference,
      cohorts: r,
      mean: round6(mean),
      bias: round6(mean - t.difference),
      biasMcse: round6(Math.sqrt((empiricalSe * empiricalSe) / r + t.mcse * t.mcse)),
      empiricalSe: round6(empiricalSe),
      empiricalSeMcse: round6(empiricalSe / Math.sqrt(2 * (r - 1))),
      meanBootstrapSe: round6(meanSe),
      seRatio: round6(ratio),
      seRatioMcse: round6(ratio * Math.sqrt(1 / (2 * (r - 1)) + (sdSe * sdSe) / (ses.length * meanSe * meanSe))),
      coverage: round6(covered),
      coverageMcse: round6(Math.sqrt((covered * (1 - covered)) / r)),
    };
  });
}

/** The whole study: every cohort analysed, the truth, the summaries. */
export function runMarginalSimulations(settings: MarginalSimulationSettings = MARGINAL_SIMULATION_SETTINGS, progress?: (done: number) => void): MarginalSimulationReport {
  checkSettings(settings);
  const t = clinicalMarginalTruth(settings.truthSeeds, { survival: settings.survivalTimes, rmst: settings.rmstTimes });
  const truth = {
    seeds: t.seeds,
    treated: t.treated,
    measures: [
      ...t.survival.map((x) => ({ measure: "survival" as const, time: x.time, difference: round6(x.difference), mcse: round6(x.mcse) })),
      ...t.rmst.map((x) => ({ measure: "rmst" as const, time: x.time, difference: round6(x.difference), mcse: round6(x.mcse) })),
    ],
  };
  const cohorts: MarginalSimulationCohort[] = [];
  for (let k = 1; k <= settings.cohorts; k++) {
    cohorts.push(marginalSimulationCohort(k, settings));
    if (progress) progress(k);
  }
  const firth = settings.censoringModel === "firth";
  const { censoringModel: _model, ...rest } = settings;
  const isDefault = JSON.stringify(rest) === JSON.stringify(MARGINAL_SIMULATION_SETTINGS);
  const args = [isDefault ? "" : ` --cohorts ${settings.cohorts} --bootstrap ${settings.bootstrap}`, firth ? " --censoring-model firth" : ""].join("");
  return {
    simulated: true,
    description:
      "SIMULATED DATA. A simulation study of notebook 07's marginal comparison of the sequential target trials (survival differences and restricted-mean differences, " +
      "with minus without RT, bootstrap percentile intervals) on cohorts drawn from the project's clinical generator with the shipped data's settings (CLINICAL_PARAMS, data/README.md) and other seeds. " +
      (firth ? "The censoring model is fitted by Firth's penalised likelihood (notebook 07's sensitivity analysis) in every cohort and bootstrap draw. " : "") +
      "truth: the effect of starting RT among those who started it, from the start of RT (clinicalMarginalTruth).",
    command: `npm run marginal-simulations${args === "" ? "" : ` --${args}`}`,
    settings,
    generator: "generateClinicalCohort(seed, CLINICAL_PARAMS) (src/synth/clinical-cohort.ts), as recordCohort gives it to the analyses",
    truth,
    summary: summarizeMarginalSimulations(cohorts, truth),
    cohorts,
  };
}

/**
 * The report with its summaries recomputed from its stored cohorts and truth (no cohort is
 * re-analysed): for a change in how the summaries are computed, in seconds instead of the study's hour.
 */
export function resummarizeMarginalSimulations(report: MarginalSimulationReport): MarginalSimulationReport {
  return { ...report, summary: summarizeMarginalSimulations(report.cohorts, report.truth) };
}

/** data/marginal-simulations.json in the repository (data/marginal-simulations-firth.json for the Firth censoring model). */
export function marginalSimulationFile(root: string = repoRoot(), censoringModel: CensoringModelKind = "ml"): string {
  return path.join(root, "data", censoringModel === "firth" ? "marginal-simulations-firth.json" : "marginal-simulations.json");
}

/** The committed report, or null when it has not been generated. */
export function readMarginalSimulations(file: string = marginalSimulationFile()): MarginalSimulationReport | null {
  const report = readJsonReport<MarginalSimulationReport>(file);
  if (report === null) return null;
  if (report.simulated !== true || !Array.isArray(report.summary)) throw new Error(`${file} is not a marginal-simulations report`);
  return report;
}

/** Writes the report as stable, indented JSON (same settings, same bytes). */
export function writeMarginalSimulations(report: MarginalSimulationReport, file: string = marginalSimulationFile()): string {
  return writeJsonReport(file, report, 1);
}

/**
 * Where an estimate of measure `j` falls in the simulated sampling distribution: the share of
 * the simulated cohorts' estimates at or below it and at or above it, and its distance from
 * the truth in empirical standard errors.
 */
export function marginalSimulationPosition(report: MarginalSimulationReport, j: number, estimate: number): { atOrBelow: number; atOrAbove: number; z: number } {
  const values = report.cohorts.filter((c) => c.estimates !== null).map((c) => (c.estimates as [number, number, number, number][])[j][0]);
  const s = report.summary[j];
  return {
    atOrBelow: values.filter((v) => v <= estimate).length / values.length,
    atOrAbove: values.filter((v) => v >= estimate).length / values.length,
    z: (estimate - s.truth) / s.empiricalSe,
  };
}

/** The settings in which `report` differs from the analysis asked for (empty: it applies). */
export function marginalSimulationMismatches(report: MarginalSimulationReport, analysis: Pick<MarginalSimulationSettings, "trials" | "truncate" | "survivalTimes" | "rmstTimes" | "confLevel" | "truthSeeds">): string[] {
  const out: string[] = [];
  for (const key of ["trials", "truncate", "survivalTimes", "rmstTimes", "confLevel", "truthSeeds"] as const) {
    if (JSON.stringify(report.settings[key]) !== JSON.stringify(analysis[key])) out.push(`${key} ${JSON.stringify(report.settings[key])} in the file, ${JSON.stringify(analysis[key])} here`);
  }
  return out;
}
