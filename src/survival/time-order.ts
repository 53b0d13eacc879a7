/**
 * Sorting survival times once, shared by every estimator in this folder.
 *
 * `rankTimes` sorts a copy of the times (the built-in numeric sort of a
 * Float64Array), keeps the distinct values and gives each row the index of
 * its time among them, so later passes compare small integers instead of
 * doubles. With `timefix` it first merges times that differ by less than
 * sqrt(machine eps), absolutely or relative to the mean distinct time, as R's
 * `aeqSurv` does for survfit/survdiff/coxph (`timefix = TRUE`): each merged run
 * takes its smallest value. cmprsk does not do this, so cumulative incidence
 * uses `timefix = false`.
 *
 * `orderRows` turns ranks (and an optional group/stratum code) into the row
 * order sorted by (code, time) with two counting sorts: O(n + distinct times).
 *
 * @example
 * const { times, rank } = rankTimes(Float64Array.of(5, 2, 5, 1), true);
 * // times = [1, 2, 5], rank = [2, 1, 2, 0]
 * orderRows(rank, times.length, null, 0); // [3, 1, 0, 2]
 */

const TOLERANCE = Math.sqrt(Number.EPSILON);

export interface RankedTimes {
  /** Distinct times, ascending (after R's timefix merge when asked). */
  times: Float64Array;
  /** For each row, the index of its time in `times`. */
  rank: Int32Array;
}

export function rankTimes(time: Float64Array, timefix: boolean): RankedTimes {
  const n = time.length;
  const sorted = time.slice().sort();
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = sorted[i];
    if (m === 0 || v !== sorted[m - 1]) sorted[m++] = v;
  }
  const distinct = sorted.subarray(0, m);

  // R's aeqSurv: a gap counts as a tie when <= tol, or <= tol relative to mean(|t|).
  let mergedOf: Int32Array | null = null;
  let times: Float64Array = distinct;
  if (timefix && m > 1) {
    let sum = 0;
    for (let i = 0; i < m; i++) sum += Math.abs(distinct[i]);
    const mean = sum / m;
    let anyTied = false;
    for (let i = 1; i < m; i++) {
      const dy = distinct[i] - distinct[i - 1];
      if (dy <= TOLERANCE || dy / mean <= TOLERANCE) {
        anyTied = true;
        break;
      }
    }
    if (anyTied) {
      mergedOf = new Int32Array(m);
      const cuts = new Float64Array(m);
      let k = 0;
      cuts[0] = distinct[0];
      for (let i = 1; i < m; i++) {
        const dy = distinct[i] - distinct[i - 1];
        if (!(dy <= TOLERANCE || dy / mean <= TOLERANCE)) cuts[++k] = distinct[i];
        mergedOf[i] = k;
      }
      times = cuts.slice(0, k + 1);
    }
  }

  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = time[i];
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distinct[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    rank[i] = mergedOf === null ? lo : mergedOf[lo];
  }
  return { times: times === distinct ? distinct.slice() : times, rank };
}

/**
 * Row indices sorted by (code, rank), ties in input order. `code` (e.g. group
 * or stratum, 0..nCode-1) may be null to sort by rank only.
 */
export function orderRows(rank: Int32Array, nRank: number, code: Int32Array | null, nCode: number): Int32Array {
  const n = rank.length;
  const start = new Int32Array(nRank + 1);
  for (let i = 0; i < n; i++) start[rank[i] + 1]++;
  for (let r = 0; r < nRank; r++) start[r + 1] += start[r];
  const byRank = new Int32Array(n);
  for (let i = 0; i < n; i++) byRank[start[rank[i]]++] = i;
  if (code === null) return byRank;

  const cstart = new Int32Array(nCode + 1);
  for (let i = 0; i < n; i++) cstart[code[i] + 1]++;
  for (let c = 0; c < nCode; c++) cstart[c + 1] += cstart[c];
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = byRank[k];
    out[cstart[code[i]]++] = i;
  }
  return out;
}
