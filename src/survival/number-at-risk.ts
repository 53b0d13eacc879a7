/**
 * Number of subjects still at risk (time >= t) at chosen times, overall or per
 * group: the table printed under a Kaplan-Meier plot (survminer's risk table,
 * the `n.risk` of R's `summary(survfit(...), times = t, extend = TRUE)`), where
 * the count is 0 past the last follow-up time. Times are compared exactly.
 *
 * @example
 * numberAtRisk([3, 5, 5, 8, 12], [0, 5, 10]);
 * // { times: [0, 5, 10], groups: ["all"], nRisk: [[5, 4, 1]], ... }
 */
import { requireLength, finiteColumn } from "../core/index";
import type { ArrayLikeInput } from "../core/index";
import { readSurvivalInput } from "./survival-input";
import type { GroupOptions } from "./survival-input";

export interface NumberAtRiskResult {
  /** The requested times, in the order given. */
  times: number[];
  /** Group labels ("all" without a group). */
  groups: string[];
  /** nRisk[g][j]: subjects of group g with time >= times[j]. */
  nRisk: number[][];
  /** Subjects per group. */
  n: number[];
  /** Rows dropped for missing values. */
  dropped: number;
}

/** Subjects at risk at `atTimes`, per group; see the file comment. */
export function numberAtRisk(
  time: ArrayLikeInput<unknown>,
  atTimes: ArrayLikeInput<unknown>,
  group?: ArrayLikeInput<unknown> | null,
  options: GroupOptions = {},
): NumberAtRiskResult {
  requireLength("atTimes", atTimes);
  const at = finiteColumn("atTimes", atTimes);
  const input = readSurvivalInput({ time, group: group === null ? undefined : group }, options, ["group"]);
  const groups = input.group === null ? ["all"] : input.groupLevels;
  const ng = groups.length;
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
    for (let j = 0; j < at.length; j++) {
      // First index with block[idx] >= t.
      let lo = 0;
      let hi = block.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (block[mid] < at[j]) lo = mid + 1;
        else hi = mid;
      }
      row.push(block.length - lo);
    }
    nRisk.push(row);
    n.push(block.length);
  }
  return { times: Array.from(at), groups, nRisk, n, dropped: input.dropped };
}
