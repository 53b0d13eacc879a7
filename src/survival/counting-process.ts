/**
 * The general engine behind kaplanMeier, numberAtRisk and nelsonAalen when
 * rows have entry times (left truncation, (start, stop] data) or case weights:
 * R survival 3.5-3's `survfitKM` and its C routine `survfitkm`, rewritten.
 *
 * Times. With entry times, start and stop values are merged together by R's
 * timefix rule (aeqSurv on the union of both columns) and every value gets a
 * rank on that grid; a row whose start and stop merge into one value is an
 * error, as in R. Each curve has one row per distinct stop time of its rows
 * (censoring-only times included, as survival 3.5-3 does).
 *
 * Counts at a curve time t (all weighted by the case weights; unweighted
 * data use weight 1):
 *   n.risk(t)   = sum of w over rows with start < t <= stop   (an entry at t is not at risk at t)
 *   n.event(t)  = sum of w over rows with stop = t and event = 1
 *   n.censor(t) = sum of w over rows with stop = t and event = 0
 * n.risk is accumulated from the last time backwards exactly as survfitkm does
 * (add the rows ending at t, then remove the rows starting at or after t), so
 * sums of weights round as in R.
 *
 * Estimates at the times with d > 0 events (d the unweighted count) of
 * positive weight D, with N the weighted number at risk:
 *   Kaplan-Meier    S *= (N - D) / N,  Greenwood  V_log += D / (N (N - D))
 *   Nelson-Aalen    H += D / N,        var        += D / N^2                  (survfit ctype = 1)
 *   Fleming-Harrington (ctype = 2): each of the d tied events counted in turn
 *                   H += sum_{j=0}^{d-1} (D/d) / (N - j D/d),  var += sum (D/d) / (N - j D/d)^2
 *
 * Robust variance (R's infinitesimal jackknife, the default of survfit when any
 * weight is not a whole number; each row its own cluster): the standard errors
 * are sqrt(sum_k U_k(t)^2) over the rows' influence values U_k, which survfitkm
 * updates for every row at every event time (O(rows x times)). Here the same
 * values come in closed form, O(rows + times): a row at risk since curve time
 * e has U_k(t) = w_k S(t) (G(t) - G(e)) for the survival curve, G the Greenwood
 * sum D/(N(N-D)), and -w_k (K(t) - K(e)) for the cumulative hazard, K the sum
 * of D/N^2 (ctype 2: of the Fleming-Harrington analogue). When it leaves at t_l
 * its survival influence, scaled by 1/S, is frozen at
 * w_k (G(t_l) - G(e) - event_k / (N_l - D_l)) and its hazard influence at
 * -w_k (K(t_l) - K(e)) + event_k w_k / N_l; the sums of squares over rows still
 * at risk come from the w^2-weighted mean and sum of squared deviations of
 * G(e) (and K(e)) over the risk set, updated as rows enter and leave. The
 * survival curve's robust standard error is of S itself (R's logse = FALSE);
 * once S reaches 0 it is 0, as in R.
 *
 * Internal to src/survival.
 */
import { InputError } from "../core/index";
import { orderByCode, orderByRank, sortTimes } from "./time-order";

/** Start and stop values on one grid of (timefix-merged) distinct times. */
export interface TimeGrid {
  /** Distinct times, ascending. */
  times: Float64Array;
  /** Each row's stop time as an index into `times`. */
  stopRank: Int32Array;
  /** Each row's start time as an index into `times` (null without entry times). */
  startRank: Int32Array | null;
}

/**
 * Ranks stop (and start) values on one grid. `rowOf` maps each row back to its
 * index in the caller's input, for the error naming a row whose start and stop
 * merge under timefix.
 */
export function timeGrid(stop: Float64Array, start: Float64Array | null, timefix: boolean, rowOf?: (i: number) => number): TimeGrid {
  if (start === null) {
    const sorted = sortTimes(stop, timefix);
    return { times: sorted.times, stopRank: sorted.rank, startRank: null };
  }
  const n = stop.length;
  const both = new Float64Array(2 * n);
  both.set(start, 0);
  both.set(stop, n);
  const sorted = sortTimes(both, timefix);
  const startRank = sorted.rank.slice(0, n);
  const stopRank = sorted.rank.slice(n);
  for (let i = 0; i < n; i++) {
    if (startRank[i] >= stopRank[i]) {
      const row = rowOf === undefined ? i : rowOf(i);
      throw new InputError(
        "start",
        row,
        start[i],
        `and the row's time ${stop[i]} differ by less than sqrt(machine epsilon) and merge into one time (R's timefix, aeqSurv: "an interval has effective length 0")`,
      );
    }
  }
  return { times: sorted.times, stopRank, startRank };
}

