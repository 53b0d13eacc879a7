/**
 * The numerical core of the Cox model (internal; the public entry point is
 * coxPH in ./cox).
 *
 * Partial log-likelihood, for subjects sorted by time and tied event times
 * grouped: with risk r_i = exp(x_i' beta), d deaths D(t) at time t, risk set
 * R(t), S(t) = sum_{R(t)} r_i and S_D(t) = sum_{D(t)} r_i,
 *   Breslow: l = sum_t [ sum_{D(t)} x_i'b - d log S(t) ]
 *   Efron:   l = sum_t [ sum_{D(t)} x_i'b - sum_{k=0}^{d-1} log(S(t) - (k/d) S_D(t)) ]
 * with score u and information I the first and minus second derivatives.
 * Everything is accumulated in one pass from the last time to the first with
 * running sums (S, sum r x, sum r x x'), so an iteration costs O(n p^2).
 * How the pass is made fast without changing a single rounding (every sum
 * gets the same additions in the same order as a plain loop over the rows
 * sorted by time, walked backwards):
 *   - the fitter keeps its own copy of the rows in the order of the pass
 *     (decreasing time), read with an increasing index, which V8 compiles to
 *     a much tighter loop than a decreasing one;
 *   - within a time, the censored rows come before the events: the two feed
 *     separate sums (risk set, tied events), so the loop needs no
 *     unpredictable branch on the status;
 *   - when the covariate rows take few distinct values (age in years, sex,
 *     arm: distinctRows in ./cox-order), exp(x'b) and its products r x,
 *     r x x' are computed once per distinct row and pass (the same doubles as
 *     per row), and the pass over the rows only adds them up.
 *
 * The Newton-Raphson loop reproduces R survival 3.5-3's coxph.fit / coxfit6:
 * covariates not coded within {-1, 0, 1} are centred on their mean and scaled
 * by n / sum|x - mean| for stability; start at beta = 0; stop when
 * |1 - l_old / l_new| <= eps; when the log-likelihood falls (or turns
 * non-finite), step back towards the last good beta with growing weight
 * (beta_new = (beta_new + h beta) / (h + 1), h = 1, 2, ...); the variance is
 * the inverse information at the final beta. Times closer than
 * sqrt(machine eps) (absolutely or relative to the mean time) are first made
 * equal, as R's aeqSurv (coxph's default timefix = TRUE) does.
 *
 * @example
 * const data = sortCoxData(time, status, [age, sex], true);
 * const fit = fitCox(data, true, 20, 1e-9, Math.pow(Number.EPSILON, 0.75)); // Efron
 * fit.coef; fit.variance; fit.logLik; fit.iterations;
 */
import { addEventTerms, newtonRaphson } from "./cox-general-engine";
import { sortOrder } from "../core/sort-order";
import { denseRanks, distinctRows } from "./cox-order";
import { mergeNearTimes } from "./time-order";

/** Subjects sorted by time with tied times grouped: what every pass over the data needs. */
export interface CoxSortedData {
  n: number;
  p: number;
  /** Times, ascending (after the timefix merge when it was asked for). */
  time: Float64Array;
  /** Event indicator in the same order. */
  status: Uint8Array;
  /** Covariates in the same order, row-major n x p, as given (not centred). */
  x: Float64Array;
  /** groupStart[g] .. groupStart[g + 1] - 1 are the subjects of the g-th distinct time; length groups + 1. */
  groupStart: Uint32Array;
  groups: number;
  /** Sorted position -> row index of the caller's (post-drop) data. */
  order: Uint32Array;
  /** When the covariate rows take few distinct values: each sorted row's pattern (distinctRows in ./cox-order), else null. */
  pattern: Uint32Array | null;
  /** The patterns' covariate values, patterns x p, row-major, as given; null with `pattern`. */
  patternX: Float64Array | null;
  /** Number of patterns (0 when `pattern` is null). */
  patterns: number;
}

/**
 * Sorts once by time (stable), merges near-equal times when `timefix`, and finds the tie groups.
 * With at most `maxDistinct` distinct times it counting-sorts on their ranks, else radix-sorts.
 * With at most `maxPatterns` distinct covariate rows it also records each row's pattern.
 */
