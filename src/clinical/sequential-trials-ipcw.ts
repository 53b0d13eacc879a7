/**
 * Sequential target trials (sequentialTrials) with inverse-probability-of-censoring weights
 * (IPCW) for the controls censored when they start RT later, and the comparison on a
 * marginal scale (survival and restricted mean survival at fixed horizons) instead of a
 * conditional hazard ratio.
 *
 * Why weights: a control is censored when it starts RT, and who starts RT is not random
 * (the covariates of the propensity model; and only patients alive and free of progression
 * can start it). Without weights the controls still followed are depleted of the patients
 * likely to start RT. Discrete-time weights per window of the grid (Hernán, Brumback & Robins
 * 2000; Cain et al. 2010):
 * - Censoring model (denominator): a logistic regression of starting RT in the window
 *   [u, u + width) among the patients eligible at u (alive, free of progression, not yet on
 *   RT: exactly the rows of the trial of window u), on the covariates and the window start
 *   (u and u^2). R: glm(treated ~ covariates + s + I(s^2), binomial, trials).
 *   A control who has progressed by u cannot start RT: its probability is 0, its factor 1.
 * - Numerator (stabilised weights): the same for every patient alive and not yet on RT at u,
 *   progressed or not, on u and u^2 only (R: glm(start ~ s + I(s^2), binomial, at_risk)).
 * - A control of the trial of window s, followed past the start u of each later window,
 *   gets from u on the weight prod over those windows of (1 - num(u)) / (1 - den_i(u)).
 *   Its follow-up is split at the window starts into (start, stop] rows. Treated rows weigh 1.
 *   Windows after the grid: factor 1 (RT starts there are counted, `censoredBeyondGrid`).
 * - Truncation: the control rows' weights at the `truncate` quantiles (R's quantile, type 7;
 *   default the 1st and 99th percentiles), stated in the result.
 * The weighted Cox model: coxph(Surv(start, stop, event) ~ treated [+ covariates] +
 * strata(trial), weights = w, cluster = id, ties = "efron") (robust variance, which treats the
 * weights as known, the usual conservative choice).
 *
 * Marginal scale (sequentialTrialsMarginal): the RT starters against their controls weighted
 * to resemble them at trial entry (ATT odds weights den/(1 - den) from the same model, as
 * the treatment and the censoring are both "starting RT in a window") and to stay
 * uncensored (truncated IPCW): weighted Kaplan-Meier curves from the window start,
 * survival at the horizons and restricted mean survival to each tau; differences with minus
 * without RT. Intervals: nonparametric bootstrap of patients (the whole procedure, both
 * models included, redone per draw; seeded), percentile limits. Each draw is computed on the
 * trial rows built once, with the patients' multiplicities as weights (marginalBootstrapDraw,
 * src/clinical/marginal-bootstrap.ts; equal to the procedure redone on the resampled patients
 * to rounding); a draw it cannot take is redone that way. The target is the effect of
 * starting RT among those who started it, against never starting it, no proportional
 * hazards assumed. Complete cases of the covariates (biasCovariates).
 * Sensitivity analysis: `censoringModel: "firth"` fits the censoring model by Firth's penalised
 * likelihood (firthLogistic; firthLogisticBlocks in the draws, started from the full data's
 * Firth estimate), in the point estimate and every draw, so that the draws without a finite ML
 * estimate (a sparse binary level without RT starts) get finite entry odds and weights; the
 * numerator model stays ML (marginalFirthComparison, src/clinical/marginal-firth.ts).
 * `censoringModel: "flic"` does the same with FLIC (flicLogistic; flicLogisticBlocks in the
 * draws): Firth's slopes, the intercept refitted by ML, so the fitted probabilities of starting
 * RT are not inflated as Firth's are with rare starts. Its draws' Firth fits start, as the Firth
 * run's, from the full data's Firth estimate, so they are the Firth run's fits of the same draws:
 * a Firth run keeps them (`firthDraws`: per draw the coefficients, a few doubles) and a FLIC run
 * given it (`firthFrom`) refits only the intercepts, with the same doubles as without it.
 * R: test/fixtures/r/clinical-ipcw.R.
 *
 * @example
 * const r = sequentialTrialsIpcw(loadCohort(), { from: 1.5, to: 5.5, width: 0.25 });
 * r.effects.map((e) => e.hazardRatio); // adjusted: none / IPCW / IPCW truncated
 * sequentialTrialsMarginal(loadCohort(), { from: 1.5, to: 5.5, width: 0.25, survivalTimes: [12, 24], rmstTimes: [24, 60], bootstrap: 200, seed: "x" });
 * const firth = sequentialTrialsMarginal(cohort, { ...options, censoringModel: "firth" });
 * sequentialTrialsMarginal(cohort, { ...options, censoringModel: "flic", firthFrom: firth }); // FLIC without refitting Firth's draws
 */
