/**
 * Test of the proportional-hazards assumption of a Cox fit, as R survival
 * 3.5-3's `cox.zph(fit, transform = "km", terms = FALSE)` (the 3.x score test,
 * not the 2.x regression of scaled Schoenfeld residuals on time).
 *
 * The model is extended to beta + theta g(t) for every covariate, with
 * g(t) = 1 - S_KM(t-) (the Kaplan-Meier transform, one value per event time)
 * centred on its mean over the events. With beta held at the fitted value and
 * theta = 0, the score for theta is U_theta = sum_events g(t) (x_i - xbar(t))
 * and the information of (beta, theta) is the 2p x 2p matrix
 *   [ sum V(t)        sum g(t) V(t)   ]
 *   [ sum g(t) V(t)   sum g(t)^2 V(t) ],
 * V(t) the risk-weighted covariance at t (Efron or Breslow as in the fit).
 * Test for covariate j: u' I_j^-1 u with I_j the rows/columns of all beta
 * and theta_j, u zero except U_theta_j (1 df); GLOBAL uses all of theta (p df).
 *
 * @example
 * const fit = coxPH(time, status, rows, { names: ["age", "sex"] });
 * proportionalHazardsTest(fit);
 * // { terms: ["age", "sex", "GLOBAL"], chiSq: [0.209, 2.61, 2.77], df: [1, 1, 2], pValue: [...], transform: "km" }
 */
import { InputError } from "../core/index";
import { chiSquareUpper } from "../distributions/index";
import type { CoxModelData, CoxPHResult } from "./cox";
import { solveLinear } from "./cox-linalg";

export interface ProportionalHazardsTestResult {
  method: string;
  /** Covariate names, then "GLOBAL". */
  terms: string[];
  chiSq: number[];
  df: number[];
  pValue: number[];
  transform: "km";
}

export interface ProportionalHazardsTestOptions {
  transform?: "km";
}

export function proportionalHazardsTest(fit: CoxPHResult, options: ProportionalHazardsTestOptions = {}): ProportionalHazardsTestResult {
  if (options.transform !== undefined && options.transform !== "km") throw new InputError("transform", null, options.transform, "must be \"km\"");
  const model = fit === null || typeof fit !== "object" ? undefined : (fit.model as CoxModelData | undefined);
  if (!model) {
    throw new InputError(
      "fit",
      null,
      typeof fit,
      "must be the object returned by coxPH (its non-enumerable model data is lost in copies such as JSON round trips)",
    );
  }
  const { sorted, linearPredictor: eta, efron } = model;
  if (sorted === null) throw new InputError("fit", null, null, "general fits not yet supported");
  const { n, p, time, status, x, groupStart: gs, groups } = sorted;

  // g(t) = 1 - S(t-), Kaplan-Meier over all subjects, centred on its mean over the events.
  const gGroup = new Float64Array(groups);
  let surv = 1;
  let gSum = 0;
  let nEvents = 0;
  for (let g = 0; g < groups; g++) {
    gGroup[g] = 1 - surv;
    let d = 0;
    for (let k = gs[g]; k < gs[g + 1]; k++) d += status[k];
    const atRisk = n - gs[g];
    gSum += d * gGroup[g];
    nEvents += d;
    surv *= 1 - d / atRisk;
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
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      imat[i * p2 + j] = imat[j * p2 + i];
      imat[i * p2 + j + p] = imat[j * p2 + i + p];
      imat[(i + p) * p2 + j + p] = imat[(j + p) * p2 + i + p];
    }
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) imat[(i + p) * p2 + j] = imat[j * p2 + i + p];

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
      // R's cox.zph stops here too ("system is exactly singular"); say why in the user's terms.
      let eventTimes = 0;
      for (let g = 0; g < groups; g++) if (status.subarray(gs[g], gs[g + 1]).some((v) => v === 1)) eventTimes++;
      throw new InputError(
        "fit",
        null,
        null,
        `the proportional-hazards test cannot be computed: its information matrix is singular (${eventTimes} distinct event time${eventTimes === 1 ? "" : "s"} among ${nEvents} events${eventTimes < 2 ? ", so there is no time trend to test" : ", or a covariate that does not vary among those at risk"})`,
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
  return {
    method: "Score test of proportional hazards, Kaplan-Meier time transform (cox.zph, survival 3.x)",
    terms: fit.names.concat(["GLOBAL"]),
    chiSq,
    df,
    pValue: chiSq.map((c, i) => chiSquareUpper(c, df[i])),
    transform: "km",
  };
}
