/**
 * Clinical analyses of the cohort (src/data's loadCohort): Table 1, overall
 * survival by arm, the Cox model of the arm, enrollment over time and the
 * patterns of failure with competing risks. Each function takes the cohort,
 * reads the arms from the data (schema order, TACE first) and returns plain
 * JSON-serialisable results for the notebooks.
 */
export { cohortArms, rowsByArm, REFERENCE_ARM, RT_ARM } from "./arms";
export type { CohortData } from "./arms";
export { describeNumbers, quantileSorted } from "./describe";
export type { NumberSummary } from "./describe";
export { fmt, formatCI, formatP, formatPSentence, formatPExact, ciLabel } from "./format";
export { tableOne, tableOneDisplay, MEASURED_AFTER_FIRST_TACE, tableOneBalance } from "./table-one";
export type { TableOneOptions, TableOneCell, TableOneRow, TableOneResult, TableOneBalance } from "./table-one";
export { DEFAULT_TABLE_ONE_LEVELS, labelLevelsByData } from "./table-one";
export type { TableOneLevelGroup, TableOneLevel } from "./table-one";
export { covariateLevels, levelBalance } from "./level-balance";
export { smdUnderRandomAllocation } from "./smd-under-random-allocation";
export type { SmdUnderRandomAllocation, SmdUnderRandomAllocationRow, SmdUnderRandomAllocationOptions } from "./smd-under-random-allocation";
export type { CovariateLevels, LevelBalance } from "./level-balance";
export { enrollmentByYear } from "./enrollment";
export type { EnrollmentResult } from "./enrollment";
export { survivalByArm, survivalAtTimes } from "./survival-by-arm";
export type { SurvivalByArmOptions, SurvivalAtTime, ArmSurvival, RmstComparison, SurvivalByArmResult } from "./survival-by-arm";
export { coxByArm, coxSummary } from "./cox-by-arm";
export type { CoxByArmOptions, CoxTerm, CoxByArmResult, CoxSummary } from "./cox-by-arm";
export { coxTumorScaleComparison } from "./cox-by-arm";
export { ecogCategoriesVsPerPoint } from "./cox-by-arm";
export type { EcogCategoriesVsPerPoint } from "./cox-by-arm";
export type { CoxTumorScaleComparison } from "./cox-by-arm";
export {
  failurePatterns,
  failureCauseCodes,
  outOfFieldCauseCodes,
  compareIncidence,
  compareSiteProgression,
  failurePatternSummary,
  FAILURE_CAUSES,
  OUT_OF_FIELD_CAUSES,
} from "./failure-patterns";
export type {
  FailurePatternsOptions,
  FailureCause,
  IncidenceAtTime,
  GrayTestRow,
  FailurePatternsResult,
  IncidenceComparison,
  FailurePatternSummary,
} from "./failure-patterns";
export { cohortDictionary } from "./cohort-dictionary";
export type { DictionaryRow } from "./cohort-dictionary";
export { besidePublished } from "./published";
export type { PublishedComparison } from "./published";
export { survivalSummaryRows, followUpRows, logRankRows, coxRows, proportionalHazardsRows, rmstRows } from "./survival-tables";
export { responseRows, firstFailureRows, countSeries, incidenceRows, grayRows, outOfFieldTimingRows, siteLabel, RESPONSE_COLORS, SITE_COLORS } from "./failure-tables";
export { overallSurvivalFigure, failureIncidenceFigure } from "./figures";
export { evaluateClinicalClaims, CLINICAL_CLAIM_IDS, CLINICAL_CLAIM_TOLERANCE } from "./clinical-claims";
export { cohortCapabilities, capabilityNote } from "./capabilities";
export type { CapabilityId, CohortCapability, CohortCapabilities } from "./capabilities";
export type { ClinicalClaimResult, ClinicalClaimId } from "./clinical-claims";
// Bias and confounding in the non-randomized comparison (notebook 07, issue 12)
export { biasCovariates, covariateRows } from "./bias-covariates";
export type { BiasCovariates } from "./bias-covariates";
export { armEffect, exposureProportionalHazards } from "./arm-effect";
export type { ArmEffect } from "./arm-effect";
export { landmarkCox, rtStartColumn } from "./landmark-cox";
export type { LandmarkCoxOptions, LandmarkCoxResult } from "./landmark-cox";
export { timeDependentCox } from "./time-dependent-cox";
export type { TimeDependentCoxOptions, TimeDependentCoxResult } from "./time-dependent-cox";
export { sequentialTrials } from "./sequential-trials";
export type { SequentialTrialsOptions, SequentialTrialsResult, TrialPatients, TrialRows } from "./sequential-trials";
export { sequentialTrialsIpcw, sequentialTrialsMarginal, ipcwWeights, resampledTrialPatients } from "./sequential-trials-ipcw";
export type { SequentialTrialsIpcwOptions, SequentialTrialsIpcwResult, IpcwWeights, WeightSummary, MarginalOptions, MarginalEstimate, MarginalResult } from "./sequential-trials-ipcw";
export { marginalBootstrapPlan, marginalBootstrapDraw } from "./marginal-bootstrap";
export type { MarginalBootstrapPlan } from "./marginal-bootstrap";
export { weightingSummary } from "./weighting-summary";
export { ecogCoding, ecogByArm } from "./ecog-coding";
export type { EcogCodingResult, EcogModelCheck, EcogCodingName } from "./ecog-coding";
export type { WeightingSummary, WeightingSummaryOptions, ArmWeights } from "./weighting-summary";
export { propensityAnalysis } from "./propensity-analysis";
export type { PropensityAnalysisOptions, PropensityAnalysisResult, PropensityWeighting, CovariateBalance } from "./propensity-analysis";
export { weightedComparison } from "./weighted-comparison";
export type { WeightedComparisonResult } from "./weighted-comparison";
export { adjustedCurves } from "./adjusted-curves";
export type { AdjustedCurvesResult } from "./adjusted-curves";
export { followUpByArm } from "./follow-up-by-arm";
export type { FollowUpByArmResult, ArmFollowUp } from "./follow-up-by-arm";
export { detectionWindow } from "./detection-window";
export type { DetectionWindowResult, WindowCount } from "./detection-window";
export { propensityOverlapFigure, balanceFigure, weightedSurvivalFigure, adjustedCurvesFigure } from "./bias-figures";
export { naiveCox } from "./naive-cox";
export type { NaiveCoxResult } from "./naive-cox";
export { immortalTime } from "./immortal-time";
export type { ImmortalTimeResult } from "./immortal-time";
export { effectRows, balanceRows, propensityModelRows, sequentialTrialsRows, weightingRows, marginalRows, marginalSimulationRows, marginalSimulationComparisonRows, marginalMeasureRow } from "./bias-tables";
// Failure timed from RT start, every progression per site (issue 12, notebook 03)
export { adjustmentCovariates } from "./cox-by-arm";
export type { AdjustmentCovariates } from "./cox-by-arm";
export { failureFromRtStart, firstFailureCox, firstFailureBias, PROGRESSION_SITES, PROGRESSION_SITE_LABELS } from "./failure-from-rt";
export type { FailureFromRtOptions, FailureFromRtResult, SiteFromOrigin, ArmEffect as SiteArmEffect, FirstFailureBias, ProgressionSite } from "./failure-from-rt";
export { firstFailurePanelFigure, fromRtIncidenceFigure, fromRtOccupancyFigure, failureHazardRatioFigure, FAILURE_STATE_LABELS } from "./failure-figures";
export { fromRtPopulationRows, fromRtModelRows, firstFailureBiasRows, fromRtFollowUpRows, fromRtOccupancyRows } from "./failure-from-rt-tables";
// Notebook 03 review: pooled landmark draws, reduced / propensity / PH-remedied models, tumor scale (review-03)
export { fromRtAnalysisData } from "./failure-from-rt";
export type { FromRtAnalysisData } from "./failure-from-rt";
export type { AdjustmentCovariatesOptions } from "./cox-by-arm";
export { fromRtModel, fromRtPooledModels, phRemedies, tumorScaleComparison, medianProgressionTime, withPooledEstimates, earlyProgressionCounts } from "./from-rt-models";
export type { FromRtModelSpec, FromRtModelOptions, FromRtModelFit, FromRtPooledOptions, FromRtPooledEstimate, PhRemedy, HazardRatioEstimate, TumorScale, EarlyProgressionCount } from "./from-rt-models";
export { responseContext } from "./response-context";
export type { ResponseContext } from "./response-context";
// Loss to follow-up from RT start: inverse-probability-of-censoring weights (notebook 03, Part B)
export { lostToFollowUp } from "./failure-from-rt";
export { lossToFollowUpIpcw } from "./loss-ipcw";
export { lossToFollowUpIpcwPooled } from "./loss-ipcw";
export type { LossIpcwOptions, LossIpcwResult, LossIpcwSite, CensoringModelSummary, LossIpcwPooledResult, LossIpcwPooledSite } from "./loss-ipcw";
export { summarizeWeights } from "./sequential-trials-ipcw";
export { lossTippingPoint, lossImputationData, lossTippingPointRows, formatDelta, formatTippingPoint, tippingPointMonteCarloRange, formatTippingPointRange } from "./loss-tipping-point";
export type { LossTippingPointOptions, LossTippingPointResult, LossTippingPointSite, LossTippingPointScenario, LossImputationData, TippingPointRange } from "./loss-tipping-point";
// Quasi-separation of the censoring model in the marginal bootstrap (review-0702, notebook 07)
export { marginalSeparationSensitivity, marginalSeparationRows, SEPARATION_TOLERANCE } from "./marginal-separation";
export type { DrawSeparation, MarginalSeparationSensitivity, SeparationInterval } from "./marginal-separation";
export type { IpcwModelSummary } from "./sequential-trials-ipcw";
// Functional form of the adjusted Cox model's continuous covariates: natural splines (review-0702, notebook 02)
export { coxFunctionalForm } from "./cox-functional-form";
export type { CoxFunctionalFormOptions, CoxFunctionalForm, FunctionalFormTerm, ArmEstimate as FunctionalFormArmEstimate } from "./cox-functional-form";
// The marginal comparison with a Firth censoring model (firth-07)
export { marginalFirthComparison, marginalFirthRows, meanWindowWeightFactor, entryOddsRatios } from "./marginal-firth";
export type { MarginalFirthComparison, CensoringModelCheck } from "./marginal-firth";
export type { CensoringModelKind } from "./sequential-trials-ipcw";
export type { FirthDrawFits, KeptFirthFit } from "./sequential-trials-ipcw";
