/**
 * Standardized difference of a categorical covariate with k levels between treated (1) and
 * control (0) rows, as R's tableone computes it for a factor (Yang & Dalton 2012, "A unified
 * approach to measuring the effect size between two groups using SAS"):
 *
 *   d = sqrt( (p1 − p0)ᵀ S⁻¹ (p1 − p0) ),   S = (S1 + S0) / 2,
 *
 * p1, p0: the groups' proportions in levels 2..k (the first level is the reference and is left
 * out, since the k proportions sum to 1); S_g = diag(p_g) − p_g p_gᵀ over the same levels, the
 * multinomial covariance of one patient in group g. d is a Mahalanobis distance between the two
 * profiles: unsigned, and the same whichever level is the reference. With two levels it is
 * |binary SMD| with variance p(1 − p) (standardizedDifference with binary rows).
 *
 * With `weights`, p1 and p0 are weighted proportions (sum of weights in the level over the
 * group's sum of weights) and S stays that of the unweighted groups, so weighting changes only
 * the numerator, as standardizedDifference does for a single column (MatchIt / cobalt). (R's
 * tableone::svyCreateTableOne uses weighted proportions in S too.)
 *
 * Degenerate cases, each reported in the result:
 * - A level empty in both groups contributes nothing and is left out of p and S (`emptyLevels`).
 *   tableone keeps it and inverts S with MASS::ginv; the pseudo-inverse gives exactly the value
 *   without the level. If the reference level is empty, the next non-empty level is the reference.
 * - Every recorded patient of both groups in one level: no difference, d = 0 (tableone: S = 0
 *   and p1 = p0, 0).
 * - The groups share no level (every level holds patients of only one group): the categories
 *   separate the groups completely, S is singular, the distance is infinite and `smd` is null
 *   with `separated` true. For two levels this is standardizedDifference's null (pooled SD 0,
 *   means differ); tableone gives NaN when S = 0 but, for three or more levels, a finite number
 *   from the pseudo-inverse, which has no meaning. These are the only ways S can be singular:
 *   when the groups share a level, S is positive definite on the non-empty levels.
 * Values are compared as text (String(v)); with `levels` given, a value outside them is an
 * error naming its row; without, the levels are the values seen, in order of first appearance.
 *
 * @example
 * const d = categoricalStandardizedDifference(["0", "1", "2", "1"], [0, 0, 1, 1]);
 * d.smd; d.levels; // ["0", "1", "2"]
 * categoricalStandardizedDifference(ecog, rt, { levels: ["0", "1", "2"], weights: w }).smd;
 */
import { InputError, missingRows, requireLength, weightsColumn } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { choleskyInPlace, forwardSolve } from "./dense";
import { requireMissingPolicy } from "./input";
import { requireBothGroups, treatmentColumn } from "./treatment-input";

export interface CategoricalStandardizedDifferenceOptions {
  /** The levels in order, the first the reference (default: the values seen, in order of first appearance). */
  levels?: readonly (string | number)[];
  /** Weights for the proportions of the numerator; S is always from the unweighted groups. */
  weights?: ArrayLikeInput<unknown>;
  /** "error" (default) or "drop" rows with a missing x, treated or weight. */
  missing?: MissingPolicy;
}

export interface CategoricalStandardizedDifferenceResult {
  /** The Mahalanobis distance between the two profiles (unsigned); null when the levels separate the groups. */
  smd: number | null;
  levels: string[];
  /** Proportion of each level (all k, in `levels` order), per group; weighted when weights were given. */
  proportionsTreated: number[];
  proportionsControl: number[];
  /** Levels with no row in either group, left out of the distance. */
  emptyLevels: string[];
  /** True when the groups share no level (S singular, distance infinite): smd is null. */
  separated: boolean;
  weighted: boolean;
  nTreated: number;
  nControl: number;
  dropped: number;
}

export interface CategoricalSmdFromProportions {
  smd: number | null;
  /** Indices of the levels with zero proportion in both groups (left out). */
  emptyLevels: number[];
  separated: boolean;
}

/**
 * The distance from two groups' proportions over the same k levels (each summing to 1):
 * `pTreated`, `pControl` for the numerator, and optionally the proportions S is computed from
 * (`sTreated`, `sControl`; default the same), e.g. unweighted ones under weighting. See the file
 * comment for the degenerate cases.
 */