export function sortCoxData(
  time: Float64Array,
  status: Uint8Array,
  columns: Float64Array[],
  timefix: boolean,
  maxDistinct = Math.max(1024, time.length >>> 3),
  maxPatterns = time.length >>> 2,
): CoxSortedData {
  const n = time.length;
  const p = columns.length;
  const st = new Float64Array(n);
  const ss = new Uint8Array(n);
  const sx = new Float64Array(n * p);
  const order = new Uint32Array(n);
  const rows = maxPatterns > 0 ? distinctRows(columns, maxPatterns) : null;
  const pattern = rows === null ? null : new Uint32Array(n);
  const dense = maxDistinct > 0 ? denseRanks(time, maxDistinct) : null;
  const groupStart = new Uint32Array(n + 1);
  let groups = 0;
  if (dense) {
    // Few distinct times: a stable counting sort on their ranks, moving the rows as it goes.
    const { ranks, distinct } = dense;
    const pos = new Uint32Array(distinct + 2);
    for (let i = 0; i < n; i++) pos[ranks[i] + 1]++;
    for (let r = 1; r <= distinct + 1; r++) pos[r] += pos[r - 1];
    const blockStart = pos.slice(); // rank r's rows: blockStart[r] .. blockStart[r + 1] - 1 (ranks from 1)
    const c0 = columns[0];
    const c1 = p > 1 ? columns[1] : c0;
    const ids = rows === null ? null : rows.ids;
    for (let i = 0; i < n; i++) {
      const k = pos[ranks[i]]++;
      order[k] = i;
      ss[k] = status[i];
      if (ids !== null) (pattern as Uint32Array)[k] = ids[i];
      if (p === 2) {
        sx[2 * k] = c0[i];
        sx[2 * k + 1] = c1[i];
      } else {
        for (let j = 0; j < p; j++) sx[k * p + j] = columns[j][i];
      }
    }
    // The times, one value per rank: its first row's (as the row-by-row merge keeps the first of a
    // run, -0 included), merged by timefix on the distinct values alone (the same runs and cuts).
    const value = new Float64Array(distinct);
    for (let r = 0; r < distinct; r++) value[r] = time[order[blockStart[r + 1]]];
    if (timefix) mergeNearTimes(value);
    for (let r = 0; r < distinct; r++) {
      const from = blockStart[r + 1];
      const to = blockStart[r + 2];
      const v = value[r];
      if (r === 0 || v !== value[r - 1]) groupStart[groups++] = from;
      if (v === 0 && !timefix) {
        for (let k = from; k < to; k++) st[k] = time[order[k]]; // keeps each row's -0 or +0
      } else {
        st.fill(v, from, to);
      }
    }
  } else {
    order.set(sortOrder(time));
    for (let k = 0; k < n; k++) {
      const i = order[k];
      st[k] = time[i];
      ss[k] = status[i];
      for (let j = 0; j < p; j++) sx[k * p + j] = columns[j][i];
      if (rows !== null) (pattern as Uint32Array)[k] = rows.ids[i];
    }
    if (timefix) mergeNearTimes(st);
    for (let k = 0; k < n; k++) {
      if (k === 0 || st[k] !== st[k - 1]) groupStart[groups++] = k;
    }
  }
  groupStart[groups] = n;
  return {
    n,
    p,
    time: st,
    status: ss,
    x: sx,
    groupStart: groupStart.subarray(0, groups + 1),
    groups,
    order,
    pattern,
    patternX: rows === null ? null : rows.values,
    patterns: rows === null ? 0 : rows.count,
  };
}

/**
 * The fitter's copy of the rows, in the order of the likelihood's pass: the
 * times from the last to the first, and within a time its censored rows, then
 * its events, each in decreasing sorted position (the order in which the
 * plain backward loop adds them to their sums).
 */
