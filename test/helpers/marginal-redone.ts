/**
 * The marginal comparison of the sequential target trials redone from scratch on resampled
 * patients (resampledTrialPatients, ipcwWeights, kaplanMeierByGroup, restrictedMeanOfCurve):
 * the reference the bootstrap's faster draw path is tested against.
 */
import { ipcwWeights, resampledTrialPatients } from "../../src/clinical/sequential-trials-ipcw";
import { trialStarts } from "../../src/clinical/sequential-trials";
import { kaplanMeierByGroup } from "../../src/survival/kaplan-meier";
import { restrictedMeanOfCurve } from "../../src/survival/restricted-mean";

type Patients = Parameters<typeof resampledTrialPatients>[0];
type Covariates = Parameters<typeof resampledTrialPatients>[1];

/** [without RT, with RT] per measure: survival at each of `survivalTimes`, then the restricted mean to each of `rmstTimes`; the censoring model by ML, Firth or FLIC. */
export function marginalRedone(
  patients: Patients,
  covariates: Covariates,
  pick: number[],
  grid: { from: number; to: number; width: number },
  survivalTimes: number[],
  rmstTimes: number[],
  censoringModel: "ml" | "firth" | "flic" = "ml",
): [number, number][] {
  const { patients: bp, covariates: bc } = resampledTrialPatients(patients, covariates, pick);
  const rows = ipcwWeights(bp, bc, trialStarts(grid.from, grid.to, grid.width), grid.width, [0.01, 0.99], undefined, censoringModel).weights.rows;
  const w = rows.treated.map((t, r) => (t === 1 ? 1 : rows.entryOdds[r] * rows.truncated[r]));
  const km = kaplanMeierByGroup(rows.stop, rows.event, rows.treated.map((t) => (t === 1 ? "RT" : "no RT")), { start: rows.start, weights: w, robust: false, levels: ["no RT", "RT"] });
  const at = (c: { time: number[]; survival: number[] }, t: number) => {
    let s = 1;
    for (let k = 0; k < c.time.length && c.time[k] <= t; k++) s = c.survival[k];
    return s;
  };
  return survivalTimes
    .map((t): [number, number] => [at(km.curves[0], t), at(km.curves[1], t)])
    .concat(rmstTimes.map((tau) => km.curves.map((c) => restrictedMeanOfCurve(c.time, c.nRisk, c.nEvent, c.survival, tau).rmst) as [number, number]));
}
