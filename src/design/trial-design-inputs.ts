/**
 * The inputs of a trial design estimated from a cohort's control arm (the patients treated
 * as the trial's control arm would be: TACE+RT), timed from the start of RT, which is when the
 * trial would randomise. With constant hazards (the exponential model of the design formulas)
 * the maximum-likelihood rates are events / person-months:
 *
 *   out-of-field progression:  λ1 = d1 / T,   death without out-of-field progression: λ2 = d2 / T,
 *   T = Σ months from RT start to the first of out-of-field progression, death, last contact;
 *   death (overall survival):  λD = deaths / Σ months from RT start to death or last contact;
 *   accrual: control-arm patients per month of the cohort's enrollment window
 *            (first to last enrollment, months of 365.25 / 12 days);
 *   follow-up: reverse Kaplan-Meier median from RT start (a description, not a design input).
 *
 * Out-of-field progression is the earlier of intrahepatic and extrahepatic progression (every
 * progression at each site, not only first failures); a local progression does not end
 * follow-up for it. The nonparametric estimates beside them (Aalen-Johansen cumulative
 * incidence, Kaplan-Meier survival at `horizons`) show how well the exponential model fits.
 * Each rate needs columns (cohortCapabilities): rt_start_months for anything timed from RT,
 * the per-site progression columns for out-of-field progression. An input the cohort cannot
 * give comes from `fallback` (the notebook's parameters cell), and its row says why.
 *
 * @example
 * const inputs = trialDesignInputs(loadCohort(), { fallback: { causeHazard: 0.04, competingHazard: 0.03, deathHazard: 0.04, accrualPerMonth: 0.8 } });
 * inputs.rows;              // input, value, unit, source, note
 * inputs.values.causeHazard // λ1, estimated or from fallback
 */
import { InputError } from "../core/index";
import { cohortArms, RT_ARM } from "../clinical/arms";
import type { CohortData } from "../clinical/arms";
import { cohortCapabilities, capabilityNote } from "../clinical/capabilities";
import { cumulativeIncidence, cumulativeIncidenceAt, kaplanMeier, medianFollowUp, retimeFromOrigin } from "../survival/index";
import { checkRate } from "./trial-input";

export interface TrialDesignFallback {
  /** Out-of-field progression hazard per month in the control arm. */
  causeHazard: number;
  /** Hazard of death without out-of-field progression per month. */
  competingHazard: number;
  /** Hazard of death per month (overall survival). */
  deathHazard: number;
  /** Control-arm patients accrued per month (at one centre). */
  accrualPerMonth: number;
}

export interface TrialDesignInputsOptions {
  fallback: TrialDesignFallback;
  /** Months at which the nonparametric estimates are set beside the exponential model (default [6, 12, 24]). */
  horizons?: number[];
  /** The cohort's arm that is the trial's control arm (default "TACE+RT"). */
  controlArm?: string;
  /** Where estimated values come from, for the table (default "estimated from the data"). */
  estimatedFrom?: string;
  /** Where fallback values come from, for the table (default "parameters cell"). */
  fallbackFrom?: string;
}

export interface TrialInputRow {
  input: string;
  value: number;
  unit: string;
  /** Estimated from the data, or taken from the fallback. */
  estimated: boolean;
  source: string;
  /** Events and exposure behind an estimate, or why it could not be estimated. */
  note: string;
  /** Approximate 95% limits of an estimated rate, λ exp(∓1.96 / √d) with d its count (null for a fallback). */
  lower: number | null;
  upper: number | null;
}

export interface HorizonCheck {
  months: number;
  /** Nonparametric estimate (Aalen-Johansen / Kaplan-Meier), null beyond follow-up. */
  observed: number | null;
  /** The exponential model's value at the same time. */
  model: number;
}

export interface TrialDesignInputs {
  controlArm: string;
  values: TrialDesignFallback;
  rows: TrialInputRow[];
  /** Sentences naming the inputs that could not be estimated and why (empty when all were). */
  notEstimated: string[];
  /** Control patients followed from RT start, and those left out (event or last contact at or before RT start). */
  n: number | null;
  dropped: number | null;
  /** Out-of-field cumulative incidence and overall survival from RT start: data vs exponential model (null when not estimable). */
  outOfFieldCheck: HorizonCheck[] | null;
  survivalCheck: HorizonCheck[] | null;
  /** Median follow-up from RT start, reverse Kaplan-Meier (null when not estimable). */
  medianFollowUpMonths: number | null;
  /** Retimed control data (months from RT start; cause 1 out-of-field, 2 death without it, 0 censored), for figures. */
  outOfField: { time: number[]; cause: number[] } | null;
  survival: { time: number[]; event: number[] } | null;
}

