/**
 * Fine-Gray proportional subdistribution hazards regression, as cmprsk 2.2-11's
 * `crr(ftime, fstatus, cov1, cov2, tf, cengroup, failcode, cencode)` with
 * `summary.crr`, and its predicted cumulative incidence curves as `predict.crr`.
 *
 * Model: the subdistribution hazard of the cause of interest,
 *   gamma(t | z) = -d log(1 - F(t | z)) / dt = gamma_0(t) exp(z(t)' beta),
 * with z(t) = (cov1, cov2 * tf(t)) (time-varying terms optional). beta maximises
 * the censoring-weighted pseudo log-likelihood (Fine & Gray 1999)
 *   l(beta) = sum over failure times u [ sum_{failures at u} z'beta - d(u) log sum_j w_j(u) exp(z_j'beta) ]
 * where subjects with a competing failure before u stay in the risk set with
 * weight w_j(u) = G(u-) / G(t_j-), G the Kaplan-Meier of the censoring
 * distribution (within each censoring group `cenGroup`), everyone still under
 * observation has w = 1, and ties are handled as Breslow's. crr's
 * Newton-Raphson is followed step for step (start at 0 or `init`; backtracking
 * with step halving until l rises by at least 1e-4 of the predicted change;
 * stop when max_j |U_j| max(|b_j|, 1) < gtol max(|l|, 1), at most `maxIter`
 * steps), so the estimate stops where R's does.
 *
 * Variance: crr's sandwich, I^-1 V I^-1, with I the information and V the
 * variance of the score from Fine & Gray's (1999) influence functions, which
 * include the uncertainty of the censoring weights (see ./fine-gray-engine).
 * Reported as summary.crr: se = sqrt(diag(var)), z = beta / se,
 * p = 2 P(Z > |z|), subdistribution hazard ratio exp(beta) with limits
 * exp(beta -/+ q se), and the pseudo likelihood-ratio statistic
 * 2 (l(beta) - l(0)) on p df (crr prints it without a P value; it is not a
 * valid likelihood-ratio test, since l is a weighted pseudo-likelihood).
 *
 * Codes: `cause` holds integer codes; `failCode` (default 1) is the failure of
 * interest, `censCode` (default 0) censoring, any other code a competing
 * failure. Times are compared exactly, as crr (only the censoring curve merges
 * times closer than sqrt(eps), as survfit does inside crr).
 *
 * How this differs from survival's way of fitting the "same" model
 * (`finegray()` then a weighted `coxph`, ./fine-gray-rows and fineGrayCox):
 * both weight subjects with a competing failure by G(u-) / G(t_j-), but
 * survival computes G with a subject failing at time t not at risk of
 * censoring at t (so it drops a little more at times where failures and
 * censorings tie), holds each weight constant between censoring times, handles
 * tied failure times as Efron's (coxph's default) rather than Breslow's, and
 * reports the model-based or robust Cox variance, which treats the weights as
 * known, instead of crr's sandwich. On mgus2 the coefficients agree to about
 * three significant digits and the standard errors less closely.
 *
 * @example
 * // cause: 0 censored, 1 out-of-field progression, 2 local progression, 3 death
 * const fit = fineGray(months, cause, { rt, age, tumor_cm }, { failCode: 1 });
 * showTable(fit.table);            // term, coef, sHR, lower, upper, se, z, p
 * const cif = fineGrayPredict(fit, [[1, 60, 7], [0, 60, 7]]);
 * cif.time; cif.cif[0];            // predicted F(t) for the first row
 */
import { InputError, missingRows, finiteColumn, timeColumn, factorColumn, requireLength, requireSameLength } from "../core/index";
import { causeCodes, failCodeAbsent } from "./cause-codes";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { chiSquareUpper, normalQuantile, normalTwoSided } from "../distributions/index";
import { solveLinear } from "./cox-linalg";
import { covariateColumns } from "../core/covariates";
import type { Covariates } from "../core/covariates";
import { prepareCrrData, evaluateCrr, crrScoreVariance, crrBaselineJumps, crrScoreResiduals } from "./fine-gray-engine";
import type { CrrData, CrrEvaluation, CrrRiskSets } from "./fine-gray-engine";
import { requireConfLevel } from "../stats/input";
import { flatRows } from "./plain-arrays";

