/**
 * A simulation study of δ-adjusted multiple imputation after loss to follow-up
 * (deltaAdjustedImputation, src/survival/delta-imputation.ts), approximately proper ("normal")
 * against fully proper ("bootstrap") parameter draws, on SIMULATED data with a known answer.
 *
 * Generator (simulateLossData; every data set simulated, seeded `${seedPrefix}{k}`): n patients,
 * arm = row mod 2, z uniform on (−2, 2) rounded to 0.01; cause-specific hazards constant in time,
 * event rate · armHazardRatio^arm · zHazardRatio^z and competingRate; loss to follow-up at rate
 * lossRate, independent of everything; administrative end uniform on endMonths (whole months).
 * After loss, the event hazard of arm-0 patients is deltaTrue times what it was (arm 1: unchanged;
 * the competing hazard: unchanged), so deltaTrue = 1 is loss at random and deltaTrue > 1 is the
 * informative loss δ-adjusted imputation assumes. Times are rounded up to 0.01 month. The complete
 * data (everyone followed to the administrative end) are kept beside the observed data.
 * True effects: with deltaTrue = 1 the arm's cause-specific log hazard ratio is log(armHazardRatio)
 * in both the observed and the complete data (the analysis model, Cox on arm and z, is correctly
 * specified). With deltaTrue ≠ 1 the complete data's hazards are not proportional in arm, so the
 * target is each data set's complete-data estimate (what the analysis would give without loss).
 *
 * Analysis per data set: deltaAdjustedImputation (δ applied to the lost rows of arm 0, term arm)
 * with each parameter draw over the same δ grid and seed `${seedPrefix}{k}/imputation`, beside
 * the observed-data and complete-data Cox estimates. Summaries per draw and δ (Morris, White and
 * Crowther, Stat Med 2019;38:2074): mean pooled log HR; bias against log(armHazardRatio) and
 * against the complete-data estimate (the mean paired difference), each with its Monte Carlo SE;
 * the empirical SE and the mean Rubin SE (and their ratio); coverage of log(armHazardRatio) by the
 * Rubin interval with its Monte Carlo SE √(c(1 − c)/S).
 *
 *   npx tsx src/cli/delta-imputation-simulations.ts [--datasets S] [--imputations M] [--delta-true D]
 *
 * @example
 * const s = runDeltaImputationSimulations({ ...DELTA_SIMULATION_SETTINGS, datasets: 20 });
 * s.rows.filter((r) => r.parameterDraw === "bootstrap" && r.delta === 1)[0].coverage; // of log 1.6
 */
import seedrandom from "seedrandom";
import { InputError } from "../core/index";
import { normalQuantile } from "../distributions/index";
import { coxTermEstimate, deltaAdjustedImputation } from "../survival/delta-imputation";
import type { DeltaImputationInput, ParameterDraw } from "../survival/delta-imputation";

export interface DeltaSimulationSettings {
  /** Data sets simulated (seeds `${seedPrefix}{k}`, k = 1..datasets). */
  datasets: number;
  seedPrefix: string;
  /** Patients per data set (arms alternate). */
  n: number;
  /** Event hazard per month in arm 0 at z = 0, and its hazard ratios for arm 1 and per unit of z. */
  eventRate: number;
  armHazardRatio: number;
  zHazardRatio: number;
  /** Competing-event and loss-to-follow-up hazards per month. */
  competingRate: number;
  lossRate: number;
  /** Administrative end of follow-up, uniform over these whole months. */
  endMonths: [number, number];
  /** The true hazard ratio of the event after loss in arm 0 (1: loss at random). */
  deltaTrue: number;
  /** The analysis: δ grid, imputations, parameter draws, confidence level. */
  deltas: number[];
  imputations: number;
  parameterDraws: ParameterDraw[];
  confLevel: number;
}

/** The settings of the run summarised in data/README.md (*δ-adjusted imputation: simulation check*). */
export const DELTA_SIMULATION_SETTINGS: DeltaSimulationSettings = {
  datasets: 2000,
  seedPrefix: "delta-sim-",
  n: 300,
  eventRate: 0.04,
  armHazardRatio: 1.6,
  zHazardRatio: 1.3,
  competingRate: 0.02,
  lossRate: 0.03,
  endMonths: [24, 60],
  deltaTrue: 1,
  deltas: [1, 2],
  imputations: 10,
  parameterDraws: ["normal", "bootstrap"],
  confLevel: 0.95,
};

