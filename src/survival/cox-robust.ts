/**
 * Score residuals and the robust (sandwich) variance of a Cox model
 * (internal; coxPH's `robust` and `cluster` options), as R survival 3.5-3's
 * coxph(..., robust = TRUE, cluster = id).
 *
 * Score residual of row i (R's residuals(fit, type = "score")), with r_i =
 * exp(lp_i) and, at each event time t of its stratum, the weighted risk-set
 * mean xbar(t) and hazard increment dL(t) = (sum of the event weights) / S(t):
 *   U_i = sum over event times t with start_i < t <= stop_i of
 *         (x_i - xbar(t)) (dN_i(t) - r_i dL(t))            (Breslow)
 * With Efron's approximation and d tied events at t, the hazard and mean are
 * split into d steps in which the tied events' risk is down-weighted by
 * k/d, k = 0..d-1 (R's coxscore2 / agscore2): with h_k and m_k the hazard
 * increment and mean of step k,
 *   a tied event:   x_i - mean_k(m_k) - r_i sum_k (1 - k/d) h_k (x_i - m_k)
 *   others at risk: - r_i sum_k h_k (x_i - m_k).
 * The sums over event times are differences of cumulative sums over the
 * event times, so a pass costs O(n p) plus a binary search per start time
 * (R's routines cost O(n x event times)).
 *
 * Robust variance (R: fit$var when robust, naive.var the model-based one):
 *   D_c = sum_{i in cluster c} w_i U_i V,   V_robust = sum_c D_c' D_c,
 * V the model-based variance; without `cluster` every row is its own cluster.
 * Robust score test (summary's "Robust = ..."): with the residuals at beta = 0,
 * S_c = sum_{i in c} w_i U_i(0), u = sum_c S_c, test = u' (sum_c S_c' S_c)^- u
 * (generalised inverse through the Cholesky factor, as coxph.wtest), p df.
 *
 * @example
 * const u = scoreResiduals(data, lp, true);      // n x p, layout order
 * const v = robustVariance(data, u, variance, clusters, nClusters);
 */
import type { CoxRiskData } from "./cox-risk-data";
import { firstAbove } from "./cox-risk-data";
import { choleskyFactor, choleskySolve } from "./cox-linalg";

/**
 * Score residuals (unweighted, as R's type = "score") of every row in the
 * layout's order, n x p row-major. `lp` is the linear predictor in the same
 * order; `centre` is subtracted from x first (the residuals do not depend on
 * it; centring keeps the sums accurate).
 */
