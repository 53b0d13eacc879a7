import { InputError, factorColumn, finiteColumn, missingRows } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { fUpper, normalQuantile, tQuantile, tTwoSided } from "../distributions/index";
import { keptRows, pairedInput, requireConfLevel, requireMissingPolicy } from "./input";
import { FitError } from "./fit-error";
import { nlsFit } from "./nls";
import type { NlsProblem } from "./nls";

/**
 * Dose-response curve forms:
 * - "ll4" (default): four-parameter log-logistic (drc's LL.4), f(x) = c + (d − c) / (1 + (x/e)^b)
 *   for doses x ≥ 0, e > 0, reported with b > 0: d is the response at dose 0, c the plateau at
 *   high dose, e the EC50 (the dose giving half the change from d to c). Dose 0 is allowed
 *   (f(0) = d). The default because a radiation dose-response has a sham-irradiated 0 Gy control,
 *   which is the curve's baseline, not a point that a log-dose axis cannot hold. It is the
 *   classic 4PL in log dose (SSfpl on log x with A = d, B = c, xmid = log e, scal = 1/b).
 *   With fixed { b: 1 } it is the hyperbolic Emax model d + (c − d)·x/(x + e).
 * - "fpl": R's self-starting four-parameter logistic SSfpl, f(x) = A + (B − A) / (1 + exp((xmid − x)/scal)),
 *   a logistic in x itself, reported with scal > 0 (A the left asymptote, B the right one, xmid
 *   the midpoint on the scale of x). On a dose scale its left asymptote lies below dose 0.
 */
export type DoseResponseModel = "ll4" | "fpl";

export interface DoseResponseOptions {
  /** Curve form, default "ll4" (handles dose 0). */
  model?: DoseResponseModel;
  confLevel?: number;
  /**
   * Wald intervals estimate ± q·se with q from the normal distribution ("normal", default: R's
   * confint.default) or from t on the residual df ("t": as drc's confint for continuous data).
   */
  interval?: "normal" | "t";
  missing?: MissingPolicy;
  /** Iteration limit of each optimizer phase (default 200). */
  maxIterations?: number;
  /**
   * Parameters held at given values (drc's `fixed`), e.g. { b: 1 } for the hyperbolic Emax
   * model d + (c − d)·x/(x + e) — three parameters, steadier when few doses are positive —
   * or { d: 0 }. A fixed slope must be positive (b > 0, scal > 0). Fixed parameters are left
   * out of `parameters` and count as known (variance 0) in the EC50 and maximum effect.
   */
  fixed?: Readonly<Record<string, number>>;
}

/** An estimate with its Wald standard error, t, p and interval. */
export interface DoseResponseEstimate {
  name: string;
  estimate: number;
  se: number;
  /** estimate / se; p two-sided on the residual df (summary.nls). */
  t: number;
  pValue: number;
  lower: number;
  upper: number;
}

export interface DoseResponseFit {
  method: string;
  model: DoseResponseModel;
  /** The R call this fit reproduces. */
  rFormula: string;
  /** b, c, d, e ("ll4") or A, B, xmid, scal ("fpl"), as summary(nls(...)); fixed ones left out. */
  parameters: DoseResponseEstimate[];
  /** Parameters held fixed (options.fixed). */
  fixed: Record<string, number>;
  /** Dose giving half the maximum effect: e ("ll4") or xmid ("fpl", on the scale of x). */
  ec50: DoseResponseEstimate;
  /** Maximum effect: c − d (high-dose plateau minus the response at dose 0, "ll4") or B − A ("fpl"); se by the delta method. */
  maxEffect: DoseResponseEstimate;
  /** Covariance of the parameters σ²(JᵀJ)⁻¹ (R's vcov(nls)), in `parameters` order. */
  covariance: number[][];
  /** Residual standard error sqrt(RSS / df). */
  sigma: number;
  dfResidual: number;
  rss: number;
  n: number;
  dropped: number;
  fitted: Float64Array;
  residuals: Float64Array;
  confLevel: number;
  interval: "normal" | "t";
  convergence: {
    optimizer: string;
    iterations: { levenbergMarquardt: number; gaussNewton: number };
    /** R's relative-offset convergence criterion at the estimates (nls converges below 1e-5). */
    criterion: number;
  };
  /** Cautions a reader should see, e.g. an EC50 outside the dose range. */
  notes: string[];
}

const PARAMETERS: Record<DoseResponseModel, string[]> = { ll4: ["b", "c", "d", "e"], fpl: ["A", "B", "xmid", "scal"] };