/** One simulated data set: the observed data (with loss) and the complete data (no loss). */
export function simulateLossData(seed: string, s: Pick<DeltaSimulationSettings, "n" | "eventRate" | "armHazardRatio" | "zHazardRatio" | "competingRate" | "lossRate" | "endMonths" | "deltaTrue">): { observed: DeltaImputationInput; complete: { time: number[]; status: number[] } } {
  const rng = seedrandom(seed);
  const unitExp = () => -Math.log(1 - rng());
  const up = (t: number) => Math.ceil(t * 100) / 100;
  const time: number[] = [], status: number[] = [], arm: number[] = [], z: number[] = [], lost: boolean[] = [], end: number[] = [];
  const cTime: number[] = [], cStatus: number[] = [];
  for (let i = 0; i < s.n; i++) {
    const a = i % 2;
    const zi = Math.round((rng() * 4 - 2) * 100) / 100;
    const rate = s.eventRate * Math.pow(s.armHazardRatio, a) * Math.pow(s.zHazardRatio, zi);
    const loss = unitExp() / s.lossRate;
    const e1 = unitExp();
    const after = a === 0 ? s.deltaTrue : 1;
    // Event time with hazard `rate` up to the loss and `after · rate` beyond it.
    const t1 = rate * loss >= e1 ? e1 / rate : loss + (e1 - rate * loss) / (after * rate);
    const t2 = unitExp() / s.competingRate;
    const e = s.endMonths[0] + Math.floor(rng() * (s.endMonths[1] - s.endMonths[0] + 1));
    const [u1, u2, uLoss] = [up(t1), up(t2), up(loss)];
    // Complete data: followed to the administrative end.
    const ct = Math.min(u1, u2, e);
    cTime.push(ct);
    cStatus.push(u1 <= Math.min(u2, e) ? 1 : u2 <= e ? 2 : 0);
    const isLost = uLoss < ct;
    arm.push(a);
    z.push(zi);
    end.push(e);
    lost.push(isLost);
    time.push(isLost ? uLoss : ct);
    status.push(isLost ? 0 : cStatus[i]);
  }
  return { observed: { time, status, covariates: { arm, z }, lost, end }, complete: { time: cTime, status: cStatus } };
}

export interface DeltaSimulationRow {
  parameterDraw: ParameterDraw;
  delta: number;
  /** Data sets analysed. */
  datasets: number;
  meanLogHr: number;
  /** Mean pooled log HR − log(armHazardRatio), and its Monte Carlo SE. */
  biasTruth: number;
  biasTruthMcse: number;
  /** Mean of (pooled log HR − the same data set's complete-data log HR), and its Monte Carlo SE. */
  biasComplete: number;
  biasCompleteMcse: number;
  /** SD of the pooled log HRs over data sets, the mean Rubin SE, their ratio. */
  empiricalSe: number;
  meanRubinSe: number;
  seRatio: number;
  /** Share of Rubin intervals containing log(armHazardRatio), and its Monte Carlo SE. */
  coverage: number;
  coverageMcse: number;
  /** Mean Monte Carlo SE of the pooled log HR within a data set (√(B/m)) and mean between-imputation variance B. */
  meanWithinMcse: number;
  meanBetween: number;
}

export interface DeltaSimulationReport {
  settings: DeltaSimulationSettings;
  trueLogHr: number;
  /** The complete-data and observed-data Cox estimates (no imputation), summarised the same way (biasComplete of the complete data is 0). */
  complete: { meanLogHr: number; biasTruth: number; biasTruthMcse: number; empiricalSe: number; meanSe: number; coverage: number; coverageMcse: number };
  observed: { meanLogHr: number; biasTruth: number; biasTruthMcse: number; biasComplete: number; biasCompleteMcse: number; empiricalSe: number; meanSe: number; coverage: number; coverageMcse: number };
  /** Mean share of rows lost per data set. */
  meanLostShare: number;
  /** Bootstrap resamples replaced (models could not be fitted), over every data set and imputation. */
  resamplesReplaced: number;
  rows: DeltaSimulationRow[];
}

