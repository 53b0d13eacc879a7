/**
 * Standardized mean difference of a covariate between treated (1) and control
 * (0) rows, the balance measure of propensity-score analyses (Austin 2009):
 *
 *   d = (m1 - m0) / sqrt((s1^2 + s0^2) / 2)
 *
 * m1, m0: the (weighted, when `weights` are given) group means, sum w x / sum w;
 * s1^2, s0^2: the variances of the *unweighted* groups, so that the weighted
 * and unweighted differences share one denominator and weighting changes only
 * the numerator: the sample variance (denominator n - 1) for a continuous
 * covariate, p (1 - p) for a binary one (p the unweighted group proportion).
 * A covariate whose values are all 0 or 1 is binary unless `binary` says
 * otherwise. This is MatchIt's "Std. Mean Diff." with s.d.denom = "pooled"
 * (and cobalt's default for the ATE); the R fixture checks it against
 * MatchIt's own routine. |d| < 0.1 is the usual threshold for balance.
 *
 * Also returned: the variance ratio s1^2 / s0^2 of the weighted groups
 * (weighted variance sum w (x - m)^2 / (sum w - sum w^2 / sum w), i.e. with
 * normalised weights sum w (x - m)^2 / (1 - sum w^2), as MatchIt), null for a
 * binary covariate; near 1 means similar spread. `smd` is null when the pooled
 * SD is 0 and the means differ (the covariate alone separates the groups), 0
 * when both are 0.
 *
 * @example
 * standardizedDifference(age, rt).smd;                          // before weighting
 * standardizedDifference(age, rt, { weights: w.weights }).smd; // after
 */
import { InputError, missingRows, finiteColumn, weightsColumn, requireLength } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { requireMissingPolicy } from "./input";
import { requireBothGroups, treatmentColumn } from "./treatment-input";

export interface StandardizedDifferenceOptions {
  /** Weights for the group means (e.g. propensityWeights(...).weights); the SD is always unweighted. */
  weights?: ArrayLikeInput<unknown>;
  /** Treat x as binary (p(1-p) variances); default: when every value is 0 or 1. */
  binary?: boolean;
  /** "error" (default) or "drop" rows with a missing x, treated or weight. */
  missing?: MissingPolicy;
}

export interface StandardizedDifferenceResult {
  /** (meanTreated - meanControl) / pooledSd. */
  smd: number | null;
  meanTreated: number;
  meanControl: number;
  difference: number;
  /** sqrt((s1^2 + s0^2) / 2) of the unweighted groups. */
  pooledSd: number;
  binary: boolean;
  weighted: boolean;
  /** Weighted variance ratio treated / control (null for binary covariates). */
  varianceRatio: number | null;
  nTreated: number;
  nControl: number;
  dropped: number;
}

/** Standardized difference of x between treated and control; see the file comment. */
export function standardizedDifference(
  x: ArrayLikeInput<unknown>,
  treated: ArrayLikeInput<unknown>,
  options: StandardizedDifferenceOptions = {},
): StandardizedDifferenceResult {
  requireLength("x", x);
  requireLength("treated", treated);
  const columns: Record<string, ArrayLikeInput<unknown>> = { x, treated };
  if (treated.length !== x.length) throw new InputError("treated", null, treated.length, `has length ${treated.length} but x has length ${x.length}`);
  if (options.weights !== undefined) {
    requireLength("weights", options.weights);
    if (options.weights.length !== x.length) throw new InputError("weights", null, options.weights.length, `has length ${options.weights.length} but x has length ${x.length}`);
    columns.weights = options.weights;
  }
  const dropped = missingRows(columns, requireMissingPolicy(options.missing));
  const xs = finiteColumn("x", x, dropped);
  const t = treatmentColumn("treated", treated, dropped);
  const w = options.weights === undefined ? null : weightsColumn("weights", options.weights, dropped);
  const { nTreated, nControl } = requireBothGroups("treated", t);
  let binary = true;
  for (let i = 0; i < xs.length && binary; i++) binary = xs[i] === 0 || xs[i] === 1;
  if (options.binary !== undefined) {
    if (typeof options.binary !== "boolean") throw new InputError("binary", null, options.binary, "must be true or false");
    if (options.binary && !binary) {
      let i = 0;
      while (dropped.has(i) || x[i] === 0 || x[i] === 1) i++;
      throw new InputError("x", i, x[i], "must be 0 or 1 when binary is true");
    }
    binary = options.binary;
  }
  const groups = [0, 1].map((g) => {
    const values: number[] = [];
    const wts: number[] = [];
    for (let i = 0; i < xs.length; i++) {
      if (t[i] !== g) continue;
      values.push(xs[i]);
      wts.push(w === null ? 1 : w[i]);
    }
    const sumW = wts.reduce((a, b) => a + b, 0);
    if (!(sumW > 0)) throw new InputError("weights", null, 0, `sum to 0 in the ${g === 1 ? "treated" : "control"} group`);
    const mean = values.reduce((a, v, k) => a + wts[k] * v, 0) / sumW;
    const plainMean = values.reduce((a, v) => a + v, 0) / values.length;
    const plainVar = binary
      ? plainMean * (1 - plainMean)
      : values.length < 2
        ? NaN
        : values.reduce((a, v) => a + (v - plainMean) * (v - plainMean), 0) / (values.length - 1);
    // Weighted variance with normalised weights u = w / sum w: sum u (x - m)^2 / (1 - sum u^2).
    let ss = 0;
    let u2 = 0;
    for (let k = 0; k < values.length; k++) {
      const u = wts[k] / sumW;
      ss += u * (values[k] - mean) * (values[k] - mean);
      u2 += u * u;
    }
    return { mean, plainVar, weightedVar: ss / (1 - u2) };
  });
  const [control, treatedGroup] = groups;
  if (!binary && (nTreated < 2 || nControl < 2)) {
    throw new InputError("treated", null, Math.min(nTreated, nControl), "needs at least 2 rows per group for the standard deviation of a continuous covariate");
  }
  const pooledSd = Math.sqrt((treatedGroup.plainVar + control.plainVar) / 2);
  const difference = treatedGroup.mean - control.mean;
  const smd = pooledSd > 0 ? difference / pooledSd : difference === 0 ? 0 : null;
  return {
    smd,
    meanTreated: treatedGroup.mean,
    meanControl: control.mean,
    difference,
    pooledSd,
    binary,
    weighted: w !== null,
    varianceRatio: binary ? null : treatedGroup.weightedVar / control.weightedVar,
    nTreated,
    nControl,
    dropped: dropped.size,
  };
}
