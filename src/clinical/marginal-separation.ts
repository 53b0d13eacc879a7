/**
 * Quasi-separation of the censoring model in the bootstrap draws of sequentialTrialsMarginal
 * (notebook 07, section 4c), and what the percentile intervals owe to those draws.
 *
 * Per usable draw, the censoring (= entry) model's fit: its smallest fitted probability of
 * either outcome (fittedProbabilityBoundary over the drawn rows), its IRLS steps and
 * convergence, the binary covariates with a level lacking RT starts or non-starters
 * (emptyBinaryLevels: a certificate of quasi-complete separation), and the largest censoring
 * weight of a control piece before truncation. A draw counts as **separated** when a binary
 * level is empty, or the smallest fitted probability is below `tolerance` (default 1e-8), or
 * IRLS did not converge; `glmWarning` is R's own rule (fitted probability within
 * 10 * .Machine$double.eps of 0 or 1, or no convergence), which glm's deviance rule can stop
 * short of (src/stats/logistic-separation.ts).
 *
 * marginalSeparationSensitivity: per measure, the percentile interval from all usable draws
 * (as the result reports it), from the draws not separated only, and from the separated only.
 *
 * @example
 * const m = sequentialTrialsMarginal(cohort, { ...trials, survivalTimes: [12], rmstTimes: [24], bootstrap: 200, seed: "s" });
 * m.draws.separation.filter((d) => d.separated).length;
 * marginalSeparationSensitivity(m).measures[0].nonSeparated; // { lower, upper, draws }
 */
import { emptyBinaryLevels, fittedProbabilityBoundary, GLM_FITTED_EPS } from "../stats/logistic-separation";
import { fmt } from "./format";
import { marginalMeasureRow } from "./bias-tables";
import { quantileSorted } from "../stats/quantile-sorted";
import type { MarginalBootstrapPlan } from "./marginal-bootstrap";
import type { TableLike } from "../display/table-html";

/** Default tolerance on min(mu, 1 - mu) below which a draw's censoring model counts as separated. */
export const SEPARATION_TOLERANCE = 1e-8;

export interface DrawSeparation {
  /** Separated by the definition of the file comment. */
  separated: boolean;
  /** R's glm would warn (fitted probabilities numerically 0 or 1, or not converged). */
  glmWarning: boolean;
  /** Smallest fitted probability of either outcome in the censoring model. */
  minProbability: number;
  iterations: number;
  converged: boolean;
  /** Binary covariates with a level lacking RT starts ("residual = 0 lacks events"). */
  emptyLevels: string[];
  /** Largest censoring weight of a control piece, before truncation. */
  maxWeight: number;
}

function emptyLevelNames(plan: MarginalBootstrapPlan, multiplicity: ArrayLike<number>, names: readonly string[]): string[] {
  return emptyBinaryLevels(plan.censoring, multiplicity).map((e) => `${names[e.term] ?? `x${e.term + 1}`} = ${e.level} lacks ${e.lacks}`);
}

function classify(minProbability: number, converged: boolean, emptyLevels: string[], tolerance: number): { separated: boolean; glmWarning: boolean } {
  return {
    separated: emptyLevels.length > 0 || minProbability < tolerance || !converged,
    glmWarning: minProbability < GLM_FITTED_EPS || !converged,
  };
}

/** The separation diagnostics of a draw marginalBootstrapDraw has just taken (it leaves its fit in the plan's scratch). */
export function fastDrawSeparation(plan: MarginalBootstrapPlan, multiplicity: ArrayLike<number>, names: readonly string[], tolerance = SEPARATION_TOLERANCE): DrawSeparation {
  const fit = plan.scratch.censoringFit;
  if (fit === undefined) throw new Error("fastDrawSeparation: no draw has been taken with this plan");
  const group = plan.censoring.group;
  const b = fittedProbabilityBoundary(fit.eta, { include: (r) => multiplicity[group[r]] > 0, tolerance });
  const emptyLevels = emptyLevelNames(plan, multiplicity, names);
  const maxWeight = plan.scratch.maxControlWeight ?? 0;
  return { ...classify(b.minProbability, fit.converged, emptyLevels, tolerance), minProbability: b.minProbability, iterations: fit.iterations, converged: fit.converged, emptyLevels, maxWeight };
}

/** The separation diagnostics of a draw redone on the resampled patients (ipcwWeights' censoring model and weights). */
export function redoneDrawSeparation(
  plan: MarginalBootstrapPlan,
  multiplicity: ArrayLike<number>,
  names: readonly string[],
  model: { minFittedProbability: number; iterations: number; converged: boolean },
  rows: { treated: number[]; weight: number[] },
  tolerance = SEPARATION_TOLERANCE,
): DrawSeparation {
  const emptyLevels = emptyLevelNames(plan, multiplicity, names);
  let maxWeight = 0;
  rows.treated.forEach((t, r) => {
    if (t === 0 && rows.weight[r] > maxWeight) maxWeight = rows.weight[r];
  });
  return { ...classify(model.minFittedProbability, model.converged, emptyLevels, tolerance), minProbability: model.minFittedProbability, iterations: model.iterations, converged: model.converged, emptyLevels, maxWeight };
}

