/**
 * Input checking shared by the survival functions: every column must be an
 * array of the same non-zero length; missing values (null, undefined, NaN)
 * throw unless `missing: "drop"`, which removes the whole row and reports the
 * count; times must be finite and >= 0, events 0/1, causes 0 or a positive
 * integer, group labels strings or numbers. Errors are core `InputError`s
 * naming the argument and the first offending index.
 *
 * Groups are coded 0..k-1 (core's `factorColumn`, no string per row) in the
 * order of `levelsOf` (numeric labels by value, others by text), or in the
 * order of an explicit `levels` list, in which case every label must be one
 * of the levels and every level must occur.
 *
 * @example
 * const input = readSurvivalInput({ time: [5, 3, null], event: [1, 0, 1] }, { missing: "drop" });
 * // input.n = 2, input.dropped = 1, input.time = Float64Array [5, 3]
 */
import {
  InputError,
  requireLength,
  requireSameLength,
  missingRows,
  timeColumn,
  eventColumn,
  factorColumn,
  requireLevels,
  finiteColumn,
  weightsColumn,
} from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";

/** Options every survival function accepts for missing values. */
export interface MissingOptions {
  /** "error" (default) throws on a missing value; "drop" removes such rows and reports how many. */
  missing?: MissingPolicy;
}

/** Options of the functions that compare or split by group. */
export interface GroupOptions extends MissingOptions {
  /** Group order to use instead of `levelsOf` (every label must be listed; every level must occur). */
  levels?: readonly string[];
}

export interface SurvivalColumnsSpec {
  time: ArrayLikeInput<unknown>;
  event?: ArrayLikeInput<unknown>;
  cause?: ArrayLikeInput<unknown>;
  group?: ArrayLikeInput<unknown>;
  strata?: ArrayLikeInput<unknown>;
  /** Entry times of (start, stop] rows (stop = time): finite, each < its time. */
  start?: ArrayLikeInput<unknown>;
  /** Case weights: finite, >= 0, not all zero. */
  weights?: ArrayLikeInput<unknown>;
}

export interface SurvivalInput {
  /** Rows used. */
  n: number;
  /** Rows dropped for missing values. */
  dropped: number;
  time: Float64Array;
  event: Uint8Array | null;
  cause: Int32Array | null;
  group: Int32Array | null;
  groupLevels: string[];
  strata: Int32Array | null;
  strataLevels: string[];
  /** Entry times (null when not given). */
  start: Float64Array | null;
  /** Case weights (null when not given). */
  weights: Float64Array | null;
}

/** Validates `missing` and returns the policy. */
export function checkMissingPolicy(missing: unknown): MissingPolicy {
  if (missing === undefined || missing === "error") return "error";
  if (missing === "drop") return "drop";
  throw new InputError("missing", null, missing, 'must be "error" or "drop"');
}

/** Checks and converts the columns named in `spec` (see the file comment); `optional` ones may be undefined. */
export function readSurvivalInput(
  spec: SurvivalColumnsSpec,
  options: { missing?: unknown; levels?: unknown } = {},
  optional: ReadonlyArray<"group" | "strata" | "start" | "weights"> = [],
): SurvivalInput {
  const policy = checkMissingPolicy(options.missing);
  const columns: Record<string, ArrayLikeInput<unknown>> = {};
  for (const name of ["time", "event", "cause", "group", "strata", "start", "weights"] as const) {
    // A column the caller names is required (a JS caller may pass undefined), unless listed as optional.
    if (!(name in spec)) continue;
    const values = spec[name];
    if ((values === undefined || values === null) && optional.indexOf(name as "group") >= 0) continue;
    requireLength(name, values);
    columns[name] = values as ArrayLikeInput<unknown>;
  }
  requireSameLength(columns);
  const droppedRows = missingRows(columns, policy);
  const total = spec.time.length;
  if (droppedRows.size === total) {
    throw new InputError("time", null, null, "has no rows left after dropping missing values");
  }

  const time = timeColumn("time", spec.time, droppedRows);
  const event = columns.event === undefined ? null : eventColumn("event", columns.event, droppedRows);
  const cause = columns.cause === undefined ? null : causeColumn(columns.cause, droppedRows);
  let group: Int32Array | null = null;
  let groupLevels: string[] = [];
  if (columns.group !== undefined) {
    const coded = codeLabels("group", columns.group, droppedRows, options.levels);
    group = coded.codes;
    groupLevels = coded.levels;
  }
  let strata: Int32Array | null = null;
  let strataLevels: string[] = [];
  if (columns.strata !== undefined) {
    const coded = codeLabels("strata", columns.strata, droppedRows, undefined);
    strata = coded.codes;
    strataLevels = coded.levels;
  }
  const start = columns.start === undefined ? null : startColumn(columns.start, time, droppedRows);
  const weights = columns.weights === undefined ? null : weightsColumn("weights", columns.weights, droppedRows);
  return { n: time.length, dropped: droppedRows.size, time, event, cause, group, groupLevels, strata, strataLevels, start, weights };
}

