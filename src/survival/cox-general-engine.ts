/**
 * Newton-Raphson for Cox models with (start, stop] rows, strata or case
 * weights (internal; the public entry point is coxPH in ./cox). Plain models
 * (right-censored, one stratum, unweighted) keep their own engine in
 * ./cox-engine.
 *
 * Weighted partial log-likelihood, summed over strata h and event times t of
 * each stratum, with w_i the case weights, r_i = exp(x_i' beta), R(t) the
 * rows at risk (start_i < t <= stop_i, same stratum), D(t) the events at t,
 * d = |D(t)|, W = sum_{D(t)} w_i, S = sum_{R(t)} w_i r_i, S_D = sum_{D(t)} w_i r_i:
 *   Breslow: l = sum_t [ sum_{D(t)} w_i x_i'b - W log S ]
 *   Efron:   l = sum_t [ sum_{D(t)} w_i x_i'b - (W / d) sum_{k=0}^{d-1} log(S - (k/d) S_D) ]
 * the weighted Efron form of R's coxfit6 and agfit4. Score and information are
 * its first and minus second derivatives, accumulated in one sweep per
 * iteration over the rows sorted by decreasing stop time (./cox-risk-data):
 * rows join the running sums at their stop time and, for (start, stop] data,
 * leave them when the sweep passes their start time (the sums are reset to
 * exactly zero when the risk set empties, as agfit4 does).
 *
 * Iteration, as R survival 3.5-3:
 *   - right-censored data (coxph.fit / coxfit6): covariates not coded within
 *     {-1, 0, 1} are centred on their weighted mean and scaled by
 *     sum(w) / sum(w |x - mean|); stop when |1 - l_old / l_new| <= eps;
 *   - (start, stop] data (agreg.fit / agfit4): the same scaling but centred on
 *     the first sorted row (what agfit4 does); risk scores re-centred when
 *     the mean linear predictor of the risk set drifts by more than 200 (to
 *     avoid exp overflow); a fit does not stop on a step that followed step
 *     halving, and a change of the information matrix's rank counts as a
 *     failed step.
 * Step halving: beta_new = (beta_new + h beta_old) / (h + 1), h = 1, 2, ...
 *
 * @example
 * const fit = fitCoxGeneral(data, { efron: true, maxIter: 20, eps: 1e-9, tolerChol: 1.8e-12, counting: true, doscale });
 * fit.coef; fit.variance; fit.logLik;
 */
import { choleskyFactor, choleskyInverse, choleskySolve } from "./cox-linalg";
import type { CoxRiskData } from "./cox-risk-data";
import type { CoxEngineResult } from "./cox-engine";
import { evaluateGeneralPatterns, patternWork } from "./cox-general-patterns";

export interface GeneralFitOptions {
  efron: boolean;
  maxIter: number;
  eps: number;
  tolerChol: number;
  /** agfit4's rules ((start, stop] data) instead of coxfit6's. */
  counting: boolean;
  /** 1 for the columns to centre and scale (not coded within {-1, 0, 1} over all rows). */
  doscale: Uint8Array;
}

interface Work {
  u: Float64Array;
  imat: Float64Array;
  a: Float64Array;
  a2: Float64Array;
  cmat: Float64Array;
  cmat2: Float64Array;
  eta: Float64Array;
  risk: Float64Array;
  out: Float64Array;
}

/**
 * Log partial likelihood at beta for the centred and scaled covariates xs of
 * `d`; fills w.u (score) and the upper triangle imat[j*p+i], j <= i (information).
 */
