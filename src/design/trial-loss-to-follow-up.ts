/**
 * Loss to follow-up in the trial's control arm, estimated from a cohort: the cohort's control
 * arm (TACE+RT) followed from the start of RT, as trialDesignInputs times it. A patient is
 * **lost** when alive at last contact and last seen more than `adminWindowMonths` before the
 * data cut-off (cohort.cutoff; else the latest last contact), as failureFromRtStart counts it;
 * otherwise alive patients are censored administratively. With a constant loss hazard η the
 * maximum-likelihood estimate is lost / person-time (every month from RT start to death or last
 * contact is at risk of being lost), and the exact Poisson limits (Garwood 1936; R's
 * poisson.test) are
 *
 *   lower = qgamma(α/2, lost) / T,   upper = qgamma(1 − α/2, lost + 1) / T.
 *
 * The time at risk of being lost is the endpoint's own (`endpoint`): for overall survival, from RT
 * start to death or last contact; for out-of-field progression, from RT start to the first
 * out-of-field (intrahepatic or extrahepatic) progression, death or last contact, and only patients
 * lost before progressing count as lost. Dropout matters to a design only while a patient can still
 * have the endpoint, so each endpoint's sample size takes the loss rate over its own time at risk.
 *
 * `hazardPerMonth` is the design's dropoutHazard (rpact's dropoutRate over dropoutTime = 12 is
 * 1 − e^(−12η): `rateInAYear`). Returns null fields' reason in `note` when the cohort has no
 * RT start (original layout) or no control patient followed from RT.
 *
 * @example
 * const loss = trialLossToFollowUp(loadCohort());
 * loss.per100PersonYears; // 6.75 in the shipped (simulated) cohort; loss.lower, loss.upper per 100 person-years
 */
import { InputError } from "../core/index";
import { gammaQuantile } from "../distributions/index";
import { RT_ARM } from "../clinical/arms";
import type { CohortData } from "../clinical/arms";
import { cohortCapabilities, capabilityNote } from "../clinical/capabilities";
import { DAYS_PER_MONTH } from "../data/clinical";
import { isoDateToDays } from "../data/values";
import { requireConfLevel } from "../stats/input";

export type TrialLossEndpoint = "overall-survival" | "out-of-field";

export interface TrialLossOptions {
  /** Whose time at risk (default "overall-survival": RT start to death or last contact; "out-of-field": to out-of-field progression, death or last contact). */
  endpoint?: TrialLossEndpoint;
  /** The control arm (default "TACE+RT"). */
  controlArm?: string;
  /** Alive and last seen within this many months of the cut-off counts as followed to it, not lost (default 1, as failureFromRtStart). */
  adminWindowMonths?: number;
  /** Confidence level of the exact Poisson limits (default 0.95). */
  confLevel?: number;
}

export interface TrialLossToFollowUp {
  method: "lost / person-time from RT start (exponential loss), exact Poisson limits (poisson.test)";
  endpoint: TrialLossEndpoint;
  controlArm: string;
  cutoff: string | null;
  adminWindowMonths: number;
  confLevel: number;
  /** Patients followed from RT start (endpoint time > 0), lost, followed to the cut-off without the endpoint, dead (without out-of-field progression for that endpoint), with out-of-field progression (0 for overall survival). */
  n: number;
  lost: number;
  toCutoff: number;
  deaths: number;
  progressions: number;
  personYears: number;
  /** Loss per 100 person-years with its limits (null when it cannot be estimated). */
  per100PersonYears: number | null;
  lower: number | null;
  upper: number | null;
  /** The design's dropout hazard per month (and its limits), and the share lost in a year, 1 − e^(−12η). */
  hazardPerMonth: number | null;
  hazardLower: number | null;
  hazardUpper: number | null;
  rateInAYear: number | null;
  /** Why it could not be estimated (null when it was). */
  note: string | null;
}

/** Exact (Garwood) limits of a Poisson rate: `count` events in `exposure`; R's poisson.test(count, exposure)$conf.int. */
export function poissonRateInterval(count: number, exposure: number, confLevel = 0.95): { rate: number; lower: number; upper: number } {
  if (!Number.isInteger(count) || count < 0) throw new InputError("count", null, count, "must be a whole number ≥ 0");
  if (!(exposure > 0) || !Number.isFinite(exposure)) throw new InputError("exposure", null, exposure, "must be positive and finite");
  requireConfLevel(confLevel);
  const a = 1 - confLevel;
  return { rate: count / exposure, lower: count === 0 ? 0 : gammaQuantile(a / 2, count) / exposure, upper: gammaQuantile(1 - a / 2, count + 1) / exposure };
}

