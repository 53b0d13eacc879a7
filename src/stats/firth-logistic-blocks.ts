/**
 * Firth's bias-reduced logistic regression (maximises
 * l* = sum w [y log mu + (1 - y) log(1 - mu)] + 1/2 log det I(beta); firthLogisticFit for the
 * method) for the block design of logisticBlocks: per-group covariates a_g = (1, c_g), per-row
 * terms t_r (e.g. the window start s and s^2), whole-number group multiplicities m_g. It is the
 * fit of the repeated data, i.e. every row of group g with case weight m_g (Firth's penalty of
 * m repeated rows equals that of one row of weight m: a row's hat value scales with its weight).
 * For the bootstrap draws of notebook 07's censoring model (src/clinical/marginal-bootstrap.ts),
 * where maximum likelihood has no finite estimate in draws that lack the RT starter of a
 * sparse binary level.
 *
 * The same modified-score scoring with step halving as firthLogisticFit, computed by blocks so
 * that a step costs O(groups q^2 + rows k) instead of O(rows p^2):
 * - I = sum_r v_r x_r x_r' (v_r = m_g mu_r (1 - mu_r)) from per-group sums of v and v t and
 *   per-pattern sums of v;
 * - hat values h_r = v_r (a_g' A_aa a_g + 2 a_g' A_at t_r + t_r' A_tt t_r), A = I^-1, the first
 *   term once per group, the last once per pattern;
 * - Firth's score U* = sum_r [m_g (y_r - mu_r) + h_r (1/2 - mu_r)] x_r, by group and by row.
 * Same numbers as firthLogistic(y, X, { weights }) on the rows with their group's multiplicity,
 * to rounding (test/stats/firth-logistic-blocks.test.ts); brglm2 agreement in firthLogistic's
 * fixture. Returns logisticBlocks' result shape (deviance = -2 logLik; eta for every row), or
 * null when the rows drawn do not give an information matrix of full rank.
 *
 * @example
 * const fit = firthLogisticBlocks(plan.censoring, multiplicity, { start: pointEstimate });
 * fit?.coef; // (Intercept), group covariates, row terms
 */
import type { LogisticBlockDesign, LogisticBlockFit } from "./logistic-blocks";
import { cholesky, choleskySolve, firthScoring, log1pExp } from "./firth-logistic-fit";
import { choleskyInverseInto } from "./dense";
import type { FirthLogisticFitOptions } from "./firth-logistic-fit";

/** The Firth fit of the design with group multiplicities `multiplicity` (>= 0); null when rank-deficient. */
export function firthLogisticBlocks(design: LogisticBlockDesign, multiplicity: ArrayLike<number>, options: FirthLogisticFitOptions = {}): (LogisticBlockFit & { penalisedLogLik: number }) | null {
  return fitBlocks(design, multiplicity, options, true);
}

/**
 * firthLogisticBlocks with every group covariate in every sum, zeros included (the loops as they
 * were before the zeros were skipped): for the test that skipping them changes no double.
 */
export function firthLogisticBlocksAllTerms(design: LogisticBlockDesign, multiplicity: ArrayLike<number>, options: FirthLogisticFitOptions = {}): (LogisticBlockFit & { penalisedLogLik: number }) | null {
  return fitBlocks(design, multiplicity, options, false);
}

