import { InputError } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { tTwoSided } from "../distributions/index";
import { isConstant, meanOf, pairedInput } from "./input";

export interface LinearRegressionOptions {
  /** "drop" keeps complete (x, y) pairs, as lm's default na.action. */
  missing?: MissingPolicy;
}

export interface LinearRegressionResult {
  method: "Least-squares simple linear regression y = intercept + slope·x";
  intercept: number;
  slope: number;
  seIntercept: number;
  seSlope: number;
  tIntercept: number;
  pIntercept: number;
  tSlope: number;
  /** Two-sided p of the slope (= the overall F test's p). */
  pSlope: number;
  rSquared: number;
  adjRSquared: number;
  /** Residual standard error sqrt(RSS / df). */
  residualSe: number;
  /** F = tSlope² on (1, df). */
  f: number;
  /** Residual degrees of freedom n − 2. */
  df: number;
  n: number;
  meanX: number;
  meanY: number;
  dropped: number;
}

/**
 * Simple linear regression by least squares, matching R's `summary(lm(y ~ x))`.
 *
 * With centred sums Sxx = Σ(x−x̄)², Sxy = Σ(x−x̄)(y−ȳ): slope = Sxy/Sxx, intercept = ȳ − slope·x̄,
 * σ² = RSS/(n−2) with RSS = Σ(y − ŷ)², se(slope) = σ/√Sxx, se(intercept) = σ·sqrt(1/n + x̄²/Sxx),
 * t = estimate/se with two-sided p on n−2 df, R² = slope²·Sxx / (slope²·Sxx + RSS).
 * Centring first keeps precision when x has a large offset (e.g. calendar times).
 * Throws if x or y is constant or n < 3. An exact fit gives se = 0, t = ±Infinity and p = 0.
 *
 * @example
 * linearRegression(dose, vegf).slope
 */
export function linearRegression(x: ArrayLikeInput<unknown>, y: ArrayLikeInput<unknown>, options: LinearRegressionOptions = {}): LinearRegressionResult {
  const data = pairedInput("x", x, "y", y, options.missing);
  const n = data.x.length;
  if (n < 3) throw new InputError("x", null, n, `needs at least 3 complete pairs for standard errors, got ${n}`);
  if (isConstant(data.x)) throw new InputError("x", null, data.x[0], "is constant: the slope is undefined");
  if (isConstant(data.y)) throw new InputError("y", null, data.y[0], "is constant: R² and the t statistics are undefined");
  return fitLine(data.x, data.y, data.dropped);
}

/** @internal Least-squares line on validated data (shared with the trend test). */
export function fitLine(xs: Float64Array, ys: Float64Array, dropped: number): LinearRegressionResult {
  const n = xs.length;
  const meanX = meanOf(xs);
  const meanY = meanOf(ys);
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - meanX;
    sxx += dx * dx;
    sxy += dx * (ys[i] - meanY);
  }
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  let rss = 0;
  for (let i = 0; i < n; i++) {
    const e = ys[i] - meanY - slope * (xs[i] - meanX);
    rss += e * e;
  }
  const df = n - 2;
  const sigma2 = rss / df;
  const seSlope = Math.sqrt(sigma2 / sxx);
  const seIntercept = Math.sqrt(sigma2 * (1 / n + (meanX * meanX) / sxx));
  const tSlope = seSlope === 0 ? slope * Infinity : slope / seSlope;
  const tIntercept = seIntercept === 0 ? (intercept === 0 ? 0 : intercept * Infinity) : intercept / seIntercept;
  const mss = slope * slope * sxx;
  const rSquared = mss / (mss + rss);
  const f = rss === 0 ? Infinity : mss / sigma2;
  return {
    method: "Least-squares simple linear regression y = intercept + slope·x",
    intercept,
    slope,
    seIntercept,
    seSlope,
    tIntercept,
    pIntercept: tTwoSided(tIntercept, df),
    tSlope,
    pSlope: tTwoSided(tSlope, df),
    rSquared,
    adjRSquared: 1 - (1 - rSquared) * ((n - 1) / df),
    residualSe: Math.sqrt(sigma2),
    f,
    df,
    n,
    meanX,
    meanY,
    dropped,
  };
}