export function scoreResiduals(d: CoxRiskData, lp: Float64Array, efron: boolean, centre: ArrayLike<number>): Float64Array {
  const { n, p, stop, status, weights, start, startOrder, stratumStart, nStrata } = d;
  const xc = centredRows(d.x, n, p, centre);
  const score = new Float64Array(n);
  for (let k = 0; k < n; k++) score[k] = Math.exp(lp[k]);
  const resid = new Float64Array(n * p);
  const a = new Float64Array(p);
  const a2 = new Float64Array(p);
  const mean = new Float64Array(p);
  const mh1 = new Float64Array(p);
  const mh2 = new Float64Array(p);
  const mh3 = new Float64Array(p);
  // (start, stop] rows that joined a risk set (rows that span no event time never do).
  const added = new Uint8Array(start === null ? 0 : n);
  for (let s = 0; s < nStrata; s++) {
    const s0 = stratumStart[s];
    const s1 = stratumStart[s + 1];
    // Pass 1: per event time (decreasing), temp1 = sum_k h_k and mh1 = sum_k h_k m_k; the own-time
    // correction of each event row goes straight into its residual.
    const evTime: number[] = [];
    const t1: number[] = [];
    const m1: number[] = [];
    let denom = 0;
    a.fill(0);
    let person = s0;
    let indx1 = s0;
    let nrisk = 0;
    while (person < s1) {
      let k = person;
      while (k < s1 && status[k] !== 1) k++;
      if (k === s1) break;
      const dtime = stop[k];
      if (start !== null) {
        for (; indx1 < s1; indx1++) {
          const q = (startOrder as Uint32Array)[indx1];
          if (start[q] < dtime) break;
          if (!added[q]) continue;
          nrisk--;
          if (nrisk === 0) {
            denom = 0;
            a.fill(0);
          } else {
            const r = score[q] * (weights === null ? 1 : weights[q]);
            denom -= r;
            for (let j = 0; j < p; j++) a[j] -= r * xc[q * p + j];
          }
        }
      }
      let eDenom = 0;
      let meanwt = 0;
      let deaths = 0;
      a2.fill(0);
      const first = person;
      for (; person < s1 && stop[person] >= dtime; person++) {
        const q = person;
        // A row starting at or after dtime is at risk at no later-processed (earlier) event time either.
        if (start !== null && start[q] >= dtime) continue;
        added[q] = 1;
        const wq = weights === null ? 1 : weights[q];
        const r = score[q] * wq;
        nrisk++;
        denom += r;
        for (let j = 0; j < p; j++) a[j] += r * xc[q * p + j];
        if (status[q] === 1 && stop[q] === dtime) {
          deaths++;
          eDenom += r;
          meanwt += wq;
          for (let j = 0; j < p; j++) a2[j] += r * xc[q * p + j];
        }
      }
      let temp1 = 0;
      let temp2 = 0;
      mh1.fill(0);
      mh2.fill(0);
      mh3.fill(0);
      if (deaths < 2 || !efron) {
        const hazard = meanwt / denom;
        temp1 = hazard;
        temp2 = hazard;
        for (let j = 0; j < p; j++) {
          const m = a[j] / denom;
          mh1[j] = m * hazard;
          mh2[j] = m * hazard;
          mh3[j] = m;
        }
      } else {
        const wtave = meanwt / deaths;
        for (let dd = 0; dd < deaths; dd++) {
          const downwt = dd / deaths;
          const d2 = denom - downwt * eDenom;
          const hazard = wtave / d2;
          temp1 += hazard;
          temp2 += (1 - downwt) * hazard;
          for (let j = 0; j < p; j++) {
            mean[j] = (a[j] - downwt * a2[j]) / d2;
            mh1[j] += mean[j] * hazard;
            mh2[j] += mean[j] * (1 - downwt) * hazard;
            mh3[j] += mean[j] / deaths;
          }
        }
      }
      // Events at dtime: their own-time terms minus the "others" term that pass 2 gives every row at risk.
      for (let q = first; q < person; q++) {
        if (status[q] !== 1 || stop[q] !== dtime) continue;
        const r = score[q];
        for (let j = 0; j < p; j++) {
          const x = xc[q * p + j];
          resid[q * p + j] += x - mh3[j] - r * x * temp2 + r * mh2[j] + r * (x * temp1 - mh1[j]);
        }
      }
      evTime.push(dtime);
      t1.push(temp1);
      for (let j = 0; j < p; j++) m1.push(mh1[j]);
    }
    // Pass 2: every row loses r_i (x_i H - M) summed over the event times in (start, stop]:
    // cumulative sums from the earliest event time, cum[e] = sum over events e' >= e (times <= time e).
    const ne = evTime.length;
    if (ne === 0) continue;
    const cumH = new Float64Array(ne + 1);
    const cumM = new Float64Array((ne + 1) * p);
    for (let e = ne - 1; e >= 0; e--) {
      cumH[e] = cumH[e + 1] + t1[e];
      for (let j = 0; j < p; j++) cumM[e * p + j] = cumM[(e + 1) * p + j] + m1[e * p + j];
    }
    // Event times ascending, for the binary search on start times.
    const asc = new Float64Array(ne);
    for (let e = 0; e < ne; e++) asc[e] = evTime[ne - 1 - e];
    let eStop = 0;
    for (let k = s0; k < s1; k++) {
      // First event (in decreasing order) at or before stop: stop times decrease along the stratum.
      while (eStop < ne && evTime[eStop] > stop[k]) eStop++;
      let eStart = ne;
      if (start !== null) {
        // Events at or before start: those with ascending index < firstAbove(asc, start).
        eStart = ne - firstAbove(asc, start[k]);
      }
      if (eStart <= eStop) continue;
      const r = score[k];
      const h = cumH[eStop] - cumH[eStart];
      for (let j = 0; j < p; j++) {
        const m = cumM[eStop * p + j] - cumM[eStart * p + j];
        resid[k * p + j] -= r * (xc[k * p + j] * h - m);
      }
    }
  }
  return resid;
}

