/**
 * Survival curves from a Cox model, as R survival 3.5-3's
 * `survfit(fit, newdata, conf.type = "log")` (survfit.coxph, stype = 2), and
 * covariate-adjusted curves by direct standardization.
 *
 * coxSurvival: for each covariate row x (default: the fit's means) and each
 * stratum s, with r = exp(x' beta - sum(beta * means)), rows at risk
 * start_i < t <= stop_i of stratum s, w_i the case weights, r_i the rows'
 * risk scores on the same scale, d(t) the events at t, e(t) = sum_{d(t)} w_i:
 *   baseline hazard increment (R's ctype, default from the fit's ties):
 *     Breslow (ctype 1): dL0(t) = e(t) / S0(t),  S0(t) = sum_{at risk} w_i r_i
 *     Efron   (ctype 2): dL0(t) = e(t) (1/m) sum_{k=0}^{m-1} 1 / (S0(t) - (k/m) S0_d(t)),
 *                        m = number of events at t, S0_d = sum_{d(t)} w_i r_i
 *   cumulative hazard H(t) = r sum_{u <= t} dL0(u), survival S(t) = exp(-H(t))
 *   variance of H (Tsiatis; R's std.err, on the cumulative-hazard scale):
 *     var H(t) = r^2 [ sum_{u <= t} v(u) + q(t)' V q(t) ],
 *     v(u) = e / S0^2 (Efron: e (1/m) sum_k 1 / (S0 - (k/m) S0_d)^2),
 *     q(t) = sum_{u <= t} (x - xbar(u)) dL0(u) (Efron: the same split of xbar),
 *     V = the fit's variance (the robust one when the fit is robust, as R's fit$var).
 * With survivalEstimate "kalbfleisch-prentice" (R's stype = 1) S(t) is instead the
 * product over event times of a_j^r, a_j solving sum_{d(t_j)} w_i r_i / (1 - a_j^{r_i}) = S0(t_j)
 * (a_j = (1 - w r / S0)^{1/r} for a single event; R's bisection otherwise), and
 * H and its variance are Breslow's with v(u) = e / (S0 (S0 - e)) (R's vartype 1).
 * Pointwise limits from se(log S) = se(H) with survfit's conf.type (default
 * "log"; also "log-log", "plain", "logit", "arcsin", "none"); `stdErr` is the
 * standard error of S itself, S se(H) (summary.survfit's std.err). Every
 * distinct time of the stratum is listed (censor = TRUE), with the weighted
 * numbers at risk, of events and of censored rows (R's n.risk, n.event,
 * n.censor). A stratified fit gives a curve per stratum for each row, or the
 * row's own stratum when `strata` names it (R: newdata with the strata variable).
 *
 * coxAdjustedSurvival: the cohort's covariate rows with one column set to
 * each of `values` (e.g. the arm: 0 and 1), and the average of their predicted
 * curves,
 *   S_bar_v(t) = (1/n) sum_i exp(-H_i(t)),   H_i from row i with column = v,
 * the "direct adjusted" (standardized) survival of Makuch / Zhang et al.; in R
 *   rowMeans(survfit(fit, newdata = transform(rows, arm = v))$surv).
 * Its standard error (reported, not in R's survfit) is the same delta method
 * as survfit.coxph's, given the cohort's covariates:
 *   var S_bar(t) = A(t)^2 sum_{u <= t} v(u) + g(t)' V g(t),
 *   A = (1/n) sum_i S_i r_i,  g = (1/n) sum_i S_i r_i q_i(t),
 * i.e. the variance from estimating the baseline hazard and beta; it treats
 * the covariate rows as fixed (no term for sampling the covariate
 * distribution), and equals survfit.coxph's for a single row. Limits: the
 * chosen conf.type on se(log S_bar) = se / S_bar. With strata, each row's
 * curve is that of its stratum (`strata` required) and the average is taken
 * on the union of the strata's times (the strata's baseline hazards are
 * independent given beta, so their variance terms add).
 *
 * @example
 * const fit = coxPH(time, status, { age, arm });
 * const curves = coxSurvival(fit, [[60, 0], [60, 1]]);
 * curves.curves[1].survival;   // S(t | age 60, arm 1), R: survfit(fit, data.frame(age = 60, arm = 1))$surv
 * const adj = coxAdjustedSurvival(fit, { age, arm }, { column: "arm", values: [0, 1] });
 * adj.curves[0].survival;      // mean over the cohort of S(t | age_i, arm = 0)
 */