export interface FineGrayOptions {
  /** Code of the failure of interest in `cause` (crr's failcode, default 1). */
  failCode?: number;
  /** Code of censoring in `cause` (crr's cencode, default 0). */
  censCode?: number;
  /** Names of the `covariates` columns (default the column keys, or x1, x2, ... for rows). */
  names?: readonly string[];
  /** Covariates whose effect varies with time as cov2 * tf(t) (crr's cov2). */
  cov2?: Covariates;
  /** tf(t): one value per cov2 column at time t (crr's tf, evaluated at each failure time). */
  tf?: (time: number) => number | ArrayLike<number>;
  /** Names of the cov2 columns (default the column keys, or cov2_1, ...); terms are named "<name>*tf<j>". */
  cov2Names?: readonly string[];
  /** Censoring groups: a separate censoring distribution in each (crr's cengroup). */
  cenGroup?: ArrayLikeInput<unknown>;
  /** Confidence level of the hazard-ratio limits (default 0.95). */
  confLevel?: number;
  /** "error" (default) throws on a missing value; "drop" drops the row and reports the count (crr's na.omit). */
  missing?: MissingPolicy;
  /** Most Newton-Raphson steps (crr's maxiter, default 10). */
  maxIter?: number;
  /** Convergence tolerance (crr's gtol, default 1e-6). */
  gtol?: number;
  /** Starting values (default 0). */
  init?: readonly number[];
}

/** One row of the coefficient table. */
export interface FineGrayTableRow {
  term: string;
  coef: number;
  /** Subdistribution hazard ratio exp(coef) and its limits. */
  subdistributionHR: number;
  lower: number;
  upper: number;
  se: number;
  z: number;
  pValue: number;
}

export interface FineGrayResult {
  method: "Fine-Gray subdistribution hazards, censoring-weighted pseudo-likelihood (cmprsk::crr)";
  failCode: number;
  censCode: number;
  /** Term names: the covariates, then the cov2 * tf terms. */
  names: string[];
  coef: number[];
  /** Sandwich standard errors sqrt(diag(variance)). */
  se: number[];
  /** exp(coef): subdistribution hazard ratios. */
  hazardRatio: number[];
  lower: number[];
  upper: number[];
  confLevel: number;
  z: number[];
  pValue: number[];
  /** crr's var: the sandwich I^-1 V I^-1. */
  variance: number[][];
  /** crr's inf (information at the estimate) and invinf (its inverse). */
  information: number[][];
  inverseInformation: number[][];
  /** Log pseudo-likelihood at the estimate and at 0 (crr's loglik, loglik.null). */
  logLik: number;
  logLikNull: number;
  /** summary.crr's pseudo likelihood-ratio statistic 2 (logLik - logLikNull) on p df. */
  lrTest: { chiSq: number; df: number; pValue: number };
  /** Score at the estimate (crr's score). */
  score: number[];
  converged: boolean;
  /** Newton-Raphson steps taken. */
  iterations: number;
  /** Subjects used, failures of interest, competing failures, censored; rows dropped for missing values. */
  n: number;
  nEvent: number;
  nCompeting: number;
  nCensored: number;
  dropped: number;
  /** Distinct failure times of interest (crr's uftime). */
  failureTimes: number[];
  /** Jumps of the baseline cumulative subdistribution hazard at failureTimes (crr's bfitj). */
  baselineJumps: number[];
  /** Score contributions at each failure time, one row per time (crr's res). */
  scoreResiduals: number[][];
  /** tf at each failure time (crr's tfs), one row per time; empty rows without cov2. */
  timeFunctions: number[][];
  /** Number of fixed covariates (the first terms) and of cov2 terms. */
  nFixed: number;
  nTimeVarying: number;
  /** One row per term, for showTable. */
  table: FineGrayTableRow[];
  warnings: string[];
}