/** Model value and gradient at one dose for parameters th (in PARAMETERS order). */
function curve(model: DoseResponseModel, x: number, th: ArrayLike<number>, grad: Float64Array | null, g0 = 0): number {
  if (model === "ll4") {
    const b = th[0];
    const c = th[1];
    const d = th[2];
    const e = th[3];
    if (x === 0) {
      // limits as x → 0: (x/e)^b → 0 for b > 0 (f = d), → ∞ for b < 0 (f = c)
      const atD = b > 0 ? 1 : b < 0 ? 0 : 0.5;
      if (grad) {
        grad[g0] = 0;
        grad[g0 + 1] = 1 - atD;
        grad[g0 + 2] = atD;
        grad[g0 + 3] = 0;
      }
      return c + (d - c) * atD;
    }
    const logRatio = Math.log(x / e);
    const u = Math.exp(b * logRatio);
    const denom = 1 + u;
    if (grad) {
      const w = (d - c) * u / (denom * denom);
      grad[g0] = -w * logRatio;
      grad[g0 + 1] = u / denom;
      grad[g0 + 2] = 1 / denom;
      grad[g0 + 3] = (w * b) / e;
    }
    return c + (d - c) / denom;
  }
  const a = th[0];
  const bb = th[1];
  const xmid = th[2];
  const scal = th[3];
  const z = (xmid - x) / scal;
  const ez = Math.exp(z);
  const denom = 1 + ez;
  if (grad) {
    const xm = ((bb - a) * ez) / scal / (denom * denom);
    grad[g0] = 1 - 1 / denom;
    grad[g0 + 1] = 1 / denom;
    grad[g0 + 2] = -xm;
    grad[g0 + 3] = xm * z;
  }
  return a + (bb - a) / denom;
}

/**
 * A nonlinear least-squares problem for one or several groups: observation i has dose x[i],
 * group g[i] and uses parameter k of its group at theta[index[g][k]], or the fixed value
 * fixed[k] when index[g][k] is -1.
 */
function problemFor(model: DoseResponseModel, x: Float64Array, y: Float64Array, g: Int32Array, index: number[][], nTheta: number, fixed: Float64Array): NlsProblem {
  const n = x.length;
  const th = new Float64Array(4);
  const grad = new Float64Array(4);
  const names: string[] = [];
  for (let k = 0; k < nTheta; k++) names.push(`theta${k + 1}`);
  index.forEach((ix, group) =>
    ix.forEach((t, k) => {
      if (t >= 0) names[t] = index.length === 1 ? PARAMETERS[model][k] : `${PARAMETERS[model][k]}[${group + 1}]`;
    }),
  );
  const lower = new Float64Array(nTheta).fill(-Infinity);
  const upper = new Float64Array(nTheta).fill(Infinity);
  let maxX = 0;
  for (let i = 0; i < n; i++) maxX = Math.max(maxX, Math.abs(x[i]));
  if (model === "ll4") for (const ix of index) if (ix[3] >= 0) lower[ix[3]] = 1e-8 * (maxX || 1);
  const load = (theta: Float64Array, ix: number[]) => {
    for (let k = 0; k < 4; k++) th[k] = ix[k] >= 0 ? theta[ix[k]] : fixed[k];
  };
  return {
    model,
    parameterNames: names,
    y,
    lower,
    upper,
    evaluate(theta, out) {
      for (let i = 0; i < n; i++) {
        load(theta, index[g[i]]);
        out[i] = curve(model, x[i], th, null);
      }
    },
    jacobian(theta, out) {
      out.fill(0);
      for (let i = 0; i < n; i++) {
        const ix = index[g[i]];
        load(theta, ix);
        curve(model, x[i], th, grad);
        for (let k = 0; k < 4; k++) if (ix[k] >= 0) out[ix[k] * n + i] += grad[k];
      }
    },
  };
}

/**
 * Starting values by profiling out the linear parameters: for each (b, e) (or (xmid, scal))
 * on a grid spanning the doses, the asymptotes are the least-squares solution, and the grid
 * point with the smallest RSS is the start. The fit then runs to the optimum, so the result
 * does not depend on these values unless the data admit several local optima.
 */