export function evaluateGeneral(d: CoxRiskData, xs: Float64Array, beta: Float64Array, efron: boolean, w: Work): number {
  if (d.p === 2) return evaluateGeneral2(d, xs, beta, efron, w);
  const { n, p, stop, status, weights, stratumStart, nStrata } = d;
  const start = d.start;
  const startOrder = d.startOrder;
  const { u, imat, a, a2, cmat, cmat2, eta, risk: riskAt } = w;
  u.fill(0);
  imat.fill(0);
  for (let k = 0; k < n; k++) {
    let z = 0;
    const off = k * p;
    for (let i = 0; i < p; i++) z += beta[i] * xs[off + i];
    eta[k] = z;
  }
  let loglik = 0;
  let recenter = 0;
  let recentered = false;
  for (let s = 0; s < nStrata; s++) {
    const s0 = stratumStart[s];
    const s1 = stratumStart[s + 1];
    let denom = 0;
    let nrisk = 0;
    let etasum = 0;
    a.fill(0);
    cmat.fill(0);
    let person = s0;
    let indx1 = s0;
    while (person < s1) {
      // The next event time.
      let k = person;
      while (k < s1 && status[k] !== 1) k++;
      if (k === s1) break;
      const dtime = stop[k];
      if (start !== null) {
        // Rows whose start is at or after dtime leave the risk set.
        for (; indx1 < s1; indx1++) {
          const q = (startOrder as Uint32Array)[indx1];
          if (start[q] < dtime) break;
          nrisk--;
          if (nrisk === 0) {
            etasum = 0;
            denom = 0;
            a.fill(0);
            cmat.fill(0);
          } else {
            etasum -= eta[q];
            const r = recentered ? Math.exp(eta[q] - recenter) * (weights === null ? 1 : weights[q]) : riskAt[q];
            denom -= r;
            const off = q * p;
            for (let i = 0; i < p; i++) {
              const rx = r * xs[off + i];
              a[i] -= rx;
              for (let j = 0; j <= i; j++) cmat[i * p + j] -= rx * xs[off + j];
            }
          }
        }
      }
      // Rows with stop >= dtime join; the events at dtime are kept apart.
      let denom2 = 0;
      let deadwt = 0;
      let ndead = 0;
      a2.fill(0);
      cmat2.fill(0);
      for (; person < s1 && stop[person] >= dtime; person++) {
        const q = person;
        const wq = weights === null ? 1 : weights[q];
        if (start !== null) {
          nrisk++;
          etasum += eta[q];
          const drift = etasum / nrisk - recenter;
          if (Math.abs(drift) > 200) {
            recenter = etasum / nrisk;
            recentered = true;
            if (denom > 0) {
              if (Math.abs(drift) > 709) throw new Error("exp overflow due to covariates");
              const f = Math.exp(-drift);
              denom *= f;
              for (let i = 0; i < p; i++) {
                a[i] *= f;
                for (let j = 0; j <= i; j++) cmat[i * p + j] *= f;
              }
            }
          }
        }
        const r = Math.exp(eta[q] - recenter) * wq;
        riskAt[q] = r;
        const off = q * p;
        if (status[q] === 1) {
          ndead++;
          denom2 += r;
          deadwt += wq;
          loglik += wq * (eta[q] - recenter);
          for (let i = 0; i < p; i++) {
            const xi = xs[off + i];
            const rx = r * xi;
            u[i] += wq * xi;
            a2[i] += rx;
            for (let j = 0; j <= i; j++) cmat2[i * p + j] += rx * xs[off + j];
          }
        } else {
          denom += r;
          for (let i = 0; i < p; i++) {
            const rx = r * xs[off + i];
            a[i] += rx;
            for (let j = 0; j <= i; j++) cmat[i * p + j] += rx * xs[off + j];
          }
        }
      }
      w.out[0] = loglik;
      denom = addEventTerms(p, efron, ndead, deadwt, denom, denom2, a, a2, cmat, cmat2, u, imat, w.out);
      loglik = w.out[0];
    }
  }
  return loglik;
}

/**
 * evaluateGeneral for two covariates with the running sums in local variables
 * (the common case, and the benchmarks'): the same arithmetic in the same order.
 */
