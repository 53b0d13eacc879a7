/**
 * Checks a trial-design parameters object (notebook 08's `params`, or TRIAL_DESIGN_DEFAULTS)
 * before anything is computed, so that an impossible setting stops the notebook at once with
 * an InputError naming the parameter as the user wrote it (`params.allocation`,
 * `params.hazardRatios[2]`, ...):
 *   allocation strictly between 0 and 1; accrual and follow-up positive, finite months;
 *   alpha in (0, 1); power in (alpha, 1); every assumed effect a positive hazard ratio other
 *   than exactly 1 (no trial has power against no effect); each design effect one of its list.
 * Returns the parameters unchanged.
 *
 * @example
 * checkTrialParameters({ ...params, allocation: 1.2 });
 * // InputError: params.allocation: must be the fraction randomised to the experimental arm, strictly between 0 and 1 ...
 */
import { InputError } from "../core/index";

export interface TrialParameters {
  allocation: number;
  accrualMonths: number;
  followUpMonths: number;
  alpha: number;
  power: number;
  subdistributionHRs: number[];
  designSubdistributionHR: number;
  hazardRatios: number[];
  designHazardRatio: number;
}

export function checkTrialParameters<P extends TrialParameters>(params: P, name = "params"): P {
  if (params === null || typeof params !== "object") throw new InputError(name, null, params, "must be the parameters object");
  const p = params as TrialParameters;
  const at = (key: string) => `${name}.${key}`;
  if (typeof p.allocation !== "number" || !(p.allocation > 0 && p.allocation < 1)) {
    throw new InputError(at("allocation"), null, p.allocation, "must be the fraction randomised to the experimental arm, strictly between 0 and 1 (0.5 for 1:1)");
  }
  for (const key of ["accrualMonths", "followUpMonths"] as const) {
    if (typeof p[key] !== "number" || !(p[key] > 0) || p[key] === Infinity) throw new InputError(at(key), null, p[key], "must be a positive, finite number of months");
  }
  if (typeof p.alpha !== "number" || !(p.alpha > 0 && p.alpha < 1)) throw new InputError(at("alpha"), null, p.alpha, "must be a probability strictly between 0 and 1");
  if (typeof p.power !== "number" || !(p.power < 1)) throw new InputError(at("power"), null, p.power, "must be a probability below 1");
  if (!(p.power > p.alpha)) throw new InputError(at("power"), null, p.power, `must exceed alpha (${p.alpha}): a test that rejects no more often than under no effect has no power`);
  const effects = (key: "subdistributionHRs" | "hazardRatios", design: "designSubdistributionHR" | "designHazardRatio") => {
    const list = p[key];
    if (!Array.isArray(list) || list.length === 0) throw new InputError(at(key), null, list, "must list at least one assumed hazard ratio");
    list.forEach((v, i) => {
      if (typeof v !== "number" || !(v > 0) || v === Infinity) throw new InputError(`${at(key)}[${i}]`, null, v, "must be a positive, finite hazard ratio");
      if (v === 1) throw new InputError(`${at(key)}[${i}]`, null, v, "is exactly 1 (no effect): no trial has power against it; the simulations test no effect separately");
    });
    if (list.indexOf(p[design]) < 0) throw new InputError(at(design), null, p[design], `must be one of ${at(key)} (${list.join(", ")})`);
  };
  effects("subdistributionHRs", "designSubdistributionHR");
  effects("hazardRatios", "designHazardRatio");
  return params;
}