function startValues(model: DoseResponseModel, x: Float64Array, y: Float64Array, fixed: Float64Array): Float64Array {
  const n = x.length;
  let best = { rss: Infinity, th: new Float64Array(4) };
  const positive = Array.from(x).filter((v) => v > 0);
  const xs = Array.from(x);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  // (slope, midpoint) pairs: ll4 (b, e), fpl (scal, xmid)
  const slopes: number[] = [];
  const mids: number[] = [];
  if (model === "ll4") {
    const lo = Math.min(...positive) / 4;
    const hi = Math.max(...positive) * 4;
    for (let i = 0; i <= 24; i++) mids.push(lo * Math.pow(hi / lo, i / 24));
    slopes.push(0.25, 0.5, 1, 1.5, 2, 3, 5, 8);
  } else {
    const range = maxX - minX;
    for (let i = 0; i <= 24; i++) mids.push(minX - range / 4 + (1.5 * range * i) / 24);
    for (const f of [0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 1]) slopes.push(f * range);
  }
  const [slopeK, midK, loK, hiK] = model === "ll4" ? [0, 3, 2, 1] : [3, 2, 0, 1];
  const th = new Float64Array(4);
  const share = new Float64Array(n);
  for (const slope of Number.isNaN(fixed[slopeK]) ? slopes : [fixed[slopeK]]) {
    for (const mid of Number.isNaN(fixed[midK]) ? mids : [fixed[midK]]) {
      // y ≈ lo·(1 − s) + hi·s, s the logistic share of the "hi" asymptote; free asymptotes by least squares
      th[slopeK] = slope;
      th[midK] = mid;
      th[loK] = 0;
      th[hiK] = 1;
      for (let i = 0; i < n; i++) share[i] = curve(model, x[i], th, null);
      const freeLo = Number.isNaN(fixed[loK]);
      const freeHi = Number.isNaN(fixed[hiK]);
      let s00 = 0;
      let s01 = 0;
      let s11 = 0;
      let t0 = 0;
      let t1 = 0;
      for (let i = 0; i < n; i++) {
        const a = 1 - share[i];
        const r = y[i] - (freeLo ? 0 : fixed[loK] * a) - (freeHi ? 0 : fixed[hiK] * share[i]);
        s00 += a * a;
        s01 += a * share[i];
        s11 += share[i] * share[i];
        t0 += a * r;
        t1 += share[i] * r;
      }
      let lo = fixed[loK];
      let hi = fixed[hiK];
      if (freeLo && freeHi) {
        const det = s00 * s11 - s01 * s01;
        if (!(Math.abs(det) > 1e-12 * (s00 * s11 || 1))) continue;
        lo = (t0 * s11 - t1 * s01) / det;
        hi = (s00 * t1 - s01 * t0) / det;
      } else if (freeLo) {
        if (!(s00 > 0)) continue;
        lo = t0 / s00;
      } else if (freeHi) {
        if (!(s11 > 0)) continue;
        hi = t1 / s11;
      }
      let rss = 0;
      for (let i = 0; i < n; i++) {
        const r = y[i] - lo * (1 - share[i]) - hi * share[i];
        rss += r * r;
      }
      if (rss < best.rss) {
        const out = new Float64Array(4);
        out[slopeK] = slope;
        out[midK] = mid;
        out[loK] = lo;
        out[hiK] = hi;
        best = { rss, th: out };
      }
    }
  }
  if (!Number.isFinite(best.rss)) throw new FitError(model, "singular-gradient", "no starting values: the doses do not span a curve");
  return best.th;
}

/**
 * Puts each group's curve in the reported form: b > 0 for "ll4" ((b, c, d) and (−b, d, c) give
 * the same curve), scal > 0 for "fpl" ((A, B, scal) ~ (B, A, −scal)). Shared parameters are
 * changed once. Returns false when a group would need its asymptotes swapped while they are
 * shared with groups that do not: the fit then describes another model than the one asked for.
 */
function toCanonical(model: DoseResponseModel, th: Float64Array, index: number[][]): boolean {
  const slopeK = model === "ll4" ? 0 : 3;
  const [k1, k2] = model === "ll4" ? [1, 2] : [0, 1];
  const flip = index.map((ix) => ix[slopeK] >= 0 && th[ix[slopeK]] < 0);
  if (!flip.some((f) => f)) return true;
  // a fixed asymptote cannot move to the other end of the curve
  if (index.some((ix, g) => flip[g] && (ix[k1] < 0 || ix[k2] < 0))) return false;
  // a flipping group's asymptotes must not be shared with a non-flipping group
  const owner = new Map<number, boolean>();
  for (let g = 0; g < index.length; g++) {
    for (const k of [k1, k2, slopeK]) {
      const t = index[g][k];
      if (owner.has(t) && owner.get(t) !== flip[g]) return false;
      owner.set(t, flip[g]);
    }
  }
  const done = new Set<number>();
  for (let g = 0; g < index.length; g++) {
    if (!flip[g]) continue;
    const ix = index[g];
    if (!done.has(ix[slopeK])) {
      th[ix[slopeK]] = -th[ix[slopeK]];
      done.add(ix[slopeK]);
    }
    if (!done.has(ix[k1])) {
      const a = th[ix[k1]];
      th[ix[k1]] = th[ix[k2]];
      th[ix[k2]] = a;
      done.add(ix[k1]);
      done.add(ix[k2]);
    }
  }
  return true;
}