import { InputError, finiteColumn, factorColumn, requireLength, type ArrayLikeInput } from "../core/index";
import { checkConfidenceLevel, checkSurvfitConfidenceType, survivalConfidenceLimits, type SurvfitConfidenceType } from "./confidence-interval";
import type { CoxModelData, CoxPHEstimates, CoxCovariates } from "./cox";
import { coxModelOf, coxRiskData } from "./cox";
import type { CoxRiskData } from "./cox-risk-data";
import { toNullableArray, toNumberArray } from "./plain-arrays";

export interface CoxSurvivalOptions {
  /** Confidence-interval transform, as survfit's conf.type (default "log"). */
  confType?: SurvfitConfidenceType;
  /** Confidence level (default 0.95). */
  confLevel?: number;
  /** Baseline hazard: "breslow" (R's ctype = 1) or "efron" (ctype = 2); default the fit's ties, as R. */
  hazard?: "breslow" | "efron";
  /**
   * Survival estimate: "exp-hazard" (default, R's stype = 2: S = exp(-H)) or "kalbfleisch-prentice"
   * (stype = 1: the product-limit form, whose hazard and variance are then Breslow's, as R).
   */
  survivalEstimate?: "exp-hazard" | "kalbfleisch-prentice";
  /** Stratified fits: the stratum of each covariate row (default: every row in every stratum). */
  strata?: ArrayLikeInput<unknown>;
  /** Keep times with censoring only (default true, as survfit's censor = TRUE). */
  censor?: boolean;
}

export interface CoxSurvivalCurve {
  /** Stratum label (null for an unstratified fit). */
  stratum: string | null;
  /** Index of the covariate row in `newdata` (null: the fit's means). */
  row: number | null;
  /** The covariate values the curve is for, in the fit's order. */
  covariates: number[];
  /** Rows in the stratum. */
  n: number;
  time: number[];
  /** Weighted number at risk, of events and of censored rows at each time. */
  nRisk: number[];
  nEvent: number[];
  nCensor: number[];
  cumHazard: number[];
  survival: number[];
  /** Standard error of the cumulative hazard, = se of log S (R's fit$std.err and std.chaz). */
  stdErrCumHazard: number[];
  /** Standard error of S(t) (summary.survfit's std.err). */
  stdErr: number[];
  lower: (number | null)[];
  upper: (number | null)[];
}

export interface CoxSurvivalResult {
  method: string;
  hazard: "breslow" | "efron";
  survivalEstimate: "exp-hazard" | "kalbfleisch-prentice";
  confType: SurvfitConfidenceType;
  confLevel: number;
  names: string[];
  curves: CoxSurvivalCurve[];
}

/** The baseline pieces of one stratum at its distinct times (ascending). */
interface Baseline {
  time: Float64Array;
  nRisk: Float64Array;
  nEvent: Float64Array;
  nCensor: Float64Array;
  /** Cumulative baseline hazard (at the means), its variance part, and q's baseline part sum xbar dL0 (T x p). */
  cumHaz: Float64Array;
  cumVar: Float64Array;
  cumXbar: Float64Array;
  /** Kalbfleisch-Prentice: cumulative product of the a_j (1 where not asked for). */
  kpSurv: Float64Array;
  n: number;
}

/** R's agsurv4: the Kalbfleisch-Prentice factor a at one event time (bisection for tied events, as R). */
function kpFactor(w: number[], r: number[], S0: number): number {
  if (w.length === 1) return Math.pow(1 - (w[0] * r[0]) / S0, 1 / r[0]);
  let guess = 0.5;
  let inc = 0.25;
  for (let l = 0; l < 35; l++) {
    let sum = 0;
    for (let k = 0; k < w.length; k++) sum += (w[k] * r[k]) / (1 - Math.pow(guess, r[k]));
    if (sum < S0) guess += inc;
    else guess -= inc;
    inc /= 2;
  }
  return guess;
}

