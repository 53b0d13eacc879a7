/**
 * Cumulative incidence of a cause of interest when it and a competing event have constant
 * cause-specific hazards λ1 and λ2 (the control arm of a trial design), and the same under
 * proportional subdistribution hazards with ratio s (the experimental arm, Fine & Gray 1999):
 *
 *   F0(t) = λ1 / (λ1 + λ2) · (1 − e^(−(λ1 + λ2) t)),      F1(t) = 1 − (1 − F0(t))^s.
 *
 * F0 plateaus at λ1 / (λ1 + λ2), the share who ever have the event of interest; s < 1 lowers
 * the whole curve. With λ2 = 0 it is 1 − e^(−λ1 t), an exponential distribution.
 *
 * @example
 * exponentialCumulativeIncidence(12, 0.03, 0.02);      // 0.270... (out-of-field by 12 months)
 * exponentialCumulativeIncidence(12, 0.03, 0.02, 0.7); // 0.197...
 */
import { InputError } from "../core/index";
import { checkRate } from "./trial-input";

export function exponentialCumulativeIncidence(time: number, causeHazard: number, competingHazard: number, subdistributionHR = 1): number {
  if (typeof time !== "number" || !(time >= 0) || time === Infinity) throw new InputError("time", null, time, "must be a non-negative, finite number of months");
  const l1 = checkRate("causeHazard", causeHazard);
  const l2 = checkRate("competingHazard", competingHazard, true);
  if (typeof subdistributionHR !== "number" || !(subdistributionHR > 0) || subdistributionHR === Infinity) {
    throw new InputError("subdistributionHR", null, subdistributionHR, "must be a positive, finite hazard ratio");
  }
  const total = l1 + l2;
  const f0 = (l1 / total) * -Math.expm1(-total * time);
  return subdistributionHR === 1 ? f0 : 1 - Math.pow(1 - f0, subdistributionHR);
}