/** Per-time counts of one curve, and each row's place in it (for the robust variance). */
export interface CurveCounts {
  /** Curve times (grid values of the distinct stop times), ascending. */
  time: Float64Array;
  /** Weighted number at risk, events, censored. */
  nRisk: Float64Array;
  nEvent: Float64Array;
  nCensor: Float64Array;
  /** Unweighted number of events. */
  deaths: Int32Array;
  /** Rows of this curve by stop time, and (with entry times) by start time. */
  byStop: Int32Array;
  byStart: Int32Array | null;
  /** Per row (indexed by row): curve index of its stop time, and of the first curve time after its start. */
  exitIndex: Int32Array;
  entryIndex: Int32Array | null;
}

/**
 * Counts for the rows `byStop` (ordered by stop rank) and `byStart` (the same
 * rows by start rank), following survfitkm's backward pass. `exitIndex` and
 * `entryIndex` are filled for these rows (arrays indexed by row, shared by
 * the curves of a by-group fit).
 */
export function curveCounts(
  grid: TimeGrid,
  event: Uint8Array,
  weights: Float64Array | null,
  byStop: Int32Array,
  byStart: Int32Array | null,
  exitIndex: Int32Array,
  entryIndex: Int32Array | null,
): CurveCounts {
  const { stopRank, startRank } = grid;
  const size = byStop.length;
  let m = 0;
  let last = -1;
  for (let j = 0; j < size; j++) {
    const r = stopRank[byStop[j]];
    if (r !== last) {
      m++;
      last = r;
    }
  }
  const time = new Float64Array(m);
  const nRisk = new Float64Array(m);
  const nEvent = new Float64Array(m);
  const nCensor = new Float64Array(m);
  const deaths = new Int32Array(m);
  let p2 = size - 1;
  let p1 = size - 1;
  let atRisk = 0;
  for (let k = m - 1; k >= 0; k--) {
    const r = stopRank[byStop[p2]];
    time[k] = grid.times[r];
    let events = 0;
    let wEvent = 0;
    let wCensor = 0;
    for (; p2 >= 0; p2--) {
      const i = byStop[p2];
      if (stopRank[i] !== r) break;
      const w = weights === null ? 1 : weights[i];
      atRisk += w;
      if (event[i] === 1) {
        events++;
        wEvent += w;
      } else wCensor += w;
      exitIndex[i] = k;
    }
    if (byStart !== null && startRank !== null && entryIndex !== null) {
      for (; p1 >= 0; p1--) {
        const i = byStart[p1];
        if (startRank[i] < r) break;
        atRisk -= weights === null ? 1 : weights[i];
        entryIndex[i] = k + 1;
      }
    }
    nRisk[k] = atRisk;
    nEvent[k] = wEvent;
    nCensor[k] = wCensor;
    deaths[k] = events;
  }
  if (byStart !== null && entryIndex !== null) for (; p1 >= 0; p1--) entryIndex[byStart[p1]] = 0;
  return { time, nRisk, nEvent, nCensor, deaths, byStop, byStart, exitIndex, entryIndex };
}

/** Kaplan-Meier and cumulative hazard of one curve, with their standard errors. */
export interface CurveEstimates {
  survival: Float64Array;
  /** Robust: se of S (R's std.err with logse = FALSE); otherwise sqrt of the Greenwood sum (se of log S). */
  seSurvival: Float64Array;
  cumHaz: Float64Array;
  /** se of the cumulative hazard (R's std.chaz). */
  seCumHaz: Float64Array;
}

/**
 * Survival (Kaplan-Meier), cumulative hazard (ctype 1 Nelson-Aalen, 2
 * Fleming-Harrington) and their standard errors (model-based or robust); see
 * the file comment.
 */
export function curveEstimates(
  counts: CurveCounts,
  event: Uint8Array,
  weights: Float64Array | null,
  ctype: 1 | 2,
  robust: boolean,
  scratch?: RobustScratch,
): CurveEstimates {
  if (!robust) return plainEstimates(counts, ctype);
  const rows = counts.exitIndex.length;
  const work = counts.byStart === null ? null : scratch ?? { entryG: new Float64Array(rows), entryK: new Float64Array(rows) };
  return robustEstimates(counts, event, weights, ctype, work);
}

