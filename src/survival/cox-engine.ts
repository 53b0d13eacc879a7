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
 * Everything is accumulated in one backward pass over the sorted data with
 * running sums (S, sum r x, sum r x x'), so an iteration costs O(n p^2).
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
import { denseRanks } from "./cox-order";
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
}

/**
 * Sorts once by time (stable), merges near-equal times when `timefix`, and finds the tie groups.
 * With at most `maxDistinct` distinct times it counting-sorts on their ranks, else radix-sorts.
 */
export function sortCoxData(
  time: Float64Array,
  status: Uint8Array,
  columns: Float64Array[],
  timefix: boolean,
  maxDistinct = Math.max(1024, time.length >>> 3),
): CoxSortedData {
  const n = time.length;
  const p = columns.length;
  const st = new Float64Array(n);
  const ss = new Uint8Array(n);
  const sx = new Float64Array(n * p);
  const order = new Uint32Array(n);
  const dense = maxDistinct > 0 ? denseRanks(time, maxDistinct) : null;
  if (dense) {
    // Few distinct times: a stable counting sort on their ranks, moving the rows as it goes.
    const { ranks, distinct } = dense;
    const pos = new Uint32Array(distinct + 2);
    for (let i = 0; i < n; i++) pos[ranks[i] + 1]++;
    for (let r = 1; r <= distinct + 1; r++) pos[r] += pos[r - 1];
    for (let i = 0; i < n; i++) {
      const k = pos[ranks[i]]++;
      order[k] = i;
      st[k] = time[i];
      ss[k] = status[i];
      for (let j = 0; j < p; j++) sx[k * p + j] = columns[j][i];
    }
  } else {
    order.set(sortOrder(time));
    for (let k = 0; k < n; k++) {
      const i = order[k];
      st[k] = time[i];
      ss[k] = status[i];
      for (let j = 0; j < p; j++) sx[k * p + j] = columns[j][i];
    }
  }
  if (timefix) mergeNearTimes(st);
  const groupStart = new Uint32Array(n + 1);
  let groups = 0;
  for (let k = 0; k < n; k++) {
    if (k === 0 || st[k] !== st[k - 1]) groupStart[groups++] = k;
  }
  groupStart[groups] = n;
  return { n, p, time: st, status: ss, x: sx, groupStart: groupStart.subarray(0, groups + 1), groups, order };
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

/**
 * Log partial likelihood at beta for the (centred, scaled) covariates xs;
 * fills w.u with the score and the upper triangle of w.imat (imat[j*p+i],
 * j <= i) with the information.
 */
function evaluate(d: CoxSortedData, xs: Float64Array, beta: Float64Array, efron: boolean, w: Work): number {
  if (d.p === 2) return evaluate2(d, xs, beta, efron, w);
  const p = d.p;
  const status = d.status;
  const gs = d.groupStart;
  const { u, imat, a, a2, cmat, cmat2 } = w;
  u.fill(0);
  imat.fill(0);
  a.fill(0);
  a2.fill(0);
  cmat.fill(0);
  cmat2.fill(0);
  let loglik = 0;
  let denom = 0;
  for (let g = d.groups - 1; g >= 0; g--) {
    const start = gs[g];
    let ndead = 0;
    let denom2 = 0;
    for (let person = gs[g + 1] - 1; person >= start; person--) {
      const off = person * p;
      let zbeta = 0;
      for (let i = 0; i < p; i++) zbeta += beta[i] * xs[off + i];
      const risk = Math.exp(zbeta);
      if (status[person] === 0) {
        denom += risk;
        for (let i = 0; i < p; i++) {
          const rx = risk * xs[off + i];
          a[i] += rx;
          for (let j = 0; j <= i; j++) cmat[i * p + j] += rx * xs[off + j];
        }
      } else {
        ndead++;
        denom2 += risk;
        loglik += zbeta;
        for (let i = 0; i < p; i++) {
          const xi = xs[off + i];
          const rx = risk * xi;
          u[i] += xi;
          a2[i] += rx;
          for (let j = 0; j <= i; j++) cmat2[i * p + j] += rx * xs[off + j];
        }
      }
    }
    if (ndead === 0) continue;
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
 * evaluate() for two covariates with the running sums in local variables
 * (the common case, and the benchmark's): the same arithmetic in the same
 * order, about twice as fast as the general loops.
 */
function evaluate2(d: CoxSortedData, xs: Float64Array, beta: Float64Array, efron: boolean, w: Work): number {
  const status = d.status;
  const gs = d.groupStart;
  const b0 = beta[0];
  const b1 = beta[1];
  let u0 = 0, u1 = 0;
  let i00 = 0, i01 = 0, i11 = 0;
  let a0 = 0, a1 = 0, c00 = 0, c10 = 0, c11 = 0;
  let loglik = 0;
  let denom = 0;
  for (let g = d.groups - 1; g >= 0; g--) {
    const start = gs[g];
    let ndead = 0;
    let denom2 = 0;
    let e0 = 0, e1 = 0, f00 = 0, f10 = 0, f11 = 0;
    for (let person = gs[g + 1] - 1; person >= start; person--) {
      const x0 = xs[2 * person];
      const x1 = xs[2 * person + 1];
      const zbeta = b0 * x0 + b1 * x1;
      const risk = Math.exp(zbeta);
      const r0 = risk * x0;
      const r1 = risk * x1;
      if (status[person] === 0) {
        denom += risk;
        a0 += r0;
        c00 += r0 * x0;
        a1 += r1;
        c10 += r1 * x0;
        c11 += r1 * x1;
      } else {
        ndead++;
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
    if (ndead === 0) continue;
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
      for (let k = 0; k < ndead; k++) {
        denom += denom2 / ndead;
        loglik -= Math.log(denom);
        a0 += e0 / ndead;
        const m0 = a0 / denom;
        u0 -= m0;
        c00 += f00 / ndead;
        i00 += (c00 - m0 * a0) / denom;
        a1 += e1 / ndead;
        const m1 = a1 / denom;
        u1 -= m1;
        c10 += f10 / ndead;
        i01 += (c10 - m1 * a0) / denom;
        c11 += f11 / ndead;
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

/** Newton-Raphson with step halving, as R's coxfit6 (see the file comment). */
export function fitCox(d: CoxSortedData, efron: boolean, maxIter: number, eps: number, tolerChol: number): CoxEngineResult {
  const { n, p } = d;
  // Centre and scale, except columns coded within {-1, 0, 1} (R's nocenter default).
  const xs = Float64Array.from(d.x);
  const means = new Float64Array(p);
  const scale = new Float64Array(p).fill(1);
  for (let j = 0; j < p; j++) {
    let coded = true;
    for (let k = 0; k < n; k++) {
      const v = xs[k * p + j];
      if (v !== 0 && v !== 1 && v !== -1) {
        coded = false;
        break;
      }
    }
    if (coded) continue;
    let s = 0;
    for (let k = 0; k < n; k++) s += xs[k * p + j];
    const m = s / n;
    means[j] = m;
    let sa = 0;
    for (let k = 0; k < n; k++) {
      const c = xs[k * p + j] - m;
      xs[k * p + j] = c;
      sa += Math.abs(c);
    }
    const f = sa > 0 ? n / sa : 1;
    scale[j] = f;
    for (let k = 0; k < n; k++) xs[k * p + j] *= f;
  }

  const w = makeWork(p);
  return newtonRaphson(p, (b) => evaluate(d, xs, b, efron, w), w, scale, means, { maxIter, eps, tolerChol, counting: false });
}
