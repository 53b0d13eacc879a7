/**
 * The rows of a Cox model laid out for risk-set sweeps (internal): every
 * model with (start, stop] rows, strata or case weights is fitted on this
 * layout, and the residuals, robust variance, concordance, cox.zph and
 * survival curves of every model walk it.
 *
 * Layout: rows grouped by stratum (codes 0, 1, ... in order), within a
 * stratum by decreasing stop time (ties in input order), the order R's
 * agreg.fit sorts by (`order(strata, -stop)`). A forward pass over a stratum
 * therefore meets the times from the last to the first, so risk sets grow by
 * adding rows; with (start, stop] rows a row leaves the risk set once the
 * sweep reaches its start time (`startOrder`: rows by decreasing start within
 * the stratum). Subject i is at risk at time t when start_i < t <= stop_i
 * (right-censored data: start = -Infinity).
 *
 * Times closer than sqrt(machine eps) are merged first when `timefix` is on,
 * as R's aeqSurv (coxph's default timefix = TRUE): for (start, stop] data on
 * the pooled start and stop values, and an interval that collapses to length
 * 0 is an error, as in R ("aeqSurv exception, an interval has effective
 * length 0").
 *
 * @example
 * const d = buildCoxRiskData(stop, start, status, [age], null, null, [], true);
 * d.stop;      // decreasing within stratum
 * d.order[0];  // input row of the first sorted row
 */
import { InputError } from "../core/index";
import { sortOrder } from "../core/sort-order";
import { mergeNearTimes } from "./time-order";
import { denseRanks } from "./cox-order";
import type { CoxSortedData } from "./cox-engine";

export interface CoxRiskData {
  /** Rows. */
  n: number;
  /** Covariates. */
  p: number;
  /** Stop (event or censoring) times, decreasing within stratum; after the timefix merge. */
  stop: Float64Array;
  /** Start times in the same order, null for right-censored data (start = -Infinity). */
  start: Float64Array | null;
  status: Uint8Array;
  /** Covariates, row-major n x p, as given. */
  x: Float64Array;
  /** Case weights, null when all are 1. */
  weights: Float64Array | null;
  /** Stratum code of each sorted row (null: one stratum). */
  stratum: Int32Array | null;
  nStrata: number;
  /** Stratum labels (code order); [] without strata. */
  strataLevels: string[];
  /** stratumStart[s] .. stratumStart[s + 1] - 1 are the sorted rows of stratum s; length nStrata + 1. */
  stratumStart: Uint32Array;
  /** (start, stop] data: sorted positions by stratum, then decreasing start (ties in input order). */
  startOrder: Uint32Array | null;
  /** Sorted position -> input row (after rows dropped for missing values). */
  order: Uint32Array;
}

/**
 * Merges near-equal times in place, as R's aeqSurv: on the stop times alone
 * (right-censored) or on the pooled start and stop values. Throws when a
 * (start, stop] interval collapses to length 0.
 */
export function timefixInPlace(stop: Float64Array, start: Float64Array | null): void {
  const n = stop.length;
  let values = stop;
  if (start !== null) {
    values = new Float64Array(2 * n);
    values.set(start);
    values.set(stop, n);
  }
  const m = values.length;
  // Merge the distinct values (few when times repeat: hashed, else through one sort).
  const dense = denseRanks(values, Math.max(1024, m >>> 3));
  if (dense) {
    const keys = new Float64Array(dense.distinct);
    for (let i = 0; i < m; i++) keys[dense.ranks[i] - 1] = values[i];
    if (!mergeNearTimes(keys)) return;
    for (let i = 0; i < m; i++) values[i] = keys[dense.ranks[i] - 1];
  } else {
    const ord = sortOrder(values);
    const sorted = new Float64Array(m);
    for (let k = 0; k < m; k++) sorted[k] = values[ord[k]];
    if (!mergeNearTimes(sorted)) return;
    for (let k = 0; k < m; k++) values[ord[k]] = sorted[k];
  }
  if (start === null) return;
  start.set(values.subarray(0, n));
  stop.set(values.subarray(n));
  for (let i = 0; i < n; i++) {
    if (!(start[i] < stop[i])) {
      throw new InputError(
        "time",
        i,
        stop[i],
        `is within sqrt(machine eps) of start[${i}], so timefix (R's aeqSurv) merges them and the interval has length 0; ` +
          "separate the times or pass timefix: false",
      );
    }
  }
}