import seedrandom from "seedrandom";
import { InputError } from "../core/index";
import { FitError } from "../stats/fit-error";
import { logisticRegression } from "../stats/logistic-regression";
import { sampleStandardDeviation } from "../stats/sample-standard-deviation";
import { firthLogistic } from "../stats/firth-logistic";
import { blockLinearPredictor, firthLogisticBlocks } from "../stats/firth-logistic-blocks";
import { flicLogistic } from "../stats/flic-logistic";
import { flicInterceptRoot } from "../stats/flic-intercept";
import type { LogisticBlockDesign, LogisticBlockFit } from "../stats/logistic-blocks";
import { truncateWeights } from "../stats/truncate-weights";
import { coxPH } from "../survival/cox";
import { countingCurves } from "../survival/counting-process";
import type { CountingCurve } from "../survival/counting-process";
import { kaplanMeierByGroup } from "../survival/kaplan-meier";
import { restrictedMeanOfCurve } from "../survival/restricted-mean";
import { armEffect } from "./arm-effect";
import type { ArmEffect } from "./arm-effect";
import type { CohortData } from "./arms";
import { biasCovariates } from "./bias-covariates";
import { quantileSorted } from "./describe";
import { marginalBootstrapDraw, marginalBootstrapPlan } from "./marginal-bootstrap";
import type { MarginalBootstrapPlan } from "./marginal-bootstrap";
import { fastDrawSeparation, redoneDrawSeparation, SEPARATION_TOLERANCE } from "./marginal-separation";
import type { DrawSeparation } from "./marginal-separation";
import { sequentialTrialRows, trialPatients, trialStarts } from "./sequential-trials";
import type { TrialPatients, TrialRows } from "./sequential-trials";

export interface SequentialTrialsIpcwOptions {
  from: number;
  to: number;
  width: number;
  /** Quantiles at which the control rows' weights are truncated (default [0.01, 0.99]). */
  truncate?: [number, number];
  confLevel?: number;
}

/** Distribution of a set of weights. */
export interface WeightSummary {
  n: number;
  mean: number;
  min: number;
  p01: number;
  median: number;
  p99: number;
  max: number;
}

export interface IpcwWeights {
  /** Split rows (treated rows unsplit): trial, patient, (start, stop], event, treated, weight before and after truncation. */
  rows: { window: number[]; patient: number[]; start: number[]; stop: number[]; event: number[]; treated: number[]; weight: number[]; truncated: number[]; entryOdds: number[] };
  /** Truncation quantiles and the weights they give. */
  truncate: [number, number];
  bounds: [number, number];
  /** Control rows whose weight was truncated. */
  nTruncated: number;
  /** Control rows' weights before truncation. */
  summary: WeightSummary;
  /** Censoring model (covariates + s + s^2) and numerator model (s + s^2) coefficients. */
  censoringModel: IpcwModelSummary;
  numeratorModel: IpcwModelSummary;
  /** Control rows censored at an RT start after the last window (no model: factor 1). */
  censoredBeyondGrid: number;
  /** Control rows censored at a later RT start. */
  censoredAtRt: number;
}

/** A logistic model of the weights: coefficients, rows, events, convergence, IRLS steps, the smallest fitted probability of either outcome (min(mu, 1 - mu): near 0 under separation) and R's warnings. */
export interface IpcwModelSummary {
  names: string[];
  coef: number[];
  /** Model-based standard errors of the coefficients (the inverse information, as R's summary.glm). */
  se: number[];
  n: number;
  events: number;
  converged: boolean;
  iterations: number;
  minFittedProbability: number;
  /** Sum of the fitted probabilities: the events the model expects (= events under ML and FLIC, more under Firth with rare events). */
  fittedSum: number;
  warnings: string[];
}

export interface SequentialTrialsIpcwResult {
  starts: number[];
  /** Patients left out for a missing covariate. */
  dropped: number;
  weights: IpcwWeights;
  /** Unadjusted and adjusted: without weights, with IPCW, with truncated IPCW. */
  effects: ArmEffect[];
}

/** Distribution of a set of weights: n, mean, min, 1st percentile, median, 99th percentile, max (quantiles as R's type 7). */
export function summarizeWeights(values: readonly number[]): WeightSummary {
  const s = values.slice().sort((a, b) => a - b);
  return {
    n: s.length,
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    min: s[0],
    p01: quantileSorted(s, 0.01),
    median: quantileSorted(s, 0.5),
    p99: quantileSorted(s, 0.99),
    max: s[s.length - 1],
  };
}

function linear(coef: readonly number[], x: readonly number[]): number {
  let eta = coef[0];
  for (let j = 0; j < x.length; j++) eta += coef[j + 1] * x[j];
  return 1 / (1 + Math.exp(-eta));
}

