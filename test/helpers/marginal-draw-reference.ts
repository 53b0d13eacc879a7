/**
 * marginalBootstrapDraw as it was before its loops were reorganised (the factors per patient and
 * window computed at every piece, one Kaplan-Meier loop over both groups), and the largest control
 * weight as fastDrawSeparation read it from the packed weights: the reference for the test that
 * the new loops give the same doubles. Uses the plan's scratch as marginalBootstrapDraw does, so
 * give it a plan of its own.
 */
import { logisticBlocks } from "../../src/stats/logistic-blocks";
import type { LogisticBlockDesign, LogisticBlockFit } from "../../src/stats/logistic-blocks";
import { repeatedQuantileBounds } from "../../src/stats/truncate-weights";
import type { MarginalBootstrapPlan } from "../../src/clinical/marginal-bootstrap";

/** The largest packed control weight of the plan's last draw, read as fastDrawSeparation read it. */
export function maxControlWeightReference(plan: MarginalBootstrapPlan): number {
  let maxWeight = 0;
  const n = plan.scratch.nControl ?? 0;
  for (let k = 0; k < n; k++) if (plan.scratch.controlW[k] > maxWeight) maxWeight = plan.scratch.controlW[k];
  return maxWeight;
}

export function marginalBootstrapDrawReference(
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
  const patientExps = scratch.patientExp;
  for (let i = 0; i < patientExps.length; i++) {
    if (!(multiplicity[i] > 0)) continue;
    let covPart = dc[0];
    for (let c = 0; c < q; c++) covPart += dc[c + 1] * groupX[i * q + c];
    patientExps[i] = Math.exp(covPart);
  }
  let nControl = 0;
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
    const patientExp = patientExps[i];
    odds[k] = patientExp * windowExp[trials.window[k]];
    let w = 1;
    let j = trials.window[k] + 1;
    for (let r = first; r < end; r++, j++) {
      if (!Number.isFinite(w)) return null;
      weight[r] = w;
      controlW[nControl] = w;
      controlM[nControl++] = m;
      if (r + 1 < end) w *= plan.firstProgression[i] > starts[j] ? numFactor[j] * (1 + patientExp * windowExp[j]) : numFactor[j];
    }
  }
  if (nControl === 0) return null;
  scratch.nControl = nControl;
  const [lower, upper] = repeatedQuantileBounds(controlW, controlM, nControl, plan.truncate);
  // Weighted Kaplan-Meier per group, survfitkm's backward count.
  const curves = scratch.curves;
  for (const c of curves) {
    c.add.fill(0);
    c.remove.fill(0);
    c.events.fill(0);
    c.deaths.fill(0);
  }
  for (let k = 0; k < nRows; k++) {
    const m = multiplicity[trials.patient[k]];
    if (!(m > 0)) continue;
    const g = trials.treated[k];
    const c = curves[g];
    const end = plan.rowPieces[k + 1];
    for (let r = plan.rowPieces[k]; r < end; r++) {
      const w = g === 1 ? m : m * (odds[k] * Math.min(Math.max(weight[r], lower), upper));
      if (!(w >= 0) || w === Infinity) return null;
      const exit = plan.pieceExit[r];
      c.add[exit] += w;
      const entry = plan.pieceEntry[r];
      if (entry > 0) c.remove[entry - 1] += w;
      if (plan.pieceEvent[r] === 1) {
        c.events[exit] += w;
        c.deaths[exit] += m;
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
