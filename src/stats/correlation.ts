import * as ss from "simple-statistics";
import { InputError } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { normalQuantile, tTwoSided, tUpper } from "../distributions/index";
import { midRanks } from "./ranks";
import { isConstant, pairedInput, requireAlternative, requireConfLevel } from "./input";
import type { Alternative } from "./input";

export interface CorrelationOptions {
  confLevel?: number;
  alternative?: Alternative;
  /** "drop" keeps complete (x, y) pairs, as cor.test does. */
  missing?: MissingPolicy;
}

export interface CorrelationResult {
  n: number;
  alternative: Alternative;
  confLevel: number;
  pearson: {
    method: "Pearson product-moment correlation (t test, Fisher z interval)";
    r: number;
    t: number;
    df: number;
    pValue: number;
    /** Fisher-z interval; null when n < 4 (as R). One-sided: -1 or 1 on the open side. */
    lower: number | null;
    upper: number | null;
  };
  spearman: {
    method: "Spearman rank correlation (mid-ranks for ties, t approximation; R exact = FALSE)";
    rho: number;
    /** R's statistic S = (n³ − n)(1 − rho)/6. */
    s: number;
    pValue: number;
  };
  dropped: number;
}

/**
 * Pearson and Spearman correlation with tests, matching R's
 * `cor.test(x, y, method = "pearson", conf.level = )` and
 * `cor.test(x, y, method = "spearman", exact = FALSE)`.
 *
 * Pearson: r (simple-statistics sampleCorrelation), t = r·sqrt((n−2)/(1−r²)) on n−2 df;
 * interval tanh(atanh(r) ± z_{1−α/2}/sqrt(n−3)) (Fisher z; one-sided: the open side is ±1).
 * Spearman: rho = Pearson correlation (simple-statistics) of the mid-ranks (ties averaged, as
 * R's rank(); see ranks.ts for why not simple-statistics' sampleRankCorrelation); p from t = rho·sqrt((n−2)/(1−rho²)) on n−2 df, R's asymptotic
 * approximation (R's exact permutation p-value for small untied samples is not implemented).
 * |r| = 1 gives t = ±Infinity and p = 0. Throws when x or y is constant (r undefined) or n < 3.
 *
 * @example
 * correlation(serumVegf, microvesselDensity).spearman.pValue
 */
export function correlation(x: ArrayLikeInput<unknown>, y: ArrayLikeInput<unknown>, options: CorrelationOptions = {}): CorrelationResult {
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  const alternative = options.alternative === undefined ? "two.sided" : options.alternative;
  requireConfLevel(confLevel);
  requireAlternative(alternative);
  const data = pairedInput("x", x, "y", y, options.missing);
  const n = data.x.length;
  if (n < 3) throw new InputError("x", null, n, `needs at least 3 complete pairs, got ${n}`);
  if (isConstant(data.x)) throw new InputError("x", null, data.x[0], "is constant: the correlation is undefined");
  if (isConstant(data.y)) throw new InputError("y", null, data.y[0], "is constant: the correlation is undefined");
  const df = n - 2;

  const r = clampUnit(ss.sampleCorrelation(asNumbers(data.x), asNumbers(data.y)));
  const t = tStatistic(r, df);
  const { lower, upper } = fisherZInterval(r, n - 3, alternative, confLevel);

  const rho = clampUnit(ss.sampleCorrelation(asNumbers(midRanks(data.x)), asNumbers(midRanks(data.y))));
  const s = ((n * n * n - n) * (1 - rho)) / 6;

  return {
    n,
    alternative,
    confLevel,
    pearson: {
      method: "Pearson product-moment correlation (t test, Fisher z interval)",
      r,
      t,
      df,
      pValue: pOf(t, df, alternative),
      lower,
      upper,
    },
    spearman: {
      method: "Spearman rank correlation (mid-ranks for ties, t approximation; R exact = FALSE)",
      rho,
      s,
      pValue: pOf(tStatistic(rho, df), df, alternative),
    },
    dropped: data.dropped,
  };
}

/** simple-statistics types its inputs as number[]; typed arrays work the same at run time. */
function asNumbers(values: Float64Array): number[] {
  return values as unknown as number[];
}

/**
 * @internal Fisher-z interval tanh(atanh(r) ± z/sqrt(m)) for a correlation whose atanh has
 * variance 1/m (m = n − 3; n − 3 − k for a partial correlation); one-sided: ±1 on the open
 * side; nulls when m < 1 (R gives no interval).
 */
export function fisherZInterval(r: number, m: number, alternative: Alternative, confLevel: number): { lower: number | null; upper: number | null } {
  if (m < 1) return { lower: null, upper: null };
  const z = Math.atanh(r);
  const sigma = 1 / Math.sqrt(m);
  if (alternative === "two.sided") {
    const q = normalQuantile(1 - (1 - confLevel) / 2);
    return { lower: Math.tanh(z - q * sigma), upper: Math.tanh(z + q * sigma) };
  }
  if (alternative === "less") return { lower: -1, upper: Math.tanh(z + normalQuantile(confLevel) * sigma) };
  return { lower: Math.tanh(z - normalQuantile(confLevel) * sigma), upper: 1 };
}

/** @internal Clamps a computed correlation to [-1, 1]. */
export function clampUnit(r: number): number {
  return r > 1 ? 1 : r < -1 ? -1 : r;
}

/** @internal t = r·sqrt(df/(1 − r²)), ±Infinity at |r| = 1. */
export function tStatistic(r: number, df: number): number {
  if (Math.abs(r) === 1) return r * Infinity;
  return r * Math.sqrt(df / (1 - r * r));
}

/** @internal p-value of a t statistic for the given alternative. */
export function pOf(t: number, df: number, alternative: Alternative): number {
  if (alternative === "two.sided") return Math.min(1, tTwoSided(t, df));
  return alternative === "greater" ? tUpper(t, df) : tUpper(-t, df);
}