interface SweepData {
  p: number;
  groups: number;
  /** censoredEnd[g]: one past the last censored row of the g-th time from the last; its events follow up to groupEnd[g]. */
  censoredEnd: Uint32Array;
  groupEnd: Uint32Array;
  /** Per-row centred and scaled covariates (n x p, pass order); null when `pattern` is used. */
  xs: Float64Array | null;
  /** Each row's pattern (pass order), or null. */
  pattern: Uint32Array | null;
  /** The patterns' centred and scaled covariates (patterns x p). */
  patternXs: Float64Array | null;
  patterns: number;
  /** Per pattern, refilled for each beta: see patternTable. */
  table: Float64Array | null;
}

/** Scratch space for one likelihood evaluation (allocated once per fit). */
interface Work {
  u: Float64Array;
  imat: Float64Array;
  a: Float64Array;
  a2: Float64Array;
  cmat: Float64Array;
  cmat2: Float64Array;
  out: Float64Array;
}

function makeWork(p: number): Work {
  return {
    u: new Float64Array(p),
    imat: new Float64Array(p * p),
    a: new Float64Array(p),
    a2: new Float64Array(p),
    cmat: new Float64Array(p * p),
    cmat2: new Float64Array(p * p),
    out: new Float64Array(1),
  };
}

/** Doubles per pattern in the table: x'b, exp(x'b), x (p), r x (p), r x_i x_j (p x p, lower triangle used). */
function tableStride(p: number): number {
  return 2 + 2 * p + p * p;
}

/**
 * Fills the pattern table for beta with the doubles the per-row loops compute
 * (zbeta summed in column order, risk = exp(zbeta), rx_i = risk * x_i,
 * rx_i * x_j), so looking them up changes no result.
 */
function patternTable(d: SweepData, beta: Float64Array): Float64Array {
  const { p, patterns } = d;
  const px = d.patternXs as Float64Array;
  const t = d.table as Float64Array;
  const stride = tableStride(p);
  for (let q = 0; q < patterns; q++) {
    const off = q * p;
    const o = q * stride;
    let zbeta: number;
    if (p === 2) {
      zbeta = beta[0] * px[off] + beta[1] * px[off + 1];
    } else {
      zbeta = 0;
      for (let i = 0; i < p; i++) zbeta += beta[i] * px[off + i];
    }
    const risk = Math.exp(zbeta);
    t[o] = zbeta;
    t[o + 1] = risk;
    for (let i = 0; i < p; i++) {
      const xi = px[off + i];
      const rx = risk * xi;
      t[o + 2 + i] = xi;
      t[o + 2 + p + i] = rx;
      for (let j = 0; j <= i; j++) t[o + 2 + 2 * p + i * p + j] = rx * px[off + j];
    }
  }
  return t;
}

/**
 * Log partial likelihood at beta (Efron or Breslow ties); fills w.u with the
 * score and the upper triangle of w.imat (imat[j*p+i], j <= i) with the information.
 */