function fitBlocks(design: LogisticBlockDesign, multiplicity: ArrayLike<number>, options: FirthLogisticFitOptions, skipZeros: boolean): (LogisticBlockFit & { penalisedLogLik: number }) | null {
  const { groups, groupX, groupTerms: q, group, y, pattern, patternX, rowTerms: k } = design;
  const nAll = group.length;
  const q1 = 1 + q;
  const p = q1 + k;
  const nPatterns = k === 0 ? 1 : patternX.length / k;
  // The drawn rows, with their group, pattern, multiplicity and response.
  let n = 0;
  for (let r = 0; r < nAll; r++) if (multiplicity[group[r]] > 0) n++;
  if (n === 0) return null;
  const rowGroup = new Int32Array(n);
  const rowPattern = new Int32Array(n);
  const rowM = new Float64Array(n);
  const rowY = new Float64Array(n);
  for (let r = 0, t = 0; r < nAll; r++) {
    const g = group[r];
    const m = multiplicity[g];
    if (!(m > 0)) continue;
    rowGroup[t] = g;
    rowPattern[t] = pattern[r];
    rowM[t] = m;
    rowY[t++] = y[r];
  }
  // The drawn groups and the non-zero entries of their a_g = (1, c_g), in column order
  // (entries nzStart[j] .. nzStart[j + 1] - 1 of nzColumn / nzValue for the j-th drawn group).
  // Every sum below skips a_g's zeros: a term x * 0 is +-0, and adding +-0 to a sum that starts
  // at +0 leaves it unchanged (such a sum is never -0), so each sum is the same double as the
  // sum over all q1 entries in the same order.
  let nGroups = 0;
  let nNonZero = 0;
  for (let g = 0; g < groups; g++) {
    if (!(multiplicity[g] > 0)) continue;
    nGroups++;
    nNonZero++;
    for (let c = 0; c < q; c++) if (groupX[g * q + c] !== 0 || !skipZeros) nNonZero++;
  }
  const activeGroups = new Int32Array(nGroups);
  const nzStart = new Int32Array(nGroups + 1);
  const nzColumn = new Int32Array(nNonZero);
  const nzValue = new Float64Array(nNonZero);
  for (let g = 0, j = 0, z = 0; g < groups; g++) {
    if (!(multiplicity[g] > 0)) continue;
    activeGroups[j] = g;
    nzStart[j] = z;
    nzColumn[z] = 0;
    nzValue[z++] = 1;
    for (let c = 0; c < q; c++) {
      const x = groupX[g * q + c];
      if (x === 0 && skipZeros) continue;
      nzColumn[z] = 1 + c;
      nzValue[z++] = x;
    }
    nzStart[++j] = z;
  }
  const covPart = new Float64Array(groups);
  const rowPart = new Float64Array(nPatterns);
  const covExp = new Float64Array(groups);
  const rowExp = new Float64Array(nPatterns);
  const s0 = new Float64Array(groups);
  const s1 = new Float64Array(groups * k);
  const p0 = new Float64Array(nPatterns);

  interface State {
    mu: Float64Array;
    chol: Float64Array;
    logLik: number;
    penalised: number;
    /** Which of the two work spaces holds mu and chol. */
    space: number;
  }
  // Two work spaces for mu and I: the scoring keeps one state while it evaluates candidates,
  // so a candidate is written into the space the state passed to the last step does not use.
  const spaces = [0, 1].map(() => ({ mu: new Float64Array(n), info: new Float64Array(p * p) }));
  let stateSpace = 1;
  const evaluate = (beta: Float64Array): State | null => {
    const space = 1 - stateSpace;
    for (let j = 0; j < nGroups; j++) {
      const g = activeGroups[j];
      let s = 0;
      for (let z = nzStart[j]; z < nzStart[j + 1]; z++) s += beta[nzColumn[z]] * nzValue[z];
      covPart[g] = s;
      covExp[g] = Math.exp(-s);
    }
    for (let pr = 0; pr < nPatterns; pr++) {
      let s = 0;
      for (let i = 0; i < k; i++) s += beta[q1 + i] * patternX[pr * k + i];
      rowPart[pr] = s;
      rowExp[pr] = Math.exp(-s);
    }
    s0.fill(0);
    s1.fill(0);
    p0.fill(0);
    const mu = spaces[space].mu;
    const logLik = rowLikelihood(n, rowGroup, rowPattern, rowM, rowY, covPart, rowPart, covExp, rowExp, patternX, k, mu, s0, s1, p0);
    const info = spaces[space].info;
    info.fill(0);
    groupInformation(nGroups, activeGroups, nzStart, nzColumn, nzValue, s0, s1, k, q1, p, info);
    for (let pr = 0; pr < nPatterns; pr++) {
      const sv = p0[pr];
      if (sv === 0) continue;
      for (let i = 0; i < k; i++) {
        const ti = patternX[pr * k + i];
        for (let j = 0; j <= i; j++) info[(q1 + i) * p + q1 + j] += sv * ti * patternX[pr * k + j];
      }
    }
    if (cholesky(info, p) >= 0) return null;
    let logDet = 0;
    for (let j = 0; j < p; j++) logDet += 2 * Math.log(info[j * p + j]);
    return { mu, chol: info, logLik, penalised: logLik + logDet / 2, space };
  };

  const alpha = new Float64Array(groups);
  const cross = new Float64Array(groups * k);
  const gamma = new Float64Array(nPatterns);
  const groupScore = new Float64Array(groups);
  const patternScore = new Float64Array(nPatterns);
  const score = new Float64Array(p);
  const inv = new Float64Array(p * p);
  const work = new Float64Array(p);
  const scoringStep = (state: State): Float64Array => {
    stateSpace = state.space;
    choleskyInverseInto(state.chol, p, inv, work);
    // Per group: a' A_aa a and A_ta a; per pattern: t' A_tt t.
    groupQuadratics(nGroups, activeGroups, nzStart, nzColumn, nzValue, inv, p, q1, k, alpha, cross, groupScore);
    for (let pr = 0; pr < nPatterns; pr++) {
      let quad = 0;
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) quad += patternX[pr * k + i] * inv[(q1 + i) * p + q1 + j] * patternX[pr * k + j];
      gamma[pr] = quad;
    }
    score.fill(0);
    patternScore.fill(0);
    rowScores(n, rowGroup, rowPattern, rowM, rowY, state.mu, alpha, gamma, cross, patternX, k, groupScore, patternScore);
    for (let pr = 0; pr < nPatterns; pr++) {
      const u = patternScore[pr];
      for (let i = 0; i < k; i++) score[q1 + i] += u * patternX[pr * k + i];
    }
    // (A non-finite group score makes the intercept's entry, and through the solve every entry of
    // the step, NaN whether or not the zero entries are skipped.)
    for (let j = 0; j < nGroups; j++) {
      const u = groupScore[activeGroups[j]];
      for (let z = nzStart[j]; z < nzStart[j + 1]; z++) score[nzColumn[z]] += u * nzValue[z];
    }
    const delta = Float64Array.from(score);
    choleskySolve(state.chol, p, delta);
    return delta;
  };
  const start = new Float64Array(p);
  if (options.start !== undefined) for (let j = 0; j < p; j++) start[j] = options.start[j];
  const run = firthScoring(start, evaluate, scoringStep, options);
  if (run === null) return null;
  const { beta, state, iterations, converged } = run;
  return { coef: beta, eta: blockLinearPredictor(design, beta), deviance: -2 * state.logLik, iterations, converged, penalisedLogLik: state.penalised };
}