interface Validated {
  x: Float64Array;
  y: Float64Array;
  dropped: number;
  rows: Int32Array;
}

function requireModel(model: unknown): DoseResponseModel {
  if (model === undefined) return "ll4";
  if (model !== "ll4" && model !== "fpl") throw new InputError("model", null, model, 'must be "ll4" (log-logistic, allows dose 0) or "fpl" (R\'s SSfpl)');
  return model;
}

function requireDoses(model: DoseResponseModel, x: Float64Array, rows: Int32Array, what: string, nFree: number): void {
  const minDistinct = Math.max(nFree, 3);
  if (model === "ll4") {
    for (let k = 0; k < x.length; k++) if (x[k] < 0) throw new InputError("dose", rows[k], x[k], 'must be >= 0 for the log-logistic model (pass model: "fpl" for a logistic in x, e.g. log dose)');
  }
  const distinct = new Set(Array.from(x)).size;
  const positive = new Set(Array.from(x).filter((v) => v > 0)).size;
  if (distinct < minDistinct) throw new InputError("dose", null, distinct, `${what} has ${distinct} distinct doses: a curve with ${nFree} free parameters needs at least ${minDistinct}`);
  if (model === "ll4" && positive < minDistinct - 1) throw new InputError("dose", null, positive, `${what} has ${positive} distinct positive doses: the log-logistic curve with ${nFree} free parameters needs at least ${minDistinct - 1}`);
}

function estimateRow(name: string, estimate: number, variance: number, df: number, q: number): DoseResponseEstimate {
  const se = Math.sqrt(Math.max(variance, 0));
  const t = estimate / se;
  return { name, estimate, se, t, pValue: tTwoSided(t, df), lower: estimate - q * se, upper: estimate + q * se };
}

/** Summaries of one group's curve from the joint fit (fixed parameters have variance 0). */
function summarise(
  model: DoseResponseModel,
  theta: Float64Array,
  cov: (i: number, j: number) => number,
  ix: number[],
  fixed: Float64Array,
  df: number,
  q: number,
  doses: Float64Array,
): { parameters: DoseResponseEstimate[]; ec50: DoseResponseEstimate; maxEffect: DoseResponseEstimate; covariance: number[][]; notes: string[] } {
  const names = PARAMETERS[model];
  const value = (k: number) => (ix[k] >= 0 ? theta[ix[k]] : fixed[k]);
  const cv = (k: number, m: number) => (ix[k] >= 0 && ix[m] >= 0 ? cov(ix[k], ix[m]) : 0);
  const free = [0, 1, 2, 3].filter((k) => ix[k] >= 0);
  const parameters = free.map((k) => estimateRow(names[k], value(k), cv(k, k), df, q));
  const covariance = free.map((k) => free.map((m) => cv(k, m)));
  // ec50: e or xmid; maxEffect: c − d or B − A
  const ecK = model === "ll4" ? 3 : 2;
  const [hiK, loK] = model === "ll4" ? [1, 2] : [1, 0];
  const ec50 = estimateRow("ec50", value(ecK), cv(ecK, ecK), df, q);
  const maxEffect = estimateRow("maxEffect", value(hiK) - value(loK), cv(hiK, hiK) + cv(loK, loK) - 2 * cv(hiK, loK), df, q);
  const notes: string[] = [];
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of doses) {
    if (model === "ll4" && v === 0) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (ec50.estimate < lo || ec50.estimate > hi) {
    notes.push(`the EC50 (${ec50.estimate.toPrecision(3)}) lies outside the ${model === "ll4" ? "positive " : ""}doses studied (${lo} to ${hi}): it and the maximum effect are extrapolated`);
  }
  if (model === "ll4" && value(0) > 20) notes.push(`the slope b = ${value(0).toPrecision(3)} is very steep: the data look like a step between two doses`);
  return { parameters, ec50, maxEffect, covariance, notes };
}

