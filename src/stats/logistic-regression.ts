/**
 * Logistic regression, R's `glm(y ~ x1 + ..., family = binomial, weights)`
 * (R 4.2.2 stats: glm.fit and summary.glm), fitted by iteratively reweighted
 * least squares exactly as glm.fit does it:
 *
 *   start   mu = (w y + 1/2) / (w + 1), eta = logit(mu)
 *   repeat  z = eta + (y - mu) / mu'(eta),  W = w mu'(eta)^2 / (mu (1 - mu))
 *           beta = argmin sum W (z - X beta)^2   (Householder QR of sqrt(W) X)
 *           eta = X beta, mu = 1 / (1 + exp(-eta))  (clamped at |eta| > 30 as R's C code)
 *   until   |dev - dev_old| / (|dev| + 0.1) < epsilon (1e-8), at most maxit (25) steps,
 *           halving the step while the deviance is not finite.
 * Deviance D = 2 sum w [y log(y/mu) + (1-y) log((1-y)/(1-mu))]; null deviance
 * the same at the weighted mean of y (intercept model); AIC = -2 sum log
 * dbinom(round(w y), round(w), mu) + 2 p (R's binomial()$aic); logLik = p - AIC/2.
 * Standard errors from the QR of the last IRLS step, sqrt(diag((X'WX)^-1))
 * (dispersion 1, as summary.glm); z = beta / se, two-sided normal p-values.
 * Confidence intervals are **Wald** intervals, beta -/+ z_(1+level)/2 se (R's
 * confint.default; R's confint() on a glm profiles the likelihood instead),
 * and exp() of them for the odds ratios.
 *
 * y is 0/1 (or booleans, or proportions in [0, 1] with `weights` as the number
 * of trials, as glm). Rows with weight 0 take no part in the fit (R's `good`).
 * R's warnings are returned in `warnings` with R's wording: "glm.fit: fitted
 * probabilities numerically 0 or 1 occurred" (complete or quasi-complete
 * separation: the coefficients, their standard errors and the Wald tests are
 * then unreliable), "glm.fit: algorithm did not converge" (also `converged:
 * false`), and "non-integer #successes in a binomial glm!" (non-integer w y,
 * e.g. propensity weights: the estimates are fine, the AIC is not a likelihood).
 * Unlike R, a rank-deficient design (a constant or collinear covariate) throws
 * an InputError naming the column instead of returning NA coefficients.
 *
 * @example
 * const fit = logisticRegression(died, { age, male }, { });
 * fit.names;     // ["(Intercept)", "age", "male"]
 * fit.oddsRatio; // exp(coef)
 * fit.lower;     // Wald limits of the coefficients
 */
import { InputError, missingRows, finiteColumn, requireLength, weightsColumn } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import gammaln from "@stdlib/math-base-special-gammaln";
import { waldCoefficients } from "./wald-coefficients";
import type { WaldCoefficients } from "./wald-coefficients";
import { covariateColumns } from "../core/covariates";
import type { Covariates } from "../core/covariates";
import { requireMissingPolicy, requireConfLevel } from "./input";
import { qrCoefficients, qrLeastSquares } from "./qr";

export interface LogisticRegressionOptions {
  /** Covariate names (default: the column keys, or x1, x2, ... for rows). */
  names?: readonly string[];
  /** Prior (case) weights, as glm's `weights` (finite, >= 0, not all zero). */
  weights?: ArrayLikeInput<unknown>;
  /** Include an intercept (default true, as y ~ x). */
  intercept?: boolean;
  /** Level of the Wald confidence intervals (default 0.95). */
  confLevel?: number;
  /** "error" (default) or "drop" rows with a missing value in y, X or weights. */
  missing?: MissingPolicy;
  /** glm.control's maxit (default 25) and epsilon (default 1e-8). */
  maxIter?: number;
  epsilon?: number;
}

