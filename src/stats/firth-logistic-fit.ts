/**
 * The numerical core of Firth's bias-reduced logistic regression (firthLogistic, which
 * validates input and builds the result object; firthLogisticBlocks, for bootstrap draws):
 * maximises the penalised log-likelihood
 *
 *   l*(beta) = sum_i w_i [y_i log mu_i + (1 - y_i) log(1 - mu_i)] + 1/2 log det I(beta),
 *   mu_i = 1 / (1 + exp(-eta_i)),  eta = offset + X beta,  I(beta) = X' W X,  W = diag(w mu (1 - mu)),
 *
 * by modified-score Fisher scoring with step halving. For the logit (canonical) link the
 * gradient of l* is Firth's modified score
 *
 *   U*_j = sum_i [w_i (y_i - mu_i) + h_i (1/2 - mu_i)] x_ij,  h_i = W_i x_i' I^-1 x_i (hat values),
 *
 * and the step is I^-1 U* (an ascent direction of l*); it is halved while l* would fall
 * (at most `maxHalvings` times). Stops when the largest |step| is below `tolerance`
 * (firthScoring, shared with firthLogisticBlocks). Start: beta = `start` or 0 (for a design of
 * full rank the penalised likelihood has a finite maximum, separated data included: Kosmidis &
 * Firth 2021, Biometrika 108:71-82). Rows with weight 0 take no part. Returns null when I(beta)
 * is not positive definite (collinear columns; `singular.column` is then the first column
 * found dependent on the earlier ones).
 *
 * @example
 * // x column-major n x p (intercept column included), y in [0, 1], w >= 0
 * firthLogisticFit(Float64Array.of(1, 1, 1, 1, 1, 2, 3, 4), 4, 2, Float64Array.of(0, 0, 1, 1), Float64Array.of(1, 1, 1, 1), null).coef;
 */

export interface FirthLogisticFitOptions {
  /** Largest number of scoring steps (default 100). */
  maxIter?: number;
  /** Convergence: the largest absolute step of a coefficient (default 1e-10). */
  tolerance?: number;
  /** Largest number of halvings of one step (default 30). */
  maxHalvings?: number;
  /** Starting coefficients (default 0). */
  start?: ArrayLike<number>;
}

export interface FirthLogisticFitResult {
  coef: Float64Array;
  eta: Float64Array;
  mu: Float64Array;
  /** I(beta)^-1 at the estimate (p x p, row-major): the unpenalised information's inverse. */
  inverseInformation: Float64Array;
  logLik: number;
  /** logLik + 1/2 log det I. */
  penalisedLogLik: number;
  iterations: number;
  converged: boolean;
  /** Steps that had to be halved. */
  halvedSteps: number;
}

interface State {
  eta: Float64Array;
  mu: Float64Array;
  /** Lower Cholesky factor of I (row-major p x p). */
  chol: Float64Array;
  logLik: number;
  penalised: number;
}

import { backwardSolve, choleskyFirstDependentColumn, choleskyInverse, forwardSolve } from "./dense";

const PIVOT_TOLERANCE = 1e-10;

/** log(1 + exp(a)) without overflow. */
export function log1pExp(a: number): number {
  return a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a));
}

/** Lower Cholesky factor of a in place; -1, or the first column dependent on the earlier ones (PIVOT_TOLERANCE relative to its diagonal). (Shared with firthLogisticBlocks.) */
export function cholesky(a: Float64Array, p: number): number {
  return choleskyFirstDependentColumn(a, p, PIVOT_TOLERANCE);
}

/** Solves L L' v = r in place (L: the lower factor from cholesky, row-major p x p). */
export function choleskySolve(chol: Float64Array, p: number, r: Float64Array): void {
  forwardSolve(chol, p, r);
  backwardSolve(chol, p, r);
}

/**
 * The scoring iterations shared by firthLogisticFit and firthLogisticBlocks: from `start`,
 * beta <- beta + step(state), the step halved while the penalised log-likelihood of the new
 * state would fall (at most maxHalvings times; a little slack for rounding), until the largest
 * |step| is below tolerance or maxIter steps. `evaluate` gives a state (null when I(beta) is
 * singular), `step` the scoring step I^-1 U* at a state.
 */