function evaluateGeneral2(d: CoxRiskData, xs: Float64Array, beta: Float64Array, efron: boolean, w: Work): number {
  const { n, stop, status, weights, stratumStart, nStrata } = d;
  const start = d.start;
  const startOrder = d.startOrder;
  const { eta, risk: riskAt } = w;
  const b0 = beta[0];
  const b1 = beta[1];
  for (let k = 0; k < n; k++) eta[k] = b0 * xs[2 * k] + b1 * xs[2 * k + 1];
  let u0 = 0, u1 = 0, i00 = 0, i01 = 0, i11 = 0;
  let loglik = 0;
  let recenter = 0;
  let recentered = false;
  for (let s = 0; s < nStrata; s++) {
    const s0 = stratumStart[s];
    const s1 = stratumStart[s + 1];
    let denom = 0;
    let nrisk = 0;
    let etasum = 0;
    let a0 = 0, a1 = 0, c00 = 0, c10 = 0, c11 = 0;
    let person = s0;
    let indx1 = s0;
    while (person < s1) {
      let k = person;
      while (k < s1 && status[k] !== 1) k++;
      if (k === s1) break;
      const dtime = stop[k];
      if (start !== null) {
        for (; indx1 < s1; indx1++) {
          const q = (startOrder as Uint32Array)[indx1];
          if (start[q] < dtime) break;
          nrisk--;
          if (nrisk === 0) {
            etasum = 0;
            denom = 0;
            a0 = a1 = c00 = c10 = c11 = 0;
          } else {
            etasum -= eta[q];
            const r = recentered ? Math.exp(eta[q] - recenter) * (weights === null ? 1 : weights[q]) : riskAt[q];
            denom -= r;
            const x0 = xs[2 * q];
            const x1 = xs[2 * q + 1];
            const r0 = r * x0;
            const r1 = r * x1;
            a0 -= r0;
            c00 -= r0 * x0;
            a1 -= r1;
            c10 -= r1 * x0;
            c11 -= r1 * x1;
          }
        }
      }
      let denom2 = 0;
      let deadwt = 0;
      let ndead = 0;
      let e0 = 0, e1 = 0, f00 = 0, f10 = 0, f11 = 0;
      for (; person < s1 && stop[person] >= dtime; person++) {
        const q = person;
        const wq = weights === null ? 1 : weights[q];
        if (start !== null) {
          nrisk++;
          etasum += eta[q];
          const drift = etasum / nrisk - recenter;
          if (Math.abs(drift) > 200) {
            recenter = etasum / nrisk;
            recentered = true;
            if (denom > 0) {
              if (Math.abs(drift) > 709) throw new Error("exp overflow due to covariates");
              const f = Math.exp(-drift);
              denom *= f;
              a0 *= f;
              a1 *= f;
              c00 *= f;
              c10 *= f;
              c11 *= f;
            }
          }
        }
        const r = Math.exp(eta[q] - recenter) * wq;
        riskAt[q] = r;
        const x0 = xs[2 * q];
        const x1 = xs[2 * q + 1];
        const r0 = r * x0;
        const r1 = r * x1;
        if (status[q] === 1) {
          ndead++;
          denom2 += r;
          deadwt += wq;
          loglik += wq * (eta[q] - recenter);
          u0 += wq * x0;
          u1 += wq * x1;
          e0 += r0;
          f00 += r0 * x0;
          e1 += r1;
          f10 += r1 * x0;
          f11 += r1 * x1;
        } else {
          denom += r;
          a0 += r0;
          c00 += r0 * x0;
          a1 += r1;
          c10 += r1 * x0;
          c11 += r1 * x1;
        }
      }
      if (!efron || ndead === 1) {
        denom += denom2;
        loglik -= deadwt * Math.log(denom);
        a0 += e0;
        const m0 = a0 / denom;
        u0 -= deadwt * m0;
        c00 += f00;
        i00 += (deadwt * (c00 - m0 * a0)) / denom;
        a1 += e1;
        const m1 = a1 / denom;
        u1 -= deadwt * m1;
        c10 += f10;
        i01 += (deadwt * (c10 - m1 * a0)) / denom;
        c11 += f11;
        i11 += (deadwt * (c11 - m1 * a1)) / denom;
      } else {
        const wtave = deadwt / ndead;
        // The fractions 1/d of the events' sums are the same quotients at every step: divided once.
        const dd = denom2 / ndead, d0 = e0 / ndead, d00 = f00 / ndead, d1 = e1 / ndead, d10 = f10 / ndead, d11 = f11 / ndead;
        for (let m = 0; m < ndead; m++) {
          denom += dd;
          loglik -= wtave * Math.log(denom);
          a0 += d0;
          const m0 = a0 / denom;
          u0 -= wtave * m0;
          c00 += d00;
          i00 += (wtave * (c00 - m0 * a0)) / denom;
          a1 += d1;
          const m1 = a1 / denom;
          u1 -= wtave * m1;
          c10 += d10;
          i01 += (wtave * (c10 - m1 * a0)) / denom;
          c11 += d11;
          i11 += (wtave * (c11 - m1 * a1)) / denom;
        }
      }
    }
  }
  w.u[0] = u0;
  w.u[1] = u1;
  w.imat[0] = i00;
  w.imat[1] = i01;
  w.imat[2] = 0;
  w.imat[3] = i11;
  return loglik;
}