const MONTH_DAYS = 365.25 / 12;

/** Approximate 95% limits of a Poisson rate with `count` events: rate · exp(∓1.96 / √count). */
function limits(rate: number, count: number): { lower: number | null; upper: number | null } {
  if (!(count > 0)) return { lower: null, upper: null };
  const w = 1.959963984540054 / Math.sqrt(count);
  return { lower: rate * Math.exp(-w), upper: rate * Math.exp(w) };
}

function dayNumber(date: string, row: number): number {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(t)) throw new InputError("enrolled", row, date, "must be a date YYYY-MM-DD");
  return t / 86400000;
}

export function trialDesignInputs(cohort: CohortData, options: TrialDesignInputsOptions): TrialDesignInputs {
  if (!options || !options.fallback) throw new InputError("options.fallback", null, undefined, "must give the values to use for inputs the cohort cannot estimate");
  const fb = options.fallback;
  const fallback: TrialDesignFallback = {
    causeHazard: checkRate("fallback.causeHazard", fb.causeHazard),
    competingHazard: checkRate("fallback.competingHazard", fb.competingHazard, true),
    deathHazard: checkRate("fallback.deathHazard", fb.deathHazard),
    accrualPerMonth: checkRate("fallback.accrualPerMonth", fb.accrualPerMonth),
  };
  const horizons = options.horizons ?? [6, 12, 24];
  const controlArm = options.controlArm ?? RT_ARM;
  const estimatedFrom = options.estimatedFrom ?? "estimated from the data";
  const fallbackFrom = options.fallbackFrom ?? "parameters cell";
  const caps = cohortCapabilities(cohort);
  const arms = cohortArms(cohort);
  if (arms.indexOf(controlArm) < 0) throw new InputError("controlArm", null, controlArm, `is not an arm of this cohort (${arms.join(", ")})`);
  const f = cohort.fields;
  const rows: number[] = [];
  f.arm.forEach((a, i) => {
    if (a === controlArm) rows.push(i);
  });

  const values: TrialDesignFallback = { ...fallback };
  const out: TrialInputRow[] = [];
  const notEstimated: string[] = [];
  const fromFallback = (input: string, key: keyof TrialDesignFallback, unit: string, why: string): void => {
    out.push({ input, value: fallback[key], unit, estimated: false, source: `${fallbackFrom} (fallback.${key})`, note: why, lower: null, upper: null });
    notEstimated.push(`${input}: ${why}`);
  };

  // Accrual: control patients per month over the whole cohort's enrollment window.
  const days = f.enrolled.map((d, i) => dayNumber(d, i));
  const spanMonths = (Math.max(...days) - Math.min(...days)) / MONTH_DAYS;
  if (rows.length > 0 && spanMonths > 0) {
    values.accrualPerMonth = rows.length / spanMonths;
    out.push({
      input: `accrual of ${controlArm} patients`,
      value: values.accrualPerMonth,
      unit: "patients per month",
      estimated: true,
      source: estimatedFrom,
      note: `${rows.length} patients over ${spanMonths.toFixed(1)} months of enrollment, one centre`,
      ...limits(values.accrualPerMonth, rows.length),
    });
  } else {
    fromFallback(`accrual of ${controlArm} patients`, "accrualPerMonth", "patients per month", "the enrollment window has no length or no patient in this arm");
  }

  const rtNote = caps.rtStart.available ? null : capabilityNote(caps.rtStart);
  const siteNote = caps.progressionBySite.available ? null : capabilityNote(caps.progressionBySite);
  let outOfFieldCheck: HorizonCheck[] | null = null;
  let survivalCheck: HorizonCheck[] | null = null;
  let medianFu: number | null = null;
  let n: number | null = null;
  let dropped: number | null = null;
  let outOfField: TrialDesignInputs["outOfField"] = null;
  let survival: TrialDesignInputs["survival"] = null;

  if (rtNote === null && rows.length > 0) {
    const rt = f.rt_start_months as number[];
    const origin = rows.map((i) => rt[i]);
    // Overall survival from RT start.
    const os = retimeFromOrigin(rows.map((i) => f.os_months[i]), rows.map((i) => f.death[i]), origin);
    n = os.n;
    dropped = os.dropped.rows.length;
    const deaths = os.cause.reduce((s, c) => s + c, 0);
    const exposure = os.time.reduce((s, t) => s + t, 0);
    survival = { time: os.time, event: os.cause };
    if (deaths > 0) {
      values.deathHazard = deaths / exposure;
      out.push({ input: "death from RT start (overall survival), control hazard", value: values.deathHazard, unit: "per month", estimated: true, source: estimatedFrom, note: `${deaths} deaths in ${exposure.toFixed(0)} person-months; median ${(Math.LN2 / values.deathHazard).toFixed(1)} months if exponential`, ...limits(values.deathHazard, deaths) });
      const km = kaplanMeier(os.time, os.cause);
      survivalCheck = horizons.map((h) => {
        let s = 1;
        for (let k = 0; k < km.time.length && km.time[k] <= h; k++) s = km.survival[k];
        const beyond = h > Math.max(...os.time);
        return { months: h, observed: beyond ? null : s, model: Math.exp(-values.deathHazard * h) };
      });
    } else {
      fromFallback("death from RT start (overall survival), control hazard", "deathHazard", "per month", "no death observed after RT start in this cohort");
    }
    const fu = medianFollowUp(os.time, os.cause);
    medianFu = fu.median;

    if (siteNote === null) {
      const ih = f.intrahepatic_progression_months as number[];
      const eh = f.extrahepatic_progression_months as number[];
      const time: number[] = [];
      const cause: number[] = [];
      for (const i of rows) {
        const times = [ih[i], eh[i]].filter((t) => Number.isFinite(t));
        const oof = times.length > 0 ? Math.min(...times) : NaN;
        if (Number.isFinite(oof)) {
          time.push(oof);
          cause.push(1);
        } else {
          time.push(f.os_months[i]);
          cause.push(f.death[i] === 1 ? 2 : 0);
        }
      }
      const r = retimeFromOrigin(time, cause, origin);
      const d1 = r.cause.filter((c) => c === 1).length;
      const d2 = r.cause.filter((c) => c === 2).length;
      const t = r.time.reduce((s, x) => s + x, 0);
      outOfField = { time: r.time, cause: r.cause };
      const left = r.dropped.rows.length > 0 ? `; ${r.dropped.rows.length} patients with progression, death or last contact at or before RT start left out` : "";
      if (d1 > 0) {
        values.causeHazard = d1 / t;
        values.competingHazard = d2 / t;
        out.push({ input: "out-of-field progression from RT start, control cause-specific hazard", value: values.causeHazard, unit: "per month", estimated: true, source: estimatedFrom, note: `${d1} progressions in ${t.toFixed(0)} person-months before progression or death${left}`, ...limits(values.causeHazard, d1) });
        out.push({ input: "death without out-of-field progression (competing), control hazard", value: values.competingHazard, unit: "per month", estimated: true, source: estimatedFrom, note: `${d2} deaths in the same ${t.toFixed(0)} person-months`, ...limits(values.competingHazard, d2) });
        const ci = cumulativeIncidence(r.time, r.cause);
        const curve = ci.curves.find((c) => c.cause === 1);
        const at = curve ? cumulativeIncidenceAt(curve, horizons).estimate : horizons.map(() => null);
        const total = values.causeHazard + values.competingHazard;
        outOfFieldCheck = horizons.map((h, k) => ({ months: h, observed: at[k], model: (values.causeHazard / total) * -Math.expm1(-total * h) }));
      } else {
        const why = "no out-of-field progression observed after RT start in this cohort";
        fromFallback("out-of-field progression from RT start, control cause-specific hazard", "causeHazard", "per month", why);
        fromFallback("death without out-of-field progression (competing), control hazard", "competingHazard", "per month", why);
      }
    } else {
      fromFallback("out-of-field progression from RT start, control cause-specific hazard", "causeHazard", "per month", siteNote as string);
      fromFallback("death without out-of-field progression (competing), control hazard", "competingHazard", "per month", siteNote as string);
    }
  } else {
    const why = rtNote ?? `no ${controlArm} patient in this cohort`;
    fromFallback("out-of-field progression from RT start, control cause-specific hazard", "causeHazard", "per month", why);
    fromFallback("death without out-of-field progression (competing), control hazard", "competingHazard", "per month", why);
    fromFallback("death from RT start (overall survival), control hazard", "deathHazard", "per month", why);
  }
  // Reading order: the two competing-risk rates, overall survival, accrual.
  const order = (r: TrialInputRow) => (r.input.startsWith("out-of-field") ? 0 : r.input.startsWith("death without") ? 1 : r.input.startsWith("death from") ? 2 : 3);
  out.sort((a, b) => order(a) - order(b));
  return { controlArm, values, rows: out, notEstimated, n, dropped, outOfFieldCheck, survivalCheck, medianFollowUpMonths: medianFu, outOfField, survival };
}
