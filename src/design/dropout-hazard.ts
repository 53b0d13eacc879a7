/**
 * The constant (exponential) dropout hazard per month that loses a share `rate` of patients by
 * `months` when nothing else happens: η = −log(1 − rate) / months. This is how R's
 * rpact::getSampleSizeSurvival reads dropoutRate1 / dropoutRate2 with dropoutTime, so a design
 * stated in rpact's terms can be given to survivalSampleSize, competingRisksSampleSize and
 * curveSampleSize as `dropoutHazard`. Inverse: rate = 1 − e^(−η months).
 *
 * @example
 * dropoutHazardFromRate(0.05, 12); // 0.004274... per month (5% lost in a year)
 */
import { InputError } from "../core/index";
import { checkMonths } from "./trial-input";

export function dropoutHazardFromRate(rate: number, months: number): number {
  if (typeof rate !== "number" || !(rate >= 0 && rate < 1)) throw new InputError("rate", null, rate, "must be the share lost by `months`, in [0, 1)");
  const t = checkMonths("months", months);
  return -Math.log1p(-rate) / t;
}
