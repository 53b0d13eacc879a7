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
import { normalQuantile, normalUpper } from "../distributions/index";
import { checkAllocation, checkEffect } from "./trial-input";

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
  const p = checkAllocation(options.allocation === undefined ? 0.5 : options.allocation);
  const alpha = options.alpha === undefined ? 0.05 : options.alpha;
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 1)) throw new InputError("alpha", null, alpha, "must be a probability strictly between 0 and 1");
  const sided = options.sided === undefined ? 2 : options.sided;
  if (sided !== 1 && sided !== 2) throw new InputError("sided", null, sided, "must be 1 or 2");
  const z = normalQuantile(1 - alpha / sided);
  const theta = Math.abs(Math.log(hr)) * Math.sqrt(patients * eventProbability * p * (1 - p));
  return normalUpper(z - theta) + (sided === 2 ? normalUpper(theta + z) : 0);
}
