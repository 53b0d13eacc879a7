export { kaplanMeier, kaplanMeierByGroup } from "./kaplan-meier";
export type { KaplanMeierOptions, KaplanMeierResult, KaplanMeierByGroupResult } from "./kaplan-meier";
export { medianFollowUp, medianFollowUpByGroup } from "./median-follow-up";
export type { MedianFollowUpResult, MedianFollowUpByGroupResult } from "./median-follow-up";
export { numberAtRisk } from "./number-at-risk";
export type { NumberAtRiskResult, NumberAtRiskOptions } from "./number-at-risk";
export { logRank } from "./log-rank";
export type { LogRankOptions, LogRankResult } from "./log-rank";
export { restrictedMeanSurvival, restrictedMeanSurvivalByGroup } from "./restricted-mean";
export type { RestrictedMeanResult, RestrictedMeanByGroupResult } from "./restricted-mean";
export { cumulativeIncidence, cumulativeIncidenceAt } from "./cumulative-incidence";
export type { CumulativeIncidenceOptions, CumulativeIncidenceCurve, CumulativeIncidenceResult, GrayTestResult } from "./cumulative-incidence";
export type { ConfidenceType } from "./confidence-interval";
export type { MissingOptions, GroupOptions } from "./survival-input";
export { coxPH, CoxConvergenceError } from "./cox";
export type { CoxPHOptions, CoxPHResult, CoxPHEstimates, CoxTest, CoxCovariates, CoxModelData, CoxStrata } from "./cox";
export { proportionalHazardsTest } from "./cox-zph";
export { nelsonAalen } from "./nelson-aalen";
export type { NelsonAalenOptions, NelsonAalenResult, NelsonAalenCurve } from "./nelson-aalen";
export { survivalQuantiles } from "./survival-quantiles";
export type { SurvivalQuantilesResult, SurvivalQuantilesByGroupResult } from "./survival-quantiles";
export { splitFollowUp } from "./split-follow-up";
export type { SplitFollowUpOptions } from "./split-follow-up";
export { addTimeDependentExposure } from "./time-dependent-exposure";
export type { TimeDependentExposureOptions } from "./time-dependent-exposure";
export type { RowColumns, FollowUpColumnOptions } from "./follow-up-rows";
// Competing risks beyond cuminc (issue 11)
export { fineGray, fineGrayPredict } from "./fine-gray";
export type { FineGrayOptions, FineGrayResult, FineGrayTableRow, FineGrayPrediction } from "./fine-gray";
export { fineGrayRows } from "./fine-gray-rows";
export type { FineGrayRowsOptions, FineGrayRows } from "./fine-gray-rows";
export { fineGrayCox } from "./fine-gray-cox";
export type { FineGrayCoxOptions, FineGrayCoxResult, FineGrayCoxTableRow } from "./fine-gray-cox";
export { causeSpecificCox } from "./cause-specific-cox";
export type { CauseSpecificCoxOptions, CauseSpecificCoxResult } from "./cause-specific-cox";
export { aalenJohansen, stateOccupancyAt } from "./aalen-johansen";
export type { AalenJohansenOptions, AalenJohansenCurve, AalenJohansenResult, StateOccupancyRow } from "./aalen-johansen";
export { multiStateRows } from "./multi-state-rows";
export type { MultiStateRowsOptions, MultiStateRows } from "./multi-state-rows";
export { cumulativeIncidenceDelayedEntry } from "./delayed-entry-incidence";
export type { DelayedEntryIncidenceOptions, DelayedEntryIncidenceCurve, DelayedEntryIncidenceResult } from "./delayed-entry-incidence";
export { retimeFromOrigin } from "./retime";
export type { RetimeOptions, RetimeResult } from "./retime";
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
export { deltaAdjustedImputation, fitDeltaImputationModel, drawImputation, completeAfterLoss, breslowBaseline, coxTermEstimate, tippingPoint, poolDeltaRow } from "./delta-imputation";
export { MAX_RESAMPLE_ATTEMPTS } from "./delta-imputation";
export type { ParameterDraw } from "./delta-imputation";
export type { DeltaImputationInput, DeltaImputationModel, CauseImputationModel, ImputationDraw, DeltaRow, TippingPoint, DeltaAdjustedImputationOptions, DeltaAdjustedImputationResult } from "./delta-imputation";