export function firthScoring<S extends { penalised: number }>(
  start: Float64Array,
  evaluate: (beta: Float64Array) => S | null,
  step: (state: S) => Float64Array,
  options: FirthLogisticFitOptions,
): { beta: Float64Array; state: S; iterations: number; converged: boolean; halvedSteps: number } | null {
  const maxIter = options.maxIter ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  const maxHalvings = options.maxHalvings ?? 30;
  const p = start.length;
  let beta = start;
  let state = evaluate(beta);
  if (state === null) return null;
  let converged = false;
  let iterations = 0;
  let halvedSteps = 0;
  for (let iter = 1; iter <= maxIter; iter++) {
    iterations = iter;
    const delta = step(state);
    const candidate = new Float64Array(p);
    let next: S | null = null;
    for (let h = 0; ; h++) {
      for (let j = 0; j < p; j++) candidate[j] = beta[j] + delta[j];
      next = evaluate(candidate);
      if (next !== null && next.penalised >= state.penalised - 1e-12 * (1 + Math.abs(state.penalised))) break;
      if (h >= maxHalvings) {
        next = null;
        break;
      }
      if (h === 0) halvedSteps++;
      for (let j = 0; j < p; j++) delta[j] /= 2;
    }
    if (next === null) break;
    let largest = 0;
    for (let j = 0; j < p; j++) largest = Math.max(largest, Math.abs(delta[j]));
    beta = candidate;
    state = next;
    if (largest < tolerance) {
      converged = true;
      break;
    }
  }
  return { beta, state, iterations, converged, halvedSteps };
}

/** The fit; see the file comment. `singularColumn` is set (and null returned) for a design without full rank. */
export function firthLogisticFit(
  x: Float64Array,
  n: number,
  p: number,
  y: ArrayLike<number>,
  w: ArrayLike<number>,
  offset: ArrayLike<number> | null,
  options: FirthLogisticFitOptions = {},
  singular?: { column: number },
): FirthLogisticFitResult | null {
  const active: number[] = [];
  for (let i = 0; i < n; i++) if (w[i] > 0) active.push(i);
  const z = new Float64Array(p);

  const evaluate = (beta: Float64Array): State | null => {
    const eta = new Float64Array(n);
    const mu = new Float64Array(n);
    for (let i = 0; i < n; i++) eta[i] = offset === null ? 0 : offset[i];
    for (let j = 0; j < p; j++) {
      const b = beta[j];
      if (b === 0) continue;
      const c = j * n;
      for (let i = 0; i < n; i++) eta[i] += x[c + i] * b;
    }
    const chol = new Float64Array(p * p);
    let logLik = 0;
    for (const i of active) {
      const e = eta[i];
      const m = 1 / (1 + Math.exp(-e));
      mu[i] = m;
      const wi = w[i];
      const yi = y[i];
      // y log mu + (1 - y) log(1 - mu) = -y log(1 + e^-eta) - (1 - y) log(1 + e^eta)
      if (yi > 0) logLik -= wi * yi * log1pExp(-e);
      if (yi < 1) logLik -= wi * (1 - yi) * log1pExp(e);
      const v = wi * m * (1 - m);
      for (let a = 0; a < p; a++) {
        const xa = x[a * n + i] * v;
        if (xa === 0) continue;
        for (let b = 0; b <= a; b++) chol[a * p + b] += xa * x[b * n + i];
      }
    }
    for (let i = 0; i < n; i++) if (!(w[i] > 0)) mu[i] = 1 / (1 + Math.exp(-eta[i]));
    const bad = cholesky(chol, p);
    if (bad >= 0) {
      if (singular !== undefined) singular.column = bad;
      return null;
    }
    let logDet = 0;
    for (let j = 0; j < p; j++) logDet += 2 * Math.log(chol[j * p + j]);
    return { eta, mu, chol, logLik, penalised: logLik + logDet / 2 };
  };
  const score = new Float64Array(p);
  const scoringStep = (state: State): Float64Array => {
    const { mu, chol } = state;
    score.fill(0);
    for (const i of active) {
      const m = mu[i];
      const v = w[i] * m * (1 - m);
      // h_i = v |L^-1 x_i|^2
      for (let a = 0; a < p; a++) {
        let s = x[a * n + i];
        for (let t = 0; t < a; t++) s -= chol[a * p + t] * z[t];
        z[a] = s / chol[a * p + a];
      }
      let q = 0;
      for (let a = 0; a < p; a++) q += z[a] * z[a];
      const u = w[i] * (y[i] - m) + v * q * (0.5 - m);
      for (let a = 0; a < p; a++) score[a] += u * x[a * n + i];
    }
    const delta = Float64Array.from(score);
    choleskySolve(chol, p, delta);
    return delta;
  };
  const start = new Float64Array(p);
  if (options.start !== undefined) for (let j = 0; j < p; j++) start[j] = options.start[j];
  const run = firthScoring(start, evaluate, scoringStep, options);
  if (run === null) return null;
  const { beta, state, iterations, converged, halvedSteps } = run;
  const inverse = choleskyInverse(state.chol, p);
  return {
    coef: beta,
    eta: state.eta,
    mu: state.mu,
    inverseInformation: inverse,
    logLik: state.logLik,
    penalisedLogLik: state.penalised,
    iterations,
    converged,
    halvedSteps,
  };
}
