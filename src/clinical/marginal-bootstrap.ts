/**
 * The bootstrap draws of sequentialTrialsMarginal (src/clinical/sequential-trials-ipcw.ts)
 * without rebuilding the trials for every draw. A draw of patients with replacement is the
 * whole procedure on the data in which patient i appears m_i times (m_i = how often it was
 * drawn); every step of the procedure treats the copies of a patient alike, so it equals
 * the procedure on the original rows with every row of patient i counted m_i times:
 * - the trial rows, the numerator rows and the (start, stop] pieces of the controls are
 *   built once, from all patients (`marginalBootstrapPlan`);
 * - both logistic models are fitted with the multiplicities as whole-row repeats
 *   (logisticBlocks: glm's iterations on the repeated data, normal equations per patient);
 * - the censoring factors (1 - num(u)) / (1 - den_i(u)) and the pieces' running products
 *   are those of ipcwWeights, for the drawn patients;
 * - truncation at the type-7 quantiles of the repeated control pieces (repeatedQuantileBounds);
 * - the weighted Kaplan-Meier curves (weight m_i x entry odds x truncated IPCW for controls,
 *   m_i for RT starters) on a time grid built once (R's timefix merge, as countingCurves),
 *   with survfitkm's backward count of the number at risk; survival at the horizons and the
 *   restricted means as restrictedMeanOfCurve.
 * The values agree with the procedure redone on the resampled patients to rounding (the
 * sums are added in another order): test/clinical/marginal-bootstrap.test.ts checks 1e-10.
 * A draw the plain path cannot take (a model glm would fit another way: near-collinear
 * columns, step halving; no RT start drawn; a weight that is not finite) returns null, and
 * the caller redoes it the original way, which also decides whether the draw fails.
 *
 * @example
 * const plan = marginalBootstrapPlan(p, cov, starts, 0.25, [0.01, 0.99], (i) => cov.complete[i]);
 * marginalBootstrapDraw(plan, multiplicity, [12, 24], [24, 60]); // [without, with] per measure, or null
 */
import { logisticBlocks } from "../stats/logistic-blocks";
import type { LogisticBlockDesign, LogisticBlockFit } from "../stats/logistic-blocks";
import { repeatedQuantileBounds } from "../stats/truncate-weights";
import { timeGrid } from "../survival/counting-process";
import { sequentialTrialRows } from "./sequential-trials";
import type { TrialPatients, TrialRows } from "./sequential-trials";

/** What every draw shares: the trial rows, both models' designs, the pieces and the time grid. */
export interface MarginalBootstrapPlan {
  starts: readonly number[];
  truncate: [number, number];
  trials: TrialRows;
  /** Censoring (= entry) model: patient covariates + (s, s^2) on the trial rows. */
  censoring: LogisticBlockDesign;
  /** Numerator model: (u, u^2); one row per window and outcome (start RT in the window or not), repeated by the draw. */
  numerator: LogisticBlockDesign;
  /** Every patient-window alive and not yet on RT: its patient and its row of `numerator`. */
  numeratorPatient: Int32Array;
  numeratorPattern: Int32Array;
  /** Per patient: first progression (a progressed control's factor has no censoring part). */
  firstProgression: Float64Array;
  /** Pieces: trial row, entry and exit index on its curve, event, group (1 = RT starter). */
  pieceRow: Int32Array;
  pieceEvent: Uint8Array;
  pieceEntry: Int32Array;
  pieceExit: Int32Array;
  /** Per trial row: its first piece (pieces of a row are consecutive; rowPieces[k + 1] ends them). */
  rowPieces: Int32Array;
  /** Curve times of the two curves (0 = without RT, 1 = with RT). */
  curveTimes: [Float64Array, Float64Array];
  /** Work space of the draws (one draw at a time). */
  scratch: MarginalDrawScratch;
}

export interface MarginalDrawScratch {
  /** Per piece: IPCW weight before truncation; the controls' weights and multiplicities, packed. */
  weight: Float64Array;
  controlW: Float64Array;
  controlM: Float64Array;
  /** Per trial row: entry odds. */
  odds: Float64Array;
  /** Per patient: exp of the censoring model's intercept + covariate part (drawn patients only). */
  patientExp: Float64Array;
  /** Per patient and window (row-major, drawn patients only): the censoring factor (1 - num(u_j)) / (1 - den_i(u_j)), or 1 - num(u_j) once progressed. */
  factor: Float64Array;
  /** Per curve time: weights entering and leaving the risk set (survfitkm's backward count), events, number at risk, survival. */
  curves: { add: Float64Array; remove: Float64Array; events: Float64Array; deaths: Float64Array; nRisk: Float64Array; survival: Float64Array }[];
  /** The last draw's censoring-model fit and number of control pieces (`controlW` holds their weights): read by the separation diagnostics. */
  censoringFit?: LogisticBlockFit;
  nControl?: number;
  /** The largest of those weights (0 when there are none). */
  maxControlWeight?: number;
}