/**
 * How the censoring (= entry) model is fitted: "ml", maximum likelihood (R's glm, the main
 * analysis); "firth", Firth's penalised likelihood (firthLogistic, brglm2's AS_mean), finite
 * where a sparse covariate level separates the data (a sensitivity analysis); "flic", Firth's
 * slopes with the intercept refitted by maximum likelihood (flicLogistic; Puhr et al. 2017), so
 * that the fitted probabilities of starting RT average to the observed rate, which Firth's
 * (pulled towards 1/2) exceed when starts are rare.
 */
export type CensoringModelKind = "ml" | "firth" | "flic";

/**
 * FLIC for the bootstrap draws' block design: firthLogisticBlocks, then the intercept refitted by
 * maximum likelihood on the drawn rows (each with its patient's multiplicity as weight) with
 * Firth's linear predictor without intercept as offset (flicIntercept). Null where either fails.
 */
export function flicLogisticBlocks(design: LogisticBlockDesign, multiplicity: ArrayLike<number>, start?: ArrayLike<number>): LogisticBlockFit | null {
  const fit = firthLogisticBlocks(design, multiplicity, start === undefined ? {} : { start });
  return fit === null ? null : flicFromFirthBlocks(design, multiplicity, fit);
}

/** flicLogisticBlocks' intercept step on a given Firth fit of the design (`fit`, as firthLogisticBlocks returned it). */
export function flicFromFirthBlocks(design: LogisticBlockDesign, multiplicity: ArrayLike<number>, fit: LogisticBlockFit): LogisticBlockFit | null {
  const n = design.group.length;
  const { group, y } = design;
  const firthIntercept = fit.coef[0];
  // eta0 of every row (the returned eta is eta0 + the new intercept, rows not drawn too); the
  // refit sees only the drawn rows, in order (flicInterceptRoot: rows of weight 0 take no part).
  const eta = new Float64Array(n);
  const drawnY = new Uint8Array(n);
  const drawnW = new Float64Array(n);
  const drawnEta0 = new Float64Array(n);
  let nDrawn = 0;
  for (let r = 0; r < n; r++) {
    const e0 = fit.eta[r] - firthIntercept;
    eta[r] = e0;
    const m = multiplicity[group[r]];
    if (!(m > 0)) continue;
    drawnY[nDrawn] = y[r];
    drawnW[nDrawn] = m;
    drawnEta0[nDrawn++] = e0;
  }
  const refit = flicInterceptRoot(drawnY.subarray(0, nDrawn), drawnW.subarray(0, nDrawn), drawnEta0.subarray(0, nDrawn), firthIntercept);
  if (refit === null) return null;
  const coef = Float64Array.from(fit.coef);
  coef[0] = refit.intercept;
  for (let r = 0; r < n; r++) eta[r] += refit.intercept;
  return { coef, eta, deviance: fit.deviance, iterations: fit.iterations + refit.iterations, converged: fit.converged && refit.converged };
}

/** The weights of the pooled trials of `p` (patients `include`d); see the file comment. `censoringModel` "firth" fits the censoring model by Firth's method. */
export function ipcwWeights(
  p: TrialPatients,
  cov: { names: string[]; columns: Record<string, number[]> },
  starts: readonly number[],
  width: number,
  truncate: [number, number],
  include?: (i: number) => boolean,
  censoringModel: CensoringModelKind = "ml",
): { trials: TrialRows; weights: IpcwWeights } {
  const { trials, weights } = ipcwWeightsOf(p, cov, starts, width, truncate, include, true, censoringModel);
  return { trials, weights };
}