/**
 * Four-parameter dose-response curve by nonlinear least squares, matching R 4.2.2's `nls`:
 * - model "ll4" (default): `nls(response ~ c + (d - c) / (1 + (dose / e)^b))` — the
 *   log-logistic LL.4 of the drc package, which takes dose 0 (f(0) = d, the control level);
 * - model "fpl": `nls(response ~ SSfpl(dose, A, B, xmid, scal))`.
 *
 * Fitting: starting values from a grid over the nonlinear parameters with the asymptotes
 * solved by least squares (so no user start is needed and the result does not depend on it),
 * then Levenberg-Marquardt (ml-levenberg-marquardt 4.1.3), then
 * Gauss-Newton steps as nls takes them, to R's relative-offset criterion < 1e-10. Equivalent
 * parameter vectors are reported in one form: b > 0 ("ll4") and scal > 0 ("fpl", as SSfpl's
 * self-start gives).
 * Inference as summary.nls: σ² = RSS/(n − 4), covariance σ²(JᵀJ)⁻¹ with J the Jacobian at the
 * optimum, t = estimate/se with two-sided p on n − 4 df. Intervals are Wald intervals
 * estimate ± z·se (R's confint.default; `interval: "t"` uses t on n − 4 df) — not nls's
 * profile intervals. EC50 = e ("ll4") or xmid ("fpl"); maximum effect = c − d or B − A with
 * se by the delta method (var c + var d − 2 cov).
 *
 * Throws an InputError for bad input (negative dose for "ll4", fewer than 4 distinct doses,
 * non-numeric values) and a FitError when the fit does not converge or the gradient is
 * singular (the parameters are not identifiable from the data) — never NaN estimates.
 *
 * @example
 * const fit = fitDoseResponse(secretion.dose_gy, secretion.vegf_pg_ml);
 * fit.ec50;       // { estimate, se, lower, upper, ... } in Gy
 * fit.maxEffect;  // plateau minus the 0 Gy level, pg/ml
 * predictDoseResponse(fit, [0, 1, 2, 4, 8]);
 */
export function fitDoseResponse(dose: ArrayLikeInput<unknown>, response: ArrayLikeInput<unknown>, options: DoseResponseOptions = {}): DoseResponseFit {
  const model = requireModel(options.model);
  const { confLevel, interval, maxIterations, fixed } = commonOptions(model, options);
  const data = validated(dose, response, options.missing);
  const nFree = fixed.filter((v) => Number.isNaN(v)).length;
  requireDoses(model, data.x, data.rows, "dose", nFree);
  const n = data.x.length;
  const df = n - nFree;
  if (df < 1) throw new InputError("response", null, n, `has ${n} observations for ${nFree} parameters: no residual degrees of freedom`);
  const index = [positions(fixed)];
  const fit = fitGroups(model, data.x, data.y, new Int32Array(n), index, nFree, maxIterations, fixed);
  const sigma2 = fit.rss / df;
  const cov = (i: number, j: number) => sigma2 * fit.unscaledCovariance[i * nFree + j];
  const q = quantile(interval, confLevel, df);
  const s = summarise(model, fit.theta, cov, index[0], fixed, df, q, data.x);
  const fixedText = fixedNote(model, fixed);
  return {
    method:
      (model === "ll4"
        ? "Four-parameter log-logistic curve c + (d - c)/(1 + (dose/e)^b), nonlinear least squares (R's nls)"
        : "Four-parameter logistic curve A + (B - A)/(1 + exp((xmid - dose)/scal)), nonlinear least squares (R's nls with SSfpl)") + fixedText,
    model,
    rFormula: rFormula(model, fixed),
    parameters: s.parameters,
    fixed: fixedRecord(model, fixed),
    ec50: s.ec50,
    maxEffect: s.maxEffect,
    covariance: s.covariance,
    sigma: Math.sqrt(sigma2),
    dfResidual: df,
    rss: fit.rss,
    n,
    dropped: data.dropped,
    fitted: fit.fitted,
    residuals: fit.residuals,
    confLevel,
    interval,
    convergence: { optimizer: "ml-levenberg-marquardt 4.1.3, then Gauss-Newton (nls)", iterations: fit.iterations, criterion: fit.criterion },
    notes: s.notes,
  };
}

/** theta positions of the free parameters (-1 for fixed ones), for one curve. */
function positions(fixed: Float64Array): number[] {
  let next = 0;
  return Array.from(fixed, (v) => (Number.isNaN(v) ? next++ : -1));
}

function fixedRecord(model: DoseResponseModel, fixed: Float64Array): Record<string, number> {
  const out: Record<string, number> = {};
  fixed.forEach((v, k) => {
    if (!Number.isNaN(v)) out[PARAMETERS[model][k]] = v;
  });
  return out;
}

function fixedNote(model: DoseResponseModel, fixed: Float64Array): string {
  const held = Object.entries(fixedRecord(model, fixed));
  return held.length === 0 ? "" : `, with ${held.map(([k, v]) => `${k} = ${v}`).join(", ")} fixed`;
}

