/**
 * Comparisons of a radiation-induced change between cell lines, on a log scale.
 *
 * The induction of line j is a difference of two cell means,
 *   D_j = ȳ(treated, j) − ȳ(control, j),  Var(D_j) = σ² v_j,  v_j = 1/n_treated,j + 1/n_control,j,
 * so that the control's own sampling error is part of every comparison (unlike
 * comparing per-replicate fold changes, where each line's control mean is a constant).
 * σ² is the pooled within-cell mean square of a cell-means model (R: lm(y ~ cell)),
 * passed in with its degrees of freedom.
 *
 * A contrast Σ c_j D_j has se = σ sqrt(Σ c_j² v_j) and t on the pooled df: R's
 * estimate and se of the same linear combination of lm(y ~ cell - 1) coefficients.
 * Pairwise differences D_j − D_i with Tukey–Kramer adjustment on the same (D, v, σ², df)
 * are tukeyKramerPairs (src/stats/tukey-kramer.ts), the core of tukeyHSD.
 */
import { tQuantile, tTwoSided } from "../distributions/index";

export interface ContrastTest {
  estimate: number;
  stdErr: number;
  lower: number;
  upper: number;
  t: number;
  df: number;
  pValue: number;
}

/** Σ c_j D_j with its t test and interval; see the file comment. */
export function contrastTest(coefficients: readonly number[], estimates: readonly number[], varFactors: readonly number[], meanSq: number, df: number, confLevel: number): ContrastTest {
  let estimate = 0;
  let v = 0;
  for (let j = 0; j < estimates.length; j++) {
    estimate += coefficients[j] * estimates[j];
    v += coefficients[j] * coefficients[j] * varFactors[j];
  }
  const stdErr = Math.sqrt(meanSq * v);
  const t = stdErr === 0 ? (estimate === 0 ? 0 : estimate * Infinity) : estimate / stdErr;
  const half = tQuantile(1 - (1 - confLevel) / 2, df) * stdErr;
  return { estimate, stdErr, lower: estimate - half, upper: estimate + half, t, df, pValue: stdErr === 0 ? (estimate === 0 ? 1 : 0) : tTwoSided(t, df) };
}
