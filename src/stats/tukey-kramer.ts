import { InputError, finiteColumn, requireLength, requireSameLength } from "../core/index";
import type { ArrayLikeInput } from "../core/index";
import { studentizedRangeQuantile, studentizedRangeUpper } from "../distributions/index";
import { requireConfLevel } from "./input";

export interface TukeyPair {
  /** R's row name, "groupA-groupB". */
  label: string;
  /** The later label in label order. */
  groupA: string;
  /** The earlier label in label order. */
  groupB: string;
  /** estimate(groupA) − estimate(groupB). */
  diff: number;
  lower: number;
  upper: number;
  /** Family-wise adjusted p-value, P(Q_{k, df} > |diff| / se). */
  pAdj: number;
  /** sqrt(MS / 2 · (v_A + v_B)): the standard error on the studentized-range scale (v = 1/n for group means). */
  se: number;
}

export interface TukeyKramerResult {
  method: "Tukey-Kramer";
  confLevel: number;
  /** Degrees of freedom of the pooled mean square. */
  df: number;
  meanSq: number;
  /** qtukey(confLevel, k, df): the critical studentized range. */
  criticalQ: number;
  pairs: TukeyPair[];
}

/**
 * All pairwise differences of k estimates with Tukey–Kramer simultaneous intervals and
 * adjusted p-values, the core of R's `TukeyHSD` (which applies it to group means, v_j = 1/n_j).
 *
 * Estimate j has variance σ² v_j; σ² is estimated by the pooled mean square `meanSq` on `df`
 * degrees of freedom. For labels i < j (in the order given) the pair is "j-i" with
 * diff = D_j − D_i, se = sqrt(meanSq / 2 · (v_i + v_j)), interval diff ∓ q_{conf; k, df} · se
 * and p = P(Q_{k, df} > |diff| / se). Pairs come in R's order: (2-1), (3-1), …, (k-1), (3-2), … .
 * With unequal v this is conservative (Hayter 1984). A zero se (meanSq = 0) gives p = 1 for a
 * zero difference and 0 otherwise. Studentized-range probabilities come from src/distributions.
 *
 * @example
 * // differences of two inductions, each a difference of two cell means (v = 1/n₁ + 1/n₀)
 * tukeyKramerPairs(["A", "B", "C"], [1, 2, 4], [2 / 3, 2 / 3, 1], 0.5, 12, 0.95).pairs[1].label; // "C-A"
 */
export function tukeyKramerPairs(
  labels: readonly string[],
  estimates: ArrayLikeInput<number>,
  varFactors: ArrayLikeInput<number>,
  meanSq: number,
  df: number,
  confLevel: number,
): TukeyKramerResult {
  requireLength("labels", labels, 2);
  requireSameLength({ labels, estimates, varFactors });
  const est = finiteColumn("estimates", estimates);
  const v = finiteColumn("varFactors", varFactors);
  for (let j = 0; j < v.length; j++) if (!(v[j] > 0)) throw new InputError("varFactors", j, v[j], "must be positive");
  if (!(meanSq >= 0 && meanSq < Infinity)) throw new InputError("meanSq", null, meanSq, "must be a finite number >= 0");
  if (!(df >= 2)) throw new InputError("df", null, df, "must be at least 2 for the studentized range");
  requireConfLevel(confLevel);
  const k = labels.length;
  const criticalQ = studentizedRangeQuantile(confLevel, k, df);
  const pairs: TukeyPair[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const diff = est[j] - est[i];
      const se = Math.sqrt((meanSq / 2) * (v[i] + v[j]));
      const half = criticalQ * se;
      pairs.push({
        label: `${labels[j]}-${labels[i]}`,
        groupA: labels[j],
        groupB: labels[i],
        diff,
        lower: diff - half,
        upper: diff + half,
        pAdj: se === 0 ? (diff === 0 ? 1 : 0) : studentizedRangeUpper(Math.abs(diff) / se, k, df),
        se,
      });
    }
  }
  return { method: "Tukey-Kramer", confLevel, df, meanSq, criticalQ, pairs };
}