/**
 * The pooled trials of the patients `include`d (all when omitted) and everything the draws
 * need from them; see the file comment.
 */
export function marginalBootstrapPlan(
  p: TrialPatients,
  cov: { names: string[]; columns: Record<string, number[]> },
  starts: readonly number[],
  width: number,
  truncate: [number, number],
  include?: (i: number) => boolean,
): MarginalBootstrapPlan {
  const nPatients = p.os.length;
  const trials = sequentialTrialRows(p, starts, width, include);
  const nRows = trials.time.length;
  const q = cov.names.length;
  const groupX = new Float64Array(nPatients * q);
  for (let i = 0; i < nPatients; i++) for (let c = 0; c < q; c++) groupX[i * q + c] = cov.columns[cov.names[c]][i];
  const censoring: LogisticBlockDesign = {
    groups: nPatients,
    groupX,
    groupTerms: q,
    group: Int32Array.from(trials.patient),
    y: Uint8Array.from(trials.treated),
    pattern: Int32Array.from(trials.window),
    patternX: Float64Array.from(starts.flatMap((s) => [s, s * s])),
    rowTerms: 2,
  };
  // Numerator rows (every patient-window alive and not yet on RT) differ only in (u, y):
  // one row per window and outcome, repeated as often as its drawn patients.
  const numeratorRows: number[] = [];
  const numeratorPattern: number[] = [];
  starts.forEach((u, j) => {
    for (let i = 0; i < nPatients; i++) {
      if (include !== undefined && !include(i)) continue;
      const r = p.rtStart[i];
      if (!(p.os[i] > u && (Number.isNaN(r) || r >= u))) continue;
      numeratorRows.push(i);
      numeratorPattern.push(2 * j + (!Number.isNaN(r) && r < u + width ? 1 : 0));
    }
  });
  const nPatterns = 2 * starts.length;
  const numerator: LogisticBlockDesign = {
    groups: nPatterns,
    groupX: new Float64Array(0),
    groupTerms: 0,
    group: Int32Array.from({ length: nPatterns }, (_, g) => g),
    y: Uint8Array.from({ length: nPatterns }, (_, g) => g % 2),
    pattern: Int32Array.from({ length: nPatterns }, (_, g) => g >> 1),
    patternX: censoring.patternX,
    rowTerms: 2,
  };
  // The (start, stop] pieces, as ipcwWeights splits them.
  const pieceRow: number[] = [];
  const pieceStart: number[] = [];
  const pieceStop: number[] = [];
  const pieceEvent: number[] = [];
  const rowPieces = new Int32Array(nRows + 1);
  for (let k = 0; k < nRows; k++) {
    rowPieces[k] = pieceRow.length;
    const s = trials.start[k];
    const t = trials.time[k];
    const push = (a: number, b: number, ev: number) => {
      pieceRow.push(k);
      pieceStart.push(a);
      pieceStop.push(b);
      pieceEvent.push(ev);
    };
    if (trials.treated[k] === 1) {
      push(0, t, trials.event[k]);
      continue;
    }
    let a = 0;
    for (let j = trials.window[k] + 1; j < starts.length; j++) {
      const u = starts[j] - s;
      if (!(u < t)) break;
      push(a, u, 0);
      a = u;
    }
    push(a, t, trials.event[k]);
  }
  rowPieces[nRows] = pieceRow.length;
  const nPieces = pieceRow.length;
  // One time grid for both curves, as countingCurves builds it; each curve's times are the distinct stop times of its rows.
  const grid = timeGrid(Float64Array.from(pieceStop), Float64Array.from(pieceStart), true);
  const nRank = grid.times.length;
  const curveTimes: Float64Array[] = [];
  const curveOfRank: Int32Array[] = [];
  const pieceEntry = new Int32Array(nPieces);
  const pieceExit = new Int32Array(nPieces);
  for (const g of [0, 1]) {
    const isStop = new Uint8Array(nRank);
    for (let r = 0; r < nPieces; r++) if (trials.treated[pieceRow[r]] === g) isStop[grid.stopRank[r]] = 1;
    // index of each rank's curve time (stop ranks) and, for every rank, the number of curve times at or below it
    const upTo = new Int32Array(nRank);
    const times: number[] = [];
    for (let r = 0; r < nRank; r++) {
      if (isStop[r] === 1) times.push(grid.times[r]);
      upTo[r] = times.length;
    }
    curveTimes.push(Float64Array.from(times));
    curveOfRank.push(upTo);
  }
  for (let r = 0; r < nPieces; r++) {
    const upTo = curveOfRank[trials.treated[pieceRow[r]]];
    pieceExit[r] = upTo[grid.stopRank[r]] - 1;
    pieceEntry[r] = upTo[(grid.startRank as Int32Array)[r]];
  }
  return {
    starts,
    truncate,
    trials,
    censoring,
    numerator,
    numeratorPatient: Int32Array.from(numeratorRows),
    numeratorPattern: Int32Array.from(numeratorPattern),
    firstProgression: Float64Array.from(p.firstProgression),
    pieceRow: Int32Array.from(pieceRow),
    pieceEvent: Uint8Array.from(pieceEvent),
    pieceEntry,
    pieceExit,
    rowPieces,
    curveTimes: curveTimes as [Float64Array, Float64Array],
    scratch: {
      weight: new Float64Array(nPieces),
      controlW: new Float64Array(nPieces),
      controlM: new Float64Array(nPieces),
      odds: new Float64Array(nRows),
      patientExp: new Float64Array(censoring.groups),
      factor: new Float64Array(censoring.groups * starts.length),
      curves: curveTimes.map((t) => ({ add: new Float64Array(t.length), remove: new Float64Array(t.length), events: new Float64Array(t.length), deaths: new Float64Array(t.length), nRisk: new Float64Array(t.length), survival: new Float64Array(t.length) })),
    },
  };
}

