/**
 * Overall survival by exposure in a propensity-weighted landmark population
 * (propensityAnalysis): weighted Kaplan-Meier curves (robust, infinitesimal-jackknife
 * standard errors, R's survfit(..., weights = w, robust = TRUE)) and the weighted Cox model
 * with the robust (sandwich) variance clustered on the patient, R's
 *   coxph(Surv(time, death) ~ rt, weights = w, cluster = id, ties = "efron")
 * (the model-based variance ignores that the weights were estimated and is too small).
 * Time counts from the landmark. `weights` replaces the analysis's own weights of `weighting`
 * (e.g. truncated ones, weightingSummary), `label` names them.
 *
 * @example
 * const ps = propensityAnalysis(cohort, { landmark: 6 });
 * weightedComparison(cohort, ps, "overlap").effect.hazardRatio;
 */
import { coxPH } from "../survival/cox";
import { kaplanMeierByGroup } from "../survival/kaplan-meier";
import type { KaplanMeierByGroupResult } from "../survival/kaplan-meier";
import { armEffect } from "./arm-effect";
import type { ArmEffect } from "./arm-effect";
import type { CohortData } from "./arms";
import { cohortArms } from "./arms";
import type { PropensityAnalysisResult, PropensityWeighting } from "./propensity-analysis";

export interface WeightedComparisonResult {
  weighting: PropensityWeighting;
  /** Group labels of the curves: [no RT by the landmark, RT by the landmark], named after the cohort's arms. */
  groups: string[];
  km: KaplanMeierByGroupResult;
  effect: ArmEffect;
}

/** Weighted curves and Cox model of a propensity analysis; see the file comment. */
export function weightedComparison(
  cohort: CohortData,
  ps: PropensityAnalysisResult,
  weighting: PropensityWeighting,
  options: { confLevel?: number; weights?: readonly number[]; label?: string } = {},
): WeightedComparisonResult {
  const arms = cohortArms(cohort);
  const groups = [arms[0], arms[1]];
  const w = options.weights === undefined ? ps.weights[weighting].weights : options.weights.slice();
  if (w.length !== ps.rows.length) throw new Error(`weightedComparison: ${w.length} weights for ${ps.rows.length} rows`);
  const id = ps.rows.map((i) => cohort.fields.patient_id[i]);
  const label = ps.treated.map((t) => groups[t]);
  const km = kaplanMeierByGroup(ps.time, ps.death, label, { weights: w, robust: true, confLevel: options.confLevel, levels: groups });
  const fit = coxPH(ps.time, ps.death, { rt: ps.treated }, { weights: w, cluster: id, robust: true, confLevel: options.confLevel });
  return { weighting, groups, km, effect: armEffect(fit, "rt", `${options.label ?? (weighting === "ATE" ? "IPTW (stabilized)" : "overlap-weighted")}, landmark ${ps.landmark} months`) };
}
