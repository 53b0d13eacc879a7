/**
 * The design notebook 08 plans, for its event-driven analysis: the out-of-field progressions
 * needed (Latouche et al. 2004: Schoenfeld's events at the design sHR; dropout changes patients,
 * not events) and the patients accrual is planned for — the `protocolQuantile` point of the
 * bootstrap distribution of the required size (trialSizeUncertainty, `bootstrapReplicates`
 * resamples seeded `bootstrapSeed`, ψ from `sizing`, with the sizing's dropout), or, when the
 * cohort gives nothing to resample, the size itself (curve ψ when `sizing` is "curve" and the
 * cohort gives the curve, else exponential). Notebook 08 computes the same in its cells (§6:
 * `planned`; §3: the events) and checks them against the ones `npm run trial-simulations` records.
 *
 * @example
 * plannedEventDrivenDesign(trialDesignInputs(cohort, { fallback }), TRIAL_DESIGN_DEFAULTS, sizingDropoutHazards(cohort, TRIAL_DESIGN_DEFAULTS));
 * // { patients: 401, events: 247 } for the shipped (simulated) cohort
 */
import { InputError } from "../core/index";
import { competingRisksSampleSize } from "./competing-risks-sample-size";
import { curveSampleSize } from "./curve-sample-size";
import { requiredPatientsQuantile, trialControlCurves, trialSizeUncertainty } from "./trial-size-uncertainty";
import type { TrialDesignInputs } from "./trial-design-inputs";
import type { TrialParameters } from "./check-trial-parameters";

export interface PlannedDesignSettings extends TrialParameters {
  sizing: "curve" | "exponential";
  bootstrapReplicates: number;
  bootstrapSeed: string;
  protocolQuantile: number;
}

export function plannedEventDrivenDesign(inputs: TrialDesignInputs, d: PlannedDesignSettings, dropout: { outOfField: number; survival: number }): { patients: number; events: number } {
  if (d.sizing !== "curve" && d.sizing !== "exponential") throw new InputError("sizing", null, d.sizing, 'must be "curve" or "exponential"');
  if (!(d.protocolQuantile > 0 && d.protocolQuantile < 1)) throw new InputError("protocolQuantile", null, d.protocolQuantile, "must be a probability strictly between 0 and 1");
  const design = { allocation: d.allocation, accrualMonths: d.accrualMonths, followUpMonths: d.followUpMonths, alpha: d.alpha, power: d.power };
  const v = inputs.values;
  const events = competingRisksSampleSize({ ...design, subdistributionHR: d.designSubdistributionHR, causeHazard: v.causeHazard, competingHazard: v.competingHazard }).eventsRounded;
  const u = trialSizeUncertainty(inputs, { ...design, dropoutHazard: dropout.outOfField, survivalDropoutHazard: dropout.survival, subdistributionHR: d.designSubdistributionHR, hazardRatio: d.designHazardRatio, replicates: d.bootstrapReplicates, seed: d.bootstrapSeed });
  if (u.outOfField !== null) return { patients: requiredPatientsQuantile(u.outOfField[d.sizing], d.protocolQuantile), events };
  const curve = trialControlCurves(inputs).outOfField;
  const dc = { ...design, dropoutHazard: dropout.outOfField };
  const sized = d.sizing === "curve" && curve !== null ? curveSampleSize({ ...dc, ratio: d.designSubdistributionHR, controlCurve: curve }) : competingRisksSampleSize({ ...dc, subdistributionHR: d.designSubdistributionHR, causeHazard: v.causeHazard, competingHazard: v.competingHazard });
  return { patients: sized.patientsRounded, events };
}
