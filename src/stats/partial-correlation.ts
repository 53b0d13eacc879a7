/**
 * Partial correlation of x and y adjusted for a grouping factor: the pooled
 * within-group Pearson correlation, i.e. the correlation of the residuals of x and
 * of y after removing each group's mean (R: cor(resid(lm(x ~ g)), resid(lm(y ~ g)))).
 * It answers whether x and y go together within groups, apart from any difference
 * between the groups' means (which alone can make a pooled correlation large).
 *
 *   r = Σ_g Σ_i (x − x̄_g)(y − ȳ_g) / sqrt(Σ_g Σ_i (x − x̄_g)² · Σ_g Σ_i (y − ȳ_g)²)
 *   t = r · sqrt(df / (1 − r²)),  df = n − 2 − k,  k = G − 1 (the covariate's columns)
 *   interval tanh(atanh(r) ± z_{1−α/2} / sqrt(n − 3 − k))  (Fisher z with k adjusted-for columns)
 * The t test is the test of x's coefficient in lm(y ~ g + x) (same t, df and P, R's
 * summary.lm); the interval is the usual Fisher-z interval of a partial correlation
 * of order k. With one group (k = 0) this is cor.test. Throws when, within groups, x or
 * y does not vary, or when n − 3 − k < 1.
 * R fixture: test/fixtures/r/stats-correlation-partial.R.
 *
 * @example
 * partialCorrelation(serumVegf, mvd, group).r; // within-group association
 */
import { InputError, requireLength, requireSameLength, missingRows, finiteColumn, factorColumn } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { normalQuantile, tTwoSided } from "../distributions/index";
import { keptRows, requireConfLevel, requireMissingPolicy } from "./input";

export interface PartialCorrelationOptions {
  confLevel?: number;
  /** "drop": rows missing x, y or the group are left out (counted in `dropped`). */
  missing?: MissingPolicy;
}

export interface PartialCorrelationResult {
  method: "Partial Pearson correlation adjusted for a grouping factor (pooled within-group; t test, Fisher z interval)";
  r: number;
  t: number;
  df: number;
  pValue: number;
  lower: number;
  upper: number;
  confLevel: number;
  n: number;
  /** Groups adjusted for, in levels order, with their sizes. */
  groups: { group: string; n: number }[];
  dropped: number;
}

/** Pooled within-group correlation of x and y with its t test and interval; see the file comment. */
export function partialCorrelation(
  x: ArrayLikeInput<unknown>,
  y: ArrayLikeInput<unknown>,
  group: ArrayLikeInput<unknown>,
  options: PartialCorrelationOptions = {},
): PartialCorrelationResult {
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  requireConfLevel(confLevel);
  requireLength("x", x);
  requireLength("y", y);
  requireLength("group", group);
  requireSameLength({ x, y, group });
  const drop = missingRows({ x, y, group }, requireMissingPolicy(options.missing));
  const xs = finiteColumn("x", x, drop);
  const ys = finiteColumn("y", y, drop);
  const factor = factorColumn("group", group, drop);
  const rows = keptRows(x.length, drop);
  const n = xs.length;
  const g = factor.levels.length;
  const count = new Float64Array(g);
  const sumX = new Float64Array(g);
  const sumY = new Float64Array(g);
  for (let i = 0; i < n; i++) {
    const c = factor.codes[i];
    count[c]++;
    sumX[c] += xs[i];
    sumY[c] += ys[i];
  }
  const present = factor.levels.map((level, j) => ({ group: level, n: count[j] })).filter((x) => x.n > 0);
  const k = present.length - 1;
  const df = n - 2 - k;
  if (n - 3 - k < 1) throw new InputError("x", null, n, `needs more than ${k + 3} complete rows for a correlation adjusted for ${present.length} groups, got ${n}`);
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const c = factor.codes[i];
    const dx = xs[i] - sumX[c] / count[c];
    const dy = ys[i] - sumY[c] / count[c];
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  const tiny = (ss: number, values: Float64Array): boolean => {
    let scale = 0;
    for (const v of values) scale = Math.max(scale, Math.abs(v));
    return !(ss > 1e-24 * Math.max(1, scale * scale) * n);
  };
  if (tiny(sxx, xs)) throw new InputError("x", rows.length > 0 ? rows[0] : null, xs[0], "does not vary within groups: the partial correlation is undefined");
  if (tiny(syy, ys)) throw new InputError("y", rows.length > 0 ? rows[0] : null, ys[0], "does not vary within groups: the partial correlation is undefined");
  let r = sxy / Math.sqrt(sxx * syy);
  r = r > 1 ? 1 : r < -1 ? -1 : r;
  const t = Math.abs(r) === 1 ? r * Infinity : r * Math.sqrt(df / (1 - r * r));
  const q = normalQuantile(1 - (1 - confLevel) / 2);
  const z = Math.atanh(r);
  const sigma = 1 / Math.sqrt(n - 3 - k);
  return {
    method: "Partial Pearson correlation adjusted for a grouping factor (pooled within-group; t test, Fisher z interval)",
    r,
    t,
    df,
    pValue: Math.min(1, tTwoSided(t, df)),
    lower: Math.tanh(z - q * sigma),
    upper: Math.tanh(z + q * sigma),
    confLevel,
    n,
    groups: present,
    dropped: drop.size,
  };
}
