/**
 * The general Cox engine's likelihood pass for rows that repeat a few distinct
 * covariate rows (internal; used by fitCoxGeneral in ./cox-general-engine when
 * coxPH's `informationByPattern` asks for it: opt-in, as it is not bit-identical).
 * Follow-up split at many times (R's survSplit: a patient's pieces between
 * the censoring times of inverse-probability-of-censoring weights, or the
 * intervals of sequential trials) gives many (start, stop] rows with the
 * covariates of few patients ("patterns", distinctRows in ./cox-order).
 *
 * evaluateGeneral adds r x_i x_j of every row to the information's risk-set
 * sums as the row joins and subtracts it as it leaves: O(p^2) per row. Here
 * those sums are regrouped by pattern g, with V_g(t) = sum of r over the
 * pattern's rows at risk at t:
 *   sum_t c_t sum_{R(t)} r x x' = sum_g (sum_t c_t V_g(t)) x_g x_g',
 * c_t the event time's coefficient (deadwt / denom for Breslow or one event;
 * Efron's d steps wtave / denom_m, the tied events' own rows entering step m
 * with the fraction (m + 1) / d). A_g = sum_t c_t V_g(t) is kept in O(1) per
 * row: when V_g changes, A_g gains V_g times the coefficients added since its
 * last change (a running total kept in two doubles, so the difference is not
 * lost to cancellation). A pass then costs O(n p + patterns p^2 + event times
 * p^2) instead of O(n p^2).
 *
 * Everything else is computed as evaluateGeneral computes it, the same
 * additions in the same order: exp(x'b) (once per pattern: the same double),
 * the risk-set totals and sums of r x, the log-likelihood and the score are
 * bit-identical. Only the information matrix is summed in another order
 * (differences of order 1e-15 relative), so Newton's steps, the estimates and
 * their variance can differ from evaluateGeneral's in the last digits.
 * When the risk scores would need re-centring (the mean linear predictor of
 * a risk set drifting beyond 200, as agfit4) the pass gives up and the caller
 * uses evaluateGeneral.
 *
 * @example
 * const pw = patternWork(d, xs); // null: few repeats, use evaluateGeneral
 * const loglik = evaluateGeneralPatterns(d, xs, beta, true, w, pw as PatternWork); // NaN and pw.fallback: use evaluateGeneral
 */
import type { CoxRiskData } from "./cox-risk-data";
import { distinctRows } from "./cox-order";

/** The work arrays evaluateGeneral fills (./cox-general-engine's Work). */
export interface GeneralWork {
  u: Float64Array;
  imat: Float64Array;
  a: Float64Array;
  a2: Float64Array;
  eta: Float64Array;
  risk: Float64Array;
}

/** Patterns of a risk-data layout and the per-pattern work arrays. */
export interface PatternWork {
  /** Pattern of each row (layout order). */
  ids: Uint32Array;
  count: number;
  /** Centred and scaled covariates of each pattern (count x p). */
  xs: Float64Array;
  /** Per pattern: x'b, exp(x'b), V (risk at the sweep's time), A (sum of c V). */
  eta: Float64Array;
  expEta: Float64Array;
  v: Float64Array;
  acc: Float64Array;
  /** The running total of the coefficients (high and low parts) when the pattern last changed. */
  lastHi: Float64Array;
  lastLo: Float64Array;
  /** Patterns touched in the current stratum, and whether each is in that list. */
  touched: Uint32Array;
  inTouched: Uint8Array;
  /** minus sum c mean_i a_j (upper triangle, as imat). */
  m: Float64Array;
  /** Set when a pass met a risk set needing re-centring (the caller must use evaluateGeneral). */
  fallback: boolean;
}

/**
 * The patterns of a (start, stop] layout with at least 3 covariates whose rows
 * take at most n / 4 distinct covariate rows, else null (evaluateGeneral is
 * as fast or faster). `xs` are the centred and scaled covariates (n x p).
 */
