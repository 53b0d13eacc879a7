/**
 * Checks shared by the trial-design functions (survivalSampleSize, competingRisksSampleSize,
 * simulateTrial): each impossible setting gets an InputError naming it and the rule it breaks.
 * Internal to src/design.
 */
import { InputError } from "../core/index";
import { normalQuantile } from "../distributions/index";

export interface TrialDesignOptions {
  /** Fraction of patients randomised to the experimental arm, strictly between 0 and 1 (default 0.5, 1:1). */
  allocation?: number;
  /** Months over which patients are accrued, uniformly (> 0). */
  accrualMonths: number;
  /** Months of follow-up after the last patient is accrued (> 0): the analysis is at accrual + follow-up. */
  followUpMonths: number;
  /** Type I error (default 0.05). */
  alpha?: number;
  /** Power, 1 − β (default 0.8); must exceed alpha. */
  power?: number;
  /** 2 (default): two-sided test at alpha; 1: one-sided. */
  sided?: 1 | 2;
  /**
   * Loss to follow-up: a constant dropout hazard per month, independent of the events (rpact's
   * dropoutRate1/2 over dropoutTime are the hazards −log(1 − rate) / time: dropoutHazardFromRate),
   * the same in both arms or one per arm; default 0 (no dropout).
   */
  dropoutHazard?: number | { control: number; experimental: number };
}

export interface TrialSettings {
  allocation: number;
  accrualMonths: number;
  followUpMonths: number;
  alpha: number;
  power: number;
  sided: 1 | 2;
  /** z_(1 − alpha/sided) + z_power. */
  z: number;
}

/** Fields every trial sample-size result has (survivalSampleSize, competingRisksSampleSize). */
export interface TrialSizeFields {
  /** Events needed (not rounded) and rounded up: deaths, or events of the cause of interest. */
  events: number;
  eventsRounded: number;
  /** Probability a patient's event is observed by the analysis: control, experimental, and averaged by allocation. */
  eventProbability: { control: number; experimental: number; overall: number };
  /** Patients needed (events / overall probability), not rounded, and rounded up. */
  patients: number;
  patientsRounded: number;
  /** Patients per month the accrual period needs (patients / accrualMonths). */
  accrualPerMonth: number;
  /** Accrual + follow-up: months from the first patient to the analysis. */
  studyMonths: number;
  settings: Omit<TrialSettings, "z">;
}

/** The shared fields from the events, the arms' event probabilities and the settings. */
export function trialSize(events: number, control: number, experimental: number, s: TrialSettings): TrialSizeFields {
  const overall = s.allocation * experimental + (1 - s.allocation) * control;
  const patients = events / overall;
  const { z: _z, ...settings } = s;
  return {
    events,
    eventsRounded: ceilCount(events),
    eventProbability: { control, experimental, overall },
    patients,
    patientsRounded: ceilCount(patients),
    accrualPerMonth: patients / s.accrualMonths,
    studyMonths: s.accrualMonths + s.followUpMonths,
    settings,
  };
}

export function checkAllocation(value: unknown): number {
  if (typeof value !== "number" || !(value > 0 && value < 1)) {
    throw new InputError("allocation", null, value, "must be the fraction randomised to the experimental arm, strictly between 0 and 1 (0.5 for 1:1)");
  }
  return value;
}

export function checkMonths(name: string, value: unknown): number {
  if (typeof value !== "number" || !(value > 0) || value === Infinity) throw new InputError(name, null, value, "must be a positive, finite number of months");
  return value;
}

export function checkRate(name: string, value: unknown, allowZero = false): number {
  const ok = typeof value === "number" && Number.isFinite(value) && (allowZero ? value >= 0 : value > 0);
  if (!ok) throw new InputError(name, null, value, `must be a ${allowZero ? "non-negative" : "positive"}, finite rate per month`);
  return value as number;
}

export function checkEffect(name: string, value: unknown): number {
  if (typeof value !== "number" || !(value > 0) || value === Infinity) throw new InputError(name, null, value, "must be a positive, finite hazard ratio");
  if (value === 1) throw new InputError(name, null, value, "is exactly 1 (no effect): no number of events gives power against it; give the effect the trial should detect");
  return value;
}

export function trialSettings(options: TrialDesignOptions): TrialSettings {
  if (options === null || typeof options !== "object") throw new InputError("options", null, options, "must be an object of design settings");
  const allocation = checkAllocation(options.allocation === undefined ? 0.5 : options.allocation);
  const accrualMonths = checkMonths("accrualMonths", options.accrualMonths);
  const followUpMonths = checkMonths("followUpMonths", options.followUpMonths);
  const alpha = options.alpha === undefined ? 0.05 : options.alpha;
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 1)) throw new InputError("alpha", null, alpha, "must be a probability strictly between 0 and 1");
  const power = options.power === undefined ? 0.8 : options.power;
  if (typeof power !== "number" || !(power < 1)) throw new InputError("power", null, power, "must be a probability below 1");
  if (!(power > alpha)) throw new InputError("power", null, power, `must exceed alpha (${alpha}): a test that rejects no more often than under no effect has no power`);
  const sided = options.sided === undefined ? 2 : options.sided;
  if (sided !== 1 && sided !== 2) throw new InputError("sided", null, sided, "must be 1 or 2");
  const z = normalQuantile(1 - alpha / sided) + normalQuantile(power);
  return { allocation, accrualMonths, followUpMonths, alpha, power, sided, z };
}

/** Allocation, alpha and sides of a test (defaults 0.5, 0.05, 2) with the critical value z_(1 − alpha/sided); shared by expectedPower and assurance. */
export function testSettings(options: { allocation?: number; alpha?: number; sided?: 1 | 2 }): { allocation: number; alpha: number; sided: 1 | 2; z: number } {
  const allocation = checkAllocation(options.allocation === undefined ? 0.5 : options.allocation);
  const alpha = options.alpha === undefined ? 0.05 : options.alpha;
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 1)) throw new InputError("alpha", null, alpha, "must be a probability strictly between 0 and 1");
  const sided = options.sided === undefined ? 2 : options.sided;
  if (sided !== 1 && sided !== 2) throw new InputError("sided", null, sided, "must be 1 or 2");
  return { allocation, alpha, sided, z: normalQuantile(1 - alpha / sided) };
}

/** The dropout hazards per arm from options.dropoutHazard (0 when absent); an InputError names a bad one. */
export function dropoutHazards(options: Pick<TrialDesignOptions, "dropoutHazard">): { control: number; experimental: number } {
  const d = options.dropoutHazard;
  if (d === undefined) return { control: 0, experimental: 0 };
  if (typeof d === "number") {
    const h = checkRate("dropoutHazard", d, true);
    return { control: h, experimental: h };
  }
  if (d === null || typeof d !== "object") throw new InputError("dropoutHazard", null, d, "must be a hazard per month, or { control, experimental }");
  return { control: checkRate("dropoutHazard.control", d.control, true), experimental: checkRate("dropoutHazard.experimental", d.experimental, true) };
}

/** Schoenfeld's events for a log hazard ratio at a fraction p allocated: z² / (p (1 − p) log²HR). */
export function eventsFor(logHr: number, s: TrialSettings): number {
  return (s.z * s.z) / (s.allocation * (1 - s.allocation) * logHr * logHr);
}

/** Rounds up, ignoring a floating-point hair above a whole number. */
export function ceilCount(x: number): number {
  return Math.ceil(x - 1e-9 * Math.max(1, x));
}
