/**
 * Test of the proportional-hazards assumption of a Cox fit, as R survival
 * 3.5-3's `cox.zph(fit, transform, terms = FALSE)` (the 3.x score test, not
 * the 2.x regression of scaled Schoenfeld residuals on time), for every fit
 * coxPH makes: plain, (start, stop] rows, case weights and strata.
 *
 * The model is extended to beta + theta g(t) for every covariate, with the
 * time transform g(t) centred on its mean over the events (unweighted, as R):
 *   "km"       g(t) = 1 - S_KM(t-), the left-continuous Kaplan-Meier of all
 *              rows (strata pooled, unweighted; at risk start < t <= stop)
 *   "identity" g(t) = t
 *   "rank"     g(t) = rank of t among the stop times of all rows (ties averaged,
 *              R's rank(); so it depends on how rows are split for (start, stop] data)
 *   "log"      g(t) = log(t) (every event time must be > 0).
 * With beta held at the fitted value and theta = 0, the score for theta is
 * U_theta = sum_events w_i g(t) (x_i - xbar(t)) and the information of
 * (beta, theta) is the 2p x 2p matrix
 *   [ sum V(t)        sum g(t) V(t)   ]
 *   [ sum g(t) V(t)   sum g(t)^2 V(t) ],
 * V(t) the weighted risk-set covariance at t within the event's stratum
 * (Efron or Breslow as in the fit; rows at risk start < t <= stop).
 * Test for covariate j: u' I_j^-1 u with I_j the rows/columns of all beta
 * and theta_j, u zero except U_theta_j (1 df); GLOBAL uses all of theta (p df).
 * A singular I (e.g. a transform that is constant over the event times)
 * throws an InputError saying so, where R's solve() stops.
 *
 * @example
 * const fit = coxPH(time, status, rows, { names: ["age", "sex"] });
 * proportionalHazardsTest(fit);
 * // { terms: ["age", "sex", "GLOBAL"], chiSq: [0.209, 2.61, 2.77], df: [1, 1, 2], pValue: [...], transform: "km" }
 * proportionalHazardsTest(fit, { transform: "rank" }); // cox.zph(fit, transform = "rank", terms = FALSE)
 */
import { InputError } from "../core/index";
import { sortOrder } from "../core/sort-order";
import { chiSquareUpper } from "../distributions/index";
import type { CoxModelData, CoxPHEstimates } from "./cox";
import { coxModelOf } from "./cox";
import { solveLinear } from "./cox-linalg";
import type { CoxRiskData } from "./cox-risk-data";

/** cox.zph's time transforms. */
export type ProportionalHazardsTransform = "km" | "identity" | "rank" | "log";

const TRANSFORMS: readonly ProportionalHazardsTransform[] = ["km", "identity", "rank", "log"];

export interface ProportionalHazardsTestOptions {
  /** Time transform g(t) (default "km", as R). */
  transform?: ProportionalHazardsTransform;
}

export interface ProportionalHazardsTestResult {
  method: string;
  /** Covariate names, then "GLOBAL". */
  terms: string[];
  chiSq: number[];
  df: number[];
  pValue: number[];
  transform: ProportionalHazardsTransform;
}

const TRANSFORM_TEXT: Record<ProportionalHazardsTransform, string> = {
  km: "Kaplan-Meier",
  identity: "identity",
  rank: "rank",
  log: "log",
};

export function proportionalHazardsTest(fit: CoxPHEstimates, options: ProportionalHazardsTestOptions = {}): ProportionalHazardsTestResult {
  const transform = options.transform ?? "km";
  if (TRANSFORMS.indexOf(transform) < 0) {
    throw new InputError("transform", null, transform, 'must be "km", "identity", "rank" or "log"');
  }
  const model = coxModelOf(fit);
  const { u, imat, p } = model.sorted !== null ? plainScore(model, transform) : generalScore(model.risk as CoxRiskData, model.linearPredictor, model.efron, transform);
  const { chiSq, df } = zphTable(u, imat, p, transform, eventTimeSummary(model));
  return {
    method: `Score test of proportional hazards, ${TRANSFORM_TEXT[transform]} time transform (cox.zph, survival 3.x)`,
    terms: fit.names.concat(["GLOBAL"]),
    chiSq,
    df,
    pValue: chiSq.map((c, i) => chiSquareUpper(c, df[i])),
    transform,
  };
}

/** Throws unless every event time can be log-transformed. */
function requirePositiveEventTimes(time: Float64Array, status: Uint8Array): void {
  for (let k = 0; k < time.length; k++) {
    if (status[k] === 1 && !(time[k] > 0)) {
      throw new InputError("transform", null, "log", `needs event times > 0, but an event is at time ${time[k]} (log would be ${Math.log(time[k])}; R's cox.zph fails)`);
    }
  }
}