/**
 * The linear predictor of every row of the design (those not drawn too) at `beta`, as
 * firthLogisticBlocks computes its `eta` (the same doubles): for a fit kept by its coefficients.
 */
export function blockLinearPredictor(design: LogisticBlockDesign, beta: ArrayLike<number>): Float64Array {
  const { groups, groupX, groupTerms: q, group, pattern, patternX, rowTerms: k } = design;
  const q1 = 1 + q;
  const nPatterns = k === 0 ? 1 : patternX.length / k;
  const covPart = new Float64Array(groups);
  const rowPart = new Float64Array(nPatterns);
  const eta = new Float64Array(group.length);
  for (let g = 0; g < groups; g++) {
    let s = 0 + beta[0];
    for (let c = 0; c < q; c++) s += beta[1 + c] * groupX[g * q + c];
    covPart[g] = s;
  }
  for (let pr = 0; pr < nPatterns; pr++) {
    let s = 0;
    for (let i = 0; i < k; i++) s += beta[q1 + i] * patternX[pr * k + i];
    rowPart[pr] = s;
  }
  for (let r = 0; r < group.length; r++) eta[r] = covPart[group[r]] + rowPart[pattern[r]];
  return eta;
}

// The passes of a scoring step as plain functions of their arrays (V8 optimises these loops
// better than the same loops reading the arrays from the fit's closure).

