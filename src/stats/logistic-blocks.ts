/**
 * Logistic regression for a design made of per-group covariates and per-row terms, with
 * whole-group multiplicities: the fit R's glm.fit (and logisticRegression) would give on the
 * data with every row of group g repeated m_g times, without building that data. For the
 * bootstrap of patients (a group is a patient, m_g how often it was drawn) and for designs
 * like "patient covariates + window start" of pooled sequential trials.
 *
 * Row r of group g has the design row x_r = (1, c_g, t_r): the intercept, the group's
 * covariates c_g (the same for all its rows) and the row's own terms t_r (e.g. s, s^2),
 * one of a set of patterns shared by many rows (exp(-eta_r) is then exp(-c part) times
 * exp(-t part), one exponential per group and per pattern instead of one per row).
 * The iterations are glm.fit's IRLS (Newton-Raphson for the canonical logit link), started
 * as glm starts on the repeated data (mu = (y + 1/2) / 2 per row), with glm's convergence
 * rule |dev - dev_old| / (|dev| + 0.1) < epsilon on the deviance of the repeated data and at
 * most maxIter steps, so it takes the same steps to the same estimates. What differs is the
 * linear algebra: each step solves the normal equations X'WX delta = X'(m (y - mu)) by a
 * Cholesky factorisation of the (1 + q + k)-square matrix (scaled to unit diagonal) instead
 * of a Householder QR of the weighted n x p design, and X'WX is accumulated per group,
 * sum_g (sum_{r in g} W_r) (1, c_g)(1, c_g)', so its cost per step is O(rows k^2 + groups q^2)
 * rather than O(rows p^2). The first step solves for the coefficients themselves (glm's
 * working response z from the start, which is no X beta), later ones for the step from the
 * current coefficients, so rounding enters the step only and the estimates agree with the
 * QR path to about 1e-14 (test/stats/logistic-blocks.test.ts checks, on 30 bootstrap draws of
 * notebook 07's censoring model, the same number of steps, fitted probabilities within 1e-10
 * and coefficients within 1e-10, or 1e-8 where the fit is quasi-separated and the likelihood
 * flat in one direction; and R's glm on the full data).
 *
 * Returns null instead of an answer whenever glm.fit would leave the plain path: a
 * pivot of the scaled X'WX below 1e-10 (collinear or nearly collinear columns: the QR
 * path decides whether the design is rank-deficient), a linear predictor beyond +-30 (R's
 * clamped link), or a non-finite deviance (glm's step halving). The caller then fits the
 * repeated data with logisticRegression, so every unusual case is decided exactly as before.
 *
 * @example
 * const fit = logisticBlocks({ groups: 2, groupX: Float64Array.of(0, 1), groupTerms: 1, group: Int32Array.of(0, 0, 1, 1), y: Uint8Array.of(0, 1, 1, 0), pattern: Int32Array.of(0, 1, 0, 1), patternX: Float64Array.of(1, 2), rowTerms: 1 }, [1, 1]);
 * fit?.coef; // (Intercept), c, t as glm(y ~ c + t, binomial)
 */

import { backwardSolve, choleskyFirstDependentColumn, forwardSolve } from "./dense";

export interface LogisticBlockDesign {
  /** Number of groups. */
  groups: number;
  /** Group covariates, row-major: groups x groupTerms. */
  groupX: Float64Array;
  groupTerms: number;
  /** Each row's group (0..groups-1) and 0/1 response. */
  group: Int32Array;
  y: Uint8Array;
  /** Each row's own terms, as an index into `patternX` (row-major: patterns x rowTerms; e.g. one pattern per window start s, with terms s and s^2). */
  pattern: Int32Array;
  patternX: Float64Array;
  rowTerms: number;
}

export interface LogisticBlockFit {
  /** (Intercept), group covariates, row terms. */
  coef: Float64Array;
  /** Linear predictor of every row (also the rows of groups with multiplicity 0). */
  eta: Float64Array;
  /** Deviance of the repeated data. */
  deviance: number;
  iterations: number;
  converged: boolean;
}

const THRESH = 30;
const PIVOT_TOLERANCE = 1e-10;

/**
 * The logistic fit of the design with group multiplicities `multiplicity` (whole numbers
 * >= 0), or null when glm.fit would leave the plain IRLS path; see the file comment.
 */