/** Score and information for a plain fit (rows sorted by time, one stratum, no weights). */
function plainScore(model: CoxModelData, transform: ProportionalHazardsTransform): { u: Float64Array; imat: Float64Array; p: number } {
  const sorted = model.sorted as NonNullable<CoxModelData["sorted"]>;
  const { linearPredictor: eta, efron } = model;
  const { n, p, time, status, x, groupStart: gs, groups } = sorted;

  // g per time group, centred on its mean over the events.
  const gGroup = new Float64Array(groups);
  let surv = 1;
  let gSum = 0;
  let nEvents = 0;
  if (transform === "log") requirePositiveEventTimes(time, status);
  for (let g = 0; g < groups; g++) {
    if (transform === "km") gGroup[g] = 1 - surv;
    else if (transform === "identity") gGroup[g] = time[gs[g]];
    else if (transform === "log") gGroup[g] = Math.log(time[gs[g]]);
    else gGroup[g] = (gs[g] + 1 + gs[g + 1]) / 2; // average rank of the tied times
    let d = 0;
    for (let k = gs[g]; k < gs[g + 1]; k++) d += status[k];
    const atRisk = n - gs[g];
    gSum += d * gGroup[g];
    nEvents += d;
    if (transform === "km") surv *= 1 - d / atRisk;
  }
  const gMean = gSum / nEvents;
  for (let g = 0; g < groups; g++) gGroup[g] -= gMean;

  // Covariates centred on their plain means (numerical stability only).
  const xc = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += x[k * p + j];
    const m = s / n;
    for (let k = 0; k < n; k++) xc[k * p + j] = x[k * p + j] - m;
  }

  const p2 = 2 * p;
  const u = new Float64Array(p2);
  const imat = new Float64Array(p2 * p2);
  const a = new Float64Array(p);
  const a2 = new Float64Array(p);
  const cmat = new Float64Array(p * p);
  const cmat2 = new Float64Array(p * p);
  let denom = 0;
  const add = (i: number, j: number, v: number, gw: number) => {
    imat[j * p2 + i] += v;
    imat[j * p2 + i + p] += v * gw;
    imat[(j + p) * p2 + i + p] += v * gw * gw;
  };
  for (let g = groups - 1; g >= 0; g--) {
    const gw = gGroup[g];
    let ndead = 0;
    let denom2 = 0;
    for (let k = gs[g + 1] - 1; k >= gs[g]; k--) {
      const risk = Math.exp(eta[k]);
      const off = k * p;
      if (status[k] === 0) {
        denom += risk;
        for (let i = 0; i < p; i++) {
          const rx = risk * xc[off + i];
          a[i] += rx;
          for (let j = 0; j <= i; j++) cmat[i * p + j] += rx * xc[off + j];
        }
      } else {
        ndead++;
        denom2 += risk;
        for (let i = 0; i < p; i++) {
          const xi = xc[off + i];
          u[i] += xi;
          u[i + p] += gw * xi;
          a2[i] += risk * xi;
          for (let j = 0; j <= i; j++) cmat2[i * p + j] += risk * xi * xc[off + j];
        }
      }
    }
    if (ndead === 0) continue;
    if (!efron) {
      denom += denom2;
      for (let i = 0; i < p; i++) {
        a[i] += a2[i];
        const mean = a[i] / denom;
        u[i] -= ndead * mean;
        u[i + p] -= gw * ndead * mean;
        for (let j = 0; j <= i; j++) {
          cmat[i * p + j] += cmat2[i * p + j];
          add(i, j, (ndead * (cmat[i * p + j] - mean * a[j])) / denom, gw);
        }
      }
    } else {
      for (let k = 0; k < ndead; k++) {
        denom += denom2 / ndead;
        for (let i = 0; i < p; i++) {
          a[i] += a2[i] / ndead;
          const mean = a[i] / denom;
          u[i] -= mean;
          u[i + p] -= gw * mean;
          for (let j = 0; j <= i; j++) {
            cmat[i * p + j] += cmat2[i * p + j] / ndead;
            add(i, j, (cmat[i * p + j] - mean * a[j]) / denom, gw);
          }
        }
      }
    }
    a2.fill(0);
    cmat2.fill(0);
  }
  // Fill the symmetric blocks from the j <= i halves.
  fillSymmetric(imat, p);
  return { u, imat, p };
}

/** Copies the j <= i halves of the three blocks into the full symmetric 2p x 2p matrix. */
function fillSymmetric(imat: Float64Array, p: number): void {
  const p2 = 2 * p;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      imat[i * p2 + j] = imat[j * p2 + i];
      imat[i * p2 + j + p] = imat[j * p2 + i + p];
      imat[(i + p) * p2 + j + p] = imat[(j + p) * p2 + i + p];
    }
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) imat[(i + p) * p2 + j] = imat[j * p2 + i + p];
}