function rFormula(model: DoseResponseModel, fixed: Float64Array): string {
  const name = (k: number) => (Number.isNaN(fixed[k]) ? PARAMETERS[model][k] : String(fixed[k]));
  return model === "ll4"
    ? `nls(response ~ ${name(1)} + (${name(2)} - ${name(1)}) / (1 + (dose / ${name(3)})^${name(0)}))`
    : Number.isNaN(fixed[0]) && Number.isNaN(fixed[1]) && Number.isNaN(fixed[2]) && Number.isNaN(fixed[3])
      ? "nls(response ~ SSfpl(dose, A, B, xmid, scal))"
      : `nls(response ~ ${name(0)} + (${name(1)} - ${name(0)}) / (1 + exp((${name(2)} - dose) / ${name(3)})))`;
}

function commonOptions(model: DoseResponseModel, options: DoseResponseOptions): { confLevel: number; interval: "normal" | "t"; maxIterations: number; fixed: Float64Array } {
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  requireConfLevel(confLevel);
  const interval = options.interval === undefined ? "normal" : options.interval;
  if (interval !== "normal" && interval !== "t") throw new InputError("interval", null, interval, 'must be "normal" (confint.default) or "t"');
  const maxIterations = options.maxIterations === undefined ? 200 : options.maxIterations;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new InputError("maxIterations", null, maxIterations, "must be a positive whole number");
  const fixed = new Float64Array(4).fill(NaN);
  const given = options.fixed ?? {};
  if (given === null || typeof given !== "object") throw new InputError("fixed", null, given, "must be an object of parameter name → value");
  const names = PARAMETERS[model];
  for (const [name, value] of Object.entries(given)) {
    const k = names.indexOf(name);
    if (k < 0) throw new InputError("fixed", null, name, `is not a parameter of the ${model} model (${names.join(", ")})`);
    if (typeof value !== "number" || !Number.isFinite(value)) throw new InputError(`fixed.${name}`, null, value, "must be a finite number");
    const slopeK = model === "ll4" ? 0 : 3;
    if (k === slopeK && !(value > 0)) throw new InputError(`fixed.${name}`, null, value, "must be positive (the reported form has a positive slope parameter)");
    if (model === "ll4" && k === 3 && !(value > 0)) throw new InputError(`fixed.${name}`, null, value, "must be positive (an EC50 dose)");
    fixed[k] = value;
  }
  if (fixed.every((v) => !Number.isNaN(v))) throw new InputError("fixed", null, given, "fixes every parameter: nothing to fit");
  return { confLevel, interval, maxIterations, fixed };
}

function quantile(interval: "normal" | "t", confLevel: number, df: number): number {
  const p = 1 - (1 - confLevel) / 2;
  return interval === "normal" ? normalQuantile(p) : tQuantile(p, df);
}

function validated(dose: ArrayLikeInput<unknown>, response: ArrayLikeInput<unknown>, missing: MissingPolicy | undefined): Validated {
  const d = pairedInput("dose", dose, "response", response, missing);
  return { x: d.x, y: d.y, dropped: d.dropped, rows: d.rows };
}

/** Fits groups jointly (index maps each group's 4 parameters into theta, -1 for fixed) and puts the result in canonical form. */
function fitGroups(
  model: DoseResponseModel,
  x: Float64Array,
  y: Float64Array,
  g: Int32Array,
  index: number[][],
  nTheta: number,
  maxIterations: number,
  fixed: Float64Array,
  starts?: Float64Array[],
) {
  const problem = problemFor(model, x, y, g, index, nTheta, fixed);
  let start: Float64Array[] = starts ?? [];
  if (start.length === 0) {
    const th = new Float64Array(nTheta);
    index.forEach((ix, group) => {
      const rows = [];
      for (let i = 0; i < g.length; i++) if (g[i] === group) rows.push(i);
      const s = startValues(model, Float64Array.from(rows, (i) => x[i]), Float64Array.from(rows, (i) => y[i]), fixed);
      ix.forEach((t, k) => {
        if (t >= 0) th[t] = s[k];
      });
    });
    start = [th];
  }
  let best: ReturnType<typeof nlsFit> | null = null;
  let lastError: unknown = null;
  for (const s of start) {
    try {
      const fit = nlsFit(problem, s, maxIterations);
      if (best === null || fit.rss < best.rss) best = fit;
    } catch (e) {
      lastError = e;
    }
  }
  if (best === null) throw lastError;
  // Canonical form, then the covariance at that (same) curve.
  const theta = best.theta.slice();
  if (!toCanonical(model, theta, index)) {
    throw new FitError(model, "no-convergence", "the fit converged to curves of opposite orientation in groups that share an asymptote: the shared parameter would mean different things; fit without sharing it", {});
  }
  if (theta.some((v, k) => v !== best!.theta[k])) best = nlsFit(problem, theta, maxIterations);
  return best;
}