const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const sd = (v: readonly number[]) => {
  const m = mean(v);
  return Math.sqrt(v.reduce((a, b) => a + (b - m) * (b - m), 0) / (v.length - 1));
};

/** Runs the simulation study (see the file comment). */
export function runDeltaImputationSimulations(settings: DeltaSimulationSettings): DeltaSimulationReport {
  const s = settings;
  if (!Number.isInteger(s.datasets) || s.datasets < 2) throw new InputError("datasets", null, s.datasets, "must be a whole number ≥ 2");
  const truth = Math.log(s.armHazardRatio);
  const z = normalQuantile(0.5 + s.confLevel / 2);
  const completeEst: { coef: number; se: number }[] = [];
  const observedEst: { coef: number; se: number }[] = [];
  const lostShare: number[] = [];
  let resamplesReplaced = 0;
  const per = s.parameterDraws.map(() => s.deltas.map(() => [] as { coef: number; lower: number; upper: number; se: number; mcse: number; between: number }[]));
  for (let k = 1; k <= s.datasets; k++) {
    const d = simulateLossData(`${s.seedPrefix}${k}`, s);
    const x = [d.observed.covariates.arm, d.observed.covariates.z];
    completeEst.push(coxTermEstimate(d.complete.time, d.complete.status, x, 0));
    observedEst.push(coxTermEstimate(d.observed.time, d.observed.status, x, 0));
    lostShare.push(d.observed.lost.filter((l) => l).length / s.n);
    const deltaRows = d.observed.covariates.arm.map((a) => a === 0);
    s.parameterDraws.forEach((pd, p) => {
      const r = deltaAdjustedImputation(d.observed, { deltas: s.deltas, imputations: s.imputations, seed: `${s.seedPrefix}${k}/imputation`, deltaRows, confLevel: s.confLevel, parameterDraw: pd });
      resamplesReplaced += r.resamplesReplaced;
      r.rows.forEach((row, q) => per[p][q].push({ coef: row.coef, lower: Math.log(row.lower), upper: Math.log(row.upper), se: row.se, mcse: row.monteCarloSe, between: row.between }));
    });
  }
  const S = s.datasets;
  const cover = (hits: number) => ({ c: hits / S, mcse: Math.sqrt(((hits / S) * (1 - hits / S)) / S) });
  const summariseFixed = (est: { coef: number; se: number }[]) => {
    const coefs = est.map((e) => e.coef);
    const c = cover(est.filter((e) => Math.abs(e.coef - truth) <= z * e.se).length);
    return { meanLogHr: mean(coefs), biasTruth: mean(coefs) - truth, biasTruthMcse: sd(coefs) / Math.sqrt(S), empiricalSe: sd(coefs), meanSe: mean(est.map((e) => e.se)), coverage: c.c, coverageMcse: c.mcse };
  };
  const paired = (coefs: number[]) => {
    const diff = coefs.map((c, k) => c - completeEst[k].coef);
    return { biasComplete: mean(diff), biasCompleteMcse: sd(diff) / Math.sqrt(S) };
  };
  const rows: DeltaSimulationRow[] = [];
  s.parameterDraws.forEach((pd, p) =>
    s.deltas.forEach((delta, q) => {
      const v = per[p][q];
      const coefs = v.map((e) => e.coef);
      const c = cover(v.filter((e) => e.lower <= truth && truth <= e.upper).length);
      const empiricalSe = sd(coefs);
      const meanRubinSe = mean(v.map((e) => e.se));
      rows.push({
        parameterDraw: pd,
        delta,
        datasets: S,
        meanLogHr: mean(coefs),
        biasTruth: mean(coefs) - truth,
        biasTruthMcse: empiricalSe / Math.sqrt(S),
        ...paired(coefs),
        empiricalSe,
        meanRubinSe,
        seRatio: meanRubinSe / empiricalSe,
        coverage: c.c,
        coverageMcse: c.mcse,
        meanWithinMcse: mean(v.map((e) => e.mcse)),
        meanBetween: mean(v.map((e) => e.between)),
      });
    }),
  );
  return {
    settings: s,
    trueLogHr: truth,
    complete: summariseFixed(completeEst),
    observed: { ...summariseFixed(observedEst), ...paired(observedEst.map((e) => e.coef)) },
    meanLostShare: mean(lostShare),
    resamplesReplaced,
    rows,
  };
}