function evaluate(d: SweepData, beta: Float64Array, efron: boolean, w: Work): number {
  if (d.p === 2) return evaluate2(d, beta, efron, w);
  const p = d.p;
  const { censoredEnd, groupEnd } = d;
  const { u, imat, a, a2, cmat, cmat2 } = w;
  u.fill(0);
  imat.fill(0);
  a.fill(0);
  a2.fill(0);
  cmat.fill(0);
  cmat2.fill(0);
  const pattern = d.pattern;
  const table = pattern !== null ? patternTable(d, beta) : null;
  const stride = tableStride(p);
  const xs = d.xs;
  const rxAt = 2 + p;
  const rxxAt = 2 + 2 * p;
  let loglik = 0;
  let denom = 0;
  let row = 0;
  for (let g = 0; g < d.groups; g++) {
    const censored = censoredEnd[g];
    const end = groupEnd[g];
    if (table !== null) {
      const pat = pattern as Uint32Array;
      for (; row < censored; row++) {
        const o = pat[row] * stride;
        denom += table[o + 1];
        for (let i = 0; i < p; i++) {
          a[i] += table[o + rxAt + i];
          for (let j = 0; j <= i; j++) cmat[i * p + j] += table[o + rxxAt + i * p + j];
        }
      }
    } else {
      const x = xs as Float64Array;
      for (; row < censored; row++) {
        const off = row * p;
        let zbeta = 0;
        for (let i = 0; i < p; i++) zbeta += beta[i] * x[off + i];
        const risk = Math.exp(zbeta);
        denom += risk;
        for (let i = 0; i < p; i++) {
          const rx = risk * x[off + i];
          a[i] += rx;
          for (let j = 0; j <= i; j++) cmat[i * p + j] += rx * x[off + j];
        }
      }
    }
    const ndead = end - censored;
    if (ndead === 0) continue;
    let denom2 = 0;
    if (table !== null) {
      const pat = pattern as Uint32Array;
      for (; row < end; row++) {
        const o = pat[row] * stride;
        denom2 += table[o + 1];
        loglik += table[o];
        for (let i = 0; i < p; i++) {
          u[i] += table[o + 2 + i];
          a2[i] += table[o + rxAt + i];
          for (let j = 0; j <= i; j++) cmat2[i * p + j] += table[o + rxxAt + i * p + j];
        }
      }
    } else {
      const x = xs as Float64Array;
      for (; row < end; row++) {
        const off = row * p;
        let zbeta = 0;
        for (let i = 0; i < p; i++) zbeta += beta[i] * x[off + i];
        const risk = Math.exp(zbeta);
        denom2 += risk;
        loglik += zbeta;
        for (let i = 0; i < p; i++) {
          const xi = x[off + i];
          const rx = risk * xi;
          u[i] += xi;
          a2[i] += rx;
          for (let j = 0; j <= i; j++) cmat2[i * p + j] += rx * x[off + j];
        }
      }
    }
    // Unweighted: the events' total weight is their number.
    w.out[0] = loglik;
    denom = addEventTerms(p, efron, ndead, ndead, denom, denom2, a, a2, cmat, cmat2, u, imat, w.out);
    loglik = w.out[0];
    a2.fill(0);
    cmat2.fill(0);
  }
  return loglik;
}

/**
 * evaluate() for two covariates (the common case, and the benchmark's) with
 * the running sums in local variables: the same arithmetic in the same order.
 */