/** Model values of a fitted curve at the given doses (for plotting). */
export function predictDoseResponse(fit: Pick<DoseResponseFit, "model" | "parameters">, doses: ArrayLike<number>): Float64Array {
  const th = Float64Array.from(fit.parameters, (p) => p.estimate);
  const out = new Float64Array(doses.length);
  for (let i = 0; i < doses.length; i++) {
    const x = doses[i];
    if (typeof x !== "number" || !Number.isFinite(x) || (fit.model === "ll4" && x < 0)) throw new InputError("doses", i, x, fit.model === "ll4" ? "must be a finite dose >= 0" : "must be a finite number");
    out[i] = curve(fit.model, x, th, null);
  }
  return out;
}

export interface CompareDoseResponseOptions extends DoseResponseOptions {
  /** Parameters common to all groups in the reduced model, e.g. ["b", "e"] ("ll4") or ["xmid"] ("fpl"). */
  shared: readonly string[];
  /** Group order (first = reference in the output); default sorted labels. */
  levels?: readonly (string | number)[];
}

export interface CompareDoseResponseResult {
  method: "Extra-sum-of-squares F test of parameters shared across groups (R's anova(nls_reduced, nls_full))";
  model: DoseResponseModel;
  shared: string[];
  /** Parameters held fixed in both models (options.fixed). */
  fixed: Record<string, number>;
  groups: string[];
  /** Separate curves (every parameter per group). */
  full: { rss: number; df: number; curves: Array<{ group: string; parameters: DoseResponseEstimate[]; ec50: DoseResponseEstimate; maxEffect: DoseResponseEstimate }> };
  /** Shared parameters common to all groups; the others per group. */
  reduced: { rss: number; df: number; curves: Array<{ group: string; parameters: DoseResponseEstimate[]; ec50: DoseResponseEstimate; maxEffect: DoseResponseEstimate }> };
  /** F = ((RSS_reduced − RSS_full)/(df_reduced − df_full)) / (RSS_full/df_full). */
  f: number;
  df1: number;
  df2: number;
  pValue: number;
  n: number;
  dropped: number;
}

/**
 * Do groups (cell lines) share dose-response parameters? Extra-sum-of-squares F test of the
 * reduced model, in which the `shared` parameters are common to all groups, against separate
 * curves, matching R's `anova(nls_reduced, nls_full)` with indexed parameters, e.g. for
 * "ll4" with shared e: nls(y ~ c[g] + (d[g] - c[g]) / (1 + (x / e)^b[g])) against every
 * parameter indexed by group. Each fit as in fitDoseResponse (summary.nls inference on its
 * own residual df; Wald intervals). A small p says the shared parameters differ between groups.
 * Note the test conditions on the two models converging; a FitError names the one that did not.
 *
 * @example
 * compareDoseResponse(dose, vegf, line, { shared: ["e"] }).pValue;  // do the lines share an EC50?
 */