/** ipcwWeights; `withSummary` false (bootstrap draws) skips the weight summary (n, mean, quantiles), left empty. */
function ipcwWeightsOf(
  p: TrialPatients,
  cov: { names: string[]; columns: Record<string, number[]> },
  starts: readonly number[],
  width: number,
  truncate: [number, number],
  include: ((i: number) => boolean) | undefined,
  withSummary: boolean,
  censoringModel: CensoringModelKind = "ml",
): { trials: TrialRows; weights: IpcwWeights; firthCoef: number[] | null } {
  truncateWeights([1], truncate); // checks the quantiles before any work
  if (censoringModel !== "ml" && censoringModel !== "firth" && censoringModel !== "flic") throw new InputError("censoringModel", null, censoringModel, 'must be "ml" (maximum likelihood), "firth" (Firth\'s penalised likelihood) or "flic" (Firth with intercept correction)');
  const trials = sequentialTrialRows(p, starts, width, include);
  if (trials.treated.every((x) => x === 0)) throw new InputError("rt_start_months", null, null, `no RT start falls in the windows from ${starts[0]} to ${starts[starts.length - 1] + width} months`);
  // Censoring (= treatment) model on the trial rows.
  const x: Record<string, number[]> = {};
  for (const k of cov.names) x[k] = trials.patient.map((i) => cov.columns[k][i]);
  x.s = trials.start.slice();
  x.s2 = trials.start.map((s) => s * s);
  const den = (censoringModel === "firth" ? firthLogistic : censoringModel === "flic" ? flicLogistic : logisticRegression)(trials.treated, x, { names: cov.names.concat(["s", "s2"]) });
  // Numerator: everyone alive and not yet on RT at u.
  const ny: number[] = [];
  const ns: number[] = [];
  starts.forEach((u) => {
    for (let i = 0; i < p.os.length; i++) {
      if (include !== undefined && !include(i)) continue;
      const r = p.rtStart[i];
      if (!(p.os[i] > u && (Number.isNaN(r) || r >= u))) continue;
      ny.push(!Number.isNaN(r) && r < u + width ? 1 : 0);
      ns.push(u);
    }
  });
  const num = logisticRegression(ny, { s: ns, s2: ns.map((u) => u * u) }, { names: ["s", "s2"] });
  // The factor (1 - num(u_j)) / (1 - den_i(u_j)) depends on the patient and the window only:
  // computed once per pair. den's linear predictor is summed in the order of linear()
  // (intercept, covariates, u, u^2), its covariate part once per patient, so every factor
  // is the same double as when it was recomputed for each row.
  const nCov = cov.names.length;
  const columns = cov.names.map((k) => cov.columns[k]);
  const numFactor = starts.map((u) => 1 - linear(num.coef, [u, u * u]));
  const nStarts = starts.length;
  const factors = new Float64Array(p.os.length * nStarts).fill(NaN);
  const covPart = new Float64Array(p.os.length).fill(NaN);
  const factor = (i: number, j: number): number => {
    const at = i * nStarts + j;
    let f = factors[at];
    if (f === f) return f;
    const u = starts[j];
    if (p.firstProgression[i] > u) {
      let eta = covPart[i];
      if (eta !== eta) {
        eta = den.coef[0];
        for (let c = 0; c < nCov; c++) eta += den.coef[c + 1] * columns[c][i];
        covPart[i] = eta;
      }
      eta += den.coef[nCov + 1] * u;
      eta += den.coef[nCov + 2] * (u * u);
      f = numFactor[j] / (1 - 1 / (1 + Math.exp(-eta)));
    } else f = numFactor[j] / 1;
    factors[at] = f;
    return f;
  };
  const out: IpcwWeights["rows"] = { window: [], patient: [], start: [], stop: [], event: [], treated: [], weight: [], truncated: [], entryOdds: [] };
  const push = (k: number, a: number, b: number, ev: number, w: number, odds: number) => {
    out.window.push(trials.window[k]);
    out.patient.push(trials.patient[k]);
    out.start.push(a);
    out.stop.push(b);
    out.event.push(ev);
    out.treated.push(trials.treated[k]);
    out.weight.push(w);
    out.entryOdds.push(odds);
  };
  const last = starts[starts.length - 1];
  let censoredBeyondGrid = 0;
  let censoredAtRt = 0;
  for (let k = 0; k < trials.time.length; k++) {
    const i = trials.patient[k];
    const s = trials.start[k];
    const t = trials.time[k];
    if (trials.treated[k] === 1) {
      push(k, 0, t, trials.event[k], 1, 1);
      continue;
    }
    const pe = den.fitted[k];
    const odds = pe / (1 - pe);
    censoredAtRt += trials.censoredAtRt[k];
    if (trials.censoredAtRt[k] === 1 && p.rtStart[i] >= last + width) censoredBeyondGrid++;
    let w = 1;
    let a = 0;
    for (let j = trials.window[k] + 1; j < starts.length; j++) {
      const u = starts[j] - s;
      if (!(u < t)) break;
      push(k, a, u, 0, w, odds);
      w *= factor(i, j);
      a = u;
    }
    push(k, a, t, trials.event[k], w, odds);
  }
  const control = out.treated.map((t) => t === 0);
  const controlWeights = out.weight.filter((_, r) => control[r]);
  const cut = truncateWeights(out.weight, truncate, control);
  out.truncated = cut.weights;
  const bounds = cut.bounds;
  const nTruncated = cut.nTruncated;
  const model = (m: typeof den | typeof num, y: number[]): IpcwModelSummary => ({
    names: m.names,
    coef: m.coef.slice(),
    se: m.se.slice(),
    n: m.n,
    events: y.reduce((a, b) => a + b, 0),
    converged: m.converged,
    iterations: m.iterations,
    minFittedProbability: m.fitted.reduce((a, mu) => Math.min(a, mu, 1 - mu), Infinity),
    fittedSum: m.fitted.reduce((a, mu) => a + mu, 0),
    warnings: m.warnings.slice(),
  });
  return {
    trials,
    // The Firth estimate of the censoring model (FLIC's slopes, with Firth's intercept), null under ML.
    firthCoef: censoringModel === "ml" ? null : "firth" in den ? (den.firth as { coef: number[] }).coef.slice() : den.coef.slice(),
    weights: {
      rows: out,
      truncate,
      bounds,
      nTruncated,
      summary: withSummary ? summarizeWeights(controlWeights) : { n: controlWeights.length, mean: NaN, min: NaN, p01: NaN, median: NaN, p99: NaN, max: NaN },
      censoringModel: model(den, trials.treated),
      numeratorModel: model(num, ny),
      censoredBeyondGrid,
      censoredAtRt,
    },
  };
}