/** Per-row work space of the robust variance with entry times (indexed by row; the curves of a by-group fit can share one). */
export interface RobustScratch {
  entryG: Float64Array;
  entryK: Float64Array;
}

function plainEstimates(counts: CurveCounts, ctype: 1 | 2): CurveEstimates {
  const m = counts.time.length;
  const survival = new Float64Array(m);
  const seSurvival = new Float64Array(m);
  const cumHaz = new Float64Array(m);
  const seCumHaz = new Float64Array(m);
  let km = 1;
  let greenwood = 0;
  let nelson = 0;
  let v2 = 0;
  for (let i = 0; i < m; i++) {
    const d = counts.deaths[i];
    const wd = counts.nEvent[i];
    const n = counts.nRisk[i];
    if (ctype === 1) {
      if (d > 0 && wd > 0) {
        nelson += wd / n;
        v2 += wd / (n * n);
      }
    } else {
      for (let j = 0; j < d; j++) {
        const denom = n - (j * wd) / d;
        nelson += wd / (d * denom);
        v2 += wd / (d * denom * denom);
      }
    }
    if (d > 0 && wd > 0) {
      km *= (n - wd) / n;
      greenwood += wd / (n * (n - wd)); // infinite when everyone left dies, as in R
    }
    survival[i] = km;
    seSurvival[i] = Math.sqrt(greenwood);
    cumHaz[i] = nelson;
    seCumHaz[i] = Math.sqrt(v2);
  }
  return { survival, seSurvival, cumHaz, seCumHaz };
}

/** Fleming-Harrington terms at one time (survfitkm's dtemp, dtemp2, dtemp3). */
function flemingTerms(d: number, wd: number, n: number): { mean: number; square: number; nonDeath: number } {
  const rest = n - wd;
  let mean = 0;
  let square = 0;
  let nonDeath = 0;
  for (let k = d; k > 0; k--) {
    const frac = k / d;
    const b = 1 / (rest + frac * wd);
    mean += b;
    square += b * b * frac;
    nonDeath += b * b;
  }
  mean /= d;
  if (wd !== d) {
    square *= wd / d;
    nonDeath *= wd / d;
  }
  return { mean, square, nonDeath };
}

