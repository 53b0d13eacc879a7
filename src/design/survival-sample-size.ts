/**
 * Events and patients for a two-arm trial compared by the log-rank test (overall survival),
 * with exponential survival, uniform accrual over a months and a fixed follow-up of f months
 * after the last patient enters, and optionally a constant dropout hazard (options.dropoutHazard,
 * rpact's dropoutRate1/2 with dropoutTime: dropoutHazardFromRate). Events by Schoenfeld's formula,
 *
 *   d = (z_(1−α/2) + z_(1−β))² / (p (1 − p) (log HR)²),
 *
 * p the fraction allocated to the experimental arm (z_(1−α) one-sided), and patients
 *
 *   N = d / [p P(λ·HR) + (1 − p) P(λ)],   P(λ) = 1 − (e^(−λf) − e^(−λ(a+f))) / (λa)
 *
 * (exponentialEventProbability), λ the control arm's hazard. This is R's
 * rpact::getSampleSizeSurvival(typeOfComputation = "Schoenfeld", lambda2 = λ, hazardRatio = HR,
 * accrualTime = a, followUpTime = f, allocationRatioPlanned = p / (1 − p)) for a fixed design:
 * maxNumberOfEvents and maxNumberOfSubjects agree to 1e-6 (test/fixtures/r/design-trial.R; with
 * dropout, test/fixtures/r/design-trial-planning.R).
 * Schoenfeld (1983), Biometrika 70:315–318; Schoenfeld (1981), Biometrika 68:316–319.
 *
 * Bad input is an InputError: allocation outside (0, 1), non-positive accrual or follow-up,
 * a hazard ratio of exactly 1, power ≤ alpha.
 *
 * @example
 * const ss = survivalSampleSize({ hazardRatio: 0.8, controlHazard: Math.log(2) / 17, accrualMonths: 36, followUpMonths: 24 });
 * ss.events;   // 630.52  (rpact: 630.5202)
 * ss.patients; // 822.07  (rpact: 822.0712)
 */
import { exponentialEventProbability } from "./exponential-event-probability";
import { checkEffect, checkRate, dropoutHazards, eventsFor, trialSettings, trialSize } from "./trial-input";
import type { TrialDesignOptions, TrialSizeFields } from "./trial-input";

export interface SurvivalSampleSizeOptions extends TrialDesignOptions {
  /** Hazard ratio of death, experimental : control (≠ 1). */
  hazardRatio: number;
  /** Control arm's constant hazard of death per month (rpact's lambda2). */
  controlHazard: number;
}

export interface SurvivalSampleSizeResult extends TrialSizeFields {
  method: "Schoenfeld events; exponential survival, uniform accrual, fixed follow-up (rpact::getSampleSizeSurvival)";
  hazardRatio: number;
  controlHazard: number;
  /** log(2) / controlHazard. */
  controlMedianMonths: number;
  /** Dropout hazards per month (0: none). */
  dropoutHazard: { control: number; experimental: number };
}

export function survivalSampleSize(options: SurvivalSampleSizeOptions): SurvivalSampleSizeResult {
  const s = trialSettings(options);
  const hr = checkEffect("hazardRatio", options.hazardRatio);
  const lambda = checkRate("controlHazard", options.controlHazard);
  const events = eventsFor(Math.log(hr), s);
  const eta = dropoutHazards(options);
  const control = exponentialEventProbability(lambda, s.accrualMonths, s.followUpMonths, eta.control);
  const experimental = exponentialEventProbability(lambda * hr, s.accrualMonths, s.followUpMonths, eta.experimental);
  return {
    method: "Schoenfeld events; exponential survival, uniform accrual, fixed follow-up (rpact::getSampleSizeSurvival)",
    hazardRatio: hr,
    controlHazard: lambda,
    controlMedianMonths: Math.LN2 / lambda,
    dropoutHazard: eta,
    ...trialSize(events, control, experimental, s),
  };
}