export function trialLossToFollowUp(cohort: CohortData, options: TrialLossOptions = {}): TrialLossToFollowUp {
  const controlArm = options.controlArm ?? RT_ARM;
  const window = options.adminWindowMonths ?? 1;
  if (typeof window !== "number" || !(window >= 0) || !Number.isFinite(window)) throw new InputError("adminWindowMonths", null, window, "must be a non-negative number of months");
  const confLevel = options.confLevel ?? 0.95;
  const endpoint = options.endpoint ?? "overall-survival";
  if (endpoint !== "overall-survival" && endpoint !== "out-of-field") throw new InputError("endpoint", null, endpoint, 'must be "overall-survival" or "out-of-field"');
  const f = cohort.fields;
  const withCutoff = cohort as CohortData & { cutoff?: string };
  const empty = (note: string): TrialLossToFollowUp => ({
    method: "lost / person-time from RT start (exponential loss), exact Poisson limits (poisson.test)",
    endpoint,
    controlArm,
    cutoff: withCutoff.cutoff ?? null,
    adminWindowMonths: window,
    confLevel,
    n: 0,
    lost: 0,
    toCutoff: 0,
    deaths: 0,
    progressions: 0,
    personYears: 0,
    per100PersonYears: null,
    lower: null,
    upper: null,
    hazardPerMonth: null,
    hazardLower: null,
    hazardUpper: null,
    rateInAYear: null,
    note,
  });
  const caps = cohortCapabilities(cohort);
  if (!caps.rtStart.available) return empty(capabilityNote(caps.rtStart) ?? "no rt_start_months column");
  if (endpoint === "out-of-field" && !caps.progressionBySite.available) return empty(capabilityNote(caps.progressionBySite) ?? "no per-site progression columns");
  const rt = f.rt_start_months as number[];
  // The endpoint's time from the time origin: out-of-field = the earlier site progression, else last contact or death.
  const progressionAt = (i: number): number => {
    if (endpoint !== "out-of-field") return NaN;
    const times = [(f.intrahepatic_progression_months as number[])[i], (f.extrahepatic_progression_months as number[])[i]].filter((t) => Number.isFinite(t));
    return times.length > 0 ? Math.min(...times) : NaN;
  };
  const endAt = (i: number) => (Number.isFinite(progressionAt(i)) ? progressionAt(i) : f.os_months[i]);
  const rows = f.arm.map((a, i) => (a === controlArm ? i : -1)).filter((i) => i >= 0 && endAt(i) - rt[i] > 0);
  if (rows.length === 0) return empty(`no ${controlArm} patient followed after the start of RT`);
  const lastContact = (i: number) => isoDateToDays(f.enrolled[i]) + f.os_months[i] * DAYS_PER_MONTH;
  const cutoffDays = withCutoff.cutoff !== undefined ? isoDateToDays(withCutoff.cutoff) : Math.max(...f.arm.map((_, i) => lastContact(i)));
  const cutoff = withCutoff.cutoff !== undefined ? withCutoff.cutoff : new Date(cutoffDays * 86400000).toISOString().slice(0, 10);
  let lost = 0;
  let deaths = 0;
  let progressions = 0;
  let months = 0;
  for (const i of rows) {
    months += endAt(i) - rt[i];
    if (Number.isFinite(progressionAt(i))) progressions++;
    else if (f.death[i] === 1) deaths++;
    else if (lastContact(i) < cutoffDays - window * DAYS_PER_MONTH) lost++;
  }
  const years = months / 12;
  const ci = poissonRateInterval(lost, years, confLevel);
  const h = lost / months;
  return {
    method: "lost / person-time from RT start (exponential loss), exact Poisson limits (poisson.test)",
    endpoint,
    controlArm,
    cutoff,
    adminWindowMonths: window,
    confLevel,
    n: rows.length,
    lost,
    toCutoff: rows.length - lost - deaths - progressions,
    deaths,
    progressions,
    personYears: years,
    per100PersonYears: 100 * ci.rate,
    lower: 100 * ci.lower,
    upper: 100 * ci.upper,
    hazardPerMonth: h,
    hazardLower: ci.lower / 12,
    hazardUpper: ci.upper / 12,
    rateInAYear: -Math.expm1(-12 * h),
    note: null,
  };
}
