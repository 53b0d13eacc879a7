/**
 * Probability that a patient's event is observed by the analysis, when the event time is
 * exponential with constant hazard λ, patients enter uniformly over an accrual period a and
 * the analysis comes f months after the last entry (fixed follow-up, no dropout): a patient
 * entering at u is followed for a + f − u, so
 *
 *   P(event) = (1/a) ∫_f^(a+f) (1 − e^(−λt)) dt = 1 − (e^(−λf) − e^(−λ(a+f))) / (λa).
 *
 * This is the event probability of rpact's getSampleSizeSurvival for exponential survival,
 * uniform accrual and a fixed follow-up (without dropout); number of patients = events /
 * P(event) (Schoenfeld 1983; Collett, Modelling Survival Data in Medical Research, ch. 10).
 *
 * @example
 * exponentialEventProbability(Math.log(2) / 17, 36, 24); // 0.7425... (median 17 months)
 */
import { checkMonths, checkRate } from "./trial-input";

export function exponentialEventProbability(hazard: number, accrualMonths: number, followUpMonths: number): number {
  const lambda = checkRate("hazard", hazard);
  const a = checkMonths("accrualMonths", accrualMonths);
  const f = checkMonths("followUpMonths", followUpMonths);
  // e^(−λf)(1 − e^(−λa)) / (λa), with expm1 for a small λa.
  return 1 - (Math.exp(-lambda * f) * -Math.expm1(-lambda * a)) / (lambda * a);
}