/** Per drawn row: mu, the log-likelihood, and the sums of v = m mu (1 - mu) per group (s0), per group and row term (s1) and per pattern (p0). */
function rowLikelihood(n: number, rowGroup: Int32Array, rowPattern: Int32Array, rowM: Float64Array, rowY: Float64Array, covPart: Float64Array, rowPart: Float64Array, covExp: Float64Array, rowExp: Float64Array, patternX: Float64Array, k: number, mu: Float64Array, s0: Float64Array, s1: Float64Array, p0: Float64Array): number {
  let logLik = 0;
  for (let t = 0; t < n; t++) {
    const g = rowGroup[t];
    const pr = rowPattern[t];
    const e = covPart[g] + rowPart[pr];
    // exp(-eta) as a product of the group's and the pattern's parts: one log per row, not an exp and a log;
    // the plain formulas where the product over- or underflows.
    const ex = covExp[g] * rowExp[pr];
    const ok = ex > 1e-300 && ex < 1e300;
    const m = ok ? 1 / (1 + ex) : 1 / (1 + Math.exp(-e));
    mu[t] = m;
    const mg = rowM[t];
    const l = ok ? Math.log(1 + ex) : log1pExp(-e); // -log mu
    logLik -= mg * (rowY[t] === 1 ? l : l + e);
    const v = mg * m * (1 - m);
    s0[g] += v;
    for (let i = 0; i < k; i++) s1[g * k + i] += v * patternX[pr * k + i];
    p0[pr] += v;
  }
  return logLik;
}

/** The group blocks of I: s0_g a_g a_g' (lower triangle) and the cross terms s1_g a_g', over each group's non-zero entries. */
function groupInformation(nGroups: number, activeGroups: Int32Array, nzStart: Int32Array, nzColumn: Int32Array, nzValue: Float64Array, s0: Float64Array, s1: Float64Array, k: number, q1: number, p: number, info: Float64Array): void {
  for (let j = 0; j < nGroups; j++) {
    const g = activeGroups[j];
    const sv = s0[g];
    const begin = nzStart[j];
    const end = nzStart[j + 1];
    for (let z = begin; z < end; z++) {
      const c = nzColumn[z];
      const xc = nzValue[z];
      const row = c * p;
      const f = sv * xc;
      for (let z2 = begin; z2 <= z; z2++) info[row + nzColumn[z2]] += f * nzValue[z2];
      for (let i = 0; i < k; i++) info[(q1 + i) * p + c] += s1[g * k + i] * xc;
    }
  }
}

/** Per group: alpha_g = a_g' A_aa a_g and cross_g = A_ta a_g (A = I^-1), over a_g's non-zero entries; the group's score reset. */
function groupQuadratics(nGroups: number, activeGroups: Int32Array, nzStart: Int32Array, nzColumn: Int32Array, nzValue: Float64Array, inv: Float64Array, p: number, q1: number, k: number, alpha: Float64Array, cross: Float64Array, groupScore: Float64Array): void {
  for (let j = 0; j < nGroups; j++) {
    const g = activeGroups[j];
    const begin = nzStart[j];
    const end = nzStart[j + 1];
    let quad = 0;
    for (let z = begin; z < end; z++) {
      const row = nzColumn[z] * p;
      let s = 0;
      for (let z2 = begin; z2 < end; z2++) s += inv[row + nzColumn[z2]] * nzValue[z2];
      quad += nzValue[z] * s;
    }
    alpha[g] = quad;
    for (let i = 0; i < k; i++) {
      const row = (q1 + i) * p;
      let s = 0;
      for (let z = begin; z < end; z++) s += inv[row + nzColumn[z]] * nzValue[z];
      cross[g * k + i] = s;
    }
    groupScore[g] = 0;
  }
}

/** Per drawn row: the hat value h and Firth's score term u = m (y - mu) + h (1/2 - mu), summed per group and per pattern. */
function rowScores(n: number, rowGroup: Int32Array, rowPattern: Int32Array, rowM: Float64Array, rowY: Float64Array, mu: Float64Array, alpha: Float64Array, gamma: Float64Array, cross: Float64Array, patternX: Float64Array, k: number, groupScore: Float64Array, patternScore: Float64Array): void {
  for (let t = 0; t < n; t++) {
    const g = rowGroup[t];
    const pr = rowPattern[t];
    const m = mu[t];
    const mg = rowM[t];
    let xAx = alpha[g] + gamma[pr];
    for (let i = 0; i < k; i++) xAx += 2 * cross[g * k + i] * patternX[pr * k + i];
    const h = mg * m * (1 - m) * xAx;
    const u = mg * (rowY[t] - m) + h * (0.5 - m);
    groupScore[g] += u;
    patternScore[pr] += u;
  }
}