export function compareDoseResponse(
  dose: ArrayLikeInput<unknown>,
  response: ArrayLikeInput<unknown>,
  group: ArrayLikeInput<unknown>,
  options: CompareDoseResponseOptions,
): CompareDoseResponseResult {
  if (options === null || typeof options !== "object") throw new InputError("options", null, options, "must give shared: the parameters to test");
  const model = requireModel(options.model);
  const { confLevel, interval, maxIterations, fixed } = commonOptions(model, options);
  const names = PARAMETERS[model];
  const shared = options.shared;
  if (shared === undefined || shared === null || typeof shared.length !== "number" || shared.length === 0) {
    throw new InputError("shared", null, shared, `must list at least one parameter of the ${model} model (${names.join(", ")})`);
  }
  shared.forEach((s, i) => {
    if (!names.includes(s)) throw new InputError("shared", i, s, `is not a parameter of the ${model} model (${names.join(", ")})`);
    if (shared.indexOf(s) !== i) throw new InputError("shared", i, s, "is repeated");
    if (!Number.isNaN(fixed[names.indexOf(s)])) throw new InputError("shared", i, s, "is fixed (options.fixed): it is the same in every group already");
  });
  if (dose === null || dose === undefined || group === null || group === undefined || typeof group.length !== "number" || typeof dose.length !== "number") {
    throw new InputError(group === null || group === undefined ? "group" : "dose", null, null, "must be an array");
  }
  if (group.length !== dose.length) throw new InputError("group", null, group.length, `has length ${group.length} but dose has length ${dose.length}`);
  const dropSet = missingRows({ dose, response, group }, requireMissingPolicy(options.missing));
  const x = finiteColumn("dose", dose, dropSet);
  const y = finiteColumn("response", response, dropSet);
  const rows = keptRows(dose.length, dropSet);
  const factor = factorColumn("group", group, dropSet);
  let codes = factor.codes;
  let levels = factor.levels;
  if (options.levels !== undefined) {
    if (options.levels === null || typeof options.levels.length !== "number") throw new InputError("levels", null, options.levels, "must be an array of group labels");
    const given = Array.from(options.levels, String);
    const map = levels.map((l) => given.indexOf(l));
    map.forEach((m, j) => {
      if (m < 0) {
        const k = codes.indexOf(j);
        throw new InputError("group", rows[k], levels[j], "is not one of levels");
      }
    });
    const used = given.filter((_, i) => map.includes(i));
    codes = Int32Array.from(codes, (c) => used.indexOf(given[map[c]]));
    levels = used;
  }
  const G = levels.length;
  if (G < 2) throw new InputError("group", null, levels.join(", "), `needs at least 2 groups to compare, found ${G}`);
  const free = [0, 1, 2, 3].filter((k) => Number.isNaN(fixed[k]));
  for (let j = 0; j < G; j++) {
    const sub = x.filter((_, i) => codes[i] === j);
    const subRows = rows.filter((_, i) => codes[i] === j);
    requireDoses(model, sub, subRows, `group "${levels[j]}"`, free.length);
  }
  const n = x.length;
  const nFull = free.length * G;
  const dfFull = n - nFull;
  if (dfFull < 1) throw new InputError("response", null, n, `has ${n} observations for ${nFull} parameters of separate curves: no residual degrees of freedom`);
  // Full model: every free parameter per group.
  let next = 0;
  const fullIndex = levels.map(() => names.map((_, k) => (Number.isNaN(fixed[k]) ? next++ : -1)));
  const full = fitGroups(model, x, y, codes, fullIndex, nFull, maxIterations, fixed);
  // Reduced: shared parameters first, then the group-specific ones.
  const sharedK = names.map((nm) => shared.includes(nm));
  next = 0;
  const sharedPos = new Map<number, number>();
  names.forEach((_, k) => {
    if (sharedK[k]) sharedPos.set(k, next++);
  });
  const reducedIndex = levels.map(() => names.map((_, k) => (!Number.isNaN(fixed[k]) ? -1 : sharedK[k] ? (sharedPos.get(k) as number) : next++)));
  const nReduced = next;
  const dfReduced = n - nReduced;
  // Starts: the separate fits with shared parameters averaged over groups, and a common curve's values.
  const starts: Float64Array[] = [];
  const avg = new Float64Array(nReduced);
  reducedIndex.forEach((ix, j) =>
    ix.forEach((t, k) => {
      if (t >= 0) avg[t] += sharedK[k] ? full.theta[fullIndex[j][k]] / G : full.theta[fullIndex[j][k]];
    }),
  );
  starts.push(avg);
  try {
    const one = positions(fixed);
    const common = fitGroups(model, x, y, new Int32Array(n), [one], free.length, maxIterations, fixed);
    const fromCommon = new Float64Array(nReduced);
    reducedIndex.forEach((ix) =>
      ix.forEach((t, k) => {
        if (t >= 0) fromCommon[t] = common.theta[one[k]];
      }),
    );
    starts.push(fromCommon);
  } catch (e) {
    if (!(e instanceof FitError)) throw e;
  }
  const reduced = fitGroups(model, x, y, codes, reducedIndex, nReduced, maxIterations, fixed, starts);
  const describe = (fit: ReturnType<typeof nlsFit>, index: number[][], df: number, p: number) => {
    const sigma2 = fit.rss / df;
    const cov = (i: number, j: number) => sigma2 * fit.unscaledCovariance[i * p + j];
    const q = quantile(interval, confLevel, df);
    return levels.map((label, j) => {
      const groupDoses = x.filter((_, i) => codes[i] === j);
      const s = summarise(model, fit.theta, cov, index[j], fixed, df, q, groupDoses);
      return { group: label, parameters: s.parameters, ec50: s.ec50, maxEffect: s.maxEffect };
    });
  };
  const df1 = dfReduced - dfFull;
  const rssDiff = Math.max(reduced.rss - full.rss, 0);
  const f = full.rss === 0 ? Infinity : rssDiff / df1 / (full.rss / dfFull);
  return {
    method: "Extra-sum-of-squares F test of parameters shared across groups (R's anova(nls_reduced, nls_full))",
    model,
    shared: shared.slice(),
    fixed: fixedRecord(model, fixed),
    groups: levels,
    full: { rss: full.rss, df: dfFull, curves: describe(full, fullIndex, dfFull, nFull) },
    reduced: { rss: reduced.rss, df: dfReduced, curves: describe(reduced, reducedIndex, dfReduced, nReduced) },
    f,
    df1,
    df2: dfFull,
    pValue: f === Infinity ? 0 : fUpper(f, df1, dfFull),
    n,
    dropped: dropSet.size,
  };
}