/** Sequential trials with and without IPCW; see the file comment. */
export function sequentialTrialsIpcw(cohort: CohortData, options: SequentialTrialsIpcwOptions): SequentialTrialsIpcwResult {
  const starts = trialStarts(options.from, options.to, options.width);
  const truncate = options.truncate ?? [0.01, 0.99];
  const p = trialPatients(cohort);
  const cov = biasCovariates(cohort);
  const { trials, weights } = ipcwWeights(p, cov, starts, options.width, truncate, (i) => cov.complete[i]);
  const r = weights.rows;
  const id = r.patient.map((i) => p.id[i]);
  const trial = r.window.map((k) => starts[k]);
  const effects: ArmEffect[] = [];
  for (const adjusted of [false, true]) {
    const x: Record<string, number[]> = { treated: r.treated };
    if (adjusted) for (const k of cov.names) x[k] = r.patient.map((i) => cov.columns[k][i]);
    const suffix = adjusted ? ", adjusted" : "";
    const fit = (w: number[] | undefined) =>
      coxPH(r.stop, r.event, x, { start: r.start, strata: trial, cluster: id, weights: w, robust: true, confLevel: options.confLevel });
    effects.push(armEffect(fit(undefined), "treated", `sequential trials${suffix}, no weights`));
    effects.push(armEffect(fit(r.weight), "treated", `sequential trials${suffix}, IPCW`));
    effects.push(armEffect(fit(r.truncated), "treated", `sequential trials${suffix}, IPCW truncated`));
  }
  const dropped = p.os.length - cov.complete.filter((c) => c).length;
  if (trials.time.length === 0) throw new InputError("rt_start_months", null, null, "no patient is eligible in any window");
  return { starts, dropped, weights, effects };
}

export interface MarginalOptions extends SequentialTrialsIpcwOptions {
  /** Months from the window start at which survival is compared. */
  survivalTimes: number[];
  /** Restriction times (months) of the restricted mean survival. */
  rmstTimes: number[];
  /** Bootstrap draws (0: none) and their seed. */
  bootstrap: number;
  seed: string;
  /** Smallest fitted probability of the censoring model below which a draw counts as separated (default 1e-8; marginal-separation.ts). */
  separationTolerance?: number;
  /** Covariates (biasCovariates names) left out of the censoring model, for a sensitivity analysis; the same patients are kept. */
  excludeCovariates?: string[];
  /** Fit of the censoring (= entry) model, in the point estimate and in every bootstrap draw: "ml" (default), "firth" or "flic" (CensoringModelKind). */
  censoringModel?: CensoringModelKind;
  /**
   * With censoringModel "flic": a run with censoringModel "firth" on the same data, windows,
   * covariates and seed (and at least as many draws), whose draws' Firth fits (its `firthDraws`)
   * FLIC takes instead of refitting them; the same doubles as without it. An InputError names
   * what differs.
   */
  firthFrom?: MarginalResult;
}

/** One draw's Firth fit of the censoring model as a Firth run keeps it (firthLogisticBlocks' result without eta, which blockLinearPredictor recomputes). */
export interface KeptFirthFit {
  coef: Float64Array;
  deviance: number;
  iterations: number;
  converged: boolean;
}

/** What a FLIC run can take from a Firth run (MarginalOptions.firthFrom): what the draws' censoring fits depend on, and the fits. */
export interface FirthDrawFits {
  seed: string;
  bootstrap: number;
  starts: number[];
  width: number;
  covariates: string[];
  /** Complete-case patients (those resampled) and trial rows of the censoring model. */
  patients: number;
  rows: number;
  /** The point estimate's Firth coefficients, from which every draw's fit starts. */
  start: number[];
  /** Per draw number: its Firth fit (firthLogisticBlocks), null where that found none, undefined where the draw fitted none by blocks (no RT start drawn). */
  fits: (KeptFirthFit | null | undefined)[];
}

export interface MarginalEstimate {
  measure: "survival" | "rmst";
  time: number;
  /** Without RT (weighted controls), with RT (starters), difference with − without. */
  without: number;
  with: number;
  difference: number;
  /** The same difference without the censoring weights (entry weights only). */
  differenceUnweighted: number;
  /** Bootstrap percentile limits of the difference (NaN without bootstrap). */
  lower: number;
  upper: number;
  /** Bootstrap standard error of the difference: the standard deviation of the usable draws (NaN with fewer than 2). */
  se: number;
}

