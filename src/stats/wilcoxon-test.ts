/**
 * Wilcoxon rank-sum (Mann-Whitney) test of two independent samples, as R 4.2.2's
 * `wilcox.test(x, y)` (two-sample form, without conf.int).
 *
 *   W = (sum of the mid-ranks of x - mu in the pooled sample) - n_x (n_x + 1) / 2
 *
 * (the number of pairs with x_i - mu > y_j, ties counting one half).
 * - Exact (default when n_x < 50, n_y < 50 and there are no ties): the null
 *   distribution of W, built by the recursion
 *   P_{m,n}(w) = m/(m+n) P_{m-1,n}(w - n) + n/(m+n) P_{m,n-1}(w)  (sums of
 *   positive terms only, so tail probabilities keep their precision). Two-sided
 *   P doubles the smaller tail as R: 2 P(W >= w) if w > m n / 2, else 2 P(W <= w), at most 1.
 * - Normal approximation otherwise: z = (W - m n / 2 - CC) / sigma with the tie-corrected
 *   sigma^2 = m n / 12 ((m + n + 1) - sum(t^3 - t) / ((m + n)(m + n - 1))), t the sizes
 *   of the tie groups, and the continuity correction CC = 0.5 sign(W - m n / 2)
 *   (two-sided), 0.5 ("greater"), -0.5 ("less"), or 0 with correct = false.
 * With ties an exact test is impossible; as R, `exact: true` then falls back to
 * the normal approximation and `warning` says so.
 *
 * @example
 * wilcoxonTest([0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46], [1.15, 0.88, 0.9, 0.74, 1.21]);
 * // { statistic: 35, pValue: 0.2544 (R: W = 35, p-value = 0.2544), method: "Wilcoxon rank sum exact test", ... }
 */
import { InputError, missingRows, finiteColumn, requireLength } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { normalUpper } from "../distributions/index";
import { midRanks } from "./ranks";
import { requireAlternative } from "./input";
import type { Alternative } from "./input";

export interface WilcoxonTestOptions {
  alternative?: Alternative;
  /** Location shift under the null hypothesis (x - mu vs y; default 0). */
  mu?: number;
  /** Exact p-value: default when both samples have fewer than 50 values and no ties. */
  exact?: boolean;
  /** Continuity correction of the normal approximation (default true). */
  correct?: boolean;
  /** "drop": each sample loses its own missing values (reported in `dropped`). */
  missing?: MissingPolicy;
}

export interface WilcoxonTestResult {
  method: "Wilcoxon rank sum exact test" | "Wilcoxon rank sum test with continuity correction" | "Wilcoxon rank sum test";
  alternative: Alternative;
  mu: number;
  /** R's W statistic. */
  statistic: number;
  pValue: number;
  /** Normal deviate used (null for the exact test). */
  z: number | null;
  exact: boolean;
  nX: number;
  nY: number;
  /** Whether the pooled sample has ties. */
  ties: boolean;
  dropped: number;
  /** R's warning when an exact test was asked for but ties prevent it, else null. */
  warning: string | null;
}

function sample(name: string, values: ArrayLikeInput<unknown>, missing: MissingPolicy | undefined): { v: Float64Array; dropped: number } {
  requireLength(name, values);
  const policy = missing === undefined ? "error" : missing;
  if (policy !== "error" && policy !== "drop") throw new InputError("missing", null, missing, 'must be "error" or "drop"');
  const drop = missingRows({ [name]: values }, policy);
  const v = finiteColumn(name, values, drop);
  if (v.length === 0) throw new InputError(name, null, values.length, "has no values once missing values are dropped");
  return { v, dropped: drop.size };
}