/** Stable order of the rows by stratum code (counting sort), keeping `order` within a stratum. */
function byStratum(order: Uint32Array, stratum: Int32Array, nStrata: number): { order: Uint32Array; start: Uint32Array } {
  const n = order.length;
  const start = new Uint32Array(nStrata + 1);
  for (let i = 0; i < n; i++) start[stratum[i] + 1]++;
  for (let s = 0; s < nStrata; s++) start[s + 1] += start[s];
  const pos = start.slice(0, nStrata);
  const out = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k];
    out[pos[stratum[i]]++] = i;
  }
  return { order: out, start };
}

/** Stable decreasing order of a column (ties in input order): a counting sort when values repeat, else a radix sort. */
function decreasingOrder(values: Float64Array): Uint32Array {
  const n = values.length;
  const dense = denseRanks(values, Math.max(1024, n >>> 3));
  if (dense) {
    const { ranks, distinct } = dense;
    // Bucket b = distinct - rank: the largest value first.
    const pos = new Uint32Array(distinct + 1);
    for (let i = 0; i < n; i++) pos[distinct - ranks[i] + 1]++;
    for (let b = 1; b <= distinct; b++) pos[b] += pos[b - 1];
    const out = new Uint32Array(n);
    for (let i = 0; i < n; i++) out[pos[distinct - ranks[i]]++] = i;
    return out;
  }
  const neg = new Float64Array(n);
  for (let i = 0; i < n; i++) neg[i] = -values[i];
  return sortOrder(neg);
}

/**
 * Builds the layout from validated columns in input order (times already
 * merged by timefixInPlace when wanted). `strata` codes are 0..nStrata-1.
 */
export function buildCoxRiskData(
  stop: Float64Array,
  start: Float64Array | null,
  status: Uint8Array,
  columns: Float64Array[],
  weights: Float64Array | null,
  strata: Int32Array | null,
  strataLevels: string[],
): CoxRiskData {
  const n = stop.length;
  const p = columns.length;
  let order = decreasingOrder(stop);
  let stratumStart = Uint32Array.of(0, n);
  let nStrata = 1;
  if (strata !== null) {
    nStrata = Math.max(1, strataLevels.length);
    const s = byStratum(order, strata, nStrata);
    order = s.order;
    stratumStart = s.start;
  }
  const sStop = new Float64Array(n);
  const sStart = start === null ? null : new Float64Array(n);
  const sStatus = new Uint8Array(n);
  const sx = new Float64Array(n * p);
  const sw = weights === null ? null : new Float64Array(n);
  const sStratum = strata === null ? null : new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k];
    sStop[k] = stop[i];
    if (sStart !== null) sStart[k] = (start as Float64Array)[i];
    sStatus[k] = status[i];
    for (let j = 0; j < p; j++) sx[k * p + j] = columns[j][i];
    if (sw !== null) sw[k] = (weights as Float64Array)[i];
    if (sStratum !== null) sStratum[k] = (strata as Int32Array)[i];
  }
  let startOrder: Uint32Array | null = null;
  if (sStart !== null) {
    startOrder = decreasingOrder(sStart);
    if (sStratum !== null) startOrder = byStratum(startOrder, sStratum, nStrata).order;
  }
  return {
    n,
    p,
    stop: sStop,
    start: sStart,
    status: sStatus,
    x: sx,
    weights: sw,
    stratum: sStratum,
    nStrata,
    strataLevels: strataLevels.slice(),
    stratumStart,
    startOrder,
    order,
  };
}

/**
 * The layout of a plain fit's data (one stratum, no weights, right-censored),
 * from the fitter's ascending sort: the rows reversed. Also returns where each
 * risk-layout row sits in the ascending order (to carry the linear predictor over).
 */
