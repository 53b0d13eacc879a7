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
 * `rankTimes` gives the same `times` and `rank` without ordering the rows: when
 * the times repeat (at most n / 8 distinct values) by hashing them and sorting
 * only the distinct values. Kaplan-Meier, log-rank and cumulative incidence then
 * count rows per (group or stratum, distinct time) cell in one pass.
 *
 * `orderByCode` turns the time order into the order by (group or stratum, time)
 * with one stable counting sort; `orderByRank` gives the time order from ranks.
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

/** Above this many rows per distinct time the hash table pays for itself: rankTimes gives up hashing past n / 8 distinct times (or 64). */
const MIN_ROWS_PER_DISTINCT = 8;

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

export interface RankedTimes {
  /** Distinct times, ascending (after R's timefix merge when asked), as sortTimes gives them. */
  times: Float64Array;
  /** For each row, the index of its time in `times`. */
  rank: Int32Array;
}

/**
 * `times` and `rank` of sortTimes without ordering the rows, for estimators that
 * only count rows per distinct time (Kaplan-Meier, log-rank, cumulative
 * incidence). When the times repeat (at most max(64, n / 8) distinct values,
 * as with times in days or rounded to 0.01) each row's value is looked up in a
 * hash table and only the distinct values are sorted: O(n) with a small table
 * instead of a radix sort of n doubles. Otherwise it is sortTimes. Both give
 * the same `times` (each distinct value as it first appears in the input, so a
 * -0 before any +0 stays -0) and the same `rank`. Times must not be NaN (the
 * survival functions reject them first).
 *
 * @example
 * const { times, rank } = rankTimes(Float64Array.of(5, 2, 5, 1), true);
 * // times = [1, 2, 5], rank = [2, 1, 2, 0]
 */
export function rankTimes(time: Float64Array, timefix: boolean): RankedTimes {
  const n = time.length;
  const hashed = distinctTimeIds(time, Math.max(64, Math.floor(n / MIN_ROWS_PER_DISTINCT)));
  if (hashed === null) {
    const sorted = sortTimes(time, timefix);
    return { times: sorted.times, rank: sorted.rank };
  }
  const { ids, values } = hashed;
  const { times, indexOf } = sortDistinct(values, timefix);
  for (let i = 0; i < n; i++) ids[i] = indexOf[ids[i]];
  return { times, rank: ids };
}

/**
 * Each row's id among the distinct values by first appearance (-0 and +0 one value), and those
 * values, or null as soon as there are more than `maxDistinct` of them. Open addressing on the
 * IEEE-754 bits (multiplicative hash, linear probing) in a table kept at most half full: it
 * starts small and doubles as values come, so a few thousand distinct times stay in cache.
 * Runs of one value skip the lookup.
 */
function distinctTimeIds(time: Float64Array, maxDistinct: number): { ids: Int32Array; values: Float64Array } | null {
  const n = time.length;
  const cap = Math.min(maxDistinct, n);
  let bits = 10;
  let shift = 32 - bits;
  let mask = (1 << bits) - 1;
  let table = new Int32Array(1 << bits).fill(-1);
  let grow = 1 << (bits - 1);
  const values = new Float64Array(cap);
  const hashes = new Uint32Array(cap); // each value's 32-bit hash, to re-slot it when the table grows
  const ids = new Int32Array(n);
  // The two 32-bit halves of each double, read in place (a Float64Array's offset is a multiple of 8).
  const words = new Uint32Array(time.buffer, time.byteOffset, 2 * n);
  const loAt = LITTLE_ENDIAN ? 0 : 1;
  const hiAt = 1 - loAt;
  let count = 0;
  let last = NaN;
  let lastId = -1;
  for (let i = 0; i < n; i++) {
    const v = time[i];
    if (v === last) {
      ids[i] = lastId;
      continue;
    }
    // -0 and +0 must land in one slot: both hash as 0.
    let hash = v === 0 ? 0 : Math.imul(words[2 * i + loAt] ^ Math.imul(words[2 * i + hiAt], 0x9e3779b1), 0x85ebca6b);
    hash = Math.imul(hash ^ (hash >>> 16), 0x27d4eb2d) >>> 0;
    let h = hash >>> shift;
    let id: number;
    for (;;) {
      id = table[h];
      if (id < 0) {
        if (count === cap) return null;
        id = count++;
        values[id] = v;
        hashes[id] = hash;
        table[h] = id;
        if (count === grow) {
          bits++;
          shift = 32 - bits;
          mask = (1 << bits) - 1;
          grow = 1 << (bits - 1);
          table = new Int32Array(1 << bits).fill(-1);
          for (let j = 0; j < count; j++) {
            let slot = hashes[j] >>> shift;
            while (table[slot] >= 0) slot = (slot + 1) & mask;
            table[slot] = j;
          }
        }
        break;
      }
      if (values[id] === v) break;
      h = (h + 1) & mask;
    }
    ids[i] = id;
    last = v;
    lastId = id;
  }
  return { ids, values: values.subarray(0, count) };
}

/** Distinct values sorted (and merged by timefix when asked): the result's times and each value's index in them. */
function sortDistinct(values: Float64Array, timefix: boolean): { times: Float64Array; indexOf: Int32Array } {
  const m = values.length;
  const order = sortOrder(values);
  const sorted = new Float64Array(m);
  for (let k = 0; k < m; k++) sorted[k] = values[order[k]];
  if (timefix) mergeNearTimes(sorted);
  // After a merge equal values come in runs: one time per run.
  const indexOf = new Int32Array(m);
  const times = new Float64Array(m);
  let j = -1;
  for (let k = 0; k < m; k++) {
    if (k === 0 || sorted[k] !== sorted[k - 1]) times[++j] = sorted[k];
    indexOf[order[k]] = j;
  }
  return { times: times.slice(0, j + 1), indexOf };
}

/** Rows in ascending order of `rank` (0..m-1), stable: a counting sort. */
export function orderByRank(rank: Int32Array, m: number): Int32Array {
  const n = rank.length;
  const start = new Int32Array(m + 1);
  for (let i = 0; i < n; i++) start[rank[i] + 1]++;
  for (let r = 0; r < m; r++) start[r + 1] += start[r];
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[start[rank[i]]++] = i;
  return out;
}