/** x - centre, row by row (n x p): a small function V8 optimises whole (the loop ran slowly inside scoreResiduals). */
function centredRows(x: Float64Array, n: number, p: number, centre: ArrayLike<number>): Float64Array {
  const c = Float64Array.from(centre);
  const xc = new Float64Array(n * p);
  for (let k = 0; k < n; k++) for (let j = 0; j < p; j++) xc[k * p + j] = x[k * p + j] - c[j];
  return xc;
}

/**
 * sum_c D_c' D_c with D_c = sum_{i in c} w_i resid_i V (the grouped dfbeta);
 * clusters null: one row per cluster. Returns the p x p matrix, row-major.
 */
export function robustVariance(
  d: CoxRiskData,
  resid: Float64Array,
  variance: Float64Array,
  cluster: Int32Array | null,
  nCluster: number,
): Float64Array {
  const { n, p, weights } = d;
  const D = collapse(resid, n, p, weights, cluster, nCluster);
  const rows = cluster === null ? n : nCluster;
  // dfbeta = D V, then the cross-product.
  const out = new Float64Array(p * p);
  const row = new Float64Array(p);
  for (let c = 0; c < rows; c++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let m = 0; m < p; m++) s += D[c * p + m] * variance[m * p + j];
      row[j] = s;
    }
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out[i * p + j] += row[i] * row[j];
  }
  return out;
}

/** Robust score test from the residuals at beta = 0 (see the file comment); returns the chi-square. */
export function robustScoreTest(
  d: CoxRiskData,
  resid0: Float64Array,
  cluster: Int32Array | null,
  nCluster: number,
  tolerChol: number,
): number {
  const { n, p, weights } = d;
  const S = collapse(resid0, n, p, weights, cluster, nCluster);
  const rows = cluster === null ? n : nCluster;
  const u = new Float64Array(p);
  const m = new Float64Array(p * p);
  for (let c = 0; c < rows; c++) {
    for (let i = 0; i < p; i++) {
      u[i] += S[c * p + i];
      for (let j = 0; j < p; j++) m[i * p + j] += S[c * p + i] * S[c * p + j];
    }
  }
  choleskyFactor(m, p, tolerChol);
  const sol = Float64Array.from(u);
  choleskySolve(m, p, sol);
  let test = 0;
  for (let i = 0; i < p; i++) test += u[i] * sol[i];
  return test;
}

/** Weighted residuals summed within clusters (rows kept as they are without clusters). */
function collapse(resid: Float64Array, n: number, p: number, weights: Float64Array | null, cluster: Int32Array | null, nCluster: number): Float64Array {
  if (cluster === null) {
    if (weights === null) return resid;
    const out = new Float64Array(n * p);
    for (let k = 0; k < n; k++) for (let j = 0; j < p; j++) out[k * p + j] = weights[k] * resid[k * p + j];
    return out;
  }
  const out = new Float64Array(nCluster * p);
  for (let k = 0; k < n; k++) {
    const c = cluster[k];
    const wk = weights === null ? 1 : weights[k];
    for (let j = 0; j < p; j++) out[c * p + j] += wk * resid[k * p + j];
  }
  return out;
}