export function riskDataOfSorted(sorted: CoxSortedData): { data: CoxRiskData; fromSorted: Uint32Array } {
  const { n, p } = sorted;
  const stop = new Float64Array(n);
  const status = new Uint8Array(n);
  const x = new Float64Array(n * p);
  const order = new Uint32Array(n);
  const fromSorted = new Uint32Array(n);
  // Decreasing time with ties in input order: walk the ascending time groups backwards.
  let k = 0;
  const gs = sorted.groupStart;
  for (let g = sorted.groups - 1; g >= 0; g--) {
    for (let m = gs[g]; m < gs[g + 1]; m++) {
      stop[k] = sorted.time[m];
      status[k] = sorted.status[m];
      for (let j = 0; j < p; j++) x[k * p + j] = sorted.x[m * p + j];
      order[k] = sorted.order[m];
      fromSorted[k] = m;
      k++;
    }
  }
  return {
    data: {
      n,
      p,
      stop,
      start: null,
      status,
      x,
      weights: null,
      stratum: null,
      nStrata: 1,
      strataLevels: [],
      stratumStart: Uint32Array.of(0, n),
      startOrder: null,
      order,
    },
    fromSorted,
  };
}

/**
 * Rows that are at risk at some event time of their own stratum (R's agreg.fit
 * keeps only these for the fit: the others cannot contribute). Right-censored
 * data: all rows.
 */
export function usedRows(d: CoxRiskData): Uint8Array | null {
  if (d.start === null) return null;
  const { n, stop, status, stratumStart } = d;
  const start = d.start;
  const startOrder = d.startOrder as Uint32Array;
  const used = new Uint8Array(n);
  // Number of the stratum's event times <= stop, per row; the row is used when fewer are <= start.
  const atStop = new Int32Array(n);
  let all = true;
  const ev = new Float64Array(n);
  for (let s = 0; s < d.nStrata; s++) {
    const a = stratumStart[s];
    const b = stratumStart[s + 1];
    // Event times of the stratum, ascending and distinct.
    let m = 0;
    for (let k = b - 1; k >= a; k--) {
      if (status[k] === 1 && (m === 0 || stop[k] !== ev[m - 1])) ev[m++] = stop[k];
    }
    // Rows by decreasing stop, then by decreasing start: two walks down the event times.
    let e = m;
    for (let k = a; k < b; k++) {
      while (e > 0 && ev[e - 1] > stop[k]) e--;
      atStop[k] = e;
    }
    e = m;
    for (let j = a; j < b; j++) {
      const q = startOrder[j];
      while (e > 0 && ev[e - 1] > start[q]) e--;
      if (atStop[q] > e) used[q] = 1;
      else all = false;
    }
  }
  return all ? null : used;
}

/** Index of the first value > v in ascending `a` (a.length when none). */
export function firstAbove(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The layout restricted to the rows flagged in `keep` (same order). */
export function subsetRiskData(d: CoxRiskData, keep: Uint8Array): CoxRiskData {
  const { n, p } = d;
  const newPos = new Int32Array(n).fill(-1);
  let m = 0;
  for (let k = 0; k < n; k++) if (keep[k]) newPos[k] = m++;
  const stop = new Float64Array(m);
  const start = d.start === null ? null : new Float64Array(m);
  const status = new Uint8Array(m);
  const x = new Float64Array(m * p);
  const weights = d.weights === null ? null : new Float64Array(m);
  const stratum = d.stratum === null ? null : new Int32Array(m);
  const order = new Uint32Array(m);
  const stratumStart = new Uint32Array(d.nStrata + 1);
  for (let k = 0; k < n; k++) {
    const q = newPos[k];
    if (q < 0) continue;
    stop[q] = d.stop[k];
    if (start !== null) start[q] = (d.start as Float64Array)[k];
    status[q] = d.status[k];
    for (let j = 0; j < p; j++) x[q * p + j] = d.x[k * p + j];
    if (weights !== null) weights[q] = (d.weights as Float64Array)[k];
    if (stratum !== null) stratum[q] = (d.stratum as Int32Array)[k];
    order[q] = d.order[k];
  }
  for (let s = 0; s < d.nStrata; s++) {
    let c = 0;
    for (let k = d.stratumStart[s]; k < d.stratumStart[s + 1]; k++) if (keep[k]) c++;
    stratumStart[s + 1] = stratumStart[s] + c;
  }
  let startOrder: Uint32Array | null = null;
  if (d.startOrder !== null) {
    startOrder = new Uint32Array(m);
    let q = 0;
    for (let k = 0; k < n; k++) {
      const pos = newPos[d.startOrder[k]];
      if (pos >= 0) startOrder[q++] = pos;
    }
  }
  return { ...d, n: m, stop, start, status, x, weights, stratum, stratumStart, startOrder, order };
}