function robustEstimates(
  counts: CurveCounts,
  event: Uint8Array,
  weights: Float64Array | null,
  ctype: 1 | 2,
  scratch: RobustScratch | null,
): CurveEstimates {
  const m = counts.time.length;
  const { byStop, byStart, exitIndex, entryIndex } = counts;
  const size = byStop.length;
  const survival = new Float64Array(m);
  const seSurvival = new Float64Array(m);
  const cumHaz = new Float64Array(m);
  const seCumHaz = new Float64Array(m);
  // scratch: the Greenwood sum G and hazard-variance sum K when each row entered (indexed by row).
  let km = 1;
  let nelson = 0;
  let g = 0; // Greenwood sum
  let kk = 0; // hazard variance sum
  // Over rows at risk, weighted by w^2: total, mean and sum of squared deviations of G(e) and of K(e)
  // (Welford's updates, so the sums of squares do not cancel), and the count of rows with w > 0.
  let w2 = 0;
  let meanG = 0;
  let ssG = 0;
  let meanK = 0;
  let ssK = 0;
  let positive = 0;
  // Sums of squares of the frozen influence values of rows that have left.
  let leftS = 0;
  let leftH = 0;
  let v1 = 0;
  let v2 = 0;
  let p1 = 0;
  let p2 = 0;
  for (let i = 0; i < m; i++) {
    // Rows entering the risk set at this time (all at the first time without entry times).
    if (byStart === null) {
      if (i === 0) {
        for (let j = 0; j < size; j++) {
          const w = weights === null ? 1 : weights[byStop[j]];
          w2 += w * w;
          if (w > 0) positive++;
        }
      }
    } else {
      for (; p1 < size; p1++) {
        const row = byStart[p1];
        if ((entryIndex as Int32Array)[row] > i) break;
        const w = weights === null ? 1 : weights[row];
        const ww = w * w;
        (scratch as RobustScratch).entryG[row] = g;
        (scratch as RobustScratch).entryK[row] = kk;
        if (ww > 0) {
          positive++;
          w2 += ww;
          const dg = g - meanG;
          meanG += (dg * ww) / w2;
          ssG += ww * dg * (g - meanG);
          const dk = kk - meanK;
          meanK += (dk * ww) / w2;
          ssK += ww * dk * (kk - meanK);
        }
      }
    }
    const d = counts.deaths[i];
    const wd = counts.nEvent[i];
    const n = counts.nRisk[i];
    const eventTime = d > 0 && wd > 0;
    let eventHaz = 0; // hazard influence of an event row, per unit weight
    let survivorsLeft = 0; // N - D
    if (eventTime) {
      const haz = wd / n;
      survivorsLeft = n - wd;
      if (ctype === 1) {
        kk += haz / n;
        eventHaz = 1 / n;
        nelson += haz;
      } else {
        const f = flemingTerms(d, wd, n);
        kk += f.nonDeath;
        eventHaz = f.mean + f.nonDeath - f.square;
        nelson += wd * f.mean;
      }
      if (km > 0) {
        g += wd / (n * survivorsLeft);
        km *= 1 - haz;
      }
    }
    // Rows leaving at this time: freeze their influence values.
    for (; p2 < size; p2++) {
      const row = byStop[p2];
      if (exitIndex[row] > i) break;
      const w = weights === null ? 1 : weights[row];
      const ww = w * w;
      const ge = scratch === null ? 0 : scratch.entryG[row];
      const ke = scratch === null ? 0 : scratch.entryK[row];
      const died = eventTime && event[row] === 1;
      if (km > 0) {
        const q = w * (g - ge) - (died ? w / survivorsLeft : 0);
        leftS += q * q;
      }
      const b = -w * (kk - ke) + (died ? w * eventHaz : 0);
      leftH += b * b;
      if (ww > 0 && --positive === 0) {
        w2 = meanG = ssG = meanK = ssK = 0;
      } else if (ww > 0) {
        w2 -= ww;
        const dg = ge - meanG;
        meanG -= (dg * ww) / w2;
        ssG -= ww * dg * (ge - meanG);
        const dk = ke - meanK;
        meanK -= (dk * ww) / w2;
        ssK -= ww * dk * (ke - meanK);
      }
    }
    if (eventTime) {
      // Sum over rows at risk of w^2 (G - G(e))^2 = W (G - mean)^2 + sum of squared deviations.
      const dg = g - meanG;
      const dk = kk - meanK;
      v1 = km > 0 ? km * km * (leftS + w2 * dg * dg + Math.max(0, ssG)) : 0;
      v2 = leftH + w2 * dk * dk + Math.max(0, ssK);
    }
    survival[i] = km;
    seSurvival[i] = Math.sqrt(v1);
    cumHaz[i] = nelson;
    seCumHaz[i] = Math.sqrt(v2);
  }
  return { survival, seSurvival, cumHaz, seCumHaz };
}

/** One curve of a counting-process fit: its counts and estimates. */
export interface CountingCurve {
  counts: CurveCounts;
  estimates: CurveEstimates;
}

/**
 * Every curve of a fit: rows grouped by `codes` (0..nGroups-1; null for one
 * curve), times merged on the pooled data as survfit does. `rowOf` maps a
 * used row to its index in the caller's input, for error messages.
 */
export function countingCurves(
  time: Float64Array,
  start: Float64Array | null,
  event: Uint8Array,
  weights: Float64Array | null,
  codes: Int32Array | null,
  nGroups: number,
  ctype: 1 | 2,
  robust: boolean,
  rowOf?: (i: number) => number,
): CountingCurve[] {
  const n = time.length;
  const grid = timeGrid(time, start, true, rowOf);
  const nRank = grid.times.length;
  let byStop = orderByRank(grid.stopRank, nRank);
  let byStart = grid.startRank === null ? null : orderByRank(grid.startRank, nRank);
  const sizes = new Int32Array(nGroups);
  if (codes !== null) {
    byStop = orderByCode(byStop, codes, nGroups);
    if (byStart !== null) byStart = orderByCode(byStart, codes, nGroups);
    for (let i = 0; i < n; i++) sizes[codes[i]]++;
  } else sizes[0] = n;
  const exitIndex = new Int32Array(n);
  const entryIndex = byStart === null ? null : new Int32Array(n);
  const scratch = robust && byStart !== null ? { entryG: new Float64Array(n), entryK: new Float64Array(n) } : undefined;
  const curves: CountingCurve[] = [];
  let begin = 0;
  for (let g = 0; g < nGroups; g++) {
    const end = begin + sizes[g];
    const stopRows = byStop.subarray(begin, end);
    const startRows = byStart === null ? null : byStart.subarray(begin, end);
    const counts = curveCounts(grid, event, weights, stopRows, startRows, exitIndex, entryIndex);
    curves.push({ counts, estimates: curveEstimates(counts, event, weights, ctype, robust, scratch) });
    begin = end;
  }
  return curves;
}
