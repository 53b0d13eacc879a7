/**
 * Study design: sample size and power. Schoenfeld's formula for survival
 * comparisons (events needed, power for given events, detectable hazard
 * ratios); trial sample-size functions belong here too.
 */
export { schoenfeldEvents } from "./schoenfeld-events";
export type { SchoenfeldEventsOptions, SchoenfeldEventsResult } from "./schoenfeld-events";
export { schoenfeldPower } from "./schoenfeld-power";
export type { SchoenfeldPowerResult } from "./schoenfeld-power";
export { detectableHazardRatio } from "./detectable-hazard-ratio";
export type { DetectableHazardRatioOptions, DetectableHazardRatioResult } from "./detectable-hazard-ratio";
export type { SchoenfeldOptions } from "./schoenfeld-input";
export { detectableDifference, tTestPower } from "./detectable-difference";
export type { DetectableDifferenceOptions, DetectableDifferenceResult } from "./detectable-difference";
// Trial design (issue 15): sample sizes for overall survival and a competing-risks endpoint, simulated trials.
export { survivalSampleSize } from "./survival-sample-size";
export type { SurvivalSampleSizeOptions, SurvivalSampleSizeResult } from "./survival-sample-size";
export { competingRisksSampleSize } from "./competing-risks-sample-size";
export type { CompetingRisksSampleSizeOptions, CompetingRisksSampleSizeResult } from "./competing-risks-sample-size";
export { exponentialEventProbability } from "./exponential-event-probability";
export { exponentialCumulativeIncidence } from "./exponential-cumulative-incidence";
export { expectedPower } from "./expected-power";
export type { ExpectedPowerOptions } from "./expected-power";
export type { TrialDesignOptions } from "./trial-input";
export { trialDesignInputs } from "./trial-design-inputs";
export type { TrialDesignFallback, TrialDesignInputsOptions, TrialDesignInputs, TrialInputRow, HorizonCheck } from "./trial-design-inputs";
export { simulateTrial, accrualEntryTime, accrualEndWithRamp } from "./simulate-trial";
export type { TrialEndpoint, TrialScenarioSpec, TrialModel, SimulatedTrial } from "./simulate-trial";
export { runTrialSimulations, trialScenarioPlan, plannedEventProbability, readTrialSimulations, writeTrialSimulations, trialSimulationFile } from "./trial-simulations";
export type { RunTrialSimulationsOptions, TrialSimulationSettings, TrialSimulationReport, TrialScenarioResult, TrialTestRate, ArmDropout, ArmCensoringFineGray, EventDrivenSummary } from "./trial-simulations";
export { TRIAL_DESIGN_DEFAULTS } from "./trial-design-defaults";
export { trialPowerFigure } from "./trial-power-figure";
export type { TrialPowerDesign } from "./trial-power-figure";
export { trialIncidenceFigure } from "./trial-incidence-figure";
export type { TrialIncidenceOptions } from "./trial-incidence-figure";
export { checkTrialParameters } from "./check-trial-parameters";
export type { TrialParameters } from "./check-trial-parameters";
// Trial design, statistical review of issue 15: sizes from the estimated control curve, their uncertainty, trials from the cohort generator.
export { curveSampleSize, stepCurveAverage } from "./curve-sample-size";
export { piecewiseHazardTest } from "./piecewise-hazard-test";
export type { PiecewiseHazardTest, HazardInterval } from "./piecewise-hazard-test";
export type { StepCurve, CurveSampleSizeOptions, CurveSampleSizeResult } from "./curve-sample-size";
export { trialControlCurves, trialSizeUncertainty, requiredPatientsQuantile, SIZE_QUANTILES } from "./trial-size-uncertainty";
export type { SizeDistribution, TrialSizeUncertainty, TrialSizeUncertaintyOptions } from "./trial-size-uncertainty";
export { cohortTrialPopulation, cohortArmOutcomes, simulateCohortTrial, marginalRatioLimit, cohortEffectTruth, calibrateCohortEffect } from "./cohort-trial";
export type { CohortTrialDesign, CohortTrialSpec, CohortTrialPopulation, CohortArmOutcomes, CohortEffectTruth, CohortCalibration } from "./cohort-trial";
export { runCohortTrialSimulations, cohortScenarioPlan } from "./cohort-trial-simulations";
export type { CohortTrialSimulationSettings, CohortTrialSimulationReport, CohortScenarioResult, DesignSize, RunCohortTrialSimulationsOptions } from "./cohort-trial-simulations";
export { cohortTrialSizes } from "./cohort-trial-sizes";
export { eventDrivenCut, EVENT_DRIVEN_FOLLOW_UP_MONTHS } from "./event-driven-cut";
export type { EventDrivenCut } from "./event-driven-cut";
export { plannedEventDrivenDesign } from "./planned-event-driven-design";
export type { PlannedDesignSettings } from "./planned-event-driven-design";
export { trialSimulationScenarioIds, checkScenarioIds, mergeTrialSimulations } from "./trial-simulation-merge";
export { analyseTrial, simulateScenarioTrials } from "./trial-simulations";
export type { TrialAnalysis } from "./trial-simulations";
// Trial design, the statistical reviewer's remaining items (design-08): dropout from the data, assurance, calendar time to the events, an anchor for the effect.
export { dropoutHazardFromRate } from "./dropout-hazard";
export { trialLossToFollowUp, poissonRateInterval } from "./trial-loss-to-follow-up";
export { sizingDropoutHazards } from "./sizing-dropout";
export type { SizingDropoutOptions } from "./sizing-dropout";
export type { TrialLossOptions, TrialLossToFollowUp, TrialLossEndpoint } from "./trial-loss-to-follow-up";
export { exponentialArmIncidence, curveArmIncidence } from "./arm-incidence";
export type { ArmIncidence, ExponentialArmOptions } from "./arm-incidence";
export { assurance, powerAtLogRatio } from "./assurance";
export type { AssuranceOptions, AssuranceResult, EffectPrior, ContinuousEffectPrior } from "./assurance";
export { trialEventTimeline, expectedEventsByMonth, accrualEndMonths, simulateEventTimeline, TIMELINE_QUANTILES } from "./trial-event-timeline";
export type { TrialEventTimelineOptions, TrialEventTimeline, SimulateEventTimelineOptions, SimulatedEventTimeline } from "./trial-event-timeline";
export { outOfFieldExcess, outOfFieldFromOrigin } from "./out-of-field-excess";
export type { OutOfFieldExcessOptions, OutOfFieldExcess, ExcessEstimate } from "./out-of-field-excess";