export function fineGray(
  time: ArrayLikeInput<unknown>,
  cause: ArrayLikeInput<unknown>,
  covariates: Covariates | null,
  options: FineGrayOptions = {},
): FineGrayResult {
  const { failCode, censCode } = causeCodes(options);
  const confLevel = options.confLevel ?? 0.95;
  requireConfLevel(confLevel);
  const maxIter = options.maxIter ?? 10;
  if (!Number.isInteger(maxIter) || maxIter < 0) throw new InputError("maxIter", null, maxIter, "must be a non-negative integer");
  const gtol = options.gtol ?? 1e-6;
  if (typeof gtol !== "number" || !(gtol > 0)) throw new InputError("gtol", null, gtol, "must be a positive number");
  const policy = options.missing ?? "error";
  if (policy !== "error" && policy !== "drop") throw new InputError("missing", null, policy, 'must be "error" or "drop"');

  requireLength("time", time);
  requireLength("cause", cause);
  requireSameLength({ time, cause });
  const n0 = time.length;
  const cov1 = covariates === null || covariates === undefined ? { columns: [], names: [] } : covariateColumns("covariates", covariates, n0, options.names, { lengthOf: "time" });
  const cov2 = options.cov2 === undefined ? { columns: [], names: [] } : covariateColumns("cov2", options.cov2, n0, options.cov2Names, { prefix: "cov2_", namesArgument: "cov2Names", lengthOf: "time" });
  if (cov1.columns.length + cov2.columns.length === 0) throw new InputError("covariates", null, covariates, "needs at least one covariate (or cov2)");
  if (cov2.columns.length > 0 && typeof options.tf !== "function") {
    throw new InputError("tf", null, options.tf, "must be a function of time when cov2 is given (one value per cov2 column)");
  }
  if (options.cenGroup !== undefined) {
    requireLength("cenGroup", options.cenGroup);
    requireSameLength({ time, cenGroup: options.cenGroup });
  }

  const labelled: Record<string, ArrayLikeInput<unknown>> = { time, cause };
  if (options.cenGroup !== undefined) labelled.cenGroup = options.cenGroup;
  cov1.names.forEach((name, j) => (labelled[`covariates.${name}`] = cov1.columns[j]));
  cov2.names.forEach((name, j) => (labelled[`cov2.${name}`] = cov2.columns[j]));
  const dropped = missingRows(labelled, policy);
  const t = timeColumn("time", time, dropped);
  const n = t.length;
  if (n === 0) throw new InputError("time", null, n0, "no rows left after dropping rows with missing values");
  const causeValues = finiteColumn("cause", cause, dropped);
  const ici = new Uint8Array(n);
  let nEvent = 0;
  let nCompeting = 0;
  let k = 0;
  for (let i = 0; i < n0; i++) {
    if (dropped.size > 0 && dropped.has(i)) continue;
    const c = causeValues[k];
    if (!Number.isInteger(c)) throw new InputError("cause", i, cause[i], "must be an integer cause code");
    if (c === failCode) {
      ici[k] = 1;
      nEvent++;
    } else if (c !== censCode) {
      ici[k] = 2;
      nCompeting++;
    }
    k++;
  }
  if (nEvent === 0) throw failCodeAbsent(failCode, causeValues);
  let group = new Int32Array(n);
  let ncg = 1;
  if (options.cenGroup !== undefined) {
    const f = factorColumn("cenGroup", options.cenGroup, dropped);
    group = f.codes;
    ncg = f.levels.length;
  }
  const x1 = cov1.columns.map((c, j) => finiteColumn(`covariates.${cov1.names[j]}`, c, dropped));
  const x2 = cov2.columns.map((c, j) => finiteColumn(`cov2.${cov2.names[j]}`, c, dropped));
  x1.forEach((c, j) => requireVarying(c, `covariates.${cov1.names[j]}`));
  x2.forEach((c, j) => requireVarying(c, `cov2.${cov2.names[j]}`));

  const tf = options.tf === undefined ? null : options.tf;
  const dt = prepareCrrData(t, ici, group, ncg, x1, x2, tf);
  const p = dt.p;
  const names = cov1.names.concat(cov2.names.map((name, j) => `${name}*tf${j + 1}`));

  let b = new Float64Array(p);
  if (options.init !== undefined) {
    if (!Array.isArray(options.init) || options.init.length !== p || !options.init.every((v) => typeof v === "number" && Number.isFinite(v))) {
      throw new InputError("init", null, options.init, `must be an array of ${p} finite numbers`);
    }
    b = Float64Array.from(options.init);
  }
  const fit = newtonRaphson(dt, b, maxIter, gtol, names);
  b = fit.b;
  const z0 = fit.last;

  // The last evaluation of the loop is at b: its information is crr's inf, its risk sets feed the variance.
  const info = z0.info;
  const invInfo = inverse(info, p, names);
  const rs = fit.riskSets;
  const middle = crrScoreVariance(dt, b, rs);
  const variance = sandwich(invInfo, middle, p);
  const jumps = crrBaselineJumps(dt, b, rs);
  const residuals = crrScoreResiduals(dt, rs);
  const likNull = evaluateCrr(dt, new Float64Array(p), false).lik;

  const coef = Array.from(b);
  const se = coef.map((_, a) => Math.sqrt(variance[a * p + a]));
  const q = normalQuantile((1 + confLevel) / 2);
  const zs = coef.map((v, a) => v / se[a]);
  const hr = coef.map((v) => Math.exp(v));
  const lower = coef.map((v, a) => Math.exp(v - q * se[a]));
  const upper = coef.map((v, a) => Math.exp(v + q * se[a]));
  const pValue = zs.map((v) => normalTwoSided(v));
  const lr = -2 * (-likNull + z0.lik);
  const warnings: string[] = [];
  if (!fit.converged) {
    warnings.push(
      fit.halvingFailed
        ? `crr did not converge: step halving failed after ${fit.iterations} steps (estimates are the last accepted step)`
        : `crr did not converge in ${maxIter} Newton-Raphson steps (raise maxIter); estimates are the last step`,
    );
  }
  return {
    method: "Fine-Gray subdistribution hazards, censoring-weighted pseudo-likelihood (cmprsk::crr)",
    failCode,
    censCode,
    names,
    coef,
    se,
    hazardRatio: hr,
    lower,
    upper,
    confLevel,
    z: zs,
    pValue,
    variance: flatRows(variance, p, p),
    information: flatRows(info, p, p),
    inverseInformation: flatRows(invInfo, p, p),
    logLik: -z0.lik,
    logLikNull: -likNull,
    lrTest: { chiSq: lr, df: p, pValue: chiSquareUpper(lr, p) },
    score: Array.from(z0.score, (v) => -v),
    converged: fit.converged,
    iterations: fit.iterations,
    n,
    nEvent,
    nCompeting,
    nCensored: n - nEvent - nCompeting,
    dropped: dropped.size,
    failureTimes: Array.from(dt.uft),
    baselineJumps: Array.from(jumps),
    scoreResiduals: flatRows(residuals, dt.m, p),
    timeFunctions: flatRows(dt.tfs, dt.m, dt.p2),
    nFixed: dt.p1,
    nTimeVarying: dt.p2,
    table: names.map((term, a) => ({
      term,
      coef: coef[a],
      subdistributionHR: hr[a],
      lower: lower[a],
      upper: upper[a],
      se: se[a],
      z: zs[a],
      pValue: pValue[a],
    })),
    warnings,
  };
}

