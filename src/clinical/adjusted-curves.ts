/**
 * Covariate-adjusted overall survival by exposure in the landmark population of a propensity
 * analysis (the same patients, exposure and time from the landmark): a Cox model of death on
 * the exposure and the bias covariates, then direct standardization (coxAdjustedSurvival):
 * the average over these patients of each one's predicted curve with the exposure set to 0,
 * then to 1. R:
 *   fit <- coxph(Surv(time, death) ~ rt + covariates, ties = "efron")
 *   rowMeans(survfit(fit, newdata = transform(rows, rt = v))$surv)
 * The curves are what the landmark population's survival would be without and with RT if
 * the model held and the covariates captured every reason for RT.
 *
 * @example
 * adjustedCurves(cohort, propensityAnalysis(cohort, { landmark: 6 })).curves.curves[1].survival;
 */
import { coxPH } from "../survival/cox";
import { coxAdjustedSurvival } from "../survival/cox-survival";
import type { CoxAdjustedSurvivalResult } from "../survival/cox-survival";
import { armEffect } from "./arm-effect";
import type { ArmEffect } from "./arm-effect";
import type { CohortData } from "./arms";
import { cohortArms } from "./arms";
import { biasCovariates, covariateRows } from "./bias-covariates";
import type { PropensityAnalysisResult } from "./propensity-analysis";

export interface AdjustedCurvesResult {
  /** The adjusted Cox model's exposure term. */
  effect: ArmEffect;
  curves: CoxAdjustedSurvivalResult;
  /** Adjusted survival at each requested time (months from the landmark): [unexposed, exposed]. */
  at: { time: number; survival: [number, number] }[];
}

function valueAt(time: number[], surv: number[], t: number): number {
  let s = 1;
  for (let k = 0; k < time.length && time[k] <= t; k++) s = surv[k];
  return s;
}

/** Adjusted curves; see the file comment. */
export function adjustedCurves(cohort: CohortData, ps: PropensityAnalysisResult, options: { times?: number[]; confLevel?: number } = {}): AdjustedCurvesResult {
  const arms = cohortArms(cohort);
  const x: Record<string, number[]> = { rt: ps.treated, ...covariateRows(biasCovariates(cohort), ps.rows) };
  const fit = coxPH(ps.time, ps.death, x, { confLevel: options.confLevel });
  const curves = coxAdjustedSurvival(fit, x, { column: "rt", values: [0, 1], labels: [arms[0], arms[1]], confLevel: options.confLevel });
  const at = (options.times ?? []).map((t) => ({
    time: t,
    survival: [valueAt(curves.curves[0].time, curves.curves[0].survival, t), valueAt(curves.curves[1].time, curves.curves[1].survival, t)] as [number, number],
  }));
  return { effect: armEffect(fit, "rt", `adjusted Cox, landmark ${ps.landmark} months`), curves, at };
}