export function patternWork(d: CoxRiskData, xs: Float64Array): PatternWork | null {
  const { n, p } = d;
  if (d.start === null || p < 3 || n < 16) return null;
  const columns: Float64Array[] = [];
  for (let j = 0; j < p; j++) columns.push(columnOf(xs, n, p, j));
  const rows = distinctRows(columns, n >>> 2);
  if (rows === null) return null;
  const count = rows.count;
  return {
    ids: rows.ids,
    count,
    xs: rows.values,
    eta: new Float64Array(count),
    expEta: new Float64Array(count),
    v: new Float64Array(count),
    acc: new Float64Array(count),
    lastHi: new Float64Array(count),
    lastLo: new Float64Array(count),
    touched: new Uint32Array(count),
    inTouched: new Uint8Array(count),
    m: new Float64Array(p * p),
    fallback: false,
  };
}

function columnOf(xs: Float64Array, n: number, p: number, j: number): Float64Array {
  const c = new Float64Array(n);
  for (let k = 0; k < n; k++) c[k] = xs[k * p + j];
  return c;
}

/**
 * evaluateGeneral (./cox-general-engine) by pattern, see the file comment:
 * returns the log-likelihood and fills w.u and the upper triangle of w.imat,
 * or returns NaN with pw.fallback set when a risk set needs re-centring.
 */