/** agsurv for one stratum, on the layout rows s0..s1-1 (decreasing stop), with x centred on `centre`. */
function stratumBaseline(d: CoxRiskData, s0: number, s1: number, risk: Float64Array, survtype: 1 | 2 | 3, centre: ArrayLike<number>): Baseline {
  const efron = survtype === 3;
  const { p, stop, status, weights, start, startOrder } = d;
  const times: number[] = [];
  const nRisk: number[] = [];
  const nEvent: number[] = [];
  const nCensor: number[] = [];
  const haz: number[] = [];
  const vh: number[] = [];
  const xb: number[] = [];
  const kp: number[] = [];
  const dw: number[] = [];
  const dr: number[] = [];
  let S0 = 0;
  let W = 0;
  const xs = new Float64Array(p);
  const xs2 = new Float64Array(p);
  let indx1 = s0;
  let nrisk = 0;
  for (let k = s0; k < s1; ) {
    const t = stop[k];
    let ev = 0;
    let cens = 0;
    let m = 0;
    let er = 0;
    xs2.fill(0);
    dw.length = 0;
    dr.length = 0;
    for (; k < s1 && stop[k] === t; k++) {
      const w = weights === null ? 1 : weights[k];
      const r = w * risk[k];
      nrisk++;
      S0 += r;
      W += w;
      for (let j = 0; j < p; j++) xs[j] += r * (d.x[k * p + j] - centre[j]);
      if (status[k] === 1) {
        ev += w;
        m++;
        er += r;
        dw.push(w);
        dr.push(risk[k]);
        for (let j = 0; j < p; j++) xs2[j] += r * (d.x[k * p + j] - centre[j]);
      } else cens += w;
    }
    if (start !== null) {
      for (; indx1 < s1; indx1++) {
        const q = (startOrder as Uint32Array)[indx1];
        if (start[q] < t) break;
        const w = weights === null ? 1 : weights[q];
        const r = w * risk[q];
        nrisk--;
        if (nrisk === 0) {
          S0 = 0;
          W = 0;
          xs.fill(0);
        } else {
          S0 -= r;
          W -= w;
          for (let j = 0; j < p; j++) xs[j] -= r * (d.x[q * p + j] - centre[j]);
        }
      }
    }
    times.push(t);
    nRisk.push(W);
    nEvent.push(ev);
    nCensor.push(cens);
    kp.push(m === 0 || survtype !== 1 ? 1 : kpFactor(dw, dr, S0));
    if (m === 0) {
      haz.push(0);
      vh.push(0);
      for (let j = 0; j < p; j++) xb.push(0);
    } else if (survtype === 1) {
      const h = ev / S0;
      haz.push(h);
      vh.push(ev / (S0 * (ev >= S0 ? S0 : S0 - ev)));
      for (let j = 0; j < p; j++) xb.push((xs[j] / S0) * h);
    } else if (!efron || m === 1) {
      const h = ev / S0;
      haz.push(h);
      vh.push(ev / (S0 * S0));
      for (let j = 0; j < p; j++) xb.push((xs[j] / S0) * h);
    } else {
      let sum1 = 0;
      let sum2 = 0;
      const xbar = new Float64Array(p);
      for (let jj = 0; jj < m; jj++) {
        const tmp = 1 / (S0 - (er * jj) / m);
        sum1 += tmp / m;
        sum2 += (tmp * tmp) / m;
        for (let j = 0; j < p; j++) xbar[j] += ((xs[j] - (xs2[j] * jj) / m) * tmp * tmp) / m;
      }
      haz.push(ev * sum1);
      vh.push(ev * sum2);
      for (let j = 0; j < p; j++) xb.push(ev * xbar[j]);
    }
  }
  // Ascending time with cumulative sums.
  const T = times.length;
  const b: Baseline = {
    time: new Float64Array(T),
    nRisk: new Float64Array(T),
    nEvent: new Float64Array(T),
    nCensor: new Float64Array(T),
    cumHaz: new Float64Array(T),
    cumVar: new Float64Array(T),
    cumXbar: new Float64Array(T * p),
    kpSurv: new Float64Array(T),
    n: s1 - s0,
  };
  let kps = 1;
  let ch = 0;
  let cv = 0;
  const cx = new Float64Array(p);
  for (let a = 0; a < T; a++) {
    const src = T - 1 - a;
    b.time[a] = times[src];
    b.nRisk[a] = nRisk[src];
    b.nEvent[a] = nEvent[src];
    b.nCensor[a] = nCensor[src];
    ch += haz[src];
    cv += vh[src];
    b.cumHaz[a] = ch;
    b.cumVar[a] = cv;
    kps *= kp[src];
    b.kpSurv[a] = kps;
    for (let j = 0; j < p; j++) {
      cx[j] += xb[src * p + j];
      b.cumXbar[a * p + j] = cx[j];
    }
  }
  return b;
}