/** Entry times: finite numbers, each strictly before its row's exit time (R's Surv(start, stop): "Stop time must be > start time"). */
function startColumn(values: ArrayLikeInput<unknown>, stop: Float64Array, dropped: Set<number>): Float64Array {
  const start = finiteColumn("start", values, dropped);
  const skip = dropped.size > 0;
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    if (skip && dropped.has(i)) continue;
    if (!(start[k] < stop[k])) {
      throw new InputError("start", i, values[i], `must be less than the row's time (${stop[k]}): rows are (start, time] intervals`);
    }
    k++;
  }
  return start;
}

/** Throws unless there are at least two groups (tests comparing groups). */
export function requireTwoGroups(input: SurvivalInput): void {
  requireLevels("group", input.groupLevels, 2);
}

function causeColumn(values: ArrayLikeInput<unknown>, dropped: Set<number>): Int32Array {
  const numbers = finiteColumn("cause", values, dropped);
  const out = new Int32Array(numbers.length);
  const skip = dropped.size > 0;
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    if (skip && dropped.has(i)) continue;
    const v = numbers[k];
    if (!(v >= 0 && Math.floor(v) === v && v <= 2147483647)) {
      throw new InputError("cause", i, values[i], "must be 0 (censored) or a positive integer cause code");
    }
    out[k++] = v;
  }
  return out;
}

function codeLabels(
  name: string,
  values: ArrayLikeInput<unknown>,
  dropped: Set<number>,
  levels: unknown,
): { codes: Int32Array; levels: string[] } {
  const factor = factorColumn(name, values, dropped);
  if (levels === undefined) return factor;
  if (!Array.isArray(levels) || levels.length === 0) {
    throw new InputError("levels", null, levels, "must be a non-empty array of group labels");
  }
  const order: string[] = [];
  for (let j = 0; j < levels.length; j++) {
    const level = levels[j];
    if (typeof level !== "string" && !(typeof level === "number" && Number.isFinite(level))) {
      throw new InputError("levels", j, level, "must be a group label (string or number)");
    }
    const text = String(level);
    if (order.indexOf(text) >= 0) throw new InputError("levels", j, level, "is listed twice");
    order.push(text);
  }
  // Each distinct label's position in the given order (-1: not listed).
  const givenOf = new Int32Array(factor.levels.length);
  for (let f = 0; f < factor.levels.length; f++) givenOf[f] = order.indexOf(factor.levels[f]);
  const codes = factor.codes;
  const seen = new Int32Array(order.length);
  const skip = dropped.size > 0;
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    if (skip && dropped.has(i)) continue;
    const code = givenOf[codes[k]];
    if (code < 0) throw new InputError(name, i, values[i], "is not one of the given levels");
    codes[k++] = code;
    seen[code]++;
  }
  for (let j = 0; j < order.length; j++) {
    if (seen[j] === 0) throw new InputError("levels", j, order[j], `has no observations in ${name}`);
  }
  return { codes, levels: order };
}
