/**
 * Rubin's rules: one estimate from m analyses of the same data that differ by a random draw
 * (multiple imputations; here also repeated landmark draws), with a variance that adds the
 * spread between draws to the mean sampling variance within them (Rubin 1987; the combination
 * of R's mitools::MIcombine and mice::pool for a scalar):
 *
 *   Q̄ = mean(q_k),   Ū = mean(u_k),   B = sum (q_k − Q̄)² / (m − 1),
 *   T = Ū + (1 + 1/m) B,   r = (1 + 1/m) B / Ū,   ν = (m − 1) (1 + 1/r)²,
 *
 * interval Q̄ ± t_{ν, (1+level)/2} √T and two-sided P of Q̄ / √T against t with ν degrees of
 * freedom (ν infinite when B = 0: the normal distribution). `missingInformation` is
 * (r + 2/(ν + 3)) / (r + 1), the share of the variance due to the draw.
 *
 * For a hazard ratio pool the log hazard ratios and their squared standard errors, then
 * exponentiate the estimate and limits.
 *
 * @example
 * rubinPool([0.6, 0.7, 0.5], [0.04, 0.05, 0.045]).estimate; // 0.6
 */
import { InputError } from "../core/index";
import { normalQuantile, normalTwoSided, tQuantile, tTwoSided } from "../distributions/index";
import { requireConfLevel } from "./input";

export interface RubinPoolOptions {
  /** Confidence level of the interval (default 0.95). */
  confLevel?: number;
}

export interface RubinPoolResult {
  /** Number of draws m. */
  m: number;
  /** Mean estimate Q̄. */
  estimate: number;
  /** Mean within-draw variance Ū, between-draw variance B, total T. */
  within: number;
  between: number;
  total: number;
  se: number;
  /** Relative increase in variance due to the draw, r. */
  relativeIncrease: number;
  /** Rubin's degrees of freedom ν (Infinity when B = 0). */
  df: number;
  /** Fraction of missing information, (r + 2/(ν + 3)) / (r + 1). */
  missingInformation: number;
  lower: number;
  upper: number;
  /** Two-sided P of estimate = 0. */
  pValue: number;
  confLevel: number;
}

/** Rubin's rules over m ≥ 2 estimates and their sampling variances; see the file comment. */
export function rubinPool(estimates: readonly number[], variances: readonly number[], options: RubinPoolOptions = {}): RubinPoolResult {
  if (!Array.isArray(estimates) || estimates.length < 2) throw new InputError("estimates", null, Array.isArray(estimates) ? estimates.length : estimates, "needs at least 2 estimates (one per draw)");
  if (!Array.isArray(variances) || variances.length !== estimates.length) {
    throw new InputError("variances", null, Array.isArray(variances) ? variances.length : variances, `must have one variance per estimate (${estimates.length})`);
  }
  estimates.forEach((q, k) => {
    if (typeof q !== "number" || !Number.isFinite(q)) throw new InputError("estimates", k, q, "must be a finite number");
  });
  variances.forEach((u, k) => {
    if (typeof u !== "number" || !Number.isFinite(u) || u < 0) throw new InputError("variances", k, u, "must be a finite number ≥ 0");
  });
  const confLevel = options.confLevel ?? 0.95;
  requireConfLevel(confLevel);
  const m = estimates.length;
  const qbar = estimates.reduce((s, q) => s + q, 0) / m;
  const ubar = variances.reduce((s, u) => s + u, 0) / m;
  const b = estimates.reduce((s, q) => s + (q - qbar) * (q - qbar), 0) / (m - 1);
  const total = ubar + (1 + 1 / m) * b;
  if (!(total > 0)) throw new InputError("variances", null, 0, "every variance and the spread between draws are 0: no interval can be formed");
  const r = ubar > 0 ? ((1 + 1 / m) * b) / ubar : Infinity;
  const df = b === 0 ? Infinity : (m - 1) * (1 + 1 / r) * (1 + 1 / r);
  const se = Math.sqrt(total);
  const crit = Number.isFinite(df) ? tQuantile(0.5 + confLevel / 2, df) : normalQuantile(0.5 + confLevel / 2);
  const stat = qbar / se;
  const pValue = Number.isFinite(df) ? tTwoSided(stat, df) : normalTwoSided(stat);
  const missingInformation = Number.isFinite(r) ? (r + (Number.isFinite(df) ? 2 / (df + 3) : 0)) / (r + 1) : 1;
  return {
    m,
    estimate: qbar,
    within: ubar,
    between: b,
    total,
    se,
    relativeIncrease: r,
    df,
    missingInformation,
    lower: qbar - crit * se,
    upper: qbar + crit * se,
    pValue,
    confLevel,
  };
}