/** Covariate rows as an n x p row-major array in the fit's column order (rows, or columns keyed by the fit's names). */
function covariateRows(argument: string, data: CoxCovariates, names: string[]): { x: Float64Array; n: number } {
  const p = names.length;
  if (data === null || typeof data !== "object") {
    throw new InputError(argument, null, data, "must be an array of covariate rows or an object of covariate columns");
  }
  const isRows = Array.isArray(data) || typeof (data as { length?: unknown }).length === "number";
  if (isRows) {
    const rows = data as ArrayLikeInput<ArrayLikeInput<unknown>>;
    requireLength(argument, rows);
    const n = rows.length;
    const x = new Float64Array(n * p);
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      if (row === null || row === undefined || typeof row !== "object" || row.length !== p) {
        throw new InputError(argument, i, row, `must be a row of ${p} covariate values (${names.join(", ")})`);
      }
      for (let j = 0; j < p; j++) {
        const v = row[j];
        if (typeof v !== "number" || !Number.isFinite(v)) throw new InputError(`${argument}[${i}].${names[j]}`, null, v, "must be a finite number");
        x[i * p + j] = v;
      }
    }
    return { x, n };
  }
  const record = data as Record<string, ArrayLikeInput<unknown>>;
  let n = -1;
  const cols: Float64Array[] = [];
  for (const name of names) {
    const c = record[name];
    if (c === undefined) throw new InputError(`${argument}.${name}`, null, undefined, `is missing: the fit has covariates ${names.join(", ")}`);
    requireLength(`${argument}.${name}`, c);
    if (n >= 0 && c.length !== n) throw new InputError(`${argument}.${name}`, null, c.length, `has length ${c.length} but ${argument}.${names[0]} has length ${n}`);
    n = c.length;
    cols.push(finiteColumn(`${argument}.${name}`, c));
  }
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) x[i * p + j] = cols[j][i];
  return { x, n };
}

/** Stratum code of each row for a stratified fit (labels must be the fit's strata). */
function rowStrata(strata: ArrayLikeInput<unknown>, n: number, d: CoxRiskData): Int32Array {
  requireLength("strata", strata);
  if (strata.length !== n) throw new InputError("strata", null, strata.length, `has length ${strata.length} but there are ${n} covariate rows`);
  const f = factorColumn("strata", strata);
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = f.levels[f.codes[i]];
    const s = d.strataLevels.indexOf(label);
    if (s < 0) throw new InputError("strata", i, strata[i], `is not a stratum of the fit (${d.strataLevels.join(", ")})`);
    codes[i] = s;
  }
  return codes;
}

interface Prepared {
  model: CoxModelData;
  d: CoxRiskData;
  efron: boolean;
  kp: boolean;
  baselines: Baseline[];
  confType: SurvfitConfidenceType;
  confLevel: number;
  z: number;
  p: number;
}

