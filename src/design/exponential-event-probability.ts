/**
 * Probability that a patient's event is observed by the analysis, when the event time is
 * exponential with constant hazard λ, patients enter uniformly over an accrual period a and
 * the analysis comes f months after the last entry (fixed follow-up, no dropout): a patient
 * entering at u is followed for a + f − u, so
 *
 *   P(event) = (1/a) ∫_f^(a+f) (1 − e^(−λt)) dt = 1 − (e^(−λf) − e^(−λ(a+f))) / (λa).
 *
 * This is the event probability of rpact's getSampleSizeSurvival for exponential survival,
 * uniform accrual and a fixed follow-up; number of patients = events / P(event) (Schoenfeld
 * 1983; Collett, Modelling Survival Data in Medical Research, ch. 10). With a constant dropout
 * hazard η (loss to follow-up, independent of death: rpact's dropoutRate / dropoutTime), a death
 * is observed only before the loss, and with κ = λ + η
 *
 *   P(event) = λ/κ · [1 − (e^(−κf) − e^(−κ(a+f))) / (κa)]
 *
 * (test/fixtures/r/design-trial-planning.R: = rpact with dropout to 1e-6).
 *
 * @example
 * exponentialEventProbability(Math.log(2) / 17, 36, 24); // 0.7425... (median 17 months)
 */
import { checkMonths, checkRate } from "./trial-input";

export function exponentialEventProbability(hazard: number, accrualMonths: number, followUpMonths: number, dropoutHazard = 0): number {
  const lambda = checkRate("hazard", hazard);
  const a = checkMonths("accrualMonths", accrualMonths);
  const f = checkMonths("followUpMonths", followUpMonths);
  const eta = checkRate("dropoutHazard", dropoutHazard, true);
  const k = lambda + eta;
  // e^(−κf)(1 − e^(−κa)) / (κa), with expm1 for a small κa.
  const p = 1 - (Math.exp(-k * f) * -Math.expm1(-k * a)) / (k * a);
  return eta === 0 ? p : (lambda / k) * p;
}
