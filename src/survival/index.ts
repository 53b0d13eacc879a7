export { kaplanMeier, kaplanMeierByGroup } from "./kaplan-meier";
export type { KaplanMeierOptions, KaplanMeierResult, KaplanMeierByGroupResult } from "./kaplan-meier";
export { medianFollowUp, medianFollowUpByGroup } from "./median-follow-up";
export type { MedianFollowUpResult, MedianFollowUpByGroupResult } from "./median-follow-up";
export { numberAtRisk } from "./number-at-risk";
export type { NumberAtRiskResult } from "./number-at-risk";
export { logRank } from "./log-rank";
export type { LogRankOptions, LogRankResult } from "./log-rank";
export { restrictedMeanSurvival, restrictedMeanSurvivalByGroup } from "./restricted-mean";
export type { RestrictedMeanResult, RestrictedMeanByGroupResult } from "./restricted-mean";
export { cumulativeIncidence, cumulativeIncidenceAt } from "./cumulative-incidence";
export type { CumulativeIncidenceOptions, CumulativeIncidenceCurve, CumulativeIncidenceResult, GrayTestResult } from "./cumulative-incidence";
export type { ConfidenceType } from "./confidence-interval";
export type { MissingOptions, GroupOptions } from "./survival-input";
export { coxPH, CoxConvergenceError } from "./cox";
export type { CoxPHOptions, CoxPHResult, CoxTest, CoxCovariates, CoxModelData, CoxStrata } from "./cox";
export { proportionalHazardsTest } from "./cox-zph";
export type { ProportionalHazardsTestResult, ProportionalHazardsTestOptions, ProportionalHazardsTransform } from "./cox-zph";
export { coxSurvival, coxAdjustedSurvival } from "./cox-survival";
export type {
  CoxSurvivalOptions,
  CoxSurvivalCurve,
  CoxSurvivalResult,
  CoxAdjustedSurvivalOptions,
  CoxAdjustedSurvivalCurve,
  CoxAdjustedSurvivalResult,
} from "./cox-survival";
export type { SurvfitConfidenceType } from "./confidence-interval";
