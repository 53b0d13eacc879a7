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