export interface SeparationInterval {
  draws: number;
  lower: number;
  upper: number;
  /** Median of the draws' differences. */
  median: number;
}

export interface MarginalSeparationSensitivity {
  confLevel: number;
  tolerance: number;
  usableDraws: number;
  separatedDraws: number;
  /** Draws where R's glm would warn. */
  glmWarningDraws: number;
  /** Draws with an empty binary level, by covariate level ("residual = 0 lacks events": count). */
  emptyLevels: Record<string, number>;
  /** Median (and range) of the IRLS steps and of the largest censoring weight, separated and not. */
  iterations: { separated: [number, number, number]; nonSeparated: [number, number, number] };
  maxWeight: { separated: [number, number, number]; nonSeparated: [number, number, number] };
  minProbability: { separated: [number, number, number]; nonSeparated: [number, number, number] };
  measures: {
    measure: "survival" | "rmst";
    time: number;
    difference: number;
    all: SeparationInterval;
    nonSeparated: SeparationInterval;
    separated: SeparationInterval;
  }[];
}

function interval(values: number[], alpha: number): SeparationInterval {
  const s = values.slice().sort((a, b) => a - b);
  if (s.length === 0) return { draws: 0, lower: NaN, upper: NaN, median: NaN };
  return { draws: s.length, lower: quantileSorted(s, alpha), upper: quantileSorted(s, 1 - alpha), median: quantileSorted(s, 0.5) };
}

function spread(values: number[]): [number, number, number] {
  if (values.length === 0) return [NaN, NaN, NaN];
  const s = values.slice().sort((a, b) => a - b);
  return [quantileSorted(s, 0.5), s[0], s[s.length - 1]];
}

/** The percentile intervals from all, non-separated and separated draws; see the file comment. */
export function marginalSeparationSensitivity(m: {
  confLevel: number;
  separationTolerance: number;
  estimates: { measure: "survival" | "rmst"; time: number; difference: number }[];
  draws: { differences: number[][]; separation: DrawSeparation[] };
}): MarginalSeparationSensitivity {
  const alpha = (1 - m.confLevel) / 2;
  const sep = m.draws.separation;
  const isSep = sep.map((d) => d.separated);
  const emptyLevels: Record<string, number> = {};
  for (const d of sep) for (const e of d.emptyLevels) emptyLevels[e] = (emptyLevels[e] ?? 0) + 1;
  const split = (get: (d: DrawSeparation) => number) => ({
    separated: spread(sep.filter((d) => d.separated).map(get)),
    nonSeparated: spread(sep.filter((d) => !d.separated).map(get)),
  });
  return {
    confLevel: m.confLevel,
    tolerance: m.separationTolerance,
    usableDraws: sep.length,
    separatedDraws: isSep.filter((x) => x).length,
    glmWarningDraws: sep.filter((d) => d.glmWarning).length,
    emptyLevels,
    iterations: split((d) => d.iterations),
    maxWeight: split((d) => d.maxWeight),
    minProbability: split((d) => d.minProbability),
    measures: m.estimates.map((e, j) => {
      const v = m.draws.differences[j];
      return {
        measure: e.measure,
        time: e.time,
        difference: e.difference,
        all: interval(v, alpha),
        nonSeparated: interval(v.filter((_, b) => !isSep[b]), alpha),
        separated: interval(v.filter((_, b) => isSep[b]), alpha),
      };
    }),
  };
}

/** Table of marginalSeparationSensitivity: per measure the estimate and the three percentile intervals. */
export function marginalSeparationRows(s: MarginalSeparationSensitivity): TableLike {
  const level = `${fmt(100 * s.confLevel, 0)}%`;
  const cell = (x: SeparationInterval, d: number) => (x.draws === 0 ? "—" : `${fmt(x.lower, d)} to ${fmt(x.upper, d)}`);
  return {
    columns: [
      "Measure",
      "Difference, with − without",
      `${level} interval, all ${s.usableDraws} draws`,
      `Draws not separated (${s.usableDraws - s.separatedDraws})`,
      `Separated draws only (${s.separatedDraws})`,
      "Median draw: not separated / separated",
    ],
    values: s.measures.map((m) => {
      const { label, digits: d } = marginalMeasureRow(m.measure, m.time);
      return [
        label,
        fmt(m.difference, d),
        cell(m.all, d),
        cell(m.nonSeparated, d),
        cell(m.separated, d),
        `${m.nonSeparated.draws === 0 ? "—" : fmt(m.nonSeparated.median, d)} / ${m.separated.draws === 0 ? "—" : fmt(m.separated.median, d)}`,
      ];
    }),
  };
}