/**
 * One draw: survival at each of `survivalTimes` and restricted mean survival to each of
 * `rmstTimes`, [without RT, with RT], for the patients repeated `multiplicity[i]` times; null
 * when the draw must be redone the original way (see the file comment). `fitCensoring` fits
 * the censoring model (default logisticBlocks, maximum likelihood; firthLogisticBlocks for
 * the Firth sensitivity analysis).
 */
export function marginalBootstrapDraw(
  plan: MarginalBootstrapPlan,
  multiplicity: ArrayLike<number>,
  survivalTimes: readonly number[],
  rmstTimes: readonly number[],
  fitCensoring: (design: LogisticBlockDesign, multiplicity: ArrayLike<number>) => LogisticBlockFit | null = logisticBlocks,
): [number, number][] | null {
  const { trials, starts } = plan;
  const nRows = trials.time.length;
  let anyTreated = false;
  for (let k = 0; k < nRows; k++) {
    if (trials.treated[k] === 1 && multiplicity[trials.patient[k]] > 0) {
      anyTreated = true;
      break;
    }
  }
  if (!anyTreated) return null;
  const den = fitCensoring(plan.censoring, multiplicity);
  if (den === null) return null;
  plan.scratch.censoringFit = den;
  const patternCount = new Float64Array(plan.numerator.groups);
  for (let r = 0; r < plan.numeratorPatient.length; r++) patternCount[plan.numeratorPattern[r]] += multiplicity[plan.numeratorPatient[r]];
  const num = logisticBlocks(plan.numerator, patternCount);
  if (num === null) return null;
  const nStarts = starts.length;
  const numFactor = new Float64Array(nStarts);
  for (let j = 0; j < nStarts; j++) {
    const u = starts[j];
    numFactor[j] = 1 - 1 / (1 + Math.exp(-(num.coef[0] + num.coef[1] * u + num.coef[2] * (u * u))));
  }
  // den's linear predictor is its covariate part (per patient) plus its part in u (per
  // window): exp of each once. A control's factor at window j is
  // (1 - num(u_j)) / (1 - den_i(u_j)) = (1 - num(u_j)) (1 + exp(eta_ij)) while free of
  // progression, 1 - num(u_j) after; its entry odds den / (1 - den) = exp(eta).
  const dc = den.coef;
  const q = plan.censoring.groupTerms;
  const groupX = plan.censoring.groupX;
  const windowExp = new Float64Array(nStarts);
  for (let j = 0; j < nStarts; j++) windowExp[j] = Math.exp(dc[q + 1] * starts[j] + dc[q + 2] * (starts[j] * starts[j]));
  const scratch = plan.scratch;
  const { weight, controlW, controlM, odds } = scratch;
  // exp of each drawn patient's covariate part, once per patient (the trial rows come window by window).
  // With it, each drawn patient's factor at every window (the same for all its trial rows).
  const patientExps = scratch.patientExp;
  const factors = scratch.factor;
  const firstProgression = plan.firstProgression;
  for (let i = 0; i < patientExps.length; i++) {
    if (!(multiplicity[i] > 0)) continue;
    let covPart = dc[0];
    for (let c = 0; c < q; c++) covPart += dc[c + 1] * groupX[i * q + c];
    const patientExp = Math.exp(covPart);
    patientExps[i] = patientExp;
    const at = i * nStarts;
    for (let j = 0; j < nStarts; j++) factors[at + j] = firstProgression[i] > starts[j] ? numFactor[j] * (1 + patientExp * windowExp[j]) : numFactor[j];
  }
  let nControl = 0;
  let maxControlWeight = 0;
  for (let k = 0; k < nRows; k++) {
    const i = trials.patient[k];
    const m = multiplicity[i];
    if (!(m > 0)) continue;
    const first = plan.rowPieces[k];
    const end = plan.rowPieces[k + 1];
    if (trials.treated[k] === 1) {
      weight[first] = 1;
      continue;
    }
    odds[k] = patientExps[i] * windowExp[trials.window[k]];
    const at = i * nStarts;
    let w = 1;
    let j = trials.window[k] + 1;
    for (let r = first; r < end; r++, j++) {
      if (!Number.isFinite(w)) return null;
      weight[r] = w;
      controlW[nControl] = w;
      controlM[nControl++] = m;
      if (w > maxControlWeight) maxControlWeight = w;
      if (r + 1 < end) w *= factors[at + j];
    }
  }
  if (nControl === 0) return null;
  scratch.nControl = nControl;
  scratch.maxControlWeight = maxControlWeight;
  const [lower, upper] = repeatedQuantileBounds(controlW, controlM, nControl, plan.truncate);
  // Weighted Kaplan-Meier per group, survfitkm's backward count.
  const curves = scratch.curves;
  for (const c of curves) {
    c.add.fill(0);
    c.remove.fill(0);
    c.events.fill(0);
    c.deaths.fill(0);
  }
  const { pieceExit, pieceEntry, pieceEvent, rowPieces } = plan;
  const treated = trials.treated;
  const patient = trials.patient;
  // The two curves' arrays as locals; each curve takes its group's rows in row order, as before.
  const { add: add0, remove: remove0, events: events0, deaths: deaths0 } = curves[0];
  const { add: add1, remove: remove1, events: events1, deaths: deaths1 } = curves[1];
  for (let k = 0; k < nRows; k++) {
    const m = multiplicity[patient[k]];
    if (!(m > 0)) continue;
    const end = rowPieces[k + 1];
    if (treated[k] === 1) {
      for (let r = rowPieces[k]; r < end; r++) {
        const w = m;
        if (!(w >= 0) || w === Infinity) return null;
        const exit = pieceExit[r];
        add1[exit] += w;
        const entry = pieceEntry[r];
        if (entry > 0) remove1[entry - 1] += w;
        if (pieceEvent[r] === 1) {
          events1[exit] += w;
          deaths1[exit] += m;
        }
      }
      continue;
    }
    const o = odds[k];
    for (let r = rowPieces[k]; r < end; r++) {
      const w = m * (o * Math.min(Math.max(weight[r], lower), upper));
      if (!(w >= 0) || w === Infinity) return null;
      const exit = pieceExit[r];
      add0[exit] += w;
      const entry = pieceEntry[r];
      if (entry > 0) remove0[entry - 1] += w;
      if (pieceEvent[r] === 1) {
        events0[exit] += w;
        deaths0[exit] += m;
      }
    }
  }
  const survival = curves.map((c) => {
    const t = c.nRisk.length;
    const nRisk = c.nRisk;
    let atRisk = 0;
    for (let j = t - 1; j >= 0; j--) {
      atRisk += c.add[j];
      atRisk -= c.remove[j];
      nRisk[j] = atRisk;
    }
    const s = c.survival;
    let km = 1;
    for (let j = 0; j < t; j++) {
      const wd = c.events[j];
      if (c.deaths[j] > 0 && wd > 0) km *= (nRisk[j] - wd) / nRisk[j];
      s[j] = km;
    }
    return s;
  });
  const values: [number, number][] = [];
  const at = (g: number, time: number) => {
    const times = plan.curveTimes[g];
    let s = 1;
    for (let k = 0; k < times.length && times[k] <= time; k++) s = survival[g][k];
    return s;
  };
  const rmst = (g: number, tau: number) => {
    const times = plan.curveTimes[g];
    let area = 0;
    let previous = 0;
    let height = 1;
    for (let k = 0; k < times.length && times[k] <= tau; k++) {
      area += (times[k] - previous) * height;
      previous = times[k];
      height = survival[g][k];
    }
    return area + (tau - previous) * height;
  };
  for (const t of survivalTimes) values.push([at(0, t), at(1, t)]);
  for (const tau of rmstTimes) values.push([rmst(0, tau), rmst(1, tau)]);
  return values;
}
