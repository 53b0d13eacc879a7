import { InputError } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { fUpper } from "../distributions/index";
import { groupedInput, groupStats, isConstant, meanOf } from "./input";

export interface AnovaOneWayOptions {
  /** "error" (default) throws on a missing y or group; "drop" removes such rows. */
  missing?: MissingPolicy;
  /** Level order (as R's factor(levels = )); every level must have observations. Default: numbers by value, else text order. */
  levels?: readonly (string | number)[];
}

export interface AnovaOneWayResult {
  method: "One-way ANOVA (F test, pooled within-group variance)";
  f: number;
  dfBetween: number;
  dfWithin: number;
  sumSqBetween: number;
  sumSqWithin: number;
  meanSqBetween: number;
  meanSqWithin: number;
  pValue: number;
  /** Group levels, in the order used for `means`, `n` and `sd`. */
  groups: string[];
  means: number[];
  /** Observations per group. */
  n: number[];
  /** Standard deviation per group (null for a group of one). */
  sd: (number | null)[];
  nTotal: number;
  grandMean: number;
  /** Rows dropped for missing values. */
  dropped: number;
}

/**
 * One-way analysis of variance, matching R's `anova(lm(y ~ group))` / `summary(aov(y ~ group))`.
 *
 * SS_between = Σ n_j (ȳ_j − ȳ)², SS_within = Σ_j Σ_i (y_ij − ȳ_j)²,
 * F = (SS_between / (k − 1)) / (SS_within / (N − k)), p = P(F_{k−1, N−k} > F).
 * Unequal group sizes are fine. Throws if y does not vary at all, or if no group
 * has two observations (no within-group degrees of freedom).
 * If every group is constant but the groups differ, F is Infinity and p is 0 (as R).
 *
 * @example
 * anovaOneWay([4.2, 4.8, 5.1, 6.0, 6.3, 5.9], ["a", "a", "a", "b", "b", "b"]).pValue
 */
export function anovaOneWay(
  y: ArrayLikeInput<unknown>,
  group: ArrayLikeInput<unknown>,
  options: AnovaOneWayOptions = {},
): AnovaOneWayResult {
  const data = groupedInput("y", y, "group", group, options.missing, options.levels);
  return anovaFromGroups(data.y, data.group, data.levels, data.dropped);
}

/** @internal One-way ANOVA on validated, indexed groups (shared with Tukey HSD and the trend test). */
export function anovaFromGroups(y: Float64Array, group: Int32Array, levels: string[], dropped: number): AnovaOneWayResult {
  const k = levels.length;
  const nTotal = y.length;
  if (isConstant(y)) throw new InputError("y", null, y[0], "is constant: the F statistic is undefined (0/0)");
  const dfWithin = nTotal - k;
  if (dfWithin < 1) throw new InputError("y", null, nTotal, `has ${nTotal} observations in ${k} groups: no within-group degrees of freedom`);
  const st = groupStats(y, group, k);
  const grandMean = meanOf(y);
  let sumSqBetween = 0;
  let sumSqWithin = 0;
  for (let j = 0; j < k; j++) {
    const d = st.mean[j] - grandMean;
    sumSqBetween += st.n[j] * d * d;
    sumSqWithin += st.sumSq[j];
  }
  const dfBetween = k - 1;
  const meanSqBetween = sumSqBetween / dfBetween;
  const meanSqWithin = sumSqWithin / dfWithin;
  const f = meanSqWithin === 0 ? Infinity : meanSqBetween / meanSqWithin;
  return {
    method: "One-way ANOVA (F test, pooled within-group variance)",
    f,
    dfBetween,
    dfWithin,
    sumSqBetween,
    sumSqWithin,
    meanSqBetween,
    meanSqWithin,
    pValue: f === Infinity ? 0 : fUpper(f, dfBetween, dfWithin),
    groups: levels.slice(),
    means: Array.from(st.mean),
    n: Array.from(st.n),
    sd: Array.from(st.n, (n, j) => (n > 1 ? Math.sqrt(st.sumSq[j] / (n - 1)) : null)),
    nTotal,
    grandMean,
    dropped,
  };
}