/** g(t) of every row (its stop time), centred on the mean over the events, for any fit's layout. */
function timeTransform(d: CoxRiskData, transform: ProportionalHazardsTransform): Float64Array {
  const { n, stop, status, start } = d;
  const g = new Float64Array(n);
  if (transform === "identity") {
    g.set(stop);
  } else if (transform === "log") {
    requirePositiveEventTimes(stop, status);
    for (let k = 0; k < n; k++) g[k] = Math.log(stop[k]);
  } else if (transform === "rank") {
    const ord = sortOrder(stop);
    for (let a = 0; a < n; ) {
      let b = a + 1;
      while (b < n && stop[ord[b]] === stop[ord[a]]) b++;
      const r = (a + 1 + b) / 2;
      for (let m = a; m < b; m++) g[ord[m]] = r;
      a = b;
    }
  } else {
    // 1 - S(t-), the Kaplan-Meier of all rows (strata pooled), at risk start < t <= stop.
    const ord = sortOrder(stop);
    const starts = start === null ? null : Float64Array.from(start).sort();
    let surv = 1;
    for (let a = 0; a < n; ) {
      const t = stop[ord[a]];
      let b = a + 1;
      while (b < n && stop[ord[b]] === t) b++;
      for (let m = a; m < b; m++) g[ord[m]] = 1 - surv;
      let dcount = 0;
      for (let m = a; m < b; m++) dcount += status[ord[m]];
      if (dcount > 0) {
        // Rows with stop >= t, less those that start at or after t.
        let atRisk = n - a;
        if (starts !== null) atRisk -= n - firstAtLeast(starts, t);
        surv *= 1 - dcount / atRisk;
      }
      a = b;
    }
  }
  let sum = 0;
  let events = 0;
  for (let k = 0; k < n; k++) {
    if (status[k] === 1) {
      sum += g[k];
      events++;
    }
  }
  const mean = sum / events;
  for (let k = 0; k < n; k++) g[k] -= mean;
  return g;
}

/** Index of the first value >= v in ascending `a`. */
function firstAtLeast(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Score and information for any fit on the risk-set layout (strata, weights,
 * (start, stop] rows), as R's zph1 / zph2.
 */
function generalScore(d: CoxRiskData, eta: Float64Array, efron: boolean, transform: ProportionalHazardsTransform): { u: Float64Array; imat: Float64Array; p: number } {
  const { n, p, stop, status, weights, start, startOrder, stratumStart, nStrata } = d;
  const gt = timeTransform(d, transform);
  // Covariates centred on their plain means (numerical stability only).
  const xc = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += d.x[k * p + j];
    const m = s / n;
    for (let k = 0; k < n; k++) xc[k * p + j] = d.x[k * p + j] - m;
  }
  const p2 = 2 * p;
  const u = new Float64Array(p2);
  const imat = new Float64Array(p2 * p2);
  const a = new Float64Array(p);
  const a2 = new Float64Array(p);
  const cmat = new Float64Array(p * p);
  const cmat2 = new Float64Array(p * p);
  const added = new Uint8Array(start === null ? 0 : n);
  const risk = new Float64Array(n);
  for (let k = 0; k < n; k++) risk[k] = Math.exp(eta[k]) * (weights === null ? 1 : weights[k]);
  const add = (i: number, j: number, v: number, gw: number) => {
    imat[j * p2 + i] += v;
    imat[j * p2 + i + p] += v * gw;
    imat[(j + p) * p2 + i + p] += v * gw * gw;
  };
  for (let s = 0; s < nStrata; s++) {
    const s0 = stratumStart[s];
    const s1 = stratumStart[s + 1];
    let denom = 0;
    let nrisk = 0;
    a.fill(0);
    cmat.fill(0);
    let person = s0;
    let indx1 = s0;
    while (person < s1) {
      let k = person;
      while (k < s1 && status[k] !== 1) k++;
      if (k === s1) break;
      const dtime = stop[k];
      const gw = gt[k];
      if (start !== null) {
        for (; indx1 < s1; indx1++) {
          const q = (startOrder as Uint32Array)[indx1];
          if (start[q] < dtime) break;
          if (!added[q]) continue;
          nrisk--;
          if (nrisk === 0) {
            denom = 0;
            a.fill(0);
            cmat.fill(0);
          } else {
            const r = risk[q];
            denom -= r;
            for (let i = 0; i < p; i++) {
              const rx = r * xc[q * p + i];
              a[i] -= rx;
              for (let j = 0; j <= i; j++) cmat[i * p + j] -= rx * xc[q * p + j];
            }
          }
        }
      }
      let ndead = 0;
      let deadwt = 0;
      let denom2 = 0;
      a2.fill(0);
      cmat2.fill(0);
      for (; person < s1 && stop[person] >= dtime; person++) {
        const q = person;
        if (start !== null) {
          if (start[q] >= dtime) continue;
          added[q] = 1;
          nrisk++;
        }
        const r = risk[q];
        const off = q * p;
        if (status[q] === 1 && stop[q] === dtime) {
          const wq = weights === null ? 1 : weights[q];
          ndead++;
          deadwt += wq;
          denom2 += r;
          for (let i = 0; i < p; i++) {
            const xi = xc[off + i];
            u[i] += wq * xi;
            u[i + p] += gw * wq * xi;
            a2[i] += r * xi;
            for (let j = 0; j <= i; j++) cmat2[i * p + j] += r * xi * xc[off + j];
          }
        } else {
          denom += r;
          for (let i = 0; i < p; i++) {
            const rx = r * xc[off + i];
            a[i] += rx;
            for (let j = 0; j <= i; j++) cmat[i * p + j] += rx * xc[off + j];
          }
        }
      }
      if (!efron || ndead === 1) {
        denom += denom2;
        for (let i = 0; i < p; i++) {
          a[i] += a2[i];
          const mean = a[i] / denom;
          u[i] -= deadwt * mean;
          u[i + p] -= gw * deadwt * mean;
          for (let j = 0; j <= i; j++) {
            cmat[i * p + j] += cmat2[i * p + j];
            add(i, j, (deadwt * (cmat[i * p + j] - mean * a[j])) / denom, gw);
          }
        }
      } else {
        const wtave = deadwt / ndead;
        for (let m = 0; m < ndead; m++) {
          denom += denom2 / ndead;
          for (let i = 0; i < p; i++) {
            a[i] += a2[i] / ndead;
            const mean = a[i] / denom;
            u[i] -= wtave * mean;
            u[i + p] -= gw * wtave * mean;
            for (let j = 0; j <= i; j++) {
              cmat[i * p + j] += cmat2[i * p + j] / ndead;
              add(i, j, (wtave * (cmat[i * p + j] - mean * a[j])) / denom, gw);
            }
          }
        }
      }
    }
  }
  fillSymmetric(imat, p);
  return { u, imat, p };
}