/** What every logistic fit here returns (maximum likelihood and Firth's): the coefficient table, its variance and the fit's state. */
export interface LogisticFitTable extends WaldCoefficients {
  method: string;
  /** "(Intercept)" first when there is one, then the covariates. */
  names: string[];
  confLevel: number;
  variance: number[][];
  logLik: number;
  iterations: number;
  converged: boolean;
  /** Fitted probabilities and linear predictor, one per row used (input order). */
  fitted: number[];
  linearPredictor: number[];
  /** Rows used, and rows dropped for missing values. */
  n: number;
  dropped: number;
  /** Warnings (see each fit's file comment); empty when none. */
  warnings: string[];
}

export interface LogisticRegressionResult extends LogisticFitTable {
  /** (X'WX)^-1, R's vcov(fit). */
  variance: number[][];
  deviance: number;
  nullDeviance: number;
  dfResidual: number;
  dfNull: number;
  aic: number;
  /** IRLS iterations (R's fit$iter). */
  iterations: number;
}

// R's logit link (src/library/stats/src/family.c).
const THRESH = 30;
const MTHRESH = -30;
const EPS = Number.EPSILON;
const INVEPS = 1 / EPS;

function linkinv(eta: number): number {
  const t = eta < MTHRESH ? EPS : eta > THRESH ? INVEPS : Math.exp(eta);
  return t / (1 + t);
}

function muEta(eta: number): number {
  if (eta > THRESH || eta < MTHRESH) return EPS;
  const e = Math.exp(eta);
  const opexp = 1 + e;
  return e / (opexp * opexp);
}

function yLogY(y: number, mu: number): number {
  return y !== 0 ? y * Math.log(y / mu) : 0;
}

function devResid(y: number, mu: number, w: number): number {
  return 2 * w * (yLogY(y, mu) + yLogY(1 - y, 1 - mu));
}

/** R's round(): half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 ? 2 * Math.round(x / 2) : r;
}

/** log dbinom(x, size, p) for whole x, size. */
function logBinomial(x: number, size: number, p: number): number {
  if (x < 0 || x > size) return -Infinity;
  if (p === 0) return x === 0 ? 0 : -Infinity;
  if (p === 1) return x === size ? 0 : -Infinity;
  const choose = gammaln(size + 1) - gammaln(x + 1) - gammaln(size - x + 1);
  return choose + (x === 0 ? 0 : x * Math.log(p)) + (x === size ? 0 : (size - x) * Math.log1p(-p));
}