export interface MarginalResult {
  confLevel: number;
  bootstrap: number;
  /** Draws in which the procedure failed (no RT start in a window, a model that did not fit); left out. */
  failedDraws: number;
  seed: string;
  estimates: MarginalEstimate[];
  /** The curves: months from the window start, survival without and with RT (weighted KM, truncated IPCW). */
  curves: { time: number[]; survival: number[] }[];
  weights: IpcwWeights;
  /** Treated (RT starters) and control rows of the pooled trials. */
  treated: number;
  controlRows: number;
  /** The usable draws: differences per measure (in `estimates` order, then draw order), each draw's separation diagnostics (src/clinical/marginal-separation.ts) and its number among all draws (0-based). */
  draws: { differences: number[][]; separation: DrawSeparation[]; index: number[] };
  separationTolerance: number;
  /** How the censoring model was fitted (CensoringModelKind). */
  censoringModel: CensoringModelKind;
  /** With censoringModel "firth": the draws' Firth fits, for a FLIC run (MarginalOptions.firthFrom). */
  firthDraws?: FirthDrawFits;
}

function marginalPoint(rows: IpcwWeights["rows"], useIpcw: boolean, survivalTimes: readonly number[], rmstTimes: readonly number[]) {
  const w = rows.treated.map((t, r) => (t === 1 ? 1 : rows.entryOdds[r] * (useIpcw ? rows.truncated[r] : 1)));
  const km = kaplanMeierByGroup(rows.stop, rows.event, rows.treated.map((t) => (t === 1 ? "RT" : "no RT")), { start: rows.start, weights: w, robust: false, levels: ["no RT", "RT"] });
  const curves = km.curves.map((c) => ({ time: c.time, survival: c.survival }));
  const at = (c: { time: number[]; survival: number[] }, t: number) => {
    let s = 1;
    for (let k = 0; k < c.time.length && c.time[k] <= t; k++) s = c.survival[k];
    return s;
  };
  const values: [number, number][] = [];
  for (const t of survivalTimes) values.push([at(curves[0], t), at(curves[1], t)]);
  for (const tau of rmstTimes) {
    values.push(
      km.curves.map((c) => restrictedMeanOfCurve(c.time, c.nRisk, c.nEvent, c.survival, tau).rmst) as [number, number],
    );
  }
  return { values, curves };
}

/**
 * marginalPoint(rows, true, ...).values without the curves' intervals: the same weighted
 * Kaplan-Meier engine (countingCurves, as kaplanMeierByGroup calls it with robust = false)
 * on the same columns, after the checks kaplanMeierByGroup makes (an InputError where it
 * would throw one). For the bootstrap draws.
 */
function marginalValues(rows: IpcwWeights["rows"], survivalTimes: readonly number[], rmstTimes: readonly number[]): [number, number][] {
  const n = rows.stop.length;
  const stop = Float64Array.from(rows.stop);
  const start = Float64Array.from(rows.start);
  const event = new Uint8Array(n);
  const w = new Float64Array(n);
  const codes = new Int32Array(n);
  let positive = false;
  for (let r = 0; r < n; r++) {
    const treated = rows.treated[r] === 1;
    const v = treated ? 1 : rows.entryOdds[r] * rows.truncated[r];
    if (!(v >= 0) || v === Infinity) throw new InputError("weights", r, v, "must be a finite number >= 0");
    if (v > 0) positive = true;
    w[r] = v;
    const e = rows.event[r];
    if (e !== 0 && e !== 1) throw new InputError("event", r, e, "must be 0 (censored) or 1 (event)");
    event[r] = e;
    if (!Number.isFinite(stop[r]) || stop[r] < 0) throw new InputError("time", r, stop[r], "must be a non-negative time");
    if (!Number.isFinite(start[r]) || !(start[r] < stop[r])) throw new InputError("start", r, start[r], "must be less than the row's time");
    codes[r] = treated ? 1 : 0;
  }
  if (n === 0) throw new InputError("time", null, null, "has no rows");
  if (!positive) throw new InputError("weights", null, null, "are all zero: at least one row needs a positive weight");
  let nTreated = 0;
  for (let r = 0; r < n; r++) nTreated += codes[r];
  if (nTreated === 0 || nTreated === n) throw new InputError("levels", null, null, "a group has no rows");
  const fits = countingCurves(stop, start, event, w, codes, 2, 1, false);
  const at = (c: CountingCurve, t: number) => {
    let s = 1;
    for (let k = 0; k < c.counts.time.length && c.counts.time[k] <= t; k++) s = c.estimates.survival[k];
    return s;
  };
  const values: [number, number][] = [];
  for (const t of survivalTimes) values.push([at(fits[0], t), at(fits[1], t)]);
  for (const tau of rmstTimes) {
    values.push(fits.map((c) => restrictedMeanOfCurve(c.counts.time, c.counts.nRisk, c.counts.nEvent, c.estimates.survival, tau).rmst) as [number, number]);
  }
  return values;
}

/**
 * The patients `pick`ed by a bootstrap draw (indices, with repeats) and their covariates, as new
 * patients: a patient drawn twice becomes two, with ids `<id>#<k>` (k = place in the draw).
 */
