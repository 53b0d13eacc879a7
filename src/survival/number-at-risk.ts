/**
 * Number of subjects still at risk (time >= t) at chosen times, overall or per
 * group: the table printed under a Kaplan-Meier plot (survminer's risk table,
 * the `n.risk` of R's `summary(survfit(...), times = t, extend = TRUE)`), where
 * the count is 0 past the last follow-up time. Times are compared exactly.
 *
 * With `weights` or `start` (delayed entry, (start, time] rows) the count
 * follows `summary(survfit(Surv([start, ]time, event) ~ group, weights), times, extend = TRUE)$n.risk`:
 * the (weighted) risk set, start < s <= time, at s, the first time of the
 * group's curve (its distinct exit times, timefix-merged with the entry times
 * as survfit does) at or after t, so subjects entering between t and s are
 * counted; 0 past the group's last exit time. Without entry times this is the
 * weighted count of time >= t (times within sqrt(machine eps) merged).
 *
 * @example
 * numberAtRisk([3, 5, 5, 8, 12], [0, 5, 10]);
 * // { times: [0, 5, 10], groups: ["all"], nRisk: [[5, 4, 1]], ... }
 * numberAtRisk([3, 5, 8], [0, 4], null, { start: [0, 0, 4] }).nRisk; // [[2, 2]]: at 4, the risk set at 5 (the next exit), which counts the entry at 4
 */
import { requireLength, finiteColumn } from "../core/index";
import type { ArrayLikeInput } from "../core/index";
import { countingCurves } from "./counting-process";
import { usedRowIndex } from "./kaplan-meier";
import { readSurvivalInput } from "./survival-input";
import type { GroupOptions } from "./survival-input";

export interface NumberAtRiskOptions extends GroupOptions {
  /** Entry times: each row is the interval (start, time]; see the file comment. */
  start?: ArrayLikeInput<unknown>;
  /** Case weights (finite, >= 0, not all zero): counts become sums of weights. */
  weights?: ArrayLikeInput<unknown>;
}

export interface NumberAtRiskResult {
  /** The requested times, in the order given. */
  times: number[];
  /** Group labels ("all" without a group). */
  groups: string[];
  /** nRisk[g][j]: subjects of group g with time >= times[j] (weighted sums with weights; with start see the file comment). */
  nRisk: number[][];
  /** Rows per group. */
  n: number[];
  /** Rows dropped for missing values. */
  dropped: number;
}

/** Subjects at risk at `atTimes`, per group; see the file comment. */
export function numberAtRisk(
  time: ArrayLikeInput<unknown>,
  atTimes: ArrayLikeInput<unknown>,
  group?: ArrayLikeInput<unknown> | null,
  options: NumberAtRiskOptions = {},
): NumberAtRiskResult {
  requireLength("atTimes", atTimes);
  const at = finiteColumn("atTimes", atTimes);
  const spec = { time, group: group === null ? undefined : group, start: options.start, weights: options.weights };
  const input = readSurvivalInput(spec, options, ["group", "start", "weights"]);
  const groups = input.group === null ? ["all"] : input.groupLevels;
  const ng = groups.length;
  if (input.start !== null || input.weights !== null) return countingAtRisk(input, at, groups, usedRowIndex(spec, options.missing));
  const size = new Int32Array(ng + 1);
  const codes = input.group;
  for (let i = 0; i < input.n; i++) size[(codes === null ? 0 : codes[i]) + 1]++;
  for (let g = 0; g < ng; g++) size[g + 1] += size[g];
  // Times grouped by group, then each group's block sorted.
  const sorted = new Float64Array(input.n);
  const fill = size.slice(0, ng);
  for (let i = 0; i < input.n; i++) sorted[fill[codes === null ? 0 : codes[i]]++] = input.time[i];
  const nRisk: number[][] = [];
  const n: number[] = [];
  for (let g = 0; g < ng; g++) {
    const block = sorted.subarray(size[g], size[g + 1]).sort();
    const row: number[] = [];
    for (let j = 0; j < at.length; j++) row.push(block.length - firstAtOrAfter(block, at[j]));
    nRisk.push(row);
    n.push(block.length);
  }
  return { times: Array.from(at), groups, nRisk, n, dropped: input.dropped };
}

/** numberAtRisk with entry times or weights, through the counting-process engine (R's summary.survfit rule). */
function countingAtRisk(
  input: ReturnType<typeof readSurvivalInput>,
  at: Float64Array,
  groups: string[],
  rowOf: (i: number) => number,
): NumberAtRiskResult {
  const ng = groups.length;
  const noEvents = new Uint8Array(input.n);
  const curves = countingCurves(input.time, input.start, noEvents, input.weights, input.group, ng, 1, false, rowOf);
  const nRisk: number[][] = [];
  const n: number[] = new Array(ng).fill(0);
  for (let i = 0; i < input.n; i++) n[input.group === null ? 0 : input.group[i]]++;
  for (let g = 0; g < ng; g++) {
    const { time, nRisk: risk } = curves[g].counts;
    const row: number[] = [];
    for (let j = 0; j < at.length; j++) {
      const k = firstAtOrAfter(time, at[j]);
      row.push(k < time.length ? risk[k] : 0);
    }
    nRisk.push(row);
  }
  return { times: Array.from(at), groups, nRisk, n, dropped: input.dropped };
}

/** Index of the first value >= t in ascending `sorted` (its length when there is none). */
function firstAtOrAfter(sorted: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