function requireVarying(c: Float64Array, name: string): void {
  let k = 1;
  while (k < c.length && c[k] === c[0]) k++;
  if (k === c.length) throw new InputError(name, null, c[0], `is constant (every value is ${c[0]}): its coefficient cannot be estimated`);
}

/** crr's loop: Newton steps from b with Armijo backtracking; see the file comment. */
function newtonRaphson(
  dt: CrrData,
  start: Float64Array,
  maxIter: number,
  gtol: number,
  names: string[],
): { b: Float64Array; last: CrrEvaluation; riskSets: CrrRiskSets; converged: boolean; iterations: number; halvingFailed: boolean } {
  const p = dt.p;
  let b = Float64Array.from(start);
  for (let ll = 0; ; ll++) {
    const riskSets: CrrRiskSets = { s0: new Float64Array(dt.m), zbar: new Float64Array(dt.m * p) };
    const z = evaluateCrr(dt, b, true, riskSets);
    let worst = 0;
    for (let a = 0; a < p; a++) worst = Math.max(worst, Math.abs(z.score[a]) * Math.max(Math.abs(b[a]), 1));
    if (worst < Math.max(Math.abs(z.lik), 1) * gtol) return { b, last: z, riskSets, converged: true, iterations: ll, halvingFailed: false };
    if (ll === maxIter) return { b, last: z, riskSets, converged: false, iterations: ll, halvingFailed: false };
    let step: Float64Array;
    try {
      step = solveLinear(z.info, p, z.score);
    } catch {
      throw new InputError("covariates", null, null, `make the information matrix singular at step ${ll + 1} (collinear terms among ${names.join(", ")}?)`);
    }
    for (let a = 0; a < p; a++) step[a] = -step[a];
    let slope = 0;
    for (let a = 0; a < p; a++) slope += step[a] * z.score[a];
    const bn = new Float64Array(p);
    const tryStep = (): number => {
      for (let a = 0; a < p; a++) bn[a] = b[a] + step[a];
      return evaluateCrr(dt, bn, false).lik;
    };
    let fbn = tryStep();
    let halvings = 0;
    while (Number.isNaN(fbn) || fbn > z.lik + 1e-4 * slope) {
      halvings++;
      for (let a = 0; a < p; a++) step[a] *= 0.5;
      fbn = tryStep();
      if (halvings > 20) break;
    }
    if (halvings > 20) return { b, last: z, riskSets, converged: false, iterations: ll, halvingFailed: true };
    b = Float64Array.from(bn);
  }
}