export function resampledTrialPatients(
  p: TrialPatients,
  cov: { names: string[]; columns: Record<string, number[]> },
  pick: readonly number[],
): { patients: TrialPatients; covariates: { names: string[]; columns: Record<string, number[]> } } {
  const patients: TrialPatients = {
    id: pick.map((i, k) => `${p.id[i]}#${k}`),
    os: pick.map((i) => p.os[i]),
    death: pick.map((i) => p.death[i]),
    firstProgression: pick.map((i) => p.firstProgression[i]),
    rtStart: pick.map((i) => p.rtStart[i]),
  };
  const columns: Record<string, number[]> = {};
  for (const k of cov.names) columns[k] = pick.map((i) => cov.columns[k][i]);
  return { patients, covariates: { names: cov.names, columns } };
}

/** Standardized survival and RMST differences of the IPCW sequential trials; see the file comment. */
export function sequentialTrialsMarginal(cohort: CohortData, options: MarginalOptions): MarginalResult {
  const starts = trialStarts(options.from, options.to, options.width);
  const truncate = options.truncate ?? [0.01, 0.99];
  const confLevel = options.confLevel ?? 0.95;
  for (const t of options.survivalTimes.concat(options.rmstTimes)) if (!(t > 0)) throw new InputError("horizon", null, t, "must be a positive number of months");
  if (!Number.isInteger(options.bootstrap) || options.bootstrap < 0) throw new InputError("bootstrap", null, options.bootstrap, "must be a whole number >= 0");
  const p = trialPatients(cohort);
  const allCov = biasCovariates(cohort);
  const exclude = options.excludeCovariates ?? [];
  for (const name of exclude) if (!allCov.names.includes(name)) throw new InputError("excludeCovariates", null, name, `\`${name}\` is not a covariate of the censoring model (${allCov.names.join(", ")})`);
  const cov = { ...allCov, names: allCov.names.filter((name) => !exclude.includes(name)) };
  const complete = p.os.map((_, i) => i).filter((i) => cov.complete[i]);
  const censoringModel = options.censoringModel ?? "ml";
  const { weights, firthCoef } = ipcwWeightsOf(p, cov, starts, options.width, truncate, (i) => cov.complete[i], true, censoringModel);
  // Firth's fit of a draw starts from the full data's Firth estimate (same estimate, fewer steps), FLIC's too (then its intercept is refitted).
  const firthStart = firthCoef as number[];
  const nRows = weights.censoringModel.n;
  const kept: FirthDrawFits | undefined =
    censoringModel === "firth" ? { seed: options.seed, bootstrap: options.bootstrap, starts, width: options.width, covariates: cov.names.slice(), patients: complete.length, rows: nRows, start: firthStart.slice(), fits: new Array(options.bootstrap).fill(undefined) } : undefined;
  const reused = options.firthFrom === undefined ? undefined : firthDrawsFrom(options.firthFrom, censoringModel, { seed: options.seed, bootstrap: options.bootstrap, starts, width: options.width, covariates: cov.names, patients: complete.length, rows: nRows, start: firthStart });
  let drawNumber = 0;
  const fitCensoring =
    censoringModel === "firth"
      ? (d: MarginalBootstrapPlan["censoring"], m: ArrayLike<number>) => {
          const fit = firthLogisticBlocks(d, m, { start: firthStart });
          (kept as FirthDrawFits).fits[drawNumber] = fit === null ? null : { coef: Float64Array.from(fit.coef), deviance: fit.deviance, iterations: fit.iterations, converged: fit.converged };
          return fit;
        }
      : censoringModel === "flic"
        ? (d: MarginalBootstrapPlan["censoring"], m: ArrayLike<number>) => {
            const firth = reused?.fits[drawNumber];
            if (firth === undefined) return flicLogisticBlocks(d, m, firthStart);
            return firth === null ? null : flicFromFirthBlocks(d, m, { coef: firth.coef, eta: blockLinearPredictor(d, firth.coef), deviance: firth.deviance, iterations: firth.iterations, converged: firth.converged });
          }
        : undefined;
  const main = marginalPoint(weights.rows, true, options.survivalTimes, options.rmstTimes);
  const plain = marginalPoint(weights.rows, false, options.survivalTimes, options.rmstTimes);
  const draws: number[][] = main.values.map(() => []);
  const rng = seedrandom(options.seed);
  let failedDraws = 0;
  const plan = options.bootstrap > 0 ? marginalBootstrapPlan(p, cov, starts, options.width, truncate, (i) => cov.complete[i]) : null;
  const multiplicity = new Float64Array(p.os.length);
  const separationTolerance = options.separationTolerance ?? SEPARATION_TOLERANCE;
  if (!(separationTolerance > 0 && separationTolerance < 0.5)) throw new InputError("separationTolerance", null, separationTolerance, "must be a number between 0 and 0.5");
  const separation: DrawSeparation[] = [];
  const drawIndex: number[] = [];
  for (let b = 0; b < options.bootstrap; b++) {
    drawNumber = b;
    const pick = complete.map(() => complete[Math.floor(rng() * complete.length)]);
    multiplicity.fill(0);
    for (const i of pick) multiplicity[i]++;
    const fast = marginalBootstrapDraw(plan as MarginalBootstrapPlan, multiplicity, options.survivalTimes, options.rmstTimes, fitCensoring);
    if (fast !== null) {
      drawIndex.push(b);
      fast.forEach((x, j) => draws[j].push(x[1] - x[0]));
      separation.push(fastDrawSeparation(plan as MarginalBootstrapPlan, multiplicity, cov.names, separationTolerance));
      continue;
    }
    // The draws the plain path cannot take: the procedure redone on the resampled patients.
    const { patients: bp, covariates: bc } = resampledTrialPatients(p, cov, pick);
    try {
      const bw = ipcwWeightsOf(bp, bc, starts, options.width, truncate, undefined, false, censoringModel).weights;
      const v = marginalValues(bw.rows, options.survivalTimes, options.rmstTimes);
      drawIndex.push(b);
      v.forEach((x, j) => draws[j].push(x[1] - x[0]));
      separation.push(redoneDrawSeparation(plan as MarginalBootstrapPlan, multiplicity, cov.names, bw.censoringModel, bw.rows, separationTolerance));
    } catch (error) {
      if (!(error instanceof InputError || error instanceof FitError)) throw error;
      failedDraws++;
    }
  }
  const alpha = (1 - confLevel) / 2;
  type Measure = ["survival" | "rmst", number];
  const measures: Measure[] = options.survivalTimes.map((t): Measure => ["survival", t]).concat(options.rmstTimes.map((t): Measure => ["rmst", t]));
  const estimates = measures.map(([measure, time], j) => {
    const d = draws[j].slice().sort((a, b) => a - b);
    const [without, withRt] = main.values[j];
    return {
      measure,
      time,
      without,
      with: withRt,
      difference: withRt - without,
      differenceUnweighted: plain.values[j][1] - plain.values[j][0],
      lower: d.length > 0 ? quantileSorted(d, alpha) : NaN,
      upper: d.length > 0 ? quantileSorted(d, 1 - alpha) : NaN,
      se: sampleStandardDeviation(draws[j]) ?? NaN,
    };
  });
  return {
    confLevel,
    bootstrap: options.bootstrap,
    failedDraws,
    seed: options.seed,
    estimates,
    curves: main.curves,
    weights,
    treated: weights.rows.treated.reduce((a, b) => a + b, 0),
    controlRows: weights.rows.treated.filter((t) => t === 0).length,
    draws: { differences: draws, separation, index: drawIndex },
    separationTolerance,
    censoringModel,
    ...(kept === undefined ? {} : { firthDraws: kept }),
  };
}

