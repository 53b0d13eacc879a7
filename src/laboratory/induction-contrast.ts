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
 * - A contrast Σ c_j D_j has se = σ sqrt(Σ c_j² v_j) and t on the pooled df: R's
 *   estimate and se of the same linear combination of lm(y ~ cell - 1) coefficients.
 * - Pairwise differences D_i − D_j with Tukey–Kramer adjustment:
 *   q = |D_i − D_j| / sqrt(σ²/2 · (v_i + v_j)), p = P(Q_{k, df} > q), limits
 *   D_i − D_j ± q_{conf; k, df} · sqrt(σ²/2 · (v_i + v_j)). With unequal v this is the
 *   Tukey–Kramer generalisation, conservative (Hayter 1984).
 */
import { studentizedRangeQuantile, studentizedRangeUpper, tQuantile, tTwoSided } from "../distributions/index";

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

export interface TukeyKramerPair {
  /** "A-B": the later label minus the earlier one (R's TukeyHSD naming). */
  label: string;
  groupA: string;
  groupB: string;
  diff: number;
  lower: number;
  upper: number;
  pAdj: number;
}

/** All pairs D_j − D_i (j after i), Tukey–Kramer adjusted; see the file comment. */
export function tukeyKramerOnEstimates(
  labels: readonly string[],
  estimates: readonly number[],
  varFactors: readonly number[],
  meanSq: number,
  df: number,
  confLevel: number,
): { criticalQ: number; pairs: TukeyKramerPair[] } {
  const k = labels.length;
  const criticalQ = studentizedRangeQuantile(confLevel, k, df);
  const pairs: TukeyKramerPair[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const diff = estimates[j] - estimates[i];
      const se = Math.sqrt((meanSq / 2) * (varFactors[i] + varFactors[j]));
      const half = criticalQ * se;
      pairs.push({
        label: `${labels[j]}-${labels[i]}`,
        groupA: labels[j],
        groupB: labels[i],
        diff,
        lower: diff - half,
        upper: diff + half,
        pAdj: se === 0 ? (diff === 0 ? 1 : 0) : studentizedRangeUpper(Math.abs(diff) / se, k, df),
      });
    }
  }
  return { criticalQ, pairs };
}