/**
 * Adds the terms of one event time to the score u and information imat (upper
 * triangle imat[j*p+i], j <= i): Breslow, or Efron's ndead steps in which the
 * tied events' sums a2, cmat2 and weight deadwt join the risk set a fraction
 * 1/ndead at a time. Updates a and cmat (the risk-set sums) in place,
 * subtracts the terms from the log-likelihood held in out[0] (one by one, as
 * R) and returns the new risk-set total. With Efron ties a2 and cmat2 are
 * left divided by ndead (callers reset them before the next event time).
 * Shared by the plain and the general engines (with deadwt = ndead, unweighted).
 */
export function addEventTerms(
  p: number,
  efron: boolean,
  ndead: number,
  deadwt: number,
  denom: number,
  denom2: number,
  a: Float64Array,
  a2: Float64Array,
  cmat: Float64Array,
  cmat2: Float64Array,
  u: Float64Array,
  imat: Float64Array,
  out: Float64Array,
): number {
  if (!efron || ndead === 1) {
    denom += denom2;
    out[0] -= deadwt * Math.log(denom);
    for (let i = 0; i < p; i++) {
      a[i] += a2[i];
      const mean = a[i] / denom;
      u[i] -= deadwt * mean;
      for (let j = 0; j <= i; j++) {
        cmat[i * p + j] += cmat2[i * p + j];
        imat[j * p + i] += (deadwt * (cmat[i * p + j] - mean * a[j])) / denom;
      }
    }
  } else {
    // Efron: the tied events leave the risk set a fraction 1/d at a time. The fractions are the
    // same quotients at every step, so a2 and cmat2 are divided by d once, in place.
    const wtave = deadwt / ndead;
    const dd = denom2 / ndead;
    for (let i = 0; i < p; i++) {
      a2[i] /= ndead;
      for (let j = 0; j <= i; j++) cmat2[i * p + j] /= ndead;
    }
    for (let m = 0; m < ndead; m++) {
      denom += dd;
      out[0] -= wtave * Math.log(denom);
      for (let i = 0; i < p; i++) {
        a[i] += a2[i];
        const mean = a[i] / denom;
        u[i] -= wtave * mean;
        for (let j = 0; j <= i; j++) {
          cmat[i * p + j] += cmat2[i * p + j];
          imat[j * p + i] += (wtave * (cmat[i * p + j] - mean * a[j])) / denom;
        }
      }
    }
  }
  return denom;
}

