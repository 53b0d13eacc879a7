/**
 * Power of a two-group log-rank / Cox comparison with a given number of
 * events to detect a hazard ratio, by Schoenfeld's approximation: the log
 * hazard ratio estimate is normal with variance 1 / (d p (1 - p)), so with
 * theta = |log HR| sqrt(d p (1 - p)),
 *
 *   two-sided:  power = Phi(theta - z_(1 - alpha/2)) + Phi(-theta - z_(1 - alpha/2))
 *   one-sided:  power = Phi(theta - z_(1 - alpha))
 *
 * p = r / (1 + r), r the allocation ratio treated : control. The second
 * two-sided term (rejecting in the wrong direction) is tiny; it is included
 * as rpact's getPowerSurvival(..., typeOfComputation = "Schoenfeld") includes
 * it. The one-sided power assumes the test is in the direction of the effect.
 *
 * @example
 * schoenfeldPower(200, 0.7).power; // 0.71298...
 */
import { normalUpper } from "../distributions/index";
import { checkEvents, checkHazardRatio, schoenfeldSettings } from "./schoenfeld-input";
import type { SchoenfeldOptions } from "./schoenfeld-input";

export interface SchoenfeldPowerResult {
  power: number;
  events: number;
  hazardRatio: number;
  alpha: number;
  sided: 1 | 2;
  allocationRatio: number;
}

export function schoenfeldPower(events: number, hazardRatio: number, options: SchoenfeldOptions = {}): SchoenfeldPowerResult {
  const d = checkEvents(events);
  const hr = checkHazardRatio(hazardRatio);
  const s = schoenfeldSettings(options);
  const theta = Math.abs(Math.log(hr)) * Math.sqrt(d * s.fraction * (1 - s.fraction));
  // Phi(x) = P(Z > -x), computed as an upper tail for precision.
  const power = normalUpper(s.zAlpha - theta) + (s.sided === 2 ? normalUpper(theta + s.zAlpha) : 0);
  return { power, events: d, hazardRatio: hr, alpha: s.alpha, sided: s.sided, allocationRatio: s.allocationRatio };
}