function evaluate2(d: SweepData, beta: Float64Array, efron: boolean, w: Work): number {
  const { censoredEnd, groupEnd } = d;
  const pattern = d.pattern;
  const table = pattern !== null ? patternTable(d, beta) : null;
  const xs = d.xs;
  const b0 = beta[0];
  const b1 = beta[1];
  let u0 = 0, u1 = 0;
  let i00 = 0, i01 = 0, i11 = 0;
  let a0 = 0, a1 = 0, c00 = 0, c10 = 0, c11 = 0;
  let loglik = 0;
  let denom = 0;
  let row = 0;
  for (let g = 0; g < d.groups; g++) {
    const censored = censoredEnd[g];
    const end = groupEnd[g];
    // Censored rows join the risk-set sums.
    if (table !== null) {
      const pat = pattern as Uint32Array;
      for (; row < censored; row++) {
        const o = pat[row] * 10; // tableStride(2)
        denom += table[o + 1];
        a0 += table[o + 4];
        c00 += table[o + 6];
        a1 += table[o + 5];
        c10 += table[o + 8];
        c11 += table[o + 9];
      }
    } else {
      const x = xs as Float64Array;
      for (; row < censored; row++) {
        const x0 = x[2 * row];
        const x1 = x[2 * row + 1];
        const risk = Math.exp(b0 * x0 + b1 * x1);
        const r0 = risk * x0;
        const r1 = risk * x1;
        denom += risk;
        a0 += r0;
        c00 += r0 * x0;
        a1 += r1;
        c10 += r1 * x0;
        c11 += r1 * x1;
      }
    }
    const ndead = end - censored;
    if (ndead === 0) continue;
    // The events at this time: their own sums, joined to the risk set below.
    let denom2 = 0;
    let e0 = 0, e1 = 0, f00 = 0, f10 = 0, f11 = 0;
    if (table !== null) {
      const pat = pattern as Uint32Array;
      for (; row < end; row++) {
        const o = pat[row] * 10;
        denom2 += table[o + 1];
        loglik += table[o];
        u0 += table[o + 2];
        u1 += table[o + 3];
        e0 += table[o + 4];
        f00 += table[o + 6];
        e1 += table[o + 5];
        f10 += table[o + 8];
        f11 += table[o + 9];
      }
    } else {
      const x = xs as Float64Array;
      for (; row < end; row++) {
        const x0 = x[2 * row];
        const x1 = x[2 * row + 1];
        const zbeta = b0 * x0 + b1 * x1;
        const risk = Math.exp(zbeta);
        const r0 = risk * x0;
        const r1 = risk * x1;
        denom2 += risk;
        loglik += zbeta;
        u0 += x0;
        u1 += x1;
        e0 += r0;
        f00 += r0 * x0;
        e1 += r1;
        f10 += r1 * x0;
        f11 += r1 * x1;
      }
    }
    if (!efron || ndead === 1) {
      denom += denom2;
      loglik -= ndead * Math.log(denom);
      a0 += e0;
      const m0 = a0 / denom;
      u0 -= ndead * m0;
      c00 += f00;
      i00 += (ndead * (c00 - m0 * a0)) / denom;
      a1 += e1;
      const m1 = a1 / denom;
      u1 -= ndead * m1;
      c10 += f10;
      i01 += (ndead * (c10 - m1 * a0)) / denom;
      c11 += f11;
      i11 += (ndead * (c11 - m1 * a1)) / denom;
    } else {
      // Efron: the tied events leave the risk set a fraction 1/d at a time (the fractions are
      // the same quotients at every step, so they are divided out once).
      const dd = denom2 / ndead, d0 = e0 / ndead, d00 = f00 / ndead, d1 = e1 / ndead, d10 = f10 / ndead, d11 = f11 / ndead;
      for (let k = 0; k < ndead; k++) {
        denom += dd;
        loglik -= Math.log(denom);
        a0 += d0;
        const m0 = a0 / denom;
        u0 -= m0;
        c00 += d00;
        i00 += (c00 - m0 * a0) / denom;
        a1 += d1;
        const m1 = a1 / denom;
        u1 -= m1;
        c10 += d10;
        i01 += (c10 - m1 * a0) / denom;
        c11 += d11;
        i11 += (c11 - m1 * a1) / denom;
      }
    }
  }
  w.u[0] = u0;
  w.u[1] = u1;
  w.imat[0] = i00;
  w.imat[1] = i01;
  w.imat[3] = i11;
  w.imat[2] = 0;
  return loglik;
}

/** What the Newton-Raphson loop returns, on the original covariate scale. */
export interface CoxEngineResult {
  coef: Float64Array;
  /** Inverse information at coef (p x p, row-major). */
  variance: Float64Array;
  /** Score at coef. */
  score: Float64Array;
  logLikNull: number;
  logLik: number;
  /** Score test at beta = 0. */
  scoreTest: number;
  iterations: number;
  converged: boolean;
  /** Columns found redundant (zero pivot in the information matrix), at the start or at the end. */
  singular: number[];
  /** Centring values used (0 for columns coded within {-1, 0, 1}). */
  means: Float64Array;
  /** How many times a step was pulled back because the log-likelihood fell. */
  halvings: number;
}

/** Whether column j of the row-major x holds only -1, 0 and 1 (R's coxph does not centre such columns). */
function codedColumn(x: Float64Array, p: number, j: number, n: number): boolean {
  for (let k = 0; k < n; k++) {
    const v = x[k * p + j];
    if (v !== 0 && v !== 1 && v !== -1) return false;
  }
  return true;
}

/** Sum of column j, rows in order. */
function columnSum(x: Float64Array, p: number, j: number, n: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += x[k * p + j];
  return s;
}

/** Sum of |x - m| over column j, rows in order. */
function columnAbsDeviation(x: Float64Array, p: number, j: number, n: number, m: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += Math.abs(x[k * p + j] - m);
  return s;
}

/**
 * The pass order (see SweepData): for each of its rows the sorted position it comes from; fills
 * each time's end of censored rows and end of rows (times from the last to the first).
 */
