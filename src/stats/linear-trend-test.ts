import { InputError } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { tTwoSided, tUpper } from "../distributions/index";
import { anovaFromGroups } from "./anova-one-way";
import { fitLine } from "./linear-regression";
import { pairedInput, requireAlternative } from "./input";
import type { Alternative } from "./input";

export interface LinearTrendOptions {
  missing?: MissingPolicy;
  /**
   * Contrast scores: "dose" (default) uses the dose values themselves, so the trend is
   * linear in dose even when doses are unequally spaced (R: contr.poly(k, scores = doses));
   * "equal" uses equally spaced scores 1..k, R's default for an ordered factor.
   */
  scores?: "dose" | "equal";
  /** "greater" tests for an increase with dose, "less" for a decrease. Default "two.sided". */
  alternative?: Alternative;
}

export interface LinearTrendResult {
  method: "Linear trend across doses: ANOVA linear contrast (headline) and regression on dose";
  /** The test to report: the contrast. */
  headline: "contrast";
  alternative: Alternative;
  /** Distinct doses, ascending, with their group sizes and means. */
  doses: number[];
  n: number[];
  means: number[];
  /** Pooled within-dose variance and its df (the contrast's error term). */
  meanSqWithin: number;
  dfWithin: number;
  contrast: {
    scores: "dose" | "equal";
    /** Orthonormal linear-contrast coefficients c (Σc = 0, Σc² = 1), one per dose. */
    coefficients: number[];
    /** Σ c_j ȳ_j: R's ".L" coefficient in summary(lm(y ~ dose_factor)) with contr.poly. */
    estimate: number;
    stdErr: number;
    /** The same contrast on the scale of y per unit score: least-squares slope through the dose means, each dose weighted equally. */
    slope: number;
    slopeStdErr: number;
    t: number;
    df: number;
    pValue: number;
  };
  regression: {
    /** Ordinary least squares of y on dose as a number (R: lm(y ~ dose)). */
    intercept: number;
    slope: number;
    stdErr: number;
    t: number;
    df: number;
    pValue: number;
    rSquared: number;
  };
  nTotal: number;
  dropped: number;
}

/**
 * Test for a linear trend of y across ordered doses, two ways.
 *
 * Headline — one-way ANOVA linear contrast: with dose means ȳ_j, group sizes n_j, the pooled
 * within-dose variance MS_w on N − k df and centred, unit-length scores c_j ∝ s_j − mean(s),
 * estimate L = Σ c_j ȳ_j, se = sqrt(MS_w Σ c_j²/n_j), t = L/se on N − k df. Identical to the
 * ".L" row of R's `summary(lm(y ~ dose_factor))` with `contr.poly(k, scores = ...)` contrasts,
 * and valid for unequal group sizes. Uses only the dose means, so it is not thrown off by
 * curvature (that goes to the higher-order contrasts' share of the between-dose SS).
 *
 * Secondary — regression of y on dose: R's `summary(lm(y ~ dose))`, slope t on N − 2 df.
 * Its error term includes lack of fit, so it loses power when the response is not linear.
 *
 * Throws for fewer than 2 doses, no replicates (N − k = 0), constant y, or no
 * within-dose variation (contrast t undefined).
 *
 * @example
 * linearTrendTest(vegf, doseGy, { alternative: "greater" }).contrast.pValue
 */
export function linearTrendTest(y: ArrayLikeInput<unknown>, dose: ArrayLikeInput<unknown>, options: LinearTrendOptions = {}): LinearTrendResult {
  const scores = options.scores === undefined ? "dose" : options.scores;
  if (scores !== "dose" && scores !== "equal") throw new InputError("scores", null, scores, 'must be "dose" or "equal"');
  const alternative = options.alternative === undefined ? "two.sided" : options.alternative;
  requireAlternative(alternative);
  const data = pairedInput("dose", dose, "y", y, options.missing);
  if (data.y.length === 0) throw new InputError("y", null, y.length, "has no complete rows once missing values are dropped");

  const doses = Array.from(new Set(data.x)).sort((p, q) => p - q);
  if (doses.length < 2) throw new InputError("dose", null, doses[0], "needs at least 2 distinct doses");
  const index = new Map<number, number>();
  doses.forEach((d, j) => index.set(d, j));
  const group = new Int32Array(data.x.length);
  for (let i = 0; i < group.length; i++) group[i] = index.get(data.x[i]) as number;
  const aov = anovaFromGroups(data.y, group, doses.map(String), data.dropped);

  const k = doses.length;
  const s = scores === "dose" ? doses : doses.map((_, j) => j + 1);
  let sBar = 0;
  for (let j = 0; j < k; j++) sBar += s[j] / k;
  let norm = 0;
  for (let j = 0; j < k; j++) norm += (s[j] - sBar) ** 2;
  norm = Math.sqrt(norm);
  const coefficients = s.map((v) => (v - sBar) / norm);
  let estimate = 0;
  let varFactor = 0;
  for (let j = 0; j < k; j++) {
    estimate += coefficients[j] * aov.means[j];
    varFactor += (coefficients[j] * coefficients[j]) / aov.n[j];
  }
  const stdErr = Math.sqrt(aov.meanSqWithin * varFactor);
  if (stdErr === 0) throw new InputError("y", null, 0, "has no within-dose variation: the contrast t statistic is undefined");
  const t = estimate / stdErr;

  const line = fitLine(data.x, data.y, data.dropped);
  return {
    method: "Linear trend across doses: ANOVA linear contrast (headline) and regression on dose",
    headline: "contrast",
    alternative,
    doses,
    n: aov.n,
    means: aov.means,
    meanSqWithin: aov.meanSqWithin,
    dfWithin: aov.dfWithin,
    contrast: {
      scores,
      coefficients,
      estimate,
      stdErr,
      slope: estimate / norm,
      slopeStdErr: stdErr / norm,
      t,
      df: aov.dfWithin,
      pValue: pOf(t, aov.dfWithin, alternative),
    },
    regression: {
      intercept: line.intercept,
      slope: line.slope,
      stdErr: line.seSlope,
      t: line.tSlope,
      df: line.df,
      pValue: pOf(line.tSlope, line.df, alternative),
      rSquared: line.rSquared,
    },
    nTotal: data.y.length,
    dropped: data.dropped,
  };
}

function pOf(t: number, df: number, alternative: Alternative): number {
  if (alternative === "two.sided") return tTwoSided(t, df);
  return alternative === "greater" ? tUpper(t, df) : tUpper(-t, df);
}
