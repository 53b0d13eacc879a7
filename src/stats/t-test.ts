import { InputError } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { tQuantile, tTwoSided, tUpper } from "../distributions/index";
import { meanOf, pairedInput, requireAlternative, requireConfLevel, singleInput, varianceOf } from "./input";
import type { Alternative } from "./input";

export interface TTestOptions {
  /** Paired test on x − y (x and y same length, row i paired with row i). Default false. */
  paired?: boolean;
  /** Pooled-variance (Student) two-sample test instead of Welch. Default false. */
  varEqual?: boolean;
  confLevel?: number;
  alternative?: Alternative;
  /** Hypothesised mean (one-sample), mean difference (paired) or difference in means (two-sample). Default 0. */
  mu?: number;
  /** "drop": unpaired samples each lose their own missing values, paired data loses incomplete pairs. */
  missing?: MissingPolicy;
}

export interface TTestResult {
  method: "Welch Two Sample t-test" | "Two Sample t-test" | "Paired t-test" | "One Sample t-test";
  alternative: Alternative;
  confLevel: number;
  mu: number;
  t: number;
  df: number;
  pValue: number;
  /** Confidence limits for `estimate`; one-sided alternatives give -Infinity or Infinity on the open side (as R). */
  lower: number;
  upper: number;
  /** mean(x) − mean(y) (two-sample), mean of x − y (paired), or mean(x) (one-sample). */
  estimate: number;
  stdErr: number;
  meanX: number;
  /** null for a one-sample test. */
  meanY: number | null;
  nX: number;
  nY: number | null;
  dropped: number;
}

/**
 * Student's t tests, matching R's `t.test`.
 *
 * - Welch (default): se = sqrt(s_x²/n_x + s_y²/n_y), df = se⁴ / ((s_x²/n_x)²/(n_x−1) + (s_y²/n_y)²/(n_y−1)).
 * - Student (`varEqual`): pooled s² = ((n_x−1)s_x² + (n_y−1)s_y²)/(n_x+n_y−2), se = s·sqrt(1/n_x + 1/n_y), df = n_x+n_y−2.
 * - Paired: one-sample test of the differences x − y.
 * - One-sample: pass `y` as null or undefined.
 * t = (estimate − mu)/se; interval estimate ± t_{df} quantile · se (one-sided: open on one side).
 * Throws, like R, when a sample is too small or the data are essentially constant
 * (se < 10·ε·max|mean|, where t would be 0/0 or rounding noise).
 *
 * @example
 * tTest(treated, control).pValue                  // Welch
 * tTest(after, before, { paired: true }).estimate // mean difference
 */
export function tTest(x: ArrayLikeInput<unknown>, y?: ArrayLikeInput<unknown> | null, options: TTestOptions = {}): TTestResult {
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  const alternative = options.alternative === undefined ? "two.sided" : options.alternative;
  const mu = options.mu === undefined ? 0 : options.mu;
  requireConfLevel(confLevel);
  requireAlternative(alternative);
  if (typeof mu !== "number" || !Number.isFinite(mu)) throw new InputError("mu", null, mu, "must be a finite number");
  const paired = options.paired === true;
  if (paired && (y === undefined || y === null)) throw new InputError("y", null, y, "is required for a paired test");

  let method: TTestResult["method"];
  let estimate: number;
  let stdErr: number;
  let df: number;
  let meanX = NaN;
  let meanY: number | null = null;
  let nX: number;
  let nY: number | null = null;
  let dropped: number;
  if (paired || y === undefined || y === null) {
    let values: Float64Array;
    if (paired) {
      const pr = pairedInput("x", x, "y", y as ArrayLikeInput<unknown>, options.missing);
      values = new Float64Array(pr.x.length);
      for (let i = 0; i < values.length; i++) values[i] = pr.x[i] - pr.y[i];
      nY = pr.y.length;
      if (nY > 0) {
        meanX = meanOf(pr.x);
        meanY = meanOf(pr.y);
      }
      dropped = pr.dropped;
      method = "Paired t-test";
    } else {
      const sx = singleInput("x", x, options.missing);
      values = sx.x;
      dropped = sx.dropped;
      method = "One Sample t-test";
    }
    nX = values.length;
    if (nX < 2) throw new InputError("x", null, nX, `needs at least 2 ${paired ? "complete pairs" : "observations"}, got ${nX}`);
    estimate = meanOf(values);
    if (!paired) meanX = estimate;
    stdErr = Math.sqrt(varianceOf(values) / nX);
    df = nX - 1;
    if (stdErr < 10 * Number.EPSILON * Math.abs(estimate) || stdErr === 0) {
      throw new InputError("x", null, estimate, "is essentially constant: the t statistic is undefined");
    }
  } else {
    const sx = singleInput("x", x, options.missing);
    const sy = singleInput("y", y, options.missing);
    const varEqual = options.varEqual === true;
    nX = sx.x.length;
    nY = sy.x.length;
    dropped = sx.dropped + sy.dropped;
    if (nX < (varEqual ? 1 : 2)) throw new InputError("x", null, nX, `needs at least ${varEqual ? 1 : 2} observations, got ${nX}`);
    if (nY < (varEqual ? 1 : 2)) throw new InputError("y", null, nY, `needs at least ${varEqual ? 1 : 2} observations, got ${nY}`);
    if (nX + nY < 3) throw new InputError("y", null, nY, "x and y together need at least 3 observations");
    meanX = meanOf(sx.x);
    meanY = meanOf(sy.x);
    const vx = nX > 1 ? varianceOf(sx.x) : 0;
    const vy = nY > 1 ? varianceOf(sy.x) : 0;
    estimate = meanX - meanY;
    if (varEqual) {
      df = nX + nY - 2;
      const pooled = ((nX - 1) * vx + (nY - 1) * vy) / df;
      stdErr = Math.sqrt(pooled * (1 / nX + 1 / nY));
      method = "Two Sample t-test";
    } else {
      const ex = vx / nX;
      const ey = vy / nY;
      stdErr = Math.sqrt(ex + ey);
      df = (ex + ey) ** 2 / ((ex * ex) / (nX - 1) + (ey * ey) / (nY - 1));
      method = "Welch Two Sample t-test";
    }
    if (stdErr < 10 * Number.EPSILON * Math.max(Math.abs(meanX), Math.abs(meanY)) || stdErr === 0) {
      throw new InputError("y", null, meanY, "x and y are essentially constant: the t statistic is undefined");
    }
  }

  const t = (estimate - mu) / stdErr;
  let pValue: number;
  let lower: number;
  let upper: number;
  if (alternative === "two.sided") {
    pValue = tTwoSided(t, df);
    const q = tQuantile(1 - (1 - confLevel) / 2, df);
    lower = mu + (t - q) * stdErr;
    upper = mu + (t + q) * stdErr;
  } else if (alternative === "less") {
    pValue = tUpper(-t, df);
    lower = -Infinity;
    upper = mu + (t + tQuantile(confLevel, df)) * stdErr;
  } else {
    pValue = tUpper(t, df);
    lower = mu + (t - tQuantile(confLevel, df)) * stdErr;
    upper = Infinity;
  }
  return { method, alternative, confLevel, mu, t, df, pValue, lower, upper, estimate, stdErr, meanX, meanY, nX, nY, dropped };
}