function passOrder(status: Uint8Array, groupStart: Uint32Array, groups: number, censoredEnd: Uint32Array, groupEnd: Uint32Array): Uint32Array {
  const from = new Uint32Array(status.length);
  let row = 0;
  for (let g = 0; g < groups; g++) {
    const first = groupStart[groups - 1 - g];
    const size = groupStart[groups - g] - first;
    let events = 0;
    for (let m = first; m < first + size; m++) events += status[m];
    // Two cursors, censored rows from `row`, events after them; the cursor is chosen without a branch.
    let censoredAt = row;
    let eventAt = row + size - events;
    censoredEnd[g] = eventAt;
    for (let q = 0; q < size; q++) {
      const m = first + size - 1 - q;
      const event = status[m];
      from[censoredAt + event * (eventAt - censoredAt)] = m;
      eventAt += event;
      censoredAt += 1 - event;
    }
    row += size;
    groupEnd[g] = row;
  }
  return from;
}

/** values[from[k]] for each k. */
function gather(values: Uint32Array, from: Uint32Array): Uint32Array {
  const out = new Uint32Array(from.length);
  for (let k = 0; k < from.length; k++) out[k] = values[from[k]];
  return out;
}

/** Column j of the pass-order covariates: (x - mean) * scale when centred, else x. */
function scaledColumn(x: Float64Array, p: number, j: number, from: Uint32Array, centred: boolean, mean: number, scale: number, xs: Float64Array): void {
  for (let k = 0; k < from.length; k++) {
    const v = x[from[k] * p + j];
    xs[k * p + j] = centred ? (v - mean) * scale : v;
  }
}

/** Newton-Raphson with step halving, as R's coxfit6 (see the file comment). */
export function fitCox(d: CoxSortedData, efron: boolean, maxIter: number, eps: number, tolerChol: number): CoxEngineResult {
  const { n, p, groups } = d;
  const x = d.x;
  // Centre and scale, except columns coded within {-1, 0, 1} (R's nocenter default). The sums run
  // over the rows in ascending time order, so the means and scales are R's (and earlier versions') doubles.
  const means = new Float64Array(p);
  const scale = new Float64Array(p).fill(1);
  const centred = new Uint8Array(p);
  for (let j = 0; j < p; j++) {
    if (codedColumn(x, p, j, n)) continue;
    centred[j] = 1;
    const m = columnSum(x, p, j, n) / n;
    means[j] = m;
    const sa = columnAbsDeviation(x, p, j, n, m);
    scale[j] = sa > 0 ? n / sa : 1;
  }
  // (x - mean) * scale: the same two roundings as centring the column, then scaling it.
  const scaled = (v: number, j: number): number => (centred[j] ? (v - means[j]) * scale[j] : v);

  const censoredEnd = new Uint32Array(groups);
  const groupEnd = new Uint32Array(groups);
  const from = passOrder(d.status, d.groupStart, groups, censoredEnd, groupEnd);
  const patterns = d.pattern !== null ? d.patterns : 0;
  let pattern: Uint32Array | null = null;
  let xs: Float64Array | null = null;
  let patternXs: Float64Array | null = null;
  if (d.pattern !== null) {
    pattern = gather(d.pattern, from);
    const raw = d.patternX as Float64Array;
    patternXs = new Float64Array(patterns * p);
    for (let q = 0; q < patterns; q++) for (let j = 0; j < p; j++) patternXs[q * p + j] = scaled(raw[q * p + j], j);
  } else {
    xs = new Float64Array(n * p);
    for (let j = 0; j < p; j++) scaledColumn(x, p, j, from, centred[j] === 1, means[j], scale[j], xs);
  }
  const sweep: SweepData = {
    p,
    groups,
    censoredEnd,
    groupEnd,
    xs,
    pattern,
    patternXs,
    patterns,
    table: pattern !== null ? new Float64Array(patterns * tableStride(p)) : null,
  };

  const w = makeWork(p);
  return newtonRaphson(p, (b) => evaluate(sweep, b, efron, w), w, scale, means, { maxIter, eps, tolerChol, counting: false });
}
