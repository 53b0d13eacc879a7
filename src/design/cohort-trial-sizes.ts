/**
 * The two sizes the cohort-generator trials are simulated at, from a cohort's design inputs:
 * the exponential model's (competingRisksSampleSize, survivalSampleSize with the constant-hazard
 * estimates) and the control curve's (curveSampleSize with the Aalen-Johansen cumulative
 * incidence of out-of-field progression, and 1 − Kaplan-Meier for death), at the design effects;
 * with `dropout`, each endpoint's sizes with its dropout hazard in both arms (notebook 08 §3c).
 *
 * @example
 * cohortTrialSizes(trialDesignInputs(cohort, { fallback }), TRIAL_DESIGN_DEFAULTS)["out-of-field"].curve.patients;
 */
import { InputError } from "../core/index";
import { competingRisksSampleSize } from "./competing-risks-sample-size";
import { survivalSampleSize } from "./survival-sample-size";
import { curveSampleSize } from "./curve-sample-size";
import { trialControlCurves } from "./trial-size-uncertainty";
import type { TrialDesignInputs } from "./trial-design-inputs";
import type { TrialParameters } from "./check-trial-parameters";
import type { DesignSize } from "./cohort-trial-simulations";
import type { TrialEndpoint } from "./simulate-trial";

export function cohortTrialSizes(inputs: TrialDesignInputs, d: TrialParameters, dropout?: { outOfField: number; survival: number }): Record<TrialEndpoint, { exponential: DesignSize; curve: DesignSize }> {
  const plain = { allocation: d.allocation, accrualMonths: d.accrualMonths, followUpMonths: d.followUpMonths, alpha: d.alpha, power: d.power };
  const curves = trialControlCurves(inputs);
  if (curves.outOfField === null || curves.death === null) throw new InputError("cohort", null, null, "needs the control arm's out-of-field and survival data from RT start (rt_start_months and the per-site progression columns) for the curve-based sizes");
  const pick = (x: { patientsRounded: number; eventProbability: DesignSize["eventProbability"] }): DesignSize => ({ patients: x.patientsRounded, eventProbability: x.eventProbability });
  const v = inputs.values;
  // With `dropout`, each endpoint sized with its own dropout hazard in both arms (as notebook 08 §3c).
  const withDropout = (eta: number | undefined) => (eta === undefined ? plain : { ...plain, dropoutHazard: eta });
  let design = withDropout(dropout === undefined ? undefined : dropout.outOfField);
  const outOfField = {
    exponential: pick(competingRisksSampleSize({ ...design, subdistributionHR: d.designSubdistributionHR, causeHazard: v.causeHazard, competingHazard: v.competingHazard })),
    curve: pick(curveSampleSize({ ...design, ratio: d.designSubdistributionHR, controlCurve: curves.outOfField })),
  };
  design = withDropout(dropout === undefined ? undefined : dropout.survival);
  return {
    "out-of-field": outOfField,
    "overall-survival": {
      exponential: pick(survivalSampleSize({ ...design, hazardRatio: d.designHazardRatio, controlHazard: v.deathHazard })),
      curve: pick(curveSampleSize({ ...design, ratio: d.designHazardRatio, controlCurve: curves.death })),
    },
  };
}