/** Per-covariate and GLOBAL score tests from the 2p score and information. */
/** "k distinct event times among m events", for the message when the test is undefined. */
function eventTimeSummary(model: CoxModelData): string {
  const time = model.sorted !== null ? model.sorted.time : (model.risk as CoxRiskData).stop;
  const status = model.sorted !== null ? model.sorted.status : (model.risk as CoxRiskData).status;
  const seen = new Set<number>();
  let events = 0;
  for (let k = 0; k < time.length; k++) {
    if (status[k] === 1) {
      events++;
      seen.add(time[k]);
    }
  }
  const distinct = seen.size;
  const few = distinct < 2 ? ", so there is no time trend to test" : "";
  return `${distinct} distinct event time${distinct === 1 ? "" : "s"} among ${events} events${few}`;
}

function zphTable(
  u: Float64Array,
  imat: Float64Array,
  p: number,
  transform: ProportionalHazardsTransform,
  events: string,
): { chiSq: number[]; df: number[] } {
  const p2 = 2 * p;
  const chiSq: number[] = [];
  const df: number[] = [];
  const quadratic = (idx: number[], uv: Float64Array) => {
    const m = idx.length;
    const sub = new Float64Array(m * m);
    for (let r = 0; r < m; r++) for (let c = 0; c < m; c++) sub[r * m + c] = imat[idx[r] * p2 + idx[c]];
    let sol: Float64Array;
    try {
      sol = solveLinear(sub, m, uv);
    } catch {
      throw new InputError(
        "fit",
        null,
        null,
        `the proportional-hazards test cannot be computed: its information matrix is singular (${events}), so the test is undefined ` +
          `(with transform "${transform}": the transform may be constant over the event times, e.g. a single event time, ` +
          `or a covariate times g(t) is collinear with the covariates); R's cox.zph stops here too ("system is exactly singular")`,
      );
    }
    let s = 0;
    for (let r = 0; r < m; r++) s += sol[r] * uv[r];
    return s;
  };
  const betaIdx = Array.from({ length: p }, (_, i) => i);
  for (let j = 0; j < p; j++) {
    const uv = new Float64Array(p + 1);
    uv[p] = u[p + j];
    chiSq.push(quadratic(betaIdx.concat([p + j]), uv));
    df.push(1);
  }
  const ug = new Float64Array(p2);
  for (let j = 0; j < p; j++) ug[p + j] = u[p + j];
  chiSq.push(quadratic(betaIdx.concat(betaIdx.map((i) => i + p)), ug));
  df.push(p);
  return { chiSq, df };
}