export function evaluateGeneralPatterns(d: CoxRiskData, xs: Float64Array, beta: Float64Array, efron: boolean, w: GeneralWork, pw: PatternWork): number {
  const { n, p, stop, status, weights, stratumStart, nStrata } = d;
  const start = d.start as Float64Array;
  const startOrder = d.startOrder as Uint32Array;
  const { u, imat, a, a2, eta, risk: riskAt } = w;
  const { ids, count, v, acc, lastHi, lastLo, touched, inTouched, m } = pw;
  const px = pw.xs;
  pw.fallback = false;
  u.fill(0);
  imat.fill(0);
  m.fill(0);
  acc.fill(0);
  v.fill(0);
  inTouched.fill(0);
  // x'b once per pattern: the same double evaluateGeneral computes for each of its rows.
  for (let g = 0; g < count; g++) {
    let z = 0;
    const off = g * p;
    for (let i = 0; i < p; i++) z += beta[i] * px[off + i];
    pw.eta[g] = z;
    pw.expEta[g] = Math.exp(z - 0);
  }
  for (let k = 0; k < n; k++) eta[k] = pw.eta[ids[k]];
  const expEta = pw.expEta;
  let nTouched = 0;
  // Running total of the coefficients c, as hi + lo (TwoSum).
  let cHi = 0;
  let cLo = 0;
  // A pattern's V is about to change: credit A with V times the coefficients since its last change.
  const settle = (g: number): void => {
    if (inTouched[g] === 0) {
      inTouched[g] = 1;
      touched[nTouched++] = g;
      lastHi[g] = cHi;
      lastLo[g] = cLo;
      return;
    }
    const vg = v[g];
    if (vg !== 0) acc[g] += vg * (cHi - lastHi[g] + (cLo - lastLo[g]));
    lastHi[g] = cHi;
    lastLo[g] = cLo;
  };
  const addCoefficient = (c: number): void => {
    const s = cHi + c;
    const bb = s - cHi;
    cLo += cHi - (s - bb) + (c - bb);
    cHi = s;
  };
  // Every pattern of the risk set leaves it (a new stratum, or the risk set emptied).
  const settleAll = (): void => {
    for (let t = 0; t < nTouched; t++) {
      const g = touched[t];
      const vg = v[g];
      if (vg !== 0) acc[g] += vg * (cHi - lastHi[g] + (cLo - lastLo[g]));
      v[g] = 0;
      inTouched[g] = 0;
    }
    nTouched = 0;
  };
  let loglik = 0;
  let recenter = 0;
  for (let s = 0; s < nStrata; s++) {
    const s0 = stratumStart[s];
    const s1 = stratumStart[s + 1];
    let denom = 0;
    let nrisk = 0;
    let etasum = 0;
    a.fill(0);
    settleAll();
    let person = s0;
    let indx1 = s0;
    while (person < s1) {
      let k = person;
      while (k < s1 && status[k] !== 1) k++;
      if (k === s1) break;
      const dtime = stop[k];
      for (; indx1 < s1; indx1++) {
        const q = startOrder[indx1];
        if (start[q] < dtime) break;
        nrisk--;
        if (nrisk === 0) {
          etasum = 0;
          denom = 0;
          a.fill(0);
          settleAll();
        } else {
          etasum -= eta[q];
          const r = riskAt[q];
          denom -= r;
          const g = ids[q];
          settle(g);
          v[g] -= r;
          const off = q * p;
          for (let i = 0; i < p; i++) a[i] -= r * xs[off + i];
        }
      }
      let denom2 = 0;
      let deadwt = 0;
      let ndead = 0;
      a2.fill(0);
      const first = person;
      for (; person < s1 && stop[person] >= dtime; person++) {
        const q = person;
        const wq = weights === null ? 1 : weights[q];
        nrisk++;
        etasum += eta[q];
        const drift = etasum / nrisk - recenter;
        if (Math.abs(drift) > 200) {
          pw.fallback = true;
          return NaN;
        }
        const g = ids[q];
        const r = expEta[g] * wq;
        riskAt[q] = r;
        const off = q * p;
        if (status[q] === 1) {
          ndead++;
          denom2 += r;
          deadwt += wq;
          loglik += wq * (eta[q] - recenter);
          for (let i = 0; i < p; i++) {
            const xi = xs[off + i];
            u[i] += wq * xi;
            a2[i] += r * xi;
          }
        } else {
          denom += r;
          settle(g);
          v[g] += r;
          for (let i = 0; i < p; i++) a[i] += r * xs[off + i];
        }
      }
      // The event time's terms: a, the score and the log-likelihood as addEventTerms; the
      // information's r x x' part through the coefficients (the rest, -c mean_i a_j, into m).
      let kappa: number;
      if (!efron || ndead === 1) {
        denom += denom2;
        loglik -= deadwt * Math.log(denom);
        const c = deadwt / denom;
        for (let i = 0; i < p; i++) {
          a[i] += a2[i];
          const mean = a[i] / denom;
          u[i] -= deadwt * mean;
          for (let j = 0; j <= i; j++) m[j * p + i] -= (deadwt * (mean * a[j])) / denom;
        }
        addCoefficient(c);
        kappa = c;
      } else {
        const wtave = deadwt / ndead;
        const dd = denom2 / ndead;
        for (let i = 0; i < p; i++) a2[i] /= ndead;
        kappa = 0;
        for (let step = 0; step < ndead; step++) {
          denom += dd;
          loglik -= wtave * Math.log(denom);
          const c = wtave / denom;
          for (let i = 0; i < p; i++) {
            a[i] += a2[i];
            const mean = a[i] / denom;
            u[i] -= wtave * mean;
            for (let j = 0; j <= i; j++) m[j * p + i] -= (wtave * (mean * a[j])) / denom;
          }
          addCoefficient(c);
          kappa += (c * (step + 1)) / ndead;
        }
      }
      // The tied events' own rows: their share of this time's coefficients, then the risk set.
      for (let q = first; q < person; q++) {
        if (status[q] !== 1) continue;
        const g = ids[q];
        settle(g);
        const r = riskAt[q];
        acc[g] += r * kappa;
        v[g] += r;
      }
    }
  }
  settleAll();
  // imat = sum_g A_g x_g x_g' + m (upper triangle).
  for (let g = 0; g < count; g++) {
    const ag = acc[g];
    if (ag === 0) continue;
    const off = g * p;
    for (let i = 0; i < p; i++) {
      const axi = ag * px[off + i];
      for (let j = 0; j <= i; j++) imat[j * p + i] += axi * px[off + j];
    }
  }
  for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) imat[j * p + i] += m[j * p + i];
  return loglik;
}
