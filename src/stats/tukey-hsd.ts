import { InputError } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { anovaFromGroups } from "./anova-one-way";
import { groupedInput, requireConfLevel } from "./input";
import { tukeyKramerPairs } from "./tukey-kramer";
import type { TukeyPair } from "./tukey-kramer";

export type { TukeyPair } from "./tukey-kramer";

export interface TukeyHsdOptions {
  /** Family-wise confidence level of the simultaneous intervals (default 0.95). */
  confLevel?: number;
  missing?: MissingPolicy;
  /** Level order; fixes which pairs are "later minus earlier" (as R's factor levels). */
  levels?: readonly (string | number)[];
}

export interface TukeyHsdResult {
  method: "Tukey HSD (Tukey-Kramer for unequal group sizes)";
  confLevel: number;
  groups: string[];
  means: number[];
  n: number[];
  dfWithin: number;
  meanSqWithin: number;
  /** qtukey(confLevel, k, dfWithin): the critical studentized range. */
  criticalQ: number;
  pairs: TukeyPair[];
  dropped: number;
}

/**
 * Tukey's honest significant differences after a one-way ANOVA, matching R's
 * `TukeyHSD(aov(y ~ group), conf.level = )`.
 *
 * For levels i < j (level order) the pair is "j-i" with diff = ȳ_j − ȳ_i,
 * se = sqrt(MS_within / 2 · (1/n_i + 1/n_j)) (Tukey–Kramer; the classic HSD when sizes are equal),
 * interval diff ± q_{conf; k, N−k} · se and p = P(Q_{k, N−k} > |diff| / se).
 * Pairs come in R's order: (2-1), (3-1), …, (k-1), (3-2), … (tukeyKramerPairs, tukey-kramer.ts).
 * Studentized-range probabilities come from src/distributions (jstat's port of R's ptukey/qtukey).
 *
 * @example
 * tukeyHSD(weight, group).pairs.map((p) => [p.label, p.pAdj])
 */
export function tukeyHSD(y: ArrayLikeInput<unknown>, group: ArrayLikeInput<unknown>, options: TukeyHsdOptions = {}): TukeyHsdResult {
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  requireConfLevel(confLevel);
  const data = groupedInput("y", y, "group", group, options.missing, options.levels);
  const aov = anovaFromGroups(data.y, data.group, data.levels, data.dropped);
  const df = aov.dfWithin;
  const mse = aov.meanSqWithin;
  if (df < 2) throw new InputError("y", null, aov.nTotal, `leaves ${df} within-group degree of freedom; the studentized range needs at least 2`);
  if (mse === 0) throw new InputError("y", null, 0, "has no within-group variation: the studentized range statistic is undefined");
  // Group means have variance σ² / n_j: the Tukey–Kramer core with v_j = 1 / n_j.
  const tk = tukeyKramerPairs(aov.groups, aov.means, aov.n.map((n) => 1 / n), mse, df, confLevel);
  return {
    method: "Tukey HSD (Tukey-Kramer for unequal group sizes)",
    confLevel,
    groups: aov.groups,
    means: aov.means,
    n: aov.n,
    dfWithin: df,
    meanSqWithin: mse,
    criticalQ: tk.criticalQ,
    pairs: tk.pairs,
    dropped: aov.dropped,
  };
}