export function logisticBlocks(design: LogisticBlockDesign, multiplicity: ArrayLike<number>, options: { maxIter?: number; epsilon?: number } = {}): LogisticBlockFit | null {
  const maxIter = options.maxIter ?? 25;
  const epsilon = options.epsilon ?? 1e-8;
  const { groups, groupX, groupTerms: q, group, y, pattern, patternX, rowTerms: k } = design;
  const n = group.length;
  const nPatterns = k === 0 ? 1 : patternX.length / k;
  const p = 1 + q + k;
  const g1 = 1 + q;
  // The rows that take part (R's `good`: prior weight > 0).
  const active = new Int32Array(n);
  let nActive = 0;
  for (let r = 0; r < n; r++) if (multiplicity[group[r]] > 0) active[nActive++] = r;
  const eta = new Float64Array(n);
  // exp(-eta) of each active row: mu = 1 / (1 + e), 1 - mu = e / (1 + e), mu'(eta) = e / (1 + e)^2, without cancellation.
  const expMinus = new Float64Array(n);
  // glm's start on the repeated data (prior weight 1 per repeated row): mu = 3/4 or 1/4.
  const etaStart = Math.log(0.75 / 0.25);
  let devOld = 0;
  for (let a = 0; a < nActive; a++) {
    const r = active[a];
    eta[r] = y[r] === 1 ? etaStart : -etaStart;
    expMinus[r] = Math.exp(-eta[r]);
    devOld += multiplicity[group[r]] * devianceResidual(y[r], eta[r], expMinus[r]);
  }
  const groupSums = new Float64Array(groups * (2 + k)); // per group: sum W, sum W t (k terms), sum of the right-hand side term
  const patternSums = new Float64Array(nPatterns * 2); // per pattern: sum W, sum of the right-hand side term
  const a = new Float64Array(p * p);
  const rhs = new Float64Array(p);
  const coef = new Float64Array(p);
  const step = new Float64Array(p);
  const covPart = new Float64Array(groups);
  const covExp = new Float64Array(groups);
  const rowPart = new Float64Array(nPatterns);
  const rowExp = new Float64Array(nPatterns);
  const stride = 2 + k;
  let dev = devOld;
  let converged = false;
  let iterations = 0;
  for (let iter = 1; iter <= maxIter; iter++) {
    iterations = iter;
    groupSums.fill(0);
    patternSums.fill(0);
    a.fill(0);
    rhs.fill(0);
    // Rows: W = m mu'(eta); right-hand side W z (first step: glm's working response) or m (y - mu) (later steps).
    for (let t = 0; t < nActive; t++) {
      const r = active[t];
      const g = group[r];
      const m = multiplicity[g];
      const e = expMinus[r];
      const onePlus = 1 + e;
      const d = e / (onePlus * onePlus);
      const residual = y[r] === 1 ? e / onePlus : -1 / onePlus; // y - mu
      const w = m * d;
      const v = iter === 1 ? w * eta[r] + m * residual : m * residual;
      const at = g * stride;
      groupSums[at] += w;
      groupSums[at + 1 + k] += v;
      const pr = pattern[r];
      patternSums[2 * pr] += w;
      patternSums[2 * pr + 1] += v;
      const tr = pr * k;
      for (let i = 0; i < k; i++) groupSums[at + 1 + i] += w * patternX[tr + i];
    }
    // Patterns: the row-term block and right-hand side.
    for (let pr = 0; pr < nPatterns; pr++) {
      const sw = patternSums[2 * pr];
      if (sw === 0) continue;
      const sv = patternSums[2 * pr + 1];
      const tr = pr * k;
      for (let i = 0; i < k; i++) {
        const ti = patternX[tr + i];
        rhs[g1 + i] += sv * ti;
        for (let j = 0; j <= i; j++) a[(g1 + i) * p + g1 + j] += sw * ti * patternX[tr + j];
      }
    }
    // Groups: the (1, c_g) blocks and their cross products with the row terms.
    for (let g = 0; g < groups; g++) {
      const at = g * stride;
      const sw = groupSums[at];
      if (sw === 0) continue;
      const sv = groupSums[at + 1 + k];
      const cg = g * q;
      a[0] += sw;
      rhs[0] += sv;
      for (let i = 0; i < k; i++) a[(g1 + i) * p] += groupSums[at + 1 + i];
      for (let c = 0; c < q; c++) {
        const xc = groupX[cg + c];
        const row = (1 + c) * p;
        a[row] += sw * xc;
        rhs[1 + c] += sv * xc;
        for (let c2 = 0; c2 <= c; c2++) a[row + 1 + c2] += sw * xc * groupX[cg + c2];
        for (let i = 0; i < k; i++) a[(g1 + i) * p + 1 + c] += groupSums[at + 1 + i] * xc;
      }
    }
    if (!solveScaledCholesky(a, rhs, p, step)) return null;
    if (iter === 1) coef.set(step);
    else for (let j = 0; j < p; j++) coef[j] += step[j];
    linearParts(coef, design, covPart, rowPart, nPatterns);
    for (let g = 0; g < groups; g++) covExp[g] = Math.exp(-covPart[g]);
    for (let pr = 0; pr < nPatterns; pr++) rowExp[pr] = Math.exp(-rowPart[pr]);
    dev = 0;
    for (let t = 0; t < nActive; t++) {
      const r = active[t];
      const g = group[r];
      const pr = pattern[r];
      const s = covPart[g] + rowPart[pr];
      if (s > THRESH || s < -THRESH) return null;
      eta[r] = s;
      const e = covExp[g] * rowExp[pr];
      expMinus[r] = e;
      dev += multiplicity[g] * devianceResidual(y[r], s, e);
    }
    if (!Number.isFinite(dev)) return null;
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devOld = dev;
  }
  // The linear predictor of the rows left out of the fit too.
  for (let r = 0; r < n; r++) if (!(multiplicity[group[r]] > 0)) eta[r] = covPart[group[r]] + rowPart[pattern[r]];
  return { coef, eta, deviance: dev, iterations, converged };
}