function inverse(m: Float64Array, p: number, names: string[]): Float64Array {
  const out = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let c = 0; c < p; c++) {
    e.fill(0);
    e[c] = 1;
    let col: Float64Array;
    try {
      col = solveLinear(m, p, e);
    } catch {
      throw new InputError("covariates", null, null, `make the information matrix singular at the estimate (collinear terms among ${names.join(", ")}?)`);
    }
    for (let r = 0; r < p; r++) out[r * p + c] = col[r];
  }
  return out;
}

/** A V A' for p x p row-major matrices. */
function sandwich(a: Float64Array, v: Float64Array, p: number): Float64Array {
  const av = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = 0; k < p; k++) s += a[i * p + k] * v[k * p + j];
    av[i * p + j] = s;
  }
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = 0; k < p; k++) s += av[i * p + k] * a[j * p + k];
    out[i * p + j] = s;
  }
  return out;
}

export interface FineGrayPrediction {
  /** The failure times of the fit (crr's uftime). */
  time: number[];
  /** cif[r][k]: predicted cumulative incidence of the failure of interest at time[k] for covariate row r. */
  cif: number[][];
}

/**
 * Predicted cumulative incidence curves for covariate rows, as predict.crr:
 *   F(t | z) = 1 - exp(-sum_{u_k <= t} exp(z(u_k)' beta) dLambda_0(u_k)),
 * with dLambda_0 = baselineJumps and z(u) = (cov1, cov2 * tf(u)). Each row of
 * `rows` holds the fixed covariates in the fit's order; `cov2Rows` the cov2
 * values, one row per row of `rows` (or alone when the fit has only cov2).
 *
 * @example
 * fineGrayPredict(fit, [[60, 0, 1.2], [80, 1, 1.2]]).cif[1]; // F(t) at fit.failureTimes, age 80 male
 */
export function fineGrayPredict(
  fit: FineGrayResult,
  rows: ArrayLikeInput<ArrayLikeInput<unknown>> | null,
  cov2Rows?: ArrayLikeInput<ArrayLikeInput<unknown>>,
): FineGrayPrediction {
  if (!fit || !Array.isArray(fit.baselineJumps) || !Array.isArray(fit.coef)) throw new InputError("fit", null, fit, "must be a fineGray result");
  const p1 = fit.nFixed;
  const p2 = fit.nTimeVarying;
  const fixed = readRows("rows", rows, p1);
  const varying = readRows("cov2Rows", cov2Rows === undefined ? null : cov2Rows, p2);
  const count = p1 > 0 ? fixed.length : varying.length;
  if (p1 > 0 && p2 > 0 && fixed.length !== varying.length) {
    throw new InputError("cov2Rows", null, varying.length, `has ${varying.length} rows but rows has ${fixed.length}`);
  }
  const m = fit.failureTimes.length;
  const cif: number[][] = [];
  for (let r = 0; r < count; r++) {
    let fixedLp = 0;
    for (let a = 0; a < p1; a++) fixedLp += fixed[r][a] * fit.coef[a];
    const curve: number[] = new Array(m);
    let cumulative = 0;
    for (let k = 0; k < m; k++) {
      let lp = fixedLp;
      for (let a = 0; a < p2; a++) lp += varying[r][a] * fit.timeFunctions[k][a] * fit.coef[p1 + a];
      cumulative += Math.exp(lp) * fit.baselineJumps[k];
      curve[k] = 1 - Math.exp(-cumulative);
    }
    cif.push(curve);
  }
  return { time: fit.failureTimes.slice(), cif };
}

function readRows(name: string, rows: ArrayLikeInput<ArrayLikeInput<unknown>> | null, width: number): number[][] {
  if (width === 0) {
    if (rows !== null && rows !== undefined && rows.length > 0 && (rows[0] as ArrayLike<unknown>).length > 0) {
      throw new InputError(name, null, rows, "must be empty or null: the fit has no such terms");
    }
    return [];
  }
  requireLength(name, rows);
  const list = rows as ArrayLikeInput<unknown>;
  // A single row given as a plain array of numbers.
  const single = typeof list[0] === "number";
  const out: number[][] = [];
  const count = single ? 1 : list.length;
  for (let r = 0; r < count; r++) {
    const row = (single ? list : list[r]) as ArrayLikeInput<unknown>;
    if (row === null || row === undefined || typeof row.length !== "number" || row.length !== width) {
      throw new InputError(name, single ? null : r, row, `must be a row of ${width} covariate values, in the order of the fit's terms`);
    }
    const values: number[] = [];
    for (let a = 0; a < width; a++) {
      const v = row[a];
      if (typeof v !== "number" || !Number.isFinite(v)) throw new InputError(name, single ? a : r, v, "must hold finite numbers");
      values.push(v);
    }
    out.push(values);
  }
  return out;
}