function prepare(fit: CoxPHEstimates, options: CoxSurvivalOptions): Prepared {
  const model = coxModelOf(fit);
  const confType = checkSurvfitConfidenceType(options.confType);
  const { confLevel, z } = checkConfidenceLevel(options.confLevel);
  const hazard = options.hazard ?? (model.efron ? "efron" : "breslow");
  if (hazard !== "efron" && hazard !== "breslow") throw new InputError("hazard", null, hazard, 'must be "breslow" or "efron"');
  if (options.censor !== undefined && typeof options.censor !== "boolean") throw new InputError("censor", null, options.censor, "must be true or false");
  const estimate = options.survivalEstimate ?? "exp-hazard";
  if (estimate !== "exp-hazard" && estimate !== "kalbfleisch-prentice") {
    throw new InputError("survivalEstimate", null, estimate, 'must be "exp-hazard" or "kalbfleisch-prentice"');
  }
  const kp = estimate === "kalbfleisch-prentice";
  const survtype: 1 | 2 | 3 = kp ? 1 : hazard === "efron" ? 3 : 2;
  const { data: d, lp } = coxRiskData(model);
  const risk = new Float64Array(d.n);
  for (let k = 0; k < d.n; k++) risk[k] = Math.exp(lp[k]);
  const baselines: Baseline[] = [];
  for (let s = 0; s < d.nStrata; s++) {
    baselines.push(stratumBaseline(d, d.stratumStart[s], d.stratumStart[s + 1], risk, survtype, model.means));
  }
  return { model, d, efron: !kp && hazard === "efron", kp, baselines, confType, confLevel, z, p: d.p };
}

/** exp(x' beta - sum(beta * means)) and x - means for one row. */
function rowRisk(model: CoxModelData, x: Float64Array, off: number, p: number, xc: Float64Array): number {
  let lp = 0;
  for (let j = 0; j < p; j++) {
    xc[j] = x[off + j] - model.means[j];
    lp += model.coef[j] * xc[j];
  }
  return Math.exp(lp);
}

/** q' V q for q = H0 xc - cumXbar at time index a. */
function betaPart(b: Baseline, a: number, xc: Float64Array, V: Float64Array, p: number, q: Float64Array): number {
  for (let j = 0; j < p; j++) q[j] = b.cumHaz[a] * xc[j] - b.cumXbar[a * p + j];
  let s = 0;
  for (let i = 0; i < p; i++) {
    let t = 0;
    for (let j = 0; j < p; j++) t += V[i * p + j] * q[j];
    s += q[i] * t;
  }
  return s;
}

function limits(surv: Float64Array, seLog: Float64Array, prep: Prepared): { lower: (number | null)[]; upper: (number | null)[] } {
  if (prep.confType === "none") {
    const nulls = new Array<number | null>(surv.length).fill(null);
    return { lower: nulls, upper: nulls.slice() };
  }
  const ci = survivalConfidenceLimits(surv, seLog, prep.confType, prep.z);
  return { lower: toNullableArray(ci.lower), upper: toNullableArray(ci.upper) };
}