/** The intercept + covariate part of eta per group, and the row-term part per pattern. */
function linearParts(coef: Float64Array, design: LogisticBlockDesign, covPart: Float64Array, rowPart: Float64Array, nPatterns: number): void {
  const { groups, groupX, groupTerms: q, patternX, rowTerms: k } = design;
  for (let g = 0; g < groups; g++) {
    let s = coef[0];
    for (let c = 0; c < q; c++) s += coef[1 + c] * groupX[g * q + c];
    covPart[g] = s;
  }
  for (let pr = 0; pr < nPatterns; pr++) {
    let s = 0;
    for (let i = 0; i < k; i++) s += coef[1 + q + i] * patternX[pr * k + i];
    rowPart[pr] = s;
  }
}

/**
 * 2 [y log(y/mu) + (1-y) log((1-y)/(1-mu))] for 0/1 y, from eta and e = exp(-eta):
 * -2 log mu = 2 log(1 + e), -2 log(1 - mu) = 2 (log(1 + e) + eta). (log(1 + e) rather than
 * log1p(e): faster, and its absolute error, all the deviance sum sees, is the same.)
 */
function devianceResidual(y: number, eta: number, e: number): number {
  const l = Math.log(1 + e);
  return y === 1 ? 2 * l : 2 * (l + eta);
}

/**
 * Solves A x = b for the symmetric positive definite A (lower triangle filled, row-major
 * p x p; overwritten), scaled to unit diagonal first. False when a pivot falls below
 * PIVOT_TOLERANCE (near collinearity) or the matrix is not positive definite.
 */
function solveScaledCholesky(a: Float64Array, b: Float64Array, p: number, x: Float64Array): boolean {
  const scale = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    const d = a[i * p + i];
    if (!(d > 0) || !Number.isFinite(d)) return false;
    scale[i] = 1 / Math.sqrt(d);
  }
  for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) a[i * p + j] *= scale[i] * scale[j];
  // In place: lower triangle L with L L' = scaled A (whose diagonal is 1, so the pivot test is
  // PIVOT_TOLERANCE itself), then L L' (x / scale) = b * scale.
  if (choleskyFirstDependentColumn(a, p, PIVOT_TOLERANCE) >= 0) return false;
  for (let i = 0; i < p; i++) x[i] = b[i] * scale[i];
  forwardSolve(a, p, x);
  backwardSolve(a, p, x);
  for (let i = 0; i < p; i++) x[i] *= scale[i];
  return true;
}
