/**
 * Power of a two-arm trial of a given size, by Schoenfeld's normal approximation with the
 * expected number of events: d = N ψ (ψ the probability a patient's event is observed by the
 * analysis, e.g. survivalSampleSize(...).eventProbability.overall or the competing-risks ψ),
 * and with θ = |log HR| √(d p (1 − p)),
 *
 *   power = Φ(θ − z_(1−α/2)) + Φ(−θ − z_(1−α/2))     (two-sided; one-sided: Φ(θ − z_(1−α))).
 *
 * It inverts survivalSampleSize and competingRisksSampleSize: at their `patients` the power is
 * the one they were asked for (up to the tiny opposite-tail term). This traces the power
 * curves against sample size. Schoenfeld (1983), Biometrika 70:315–318.
 *
 * @example
 * expectedPower({ patients: 822.07, eventProbability: 0.767, hazardRatio: 0.8 }); // ≈ 0.80
 */
import { InputError } from "../core/index";
import { normalUpper } from "../distributions/index";
import { checkEffect, testSettings } from "./trial-input";

export interface ExpectedPowerOptions {
  patients: number;
  /** Probability a patient's event (of the cause of interest) is observed by the analysis, in (0, 1]. */
  eventProbability: number;
  /** Hazard ratio, or subdistribution hazard ratio (≠ 1). */
  hazardRatio: number;
  allocation?: number;
  alpha?: number;
  sided?: 1 | 2;
}

export function expectedPower(options: ExpectedPowerOptions): number {
  const { patients, eventProbability } = options;
  if (typeof patients !== "number" || !(patients > 0) || patients === Infinity) throw new InputError("patients", null, patients, "must be a positive, finite number of patients");
  if (typeof eventProbability !== "number" || !(eventProbability > 0 && eventProbability <= 1)) throw new InputError("eventProbability", null, eventProbability, "must be a probability above 0 and at most 1");
  const hr = checkEffect("hazardRatio", options.hazardRatio);
  const { allocation: p, sided, z } = testSettings(options);
  const theta = Math.abs(Math.log(hr)) * Math.sqrt(patients * eventProbability * p * (1 - p));
  return normalUpper(z - theta) + (sided === 2 ? normalUpper(theta + z) : 0);
}