/** Logistic regression by IRLS; see the file comment. */
export function logisticRegression(
  y: ArrayLikeInput<unknown>,
  covariates: Covariates,
  options: LogisticRegressionOptions = {},
): LogisticRegressionResult {
  requireLength("y", y);
  const n0 = y.length;
  const intercept = options.intercept === undefined ? true : options.intercept;
  if (typeof intercept !== "boolean") throw new InputError("intercept", null, intercept, "must be true or false");
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  requireConfLevel(confLevel);
  const maxIter = options.maxIter === undefined ? 25 : options.maxIter;
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new InputError("maxIter", null, maxIter, "must be a positive integer");
  const epsilon = options.epsilon === undefined ? 1e-8 : options.epsilon;
  if (typeof epsilon !== "number" || !(epsilon > 0)) throw new InputError("epsilon", null, epsilon, "must be a positive number");
  const policy = requireMissingPolicy(options.missing);
  const { columns: raw, names: covNames } = covariateColumns("X", covariates, n0, options.names, { allowNone: true });
  const labelled: Record<string, ArrayLikeInput<unknown>> = { y };
  covNames.forEach((name, j) => (labelled[`X.${name}`] = raw[j]));
  if (options.weights !== undefined) {
    requireLength("weights", options.weights);
    if (options.weights.length !== n0) throw new InputError("weights", null, options.weights.length, `has length ${options.weights.length} but y has length ${n0}`);
    labelled.weights = options.weights;
  }
  const dropped = missingRows(labelled, policy);
  const yv = responseColumn(y, dropped);
  const n = yv.length;
  if (n === 0) throw new InputError("y", null, n0, "has no complete rows once missing values are dropped");
  const prior = options.weights === undefined ? new Float64Array(n).fill(1) : weightsColumn("weights", options.weights, dropped);
  const { names, p, x } = logisticDesign(raw, covNames, intercept, n, dropped);

  const warnings: string[] = [];
  // binomial()$initialize
  for (let i = 0; i < n; i++) if (prior[i] === 0) yv[i] = 0;
  let nonInteger = false;
  for (let i = 0; i < n; i++) {
    const m = prior[i] * yv[i];
    if (Math.abs(m - roundHalfEven(m)) > 0.001) nonInteger = true;
  }
  if (nonInteger) warnings.push("non-integer #successes in a binomial glm!");
  const good: number[] = [];
  for (let i = 0; i < n; i++) if (prior[i] > 0) good.push(i);
  const nGood = good.length;
  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m0 = (prior[i] * yv[i] + 0.5) / (prior[i] + 1);
    eta[i] = Math.log(m0 / (1 - m0));
    mu[i] = linkinv(eta[i]);
  }
  const deviance = (): number => {
    let d = 0;
    for (let i = 0; i < n; i++) d += devResid(yv[i], mu[i], prior[i]);
    return d;
  };
  // eta = X beta, column by column (cache-friendly); each row's sum adds the columns in order from 0, as a row-wise loop would.
  const update = (beta: Float64Array): void => {
    eta.fill(0);
    for (let j = 0; j < p; j++) {
      const b = beta[j];
      const c = j * n;
      for (let i = 0; i < n; i++) eta[i] += x[c + i] * b;
    }
    for (let i = 0; i < n; i++) mu[i] = linkinv(eta[i]);
  };
  let devOld = deviance();
  let dev = devOld;
  let coef = new Float64Array(p);
  let coefOld: Float64Array | null = null;
  let converged = false;
  let boundary = false;
  let iterations = 0;
  let r = new Float64Array(p * p);
  const xw = new Float64Array(nGood * p);
  const zw = new Float64Array(nGood);
  for (let iter = 1; iter <= maxIter; iter++) {
    iterations = iter;
    for (let k = 0; k < nGood; k++) {
      const i = good[k];
      const d = muEta(eta[i]);
      const variance = mu[i] * (1 - mu[i]);
      const w = Math.sqrt((prior[i] * d * d) / variance);
      zw[k] = (eta[i] + (yv[i] - mu[i]) / d) * w;
      for (let j = 0; j < p; j++) xw[j * nGood + k] = x[j * n + i] * w;
    }
    const fit = qrLeastSquares(xw, nGood, p, zw, Math.min(1e-7, epsilon / 1000));
    if (fit.aliased.length > 0) {
      const j = fit.aliased[0];
      throw new InputError(
        j === 0 && intercept ? "X" : `X.${names[j]}`,
        null,
        null,
        `${names[j]} is constant or a linear combination of the other columns${intercept ? " and the intercept" : ""}: its coefficient cannot be estimated (rank-deficient design)`,
      );
    }
    const start = qrCoefficients(fit).beta;
    r = fit.r;
    update(start);
    dev = deviance();
    boundary = false;
    let candidate = start;
    if (!Number.isFinite(dev)) {
      if (coefOld === null) throw new InputError("y", null, null, "no valid set of coefficients has been found (glm.fit): please check the data");
      for (let ii = 1; !Number.isFinite(dev); ii++) {
        if (ii > maxIter) throw new InputError("y", null, null, "the IRLS step could not be corrected (glm.fit: inner loop 1; cannot correct step size)");
        const halved = new Float64Array(p);
        for (let j = 0; j < p; j++) halved[j] = (candidate[j] + coefOld[j]) / 2;
        candidate = halved;
        update(candidate);
        dev = deviance();
      }
      boundary = true;
    }
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      coef = candidate;
      break;
    }
    devOld = dev;
    coef = candidate;
    coefOld = candidate;
  }
  if (!converged) warnings.push("glm.fit: algorithm did not converge");
  if (boundary) warnings.push("glm.fit: algorithm stopped at boundary value");
  const eps10 = 10 * Number.EPSILON;
  for (let i = 0; i < n; i++) {
    if (mu[i] > 1 - eps10 || mu[i] < eps10) {
      warnings.push("glm.fit: fitted probabilities numerically 0 or 1 occurred");
      break;
    }
  }

  // Null deviance at the weighted mean (intercept model) or at mu = 1/2 (no intercept), as glm.fit.
  let sumW = 0;
  let sumWy = 0;
  for (let i = 0; i < n; i++) {
    sumW += prior[i];
    sumWy += prior[i] * yv[i];
  }
  const muNull = intercept ? sumWy / sumW : linkinv(0);
  let nullDeviance = 0;
  for (let i = 0; i < n; i++) nullDeviance += devResid(yv[i], muNull, prior[i]);
  let logLikSum = 0;
  for (let i = 0; i < n; i++) {
    const m = prior[i];
    if (m > 0) logLikSum += logBinomial(roundHalfEven(m * yv[i]), roundHalfEven(m), mu[i]);
  }
  const aic = -2 * logLikSum + 2 * p;

  const variance = upperInverseCrossprod(r, p);
  const se = variance.map((row, j) => Math.sqrt(row[j]));
  const coefs = Array.from(coef);
  return {
    method: "Logistic regression (binomial GLM, logit link) by IRLS as R's glm; Wald confidence intervals",
    names,
    ...waldCoefficients(coefs, se, confLevel),
    confLevel,
    variance,
    deviance: dev,
    nullDeviance,
    dfResidual: nGood - p,
    dfNull: nGood - (intercept ? 1 : 0),
    aic,
    logLik: p - aic / 2,
    iterations,
    converged,
    fitted: Array.from(mu),
    linearPredictor: Array.from(eta),
    n,
    dropped: dropped.size,
    warnings,
  };
}

