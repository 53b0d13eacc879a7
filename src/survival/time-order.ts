/**
 * Sorting survival times once, shared by every estimator in this folder.
 *
 * `sortTimes` orders the rows by time with src/core's `sortOrder` (a stable
 * radix sort on the IEEE-754 bit patterns, O(n)), then gives each row the
 * index of its time among the distinct times, so later passes compare small
 * integers instead of doubles. With `timefix` it first merges times that differ by at most
 * sqrt(machine eps), absolutely or relative to the mean distinct time, as R's
 * `aeqSurv` does for survfit/survdiff/coxph (`timefix = TRUE`): each merged run
 * takes its smallest value. cmprsk does not do this, so cumulative incidence
 * uses `timefix = false`.
 *
 * `orderByCode` turns the time order into the order by (group or stratum, time)
 * with one stable counting sort.
 *
 * @example
 * const { times, rank, order } = sortTimes(Float64Array.of(5, 2, 5, 1), true);
 * // times = [1, 2, 5], rank = [2, 1, 2, 0], order = [3, 1, 0, 2]
 */

import { sortOrder } from "../core/sort-order";

const TOLERANCE = Math.sqrt(Number.EPSILON);

export interface SortedTimes {
  /** Distinct times, ascending (after R's timefix merge when asked). */
  times: Float64Array;
  /** For each row, the index of its time in `times`. */
  rank: Int32Array;
  /** Row indices by ascending time; rows with equal times keep their input order. */
  order: Int32Array;
}

export function sortTimes(time: Float64Array, timefix: boolean): SortedTimes {
  const n = time.length;
  const sorted = sortOrder(time);
  // Row indices are below 2^31, so the same bits read as Int32 are the same indices.
  const order = new Int32Array(sorted.buffer, sorted.byteOffset, n);
  const rank = new Int32Array(n);
  const distinct = new Float64Array(n);
  let m = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const v = time[i];
    if (m === 0 || v !== distinct[m - 1]) distinct[m++] = v;
    rank[i] = m - 1;
  }
  if (timefix && m > 1) {
    const times = distinct.slice(0, m);
    if (mergeNearTimes(times)) {
      // Distinct times now come in runs of equal values: index the runs.
      const mergedOf = new Int32Array(m);
      let k = 0;
      for (let j = 1; j < m; j++) {
        if (times[j] !== times[j - 1]) times[++k] = times[j];
        mergedOf[j] = k;
      }
      for (let i = 0; i < n; i++) rank[i] = mergedOf[rank[i]];
      return { times: times.slice(0, k + 1), rank, order };
    }
    return { times, rank, order };
  }
  return { times: distinct.slice(0, m), rank, order };
}

/**
 * R's aeqSurv (survival's `timefix = TRUE`), in place on ascending times (ties
 * allowed): consecutive distinct values that differ by at most sqrt(eps),
 * absolutely or relative to the mean absolute distinct value, are merged, each
 * run taking its first (smallest) value. Returns whether anything merged.
 * Shared by sortTimes (on the distinct times) and the Cox model (on all times).
 *
 * @example
 * const t = Float64Array.of(1, 1 + 1e-10, 2); mergeNearTimes(t); // true, t = [1, 1, 2]
 */
export function mergeNearTimes(sorted: Float64Array): boolean {
  const n = sorted.length;
  if (n < 2) return false;
  let sum = 0;
  let count = 0;
  for (let k = 0; k < n; k++) {
    if (k === 0 || sorted[k] !== sorted[k - 1]) {
      sum += Math.abs(sorted[k]);
      count++;
    }
  }
  const meanAbs = sum / count;
  let merged = false;
  let previous = sorted[0];
  let cut = sorted[0];
  for (let k = 1; k < n; k++) {
    const v = sorted[k];
    if (v !== previous) {
      // Compared with the previous original value, so a run can drift further than the tolerance from its cut.
      const dy = v - previous;
      if (dy <= TOLERANCE || dy / meanAbs <= TOLERANCE) merged = true;
      else cut = v;
      previous = v;
    }
    sorted[k] = cut;
  }
  return merged;
}

/** Rows reordered stably by `code` (0..nCode-1), keeping the given order within a code. */
export function orderByCode(order: Int32Array, code: Int32Array, nCode: number): Int32Array {
  const n = order.length;
  const start = new Int32Array(nCode + 1);
  for (let i = 0; i < n; i++) start[code[i] + 1]++;
  for (let c = 0; c < nCode; c++) start[c + 1] += start[c];
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k];
    out[start[code[i]]++] = i;
  }
  return out;
}