export function categoricalSmdFromProportions(
  pTreated: readonly number[],
  pControl: readonly number[],
  sTreated: readonly number[] = pTreated,
  sControl: readonly number[] = pControl,
): CategoricalSmdFromProportions {
  const k = pTreated.length;
  for (const [name, p] of [["pControl", pControl], ["sTreated", sTreated], ["sControl", sControl]] as const) {
    if (p.length !== k) throw new InputError(name, null, p.length, `has ${p.length} levels but pTreated has ${k}`);
  }
  for (const [name, p] of [["pTreated", pTreated], ["pControl", pControl], ["sTreated", sTreated], ["sControl", sControl]] as const) {
    p.forEach((v, j) => {
      if (typeof v !== "number" || !(v >= 0 && v <= 1)) throw new InputError(name, j, v, "must be a proportion in [0, 1]");
    });
  }
  const emptyLevels: number[] = [];
  const kept: number[] = [];
  for (let j = 0; j < k; j++) {
    if (sTreated[j] === 0 && sControl[j] === 0) {
      if (pTreated[j] !== 0 || pControl[j] !== 0) throw new InputError("pTreated", j, pTreated[j], "is positive in a level where the proportions of S are 0 in both groups");
      emptyLevels.push(j);
    } else kept.push(j);
  }
  if (kept.length < 2) return { smd: 0, emptyLevels, separated: false };
  const shared = kept.some((j) => sTreated[j] > 0 && sControl[j] > 0);
  if (!shared) return { smd: null, emptyLevels, separated: true };
  // Levels 2..m of the kept ones (the first kept level is the reference).
  const idx = kept.slice(1);
  const m = idx.length;
  const s = new Float64Array(m * m);
  const diff = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    const ja = idx[a];
    diff[a] = pTreated[ja] - pControl[ja];
    for (let b = 0; b < m; b++) {
      const jb = idx[b];
      const cov = (p: readonly number[]) => (a === b ? p[ja] * (1 - p[ja]) : -p[ja] * p[jb]);
      s[a * m + b] = (cov(sTreated) + cov(sControl)) / 2;
    }
  }
  // S is positive definite when the groups share a level; d² = |L⁻¹ diff|² with S = L Lᵀ.
  if (!choleskyInPlace(s, m)) return { smd: null, emptyLevels, separated: true };
  forwardSolve(s, m, diff);
  let d2 = 0;
  for (let a = 0; a < m; a++) d2 += diff[a] * diff[a];
  return { smd: Math.sqrt(d2), emptyLevels, separated: false };
}

/** Multi-level standardized difference of x between treated and control; see the file comment. */
export function categoricalStandardizedDifference(
  x: ArrayLikeInput<unknown>,
  treated: ArrayLikeInput<unknown>,
  options: CategoricalStandardizedDifferenceOptions = {},
): CategoricalStandardizedDifferenceResult {
  requireLength("x", x);
  requireLength("treated", treated);
  if (treated.length !== x.length) throw new InputError("treated", null, treated.length, `has length ${treated.length} but x has length ${x.length}`);
  const columns: Record<string, ArrayLikeInput<unknown>> = { x, treated };
  if (options.weights !== undefined) {
    requireLength("weights", options.weights);
    if (options.weights.length !== x.length) throw new InputError("weights", null, options.weights.length, `has length ${options.weights.length} but x has length ${x.length}`);
    columns.weights = options.weights;
  }
  // An empty string is a missing category, as in a CSV cell.
  const xs: unknown[] = [];
  for (let i = 0; i < x.length; i++) xs.push(x[i] === "" ? null : x[i]);
  columns.x = xs;
  const dropped = missingRows(columns, requireMissingPolicy(options.missing));
  const t = treatmentColumn("treated", treated, dropped);
  const w = options.weights === undefined ? null : weightsColumn("weights", options.weights, dropped);
  const { nTreated, nControl } = requireBothGroups("treated", t);
  let levels: string[];
  if (options.levels !== undefined) {
    if (!Array.isArray(options.levels) || options.levels.length < 2) throw new InputError("levels", null, options.levels, "must list at least two levels");
    levels = options.levels.map((v) => String(v));
    const seen = new Set<string>();
    for (const l of levels) {
      if (seen.has(l)) throw new InputError("levels", null, l, "is listed twice");
      seen.add(l);
    }
  } else {
    levels = [];
    for (let i = 0; i < xs.length; i++) if (!dropped.has(i) && levels.indexOf(String(xs[i])) < 0) levels.push(String(xs[i]));
  }
  const k = levels.length;
  const counts = [new Float64Array(k), new Float64Array(k)];
  const wsum = [new Float64Array(k), new Float64Array(k)];
  let r = 0;
  for (let i = 0; i < xs.length; i++) {
    if (dropped.has(i)) continue;
    const j = levels.indexOf(String(xs[i]));
    if (j < 0) throw new InputError("x", i, xs[i], `is not one of the levels ${levels.join(", ")}`);
    const g = t[r];
    counts[g][j] += 1;
    wsum[g][j] += w === null ? 1 : w[r];
    r++;
  }
  const share = (v: Float64Array, label: string): number[] => {
    const total = v.reduce((a, b) => a + b, 0);
    if (!(total > 0)) throw new InputError("weights", null, 0, `sum to 0 in the ${label} group`);
    return Array.from(v, (c) => c / total);
  };
  const sT = share(counts[1], "treated");
  const sC = share(counts[0], "control");
  const pT = w === null ? sT : share(wsum[1], "treated");
  const pC = w === null ? sC : share(wsum[0], "control");
  const d = categoricalSmdFromProportions(pT, pC, sT, sC);
  return {
    smd: d.smd,
    levels,
    proportionsTreated: pT,
    proportionsControl: pC,
    emptyLevels: d.emptyLevels.map((j) => levels[j]),
    separated: d.separated,
    weighted: w !== null,
    nTreated,
    nControl,
    dropped: dropped.size,
  };
}