/** The work arrays of evaluateGeneral for n rows and p covariates (also the tests' comparisons of the two passes). */
export function makeWork(n: number, p: number): Work {
  return {
    u: new Float64Array(p),
    imat: new Float64Array(p * p),
    a: new Float64Array(p),
    a2: new Float64Array(p),
    cmat: new Float64Array(p * p),
    cmat2: new Float64Array(p * p),
    eta: new Float64Array(n),
    risk: new Float64Array(n),
    out: new Float64Array(1),
  };
}

/** Centred and scaled covariates, as coxfit6 (weighted mean) or agfit4 (first row) do. */
function scaledCovariates(d: CoxRiskData, counting: boolean, doscale: Uint8Array): { xs: Float64Array; scale: Float64Array } {
  const { n, p, weights } = d;
  const xs = Float64Array.from(d.x);
  const scale = new Float64Array(p).fill(1);
  let wsum = 0;
  for (let k = 0; k < n; k++) wsum += weights === null ? 1 : weights[k];
  for (let j = 0; j < p; j++) {
    if (!doscale[j] || n === 0) continue;
    let centre: number;
    if (counting) {
      centre = xs[j];
    } else {
      let s = 0;
      for (let k = 0; k < n; k++) s += (weights === null ? 1 : weights[k]) * xs[k * p + j];
      centre = s / wsum;
    }
    let sa = 0;
    for (let k = 0; k < n; k++) {
      const c = xs[k * p + j] - centre;
      xs[k * p + j] = c;
      sa += (weights === null ? 1 : weights[k]) * Math.abs(c);
    }
    const f = sa > 0 ? wsum / sa : 1;
    scale[j] = f;
    for (let k = 0; k < n; k++) xs[k * p + j] *= f;
  }
  return { xs, scale };
}

/**
 * Newton-Raphson with step halving (see the file comment); `d` holds only the rows used.
 * `byPattern` (coxPH's informationByPattern, default false) lets split follow-up with few
 * distinct covariate rows use ./cox-general-patterns (not bit-identical: see there).
 */
export function fitCoxGeneral(d: CoxRiskData, o: GeneralFitOptions, byPattern = false): CoxEngineResult {
  const { n, p } = d;
  const { xs, scale } = scaledCovariates(d, o.counting, o.doscale);
  const w = makeWork(n, p);
  // Split follow-up (many rows, few distinct covariate rows): the information summed by pattern.
  const pw = byPattern ? patternWork(d, xs) : null;
  const evaluate =
    pw === null
      ? (b: Float64Array) => evaluateGeneral(d, xs, b, o.efron, w)
      : (b: Float64Array) => {
          const loglik = evaluateGeneralPatterns(d, xs, b, o.efron, w, pw);
          return pw.fallback ? evaluateGeneral(d, xs, b, o.efron, w) : loglik;
        };
  return newtonRaphson(p, evaluate, w, scale, new Float64Array(p), o);
}

/** The settings of the Newton-Raphson loop. */
export interface NewtonOptions {
  maxIter: number;
  eps: number;
  tolerChol: number;
  /** agfit4's rules ((start, stop] data: no stop right after step halving, a rank change fails a step) instead of coxfit6's. */
  counting: boolean;
}

/**
 * The Newton-Raphson loop of R's coxfit6 and agfit4 (shared by ./cox-engine
 * and this file). `evaluate(beta)` returns the log-likelihood at beta for the
 * scaled covariates and fills w.u (score) and the upper triangle of w.imat
 * (information). Results are returned on the original scale (beta * scale);
 * `means` are the centring values reported back.
 */