/** wilcox.test(x, y); see the file comment. */
export function wilcoxonTest(x: ArrayLikeInput<unknown>, y: ArrayLikeInput<unknown>, options: WilcoxonTestOptions = {}): WilcoxonTestResult {
  const alternative = options.alternative === undefined ? "two.sided" : options.alternative;
  requireAlternative(alternative);
  const mu = options.mu === undefined ? 0 : options.mu;
  if (typeof mu !== "number" || !Number.isFinite(mu)) throw new InputError("mu", null, mu, "must be a finite number");
  const sx = sample("x", x, options.missing);
  const sy = sample("y", y, options.missing);
  const m = sx.v.length;
  const n = sy.v.length;
  const pooled = new Float64Array(m + n);
  for (let i = 0; i < m; i++) pooled[i] = sx.v[i] - mu;
  pooled.set(sy.v, m);
  const ranks = midRanks(pooled);
  let rankSum = 0;
  for (let i = 0; i < m; i++) rankSum += ranks[i];
  const statistic = rankSum - (m * (m + 1)) / 2;

  // Tie groups from the sorted ranks: t^3 - t per group.
  const sorted = Float64Array.from(ranks).sort();
  let tieSum = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[i]) j++;
    const t = j - i + 1;
    tieSum += t * t * t - t;
    i = j + 1;
  }
  const ties = tieSum > 0;
  const wantExact = options.exact === undefined ? m < 50 && n < 50 : options.exact;
  const exact = wantExact && !ties;
  const warning = wantExact && ties ? "cannot compute exact p-value with ties" : null;

  let pValue: number;
  let z: number | null = null;
  let method: WilcoxonTestResult["method"];
  if (exact) {
    method = "Wilcoxon rank sum exact test";
    const dist = rankSumDistribution(m, n);
    const lowerTail = (w: number): number => {
      let s = 0;
      for (let k = 0; k <= Math.min(w, m * n); k++) s += dist[k];
      return Math.min(1, s);
    };
    const upperTail = (w: number): number => {
      let s = 0;
      for (let k = Math.max(0, w); k <= m * n; k++) s += dist[k];
      return Math.min(1, s);
    };
    if (alternative === "less") pValue = lowerTail(statistic);
    else if (alternative === "greater") pValue = upperTail(statistic);
    else pValue = Math.min(1, 2 * (statistic > (m * n) / 2 ? upperTail(statistic) : lowerTail(statistic)));
  } else {
    const correct = options.correct !== false;
    method = correct ? "Wilcoxon rank sum test with continuity correction" : "Wilcoxon rank sum test";
    const centred = statistic - (m * n) / 2;
    const sigma = Math.sqrt(((m * n) / 12) * (m + n + 1 - tieSum / ((m + n) * (m + n - 1))));
    let cc = 0;
    if (correct) cc = alternative === "two.sided" ? 0.5 * Math.sign(centred) : alternative === "greater" ? 0.5 : -0.5;
    z = (centred - cc) / sigma;
    if (alternative === "less") pValue = normalUpper(-z);
    else if (alternative === "greater") pValue = normalUpper(z);
    else pValue = 2 * Math.min(normalUpper(-z), normalUpper(z));
  }
  return { method, alternative, mu, statistic, pValue, z, exact, nX: m, nY: n, ties, dropped: sx.dropped + sy.dropped, warning };
}

/**
 * Null distribution of W for samples of m and n without ties: P(W = w), w = 0..m n,
 * by the recursion of the file comment, one row of (i, 0..n) at a time.
 */
export function rankSumDistribution(m: number, n: number): Float64Array {
  // prev[j]: distribution for (i - 1, j); cur[j]: for (i, j). Each of length (i) j + 1.
  let prev: Float64Array[] = [];
  for (let j = 0; j <= n; j++) prev.push(Float64Array.of(1)); // i = 0: W = 0
  for (let i = 1; i <= m; i++) {
    const cur: Float64Array[] = [Float64Array.of(1)]; // j = 0: W = 0
    for (let j = 1; j <= n; j++) {
      const d = new Float64Array(i * j + 1);
      const a = i / (i + j); // largest value is an x: it exceeds all j y's
      const b = j / (i + j);
      const fromX = prev[j]; // (i - 1, j), shifted by j
      for (let w = 0; w < fromX.length; w++) d[w + j] += a * fromX[w];
      const fromY = cur[j - 1]; // (i, j - 1)
      for (let w = 0; w < fromY.length; w++) d[w] += b * fromY[w];
      cur.push(d);
    }
    prev = cur;
  }
  return prev[n];
}