/** y: numbers in [0, 1] or booleans (rows in `dropped` skipped). */
/**
 * The design of a logistic fit: its column names ("(Intercept)" first when there is one) and the
 * n x p matrix, column-major, of the covariates' complete rows (those not in `dropped`).
 */
export function logisticDesign(
  raw: ArrayLikeInput<unknown>[],
  covNames: string[],
  intercept: boolean,
  n: number,
  dropped: Set<number>,
): { names: string[]; p: number; x: Float64Array } {
  const names = intercept ? ["(Intercept)", ...covNames] : covNames.slice();
  const p = names.length;
  if (p === 0) throw new InputError("X", null, "{}", "needs at least one covariate or an intercept");
  const x = new Float64Array(n * p);
  const first = intercept ? 1 : 0;
  if (intercept) x.fill(1, 0, n);
  raw.forEach((c, j) => x.set(finiteColumn(`X.${covNames[j]}`, c, dropped), (first + j) * n));
  return { names, p, x };
}

function responseColumn(y: ArrayLikeInput<unknown>, dropped: Set<number>): Float64Array {
  const out = new Float64Array(y.length - dropped.size);
  let k = 0;
  for (let i = 0; i < y.length; i++) {
    if (dropped.has(i)) continue;
    const v = y[i];
    const value = v === true ? 1 : v === false ? 0 : v;
    if (typeof value !== "number" || !(value >= 0 && value <= 1)) throw new InputError("y", i, v, "must be 0 or 1 (or a proportion between 0 and 1 with weights as trials)");
    out[k++] = value;
  }
  return out;
}

/** (R'R)^-1 for the upper-triangular p x p factor R (column-major): R^-1 R^-T, as chol2inv. */
function upperInverseCrossprod(r: Float64Array, p: number): number[][] {
  const inv = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    inv[j * p + j] = 1 / r[j * p + j];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += r[k * p + i] * inv[j * p + k];
      inv[j * p + i] = -s / r[i * p + i];
    }
  }
  const out: number[][] = [];
  for (let a = 0; a < p; a++) {
    const row: number[] = [];
    for (let b = 0; b < p; b++) {
      let s = 0;
      for (let k = Math.max(a, b); k < p; k++) s += inv[k * p + a] * inv[k * p + b];
      row.push(s);
    }
    out.push(row);
  }
  return out;
}
