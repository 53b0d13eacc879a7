/**
 * Shared input handling for src/stats: validation through src/core, missing-value
 * policy, grouping by factor level, and the few simple-statistics calls used for
 * means and sums of squares. Internal to src/stats (not re-exported).
 */
import * as ss from "simple-statistics";
import {
  confLevelError,
  InputError,
  requireLength,
  requireSameLength,
  missingRows,
  finiteColumn,
  factorColumn,
  requireLevels,
} from "../core/index";
import type { ArrayLikeInput, Factor, MissingPolicy } from "../core/index";

/** Two-sided or one-sided alternative hypothesis, spelled as in R. */
export type Alternative = "two.sided" | "less" | "greater";

/** simple-statistics types its inputs as number[]; typed arrays work the same at run time. */
function asNumbers(values: Float64Array): number[] {
  return values as unknown as number[];
}

/** Arithmetic mean (simple-statistics, compensated summation). */
export function meanOf(values: Float64Array): number {
  return ss.mean(asNumbers(values));
}

/** Sum of squared deviations from the mean, Σ(x - x̄)² (simple-statistics). */
export function sumSqDev(values: Float64Array): number {
  return values.length < 2 ? 0 : ss.sumNthPowerDeviations(asNumbers(values), 2);
}

/** Sample variance with denominator n - 1 (simple-statistics). */
export function varianceOf(values: Float64Array): number {
  return ss.sampleVariance(asNumbers(values));
}

/** True when every value equals the first (a column with no variation at all). */
export function isConstant(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}

/** Original row index of each kept row, given the dropped rows. */
export function keptRows(n: number, dropped: Set<number>): Int32Array {
  const out = new Int32Array(n - dropped.size);
  if (dropped.size === 0) {
    for (let i = 0; i < n; i++) out[i] = i;
    return out;
  }
  let k = 0;
  for (let i = 0; i < n; i++) if (!dropped.has(i)) out[k++] = i;
  return out;
}

export function requireConfLevel(confLevel: number): void {
  if (typeof confLevel !== "number" || !(confLevel > 0 && confLevel < 1)) {
    throw confLevelError(confLevel);
  }
}

export function requireAlternative(alternative: string): void {
  if (alternative !== "two.sided" && alternative !== "less" && alternative !== "greater") {
    throw new InputError("alternative", null, alternative, 'must be "two.sided", "less" or "greater"');
  }
}

export function requireMissingPolicy(missing: unknown): MissingPolicy {
  if (missing === undefined) return "error";
  if (missing !== "error" && missing !== "drop") throw new InputError("missing", null, missing, 'must be "error" or "drop"');
  return missing;
}

/** A numeric response split by the levels of a grouping factor. */
export interface GroupedData {
  /** Response values of the kept rows. */
  y: Float64Array;
  /** Level index (into `levels`) of each kept row. */
  group: Int32Array;
  /** Original row index of each kept row. */
  rows: Int32Array;
  levels: string[];
  /** Rows dropped for missing values. */
  dropped: number;
}

/**
 * Validates a response and a grouping column of the same length, applies the
 * missing-value policy and indexes the groups (core's factorColumn, no string
 * per row). `levels`, when given, fixes the level order (as R's
 * factor(levels = )) and every level must have data; otherwise levels come
 * from `levelsOf` (numbers by value, else text order).
 */
export function groupedInput(
  yName: string,
  y: ArrayLikeInput<unknown>,
  groupName: string,
  group: ArrayLikeInput<unknown>,
  missing: MissingPolicy | undefined,
  levels: readonly (string | number)[] | undefined,
  minLevels = 2,
): GroupedData {
  requireLength(yName, y);
  requireLength(groupName, group);
  requireSameLength({ [yName]: y, [groupName]: group });
  const dropSet = missingRows({ [yName]: y, [groupName]: group }, requireMissingPolicy(missing));
  const values = finiteColumn(yName, y, dropSet);
  const factor = factorColumn(groupName, group, dropSet);
  const rows = keptRows(y.length, dropSet);
  if (values.length === 0) throw new InputError(yName, null, y.length, "has no complete rows once missing values are dropped");
  const coded = resolveLevels(groupName, "levels", factor, rows, levels, minLevels);
  return { y: values, group: coded.codes, rows, levels: coded.levels, dropped: dropSet.size };
}

