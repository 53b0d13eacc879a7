/**
 * The design settings `npm run trial-simulations` simulates by default, and the fallback
 * control-arm rates used when a cohort cannot give them. Notebook 08's parameters cell holds
 * the same values for every key both have (test/report/trial-design-figures.test.ts reads the
 * cell with readNotebookParameters and fails when one differs); the notebook compares its parameters with the settings recorded in
 * data/trial-simulations.json and says so when they differ (rerun the command with the new
 * settings). Rates are per month, times in months from randomisation at the start of RT.
 */
import type { TrialDesignFallback } from "./trial-design-inputs";

export const TRIAL_DESIGN_DEFAULTS = {
  /** Fraction randomised to TACE+RT+anti-VEGF (0.5: 1:1). */
  allocation: 0.5,
  accrualMonths: 36,
  followUpMonths: 24,
  alpha: 0.05,
  power: 0.8,
  /** Assumed subdistribution hazard ratios of out-of-field progression, and the one the design uses. */
  subdistributionHRs: [0.5, 0.6, 0.7, 0.8],
  designSubdistributionHR: 0.7,
  /** Assumed hazard ratios of death, and the one the design uses. */
  hazardRatios: [0.7, 0.8, 0.9],
  designHazardRatio: 0.8,
  /** Dropout as the notebook sizes with it (§3c): the control arm's loss to follow-up, alive and last seen over lossWindowMonths before the cut-off, per endpoint's time at risk; the fallback when the cohort cannot give it; the experimental arm's multiple in the unequal-dropout scenarios. */
  sizeWithDropout: true,
  lossWindowMonths: 1,
  fallbackDropoutPer100PersonYears: 0,
  dropoutExperimentalMultiplier: 1.5,
  /** The simulated trials' stress test of Fine-Gray's pooled censoring weights: the experimental arm lost this many times as fast (out-of-field progression, with and without effect). */
  dropoutStressMultiplier: 3,
  /** Accrual ramp-up scenarios (months of linear rise); the simulated trials ramp up over the longest. */
  accrualRampMonths: [6, 12],
  /** The planned design's event-driven scenarios: ψ the size is taken from, bootstrap of the control patients and the quantile of the required sizes accrual is planned for (notebook 08 §6). */
  sizing: "curve" as "curve" | "exponential",
  bootstrapReplicates: 1000,
  bootstrapSeed: "trial-design-bootstrap",
  protocolQuantile: 0.8,
  /** Gamma frailty variance of the misspecified scenarios. */
  frailtyVariance: 0.5,
  seed: "trial-design-1",
  /** Trials per scenario of the simple (exponential) generator, and of the cohort generator's scenarios. */
  simulations: 2000,
  cohortSimulations: 2000,
  /** Patients of the cohort generator's population the cohort-generator trials sample from. */
  populationSize: 100000,
  /** Used only for rates the cohort cannot estimate (e.g. the original layout without rt_start_months). */
  fallback: { causeHazard: 0.06, competingHazard: 0.012, deathHazard: 0.05, accrualPerMonth: 0.75 } as TrialDesignFallback,
};
