/**
 * The dropout hazards notebook 08 sizes with (§3c), from a cohort: each endpoint's control-arm
 * loss to follow-up over its own time at risk (trialLossToFollowUp with `lossWindowMonths`),
 * the same in both arms; where the cohort cannot estimate it (no rt_start_months), the
 * fallback `fallbackDropoutPer100PersonYears` / 1200 per month; none when `sizeWithDropout` is
 * false. Shared by `npm run trial-simulations` (the simulated trials' dropout) and
 * `npm run figures` (the power figures' ψ), so they use what the notebook uses.
 *
 * @example
 * sizingDropoutHazards(loadCohort(), { sizeWithDropout: true, lossWindowMonths: 1, fallbackDropoutPer100PersonYears: 0 });
 * // { outOfField: 0.0085..., survival: 0.0056... } per month in the shipped (simulated) cohort
 */
import { InputError } from "../core/index";
import type { CohortData } from "../clinical/arms";
import { trialLossToFollowUp } from "./trial-loss-to-follow-up";

export interface SizingDropoutOptions {
  /** Size with the control arm's loss to follow-up as dropout (notebook 08's params.sizeWithDropout). */
  sizeWithDropout: boolean;
  /** Alive and last seen within this many months of the cut-off counts as followed to it (params.lossWindowMonths). */
  lossWindowMonths: number;
  /** Loss per 100 person-years when the cohort cannot estimate it (params.fallbackDropoutPer100PersonYears). */
  fallbackDropoutPer100PersonYears: number;
}

export function sizingDropoutHazards(cohort: CohortData, options: SizingDropoutOptions): { outOfField: number; survival: number } {
  if (typeof options.sizeWithDropout !== "boolean") throw new InputError("sizeWithDropout", null, options.sizeWithDropout, "must be true or false");
  const fallback = options.fallbackDropoutPer100PersonYears;
  if (typeof fallback !== "number" || !(fallback >= 0) || fallback === Infinity) throw new InputError("fallbackDropoutPer100PersonYears", null, fallback, "must be a non-negative, finite rate per 100 person-years");
  if (!options.sizeWithDropout) return { outOfField: 0, survival: 0 };
  const of = (endpoint: "out-of-field" | "overall-survival") => trialLossToFollowUp(cohort, { adminWindowMonths: options.lossWindowMonths, endpoint }).hazardPerMonth ?? fallback / 1200;
  return { outOfField: of("out-of-field"), survival: of("overall-survival") };
}