/**
 * The level order of a factor: `given` (every label must be one of them and every
 * level must occur) or, by default, the factor's own (`levelsOf` order), and each
 * kept row's index into it (the factor's codes, recoded in place when `given`).
 * Requires `minLevels` levels. `rows` are the original indices of the kept rows,
 * for the error naming a label not in `given`.
 */
export function resolveLevels(
  name: string,
  optionName: string,
  factor: Factor,
  rows: Int32Array,
  given: readonly (string | number)[] | undefined,
  minLevels = 2,
): Factor {
  if (given === undefined) {
    requireLevels(name, factor.levels, minLevels);
    return factor;
  }
  requireLength(optionName, given);
  const levels: string[] = [];
  const position = new Map<string, number>();
  for (let i = 0; i < given.length; i++) {
    const v = given[i];
    if (typeof v !== "string" && !(typeof v === "number" && Number.isFinite(v))) {
      throw new InputError(optionName, i, v, "must be a level label (string or number)");
    }
    const s = String(v);
    if (position.has(s)) throw new InputError(optionName, i, v, "is repeated");
    position.set(s, levels.length);
    levels.push(s);
  }
  // Each of the factor's own levels (all of which occur) as a position in `given`, -1 when not listed.
  const givenOf = new Int32Array(factor.levels.length);
  const present = new Uint8Array(levels.length);
  for (let f = 0; f < factor.levels.length; f++) {
    const j = position.get(factor.levels[f]);
    givenOf[f] = j === undefined ? -1 : j;
    if (j !== undefined) present[j] = 1;
  }
  const codes = factor.codes;
  for (let k = 0; k < codes.length; k++) {
    const j = givenOf[codes[k]];
    if (j < 0) throw new InputError(name, rows[k], factor.levels[codes[k]], `is not one of ${optionName}`);
    codes[k] = j;
  }
  for (let i = 0; i < levels.length; i++) {
    if (!present[i]) throw new InputError(optionName, i, levels[i], `group "${levels[i]}" has no observations in ${name}`);
  }
  requireLevels(name, levels, minLevels);
  return { codes, levels };
}

/** Per-group count, mean, sum of squared deviations and the values themselves. */
export interface GroupStats {
  n: Int32Array;
  mean: Float64Array;
  sumSq: Float64Array;
  values: Float64Array[];
}

/** Splits y by group (one counting pass, one filling pass) and summarises each group. */
export function groupStats(y: Float64Array, group: Int32Array, k: number): GroupStats {
  const n = new Int32Array(k);
  for (let i = 0; i < group.length; i++) n[group[i]]++;
  const values: Float64Array[] = [];
  for (let j = 0; j < k; j++) values.push(new Float64Array(n[j]));
  const fill = new Int32Array(k);
  for (let i = 0; i < group.length; i++) values[group[i]][fill[group[i]]++] = y[i];
  const mean = new Float64Array(k);
  const sumSq = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    mean[j] = meanOf(values[j]);
    sumSq[j] = sumSqDev(values[j]);
  }
  return { n, mean, sumSq, values };
}

/** Validates two numeric columns of equal length and returns their complete pairs. */
export function pairedInput(
  xName: string,
  x: ArrayLikeInput<unknown>,
  yName: string,
  y: ArrayLikeInput<unknown>,
  missing: MissingPolicy | undefined,
): { x: Float64Array; y: Float64Array; rows: Int32Array; dropped: number } {
  requireLength(xName, x);
  requireLength(yName, y);
  requireSameLength({ [xName]: x, [yName]: y });
  const dropSet = missingRows({ [xName]: x, [yName]: y }, requireMissingPolicy(missing));
  const xs = finiteColumn(xName, x, dropSet);
  const ys = finiteColumn(yName, y, dropSet);
  return { x: xs, y: ys, rows: keptRows(x.length, dropSet), dropped: dropSet.size };
}

/** Validates one numeric column and returns its non-missing values. */
export function singleInput(name: string, x: ArrayLikeInput<unknown>, missing: MissingPolicy | undefined): { x: Float64Array; dropped: number } {
  requireLength(name, x);
  const dropSet = missingRows({ [name]: x }, requireMissingPolicy(missing));
  return { x: finiteColumn(name, x, dropSet), dropped: dropSet.size };
}