/** Predicted survival curves (survfit.coxph); see the file comment. */
export function coxSurvival(fit: CoxPHEstimates, newdata?: CoxCovariates, options: CoxSurvivalOptions = {}): CoxSurvivalResult {
  const prep = prepare(fit, options);
  const { model, d, p, baselines } = prep;
  let x: Float64Array;
  let nRows: number;
  if (newdata === undefined || newdata === null) {
    x = Float64Array.from(model.means);
    nRows = 1;
  } else {
    const r = covariateRows("newdata", newdata, model.names);
    x = r.x;
    nRows = r.n;
  }
  let strataOfRow: Int32Array | null = null;
  if (options.strata !== undefined) {
    if (d.stratum === null) throw new InputError("strata", null, null, "is only for a stratified fit");
    strataOfRow = rowStrata(options.strata, nRows, d);
  }
  const censor = options.censor ?? true;
  const stratified = d.stratum !== null;
  const curves: CoxSurvivalCurve[] = [];
  const xc = new Float64Array(p);
  const q = new Float64Array(p);
  const emit = (s: number, i: number) => {
    const b = baselines[s];
    const r = rowRisk(model, x, i * p, p, xc);
    const keep: number[] = [];
    for (let a = 0; a < b.time.length; a++) if (censor || b.nEvent[a] > 0) keep.push(a);
    const m = keep.length;
    const surv = new Float64Array(m);
    const cumHaz = new Float64Array(m);
    const seH = new Float64Array(m);
    const seS = new Float64Array(m);
    keep.forEach((a, k) => {
      cumHaz[k] = b.cumHaz[a] * r;
      surv[k] = prep.kp ? Math.pow(b.kpSurv[a], r) : Math.exp(-cumHaz[k]);
      seH[k] = Math.sqrt((b.cumVar[a] + betaPart(b, a, xc, model.variance, p, q)) * r * r);
      seS[k] = seH[k] * surv[k];
    });
    const ci = limits(surv, seH, prep);
    curves.push({
      stratum: stratified ? d.strataLevels[s] : null,
      row: newdata === undefined || newdata === null ? null : i,
      covariates: Array.from(x.subarray(i * p, (i + 1) * p)),
      n: b.n,
      time: keep.map((a) => b.time[a]),
      nRisk: keep.map((a) => b.nRisk[a]),
      nEvent: keep.map((a) => b.nEvent[a]),
      nCensor: keep.map((a) => b.nCensor[a]),
      cumHazard: toNumberArray(cumHaz),
      survival: toNumberArray(surv),
      stdErrCumHazard: toNumberArray(seH),
      stdErr: toNumberArray(seS),
      lower: ci.lower,
      upper: ci.upper,
    });
  };
  if (strataOfRow !== null) {
    for (let i = 0; i < nRows; i++) emit(strataOfRow[i], i);
  } else {
    for (let s = 0; s < d.nStrata; s++) for (let i = 0; i < nRows; i++) emit(s, i);
  }
  return {
    method:
      `Survival from a Cox model (survfit.coxph): ${prep.kp ? "Kalbfleisch-Prentice survival, Breslow" : prep.efron ? "Efron" : "Breslow"} baseline hazard, ` +
      `variance with the coefficients' (Tsiatis), ${prep.confType} confidence limits`,
    hazard: prep.efron ? "efron" : "breslow",
    survivalEstimate: prep.kp ? "kalbfleisch-prentice" : "exp-hazard",
    confType: prep.confType,
    confLevel: prep.confLevel,
    names: model.names.slice(),
    curves,
  };
}

export interface CoxAdjustedSurvivalOptions extends CoxSurvivalOptions {
  /** The covariate to set (one of the fit's names), e.g. the arm. */
  column: string;
  /** The values to set it to, one adjusted curve each (e.g. [0, 1]). */
  values: readonly number[];
  /** Labels of the curves (default the values as text). */
  labels?: readonly string[];
}

export interface CoxAdjustedSurvivalCurve {
  label: string;
  value: number;
  time: number[];
  /** Mean of the rows' predicted survival. */
  survival: number[];
  /** Delta-method standard error given the covariate rows (see the file comment). */
  stdErr: number[];
  lower: (number | null)[];
  upper: (number | null)[];
}

export interface CoxAdjustedSurvivalResult {
  method: string;
  column: string;
  /** Covariate rows averaged over. */
  n: number;
  hazard: "breslow" | "efron";
  survivalEstimate: "exp-hazard" | "kalbfleisch-prentice";
  confType: SurvfitConfidenceType;
  confLevel: number;
  curves: CoxAdjustedSurvivalCurve[];
}