/** The Firth fits of `run` for a FLIC run with `mine` (its seed, draws, windows, covariates, data and Firth start); an InputError naming the first thing that differs. */
function firthDrawsFrom(run: MarginalResult, censoringModel: CensoringModelKind, mine: Omit<FirthDrawFits, "fits">): FirthDrawFits {
  const bad = (value: unknown, message: string) => new InputError("firthFrom", null, value, message);
  if (censoringModel !== "flic") throw bad(censoringModel, 'can only be given with censoringModel "flic"');
  const theirs = run.firthDraws;
  if (run.censoringModel !== "firth" || theirs === undefined) throw bad(run.censoringModel, 'must be a run with censoringModel "firth"');
  if (theirs.seed !== mine.seed) throw bad(theirs.seed, `must use this run's seed "${mine.seed}"`);
  if (theirs.bootstrap < mine.bootstrap) throw bad(theirs.bootstrap, `must have at least this run's ${mine.bootstrap} draws`);
  if (theirs.width !== mine.width || theirs.starts.length !== mine.starts.length || theirs.starts.some((u, j) => u !== mine.starts[j])) throw bad(`windows ${theirs.starts[0]} to ${theirs.starts[theirs.starts.length - 1]} by ${theirs.width}`, `must use this run's windows (${mine.starts[0]} to ${mine.starts[mine.starts.length - 1]} by ${mine.width})`);
  if (theirs.covariates.join(",") !== mine.covariates.join(",")) throw bad(theirs.covariates.join(", "), `must have this run's censoring-model covariates (${mine.covariates.join(", ")})`);
  if (theirs.patients !== mine.patients || theirs.rows !== mine.rows) throw bad(`${theirs.patients} patients, ${theirs.rows} trial rows`, `must be on this run's data (${mine.patients} patients, ${mine.rows} trial rows)`);
  if (theirs.start.length !== mine.start.length || theirs.start.some((c, j) => !Object.is(c, mine.start[j]))) throw bad(theirs.start.join(", "), "must be on this run's data: its Firth point estimate differs from this run's");
  return theirs;
}