export function newtonRaphson(
  p: number,
  evaluate: (beta: Float64Array) => number,
  w: { u: Float64Array; imat: Float64Array },
  scale: Float64Array,
  means: Float64Array,
  o: NewtonOptions,
): CoxEngineResult {
  const beta = new Float64Array(p);
  const oldBeta = new Float64Array(p);
  const step = new Float64Array(p);
  const finish = (b: Float64Array, lik: number, lik0: number, sc: number, iter: number, converged: boolean, halvings: number): CoxEngineResult => {
    const variance = choleskyInverse(w.imat, p);
    const coef = new Float64Array(p);
    const score = Float64Array.from(w.u);
    for (let i = 0; i < p; i++) {
      coef[i] = b[i] * scale[i];
      score[i] /= scale[i];
    }
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) variance[i * p + j] *= scale[i] * scale[j];
    return { coef, variance, score, logLikNull: lik0, logLik: lik, scoreTest: sc, iterations: iter, converged, singular: [], means, halvings };
  };

  const logLikNull = evaluate(beta);
  step.set(w.u);
  const rank0 = choleskyFactor(w.imat, p, o.tolerChol);
  choleskySolve(w.imat, p, step);
  let scoreTest = 0;
  for (let i = 0; i < p; i++) scoreTest += w.u[i] * step[i];
  if (Math.abs(rank0) < p) {
    const singular: number[] = [];
    for (let i = 0; i < p; i++) if (w.imat[i * p + i] === 0) singular.push(i);
    return {
      coef: new Float64Array(p).fill(NaN),
      variance: new Float64Array(p * p).fill(NaN),
      score: new Float64Array(p).fill(NaN),
      logLikNull,
      logLik: logLikNull,
      scoreTest,
      iterations: 0,
      converged: false,
      singular,
      means,
      halvings: 0,
    };
  }
  // R's iter.max = 0: the model at beta = 0, its variance the inverse information there.
  if (o.maxIter === 0) return finish(beta, logLikNull, logLikNull, scoreTest, 0, true, 0);
  if (o.counting && !Number.isFinite(logLikNull)) return finish(beta, logLikNull, logLikNull, scoreTest, 0, false, 0);

  let best = logLikNull;
  oldBeta.set(beta);
  for (let i = 0; i < p; i++) beta[i] += step[i];
  let halving = 0;
  let halvings = 0;
  for (let iter = 1; iter <= o.maxIter; iter++) {
    const newlk = evaluate(beta);
    let fail = 0;
    if (o.counting) for (let i = 0; i < p; i++) if (!Number.isFinite(w.imat[i * p + i])) fail++;
    const rank = choleskyFactor(w.imat, p, o.tolerChol);
    if (!o.counting) {
      for (let i = 0; i < p; i++) {
        if (!Number.isFinite(w.u[i])) fail++;
        for (let j = 0; j < p; j++) if (!Number.isFinite(w.imat[i * p + j])) fail++;
      }
    }
    if (!Number.isFinite(newlk)) fail++;
    if (o.counting && Math.abs(rank) !== Math.abs(rank0)) fail++;
    if (fail === 0 && Math.abs(1 - best / newlk) <= o.eps && (!o.counting || halving === 0)) {
      const res = finish(beta, newlk, logLikNull, scoreTest, iter, true, halvings);
      if (Math.abs(rank) < p) for (let i = 0; i < p; i++) if (res.variance[i * p + i] === 0) res.singular.push(i);
      return res;
    }
    if (o.counting && iter === o.maxIter) break;
    if (fail > 0 || newlk < best) {
      halving++;
      halvings++;
      for (let i = 0; i < p; i++) beta[i] = (beta[i] + halving * oldBeta[i]) / (halving + 1);
    } else {
      halving = 0;
      best = newlk;
      step.set(w.u);
      choleskySolve(w.imat, p, step);
      for (let i = 0; i < p; i++) {
        oldBeta[i] = beta[i];
        beta[i] += step[i];
      }
    }
  }
  // Out of iterations: report the last good beta.
  const lastLik = evaluate(oldBeta);
  choleskyFactor(w.imat, p, o.tolerChol);
  return finish(oldBeta, lastLik, logLikNull, scoreTest, o.maxIter, false, halvings);
}