/** Covariate-adjusted (directly standardized) survival per value of one covariate; see the file comment. */
export function coxAdjustedSurvival(fit: CoxPHEstimates, rows: CoxCovariates, options: CoxAdjustedSurvivalOptions): CoxAdjustedSurvivalResult {
  if (options === null || typeof options !== "object") throw new InputError("options", null, options, "must give column and values");
  const prep = prepare(fit, options);
  const { model, d, p, baselines } = prep;
  const col = model.names.indexOf(options.column);
  if (col < 0) throw new InputError("column", null, options.column, `must be one of the fit's covariates (${model.names.join(", ")})`);
  const values = options.values;
  if (!Array.isArray(values) || values.length === 0) throw new InputError("values", null, values, "must be a non-empty array of numbers");
  values.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new InputError("values", i, v, "must be a finite number");
  });
  const labels = options.labels ?? values.map((v) => String(v));
  if (!Array.isArray(labels) || labels.length !== values.length) throw new InputError("labels", null, labels, `must be ${values.length} labels, one per value`);
  const { x, n } = covariateRows("rows", rows, model.names);
  let strataOfRow: Int32Array;
  if (d.stratum !== null) {
    if (options.strata === undefined) throw new InputError("strata", null, undefined, "is needed for a stratified fit: the stratum of each row");
    strataOfRow = rowStrata(options.strata, n, d);
  } else {
    if (options.strata !== undefined) throw new InputError("strata", null, null, "is only for a stratified fit");
    strataOfRow = new Int32Array(n);
  }
  const censor = options.censor ?? true;
  // The union of the strata's times (those with events only when censor is false).
  const used = new Uint8Array(d.nStrata);
  for (let i = 0; i < n; i++) used[strataOfRow[i]] = 1;
  const all: number[] = [];
  for (let s = 0; s < d.nStrata; s++) {
    if (!used[s]) continue;
    const b = baselines[s];
    for (let a = 0; a < b.time.length; a++) if (censor || b.nEvent[a] > 0) all.push(b.time[a]);
  }
  const grid = Float64Array.from(all).sort();
  const times: number[] = [];
  for (let k = 0; k < grid.length; k++) if (k === 0 || grid[k] !== grid[k - 1]) times.push(grid[k]);
  const T = times.length;
  // For each stratum, the index of its last time <= each grid time (-1 before its first).
  const at: Int32Array[] = baselines.map((b, s) => {
    const idx = new Int32Array(T).fill(-1);
    if (!used[s]) return idx;
    let a = -1;
    for (let k = 0; k < T; k++) {
      while (a + 1 < b.time.length && b.time[a + 1] <= times[k]) a++;
      idx[k] = a;
    }
    return idx;
  });
  const V = model.variance;
  const curves: CoxAdjustedSurvivalCurve[] = [];
  const xi = new Float64Array(p);
  const xc = new Float64Array(p);
  for (let v = 0; v < values.length; v++) {
    const sbar = new Float64Array(T);
    const A = new Float64Array(T * d.nStrata);
    const g = new Float64Array(T * p);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) xi[j] = x[i * p + j];
      xi[col] = values[v];
      const r = rowRisk(model, xi, 0, p, xc);
      const s = strataOfRow[i];
      const b = baselines[s];
      const idx = at[s];
      for (let k = 0; k < T; k++) {
        const a = idx[k];
        if (a < 0) {
          sbar[k] += 1;
          continue;
        }
        const Si = prep.kp ? Math.pow(b.kpSurv[a], r) : Math.exp(-b.cumHaz[a] * r);
        sbar[k] += Si;
        const sr = Si * r;
        A[k * d.nStrata + s] += sr;
        for (let j = 0; j < p; j++) g[k * p + j] += sr * (b.cumHaz[a] * xc[j] - b.cumXbar[a * p + j]);
      }
    }
    const surv = new Float64Array(T);
    const se = new Float64Array(T);
    const seLog = new Float64Array(T);
    for (let k = 0; k < T; k++) {
      surv[k] = sbar[k] / n;
      let varS = 0;
      for (let s = 0; s < d.nStrata; s++) {
        const a = at[s][k];
        if (a < 0) continue;
        const As = A[k * d.nStrata + s] / n;
        varS += As * As * baselines[s].cumVar[a];
      }
      for (let i = 0; i < p; i++) {
        let t = 0;
        for (let j = 0; j < p; j++) t += V[i * p + j] * g[k * p + j];
        varS += (g[k * p + i] / n) * (t / n);
      }
      se[k] = Math.sqrt(Math.max(0, varS));
      seLog[k] = surv[k] > 0 ? se[k] / surv[k] : NaN;
    }
    const ci = limits(surv, seLog, prep);
    curves.push({
      label: String(labels[v]),
      value: values[v],
      time: times.slice(),
      survival: toNumberArray(surv),
      stdErr: toNumberArray(se),
      lower: ci.lower,
      upper: ci.upper,
    });
  }
  return {
    method:
      `Direct adjusted survival: mean of the Cox model's predicted curves over ${n} covariate rows with ${options.column} set to each value ` +
      `(${prep.efron ? "Efron" : "Breslow"} baseline hazard; delta-method standard error given the rows; ${prep.confType} limits)`,
    column: options.column,
    n,
    hazard: prep.efron ? "efron" : "breslow",
    survivalEstimate: prep.kp ? "kalbfleisch-prentice" : "exp-hazard",
    confType: prep.confType,
    confLevel: prep.confLevel,
    curves,
  };
}
