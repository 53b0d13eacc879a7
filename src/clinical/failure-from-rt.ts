/**
 * Failure timed from the start of RT, every progression at each site: the re-analysis of
 * the failure patterns that the study's first-failure view (failurePatterns: first failure,
 * from enrollment, arm fixed) cannot give. Needs the cohort's optional columns
 * rt_start_months and the per-site progression times (cohortCapabilities: "rt-start",
 * "progression-by-site"); without them it throws an InputError naming the column.
 *
 * Time origin.
 * - TACE+RT: the start of RT (rt_start_months).
 * - TACE alone has no RT start; each patient gets a **matched landmark** by prescription
 *   time-distribution matching (Zhou et al., J Clin Epidemiol 2005): a time drawn at random
 *   (seeded, `seed`) from the TACE+RT arm's distribution of RT start times (the empirical
 *   quantile at a uniform u, one u per TACE patient in row order).
 * - With `delayMonths` every origin moves that much later (a sensitivity analysis: events
 *   in the first months after the origin, when RT planning and the first post-RT scan add
 *   imaging, are left out).
 * Who is analysed: patients alive and under follow-up after their origin (os_months >
 * origin) and free of progression at every site up to it (failure_site none, or
 * failure_months > origin). TACE patients who died, left follow-up or progressed before
 * their landmark are left out, as a TACE+RT patient who did so could never have started RT:
 * both arms are then compared from a time at which each patient was alive and
 * progression-free, which removes the immortal time of the comparison from enrollment.
 *
 * "Out of field" for TACE-alone patients: the cohort's definition, intrahepatic =
 * progression in the liver outside the treated (index) lesion, the lesion that RT would
 * have targeted; local = the treated lesion. (An RT field has a margin: progression next to
 * the lesion is in field after RT but intrahepatic after TACE alone; the data cannot
 * separate it.)
 *
 * Events, per site s (local, intrahepatic, extrahepatic): the time from the origin to the
 * first progression at s (its own column, so a progression at another site first does not
 * remove the patient); death before any progression at s competes; patients alive without it
 * are censored at last follow-up. Per site:
 * - cumulative incidence by arm (Aalen-Johansen, cmprsk::cuminc) with Gray's test;
 * - cause-specific Cox model of the arm (R: coxph(Surv(t, status == 1) ~ rt [+ covariates]),
 *   Efron ties), unadjusted and adjusted for the covariates coxByArm uses
 *   (adjustmentCovariates; complete cases), each with cox.zph's test (Kaplan-Meier
 *   transform) of the arm and GLOBAL;
 * - Fine-Gray model of the arm (cmprsk::crr(t, status, cov1, failcode = 1)), unadjusted
 *   and adjusted, with the proportional subdistribution hazards checked by cox.zph on the
 *   survival-style fit (finegray + weighted coxph, fineGrayCox clustered by patient).
 * The cause-specific hazard ratio is the rate of progression at s among patients still
 * alive and free of it; it is the quantity the simulation's true effects are stated in
 * (data/README.md). The subdistribution hazard ratio describes the cumulative incidence,
 * which also moves with death.
 *
 * Multi-state view: states "(no progression)" -> local -> intrahepatic -> extrahepatic ->
 * death, a patient moving on at each progression at a site further along (the worst site so
 * far), from the origin; Aalen-Johansen state occupancy by arm (survfit with id/istate).
 *
 * Follow-up: reverse Kaplan-Meier median follow-up from the origin by arm, and loss to
 * follow-up: patients censored more than `adminWindowMonths` before the data cut-off
 * (cohort.cutoff; else the latest last contact of the cohort) per 100 patient-years, by arm.
 *
 * @example
 * const fr = failureFromRtStart(loadCohort());
 * fr.sites[1].causeSpecific.adjusted.hazardRatio; // intrahepatic, TACE+RT vs TACE, from RT start
 */
import seedrandom from "seedrandom";
import { InputError } from "../core/index";
import { normalQuantile } from "../distributions/index";
import { DAYS_PER_MONTH, PROGRESSION_COLUMNS } from "../data/clinical";
import { isoDateToDays } from "../data/values";
import { causeSpecificCox } from "../survival/cause-specific-cox";
import { fineGray } from "../survival/fine-gray";
import { fineGrayCox } from "../survival/fine-gray-cox";
import { proportionalHazardsTest } from "../survival/cox-zph";
import type { ProportionalHazardsTestResult } from "../survival/cox-zph";
import type { CoxPHResult, CoxPHEstimates } from "../survival/cox";
import { cumulativeIncidence, cumulativeIncidenceAt } from "../survival/cumulative-incidence";
import type { CumulativeIncidenceResult } from "../survival/cumulative-incidence";
import { multiStateRows } from "../survival/multi-state-rows";
import type { MultiStateRows } from "../survival/multi-state-rows";
import { aalenJohansen } from "../survival/aalen-johansen";
import type { AalenJohansenResult } from "../survival/aalen-johansen";
import { medianFollowUpByGroup } from "../survival/median-follow-up";
import { cohortArms, rowsByArm } from "./arms";
import type { CohortData } from "./arms";
import { adjustmentCovariates } from "./cox-by-arm";
import { cohortCapabilities, capabilityNote } from "./capabilities";
import type { IncidenceAtTime } from "./failure-patterns";
import { requireConfLevel } from "../stats/input";

export type ProgressionSite = "local" | "intrahepatic" | "extrahepatic";
export const PROGRESSION_SITES: readonly ProgressionSite[] = ["local", "intrahepatic", "extrahepatic"];
export const PROGRESSION_SITE_LABELS: Readonly<Record<ProgressionSite, string>> = {
  local: "Local (treated lesion)",
  intrahepatic: "Intrahepatic, out of field",
  extrahepatic: "Extrahepatic",
};

export interface FailureFromRtOptions {
  /** Seed of the matched landmarks of the TACE-alone patients (default "failure-from-rt"). */
  seed?: string;
  /** Move every origin this many months later (default 0). */
  delayMonths?: number;
  /** Times (months from the origin) of the cumulative incidence table (default [6, 12, 24]). */
  times?: number[];
  /** Confidence level (default 0.95). */
  confLevel?: number;
  /** Censored more than this many months before the data cut-off counts as lost to follow-up (default 1). */
  adminWindowMonths?: number;
  /** Fit only the cause-specific models (no Fine-Gray, no multi-state: `fineGray` and `multiState` null), e.g. to repeat the analysis over many landmark draws (default false). */
  causeSpecificOnly?: boolean;
  /** How tumor size enters the adjusted models: "linear" (per cm, the default) or "log" (adjustmentCovariates). */
  tumorScale?: "linear" | "log";
}

/** Who is analysed from RT start / a matched landmark, and each site's time and status from the origin (no model fitted). */
export interface FromRtAnalysisData {
  arms: string[];
  seed: string;
  delayMonths: number;
  /** Per arm: patients in the cohort, analysed, left out. */
  n: number[];
  analysed: number[];
  leftOut: { endedBeforeOrigin: number[]; progressedBeforeOrigin: number[] };
  /** Cohort row, arm, arm code (1 = second arm) and origin of each analysed patient, in cohort order. */
  rows: number[];
  arm: string[];
  armCode: number[];
  originMonths: number[];
  /** Per site: time from the origin, status 1 progression at the site, 2 death first, 0 censored. */
  sites: { site: ProgressionSite; time: number[]; status: number[] }[];
}

/** The arm's term of one model, with the model's proportional-hazards check. */
export interface ArmEffect {
  /** "cause-specific" (hazard ratio) or "fine-gray" (subdistribution hazard ratio). */
  model: "cause-specific" | "fine-gray";
  adjusted: boolean;
  hazardRatio: number;
  lower: number;
  upper: number;
  pValue: number;
  coef: number;
  se: number;
  /** Patients and events of this site in the model; patients left out for a missing covariate. */
  n: number;
  nEvent: number;
  dropped: number;
  /** Covariates in the model besides the arm. */
  covariates: string[];
  /** cox.zph P of the arm and GLOBAL (null when it cannot be computed: phNote says why). */
  phArm: number | null;
  phGlobal: number | null;
  phNote: string | null;
  ph: ProportionalHazardsTestResult | null;
}

export interface SiteFromOrigin {
  site: ProgressionSite;
  label: string;
  /** Per arm: progressions at the site, deaths before any progression at it. */
  events: number[];
  competingDeaths: number[];
  incidence: CumulativeIncidenceResult;
  incidenceAt: IncidenceAtTime[];
  grayP: number | null;
  grayStatistic: number | null;
  causeSpecific: { unadjusted: ArmEffect; adjusted: ArmEffect | null };
  /** null with causeSpecificOnly. */
  fineGray: { unadjusted: ArmEffect; adjusted: ArmEffect | null } | null;
  /** Analysis rows of this site: time from the origin, 1 progression, 2 death first, 0 censored (patients in `FailureFromRtResult.rows` order). */
  time: number[];
  status: number[];
}

export interface FailureFromRtResult {
  arms: string[];
  seed: string;
  delayMonths: number;
  confLevel: number;
  times: number[];
  /** Per arm: patients in the cohort, analysed, and left out (dead or censored by the origin; progressed by it). */
  n: number[];
  analysed: number[];
  leftOut: { endedBeforeOrigin: number[]; progressedBeforeOrigin: number[] };
  /** Origin (months from enrollment) per arm: median and range over the analysed patients. */
  origin: { median: number; min: number; max: number }[];
  /** Cohort row of each analysed patient, their arm and origin. */
  rows: number[];
  arm: string[];
  originMonths: number[];
  /** Months from the origin to death or last contact, per analysed patient. */
  followUpMonths: number[];
  sites: SiteFromOrigin[];
  /** Covariates of the adjusted models, and those left out (with why). */
  adjustment: { covariates: string[]; omitted: { name: string; reason: string }[]; note: string | null };
  /** null with causeSpecificOnly. */
  multiState: { rows: MultiStateRows; fit: AalenJohansenResult } | null;
  followUp: {
    /** Reverse Kaplan-Meier median follow-up from the origin, per arm (null when not reached). */
    median: (number | null)[];
    /** Censored before the cut-off window: lost to follow-up; patient-years from the origin; rate per 100 patient-years. */
    lost: number[];
    patientYears: number[];
    lostPer100: number[];
    cutoff: string;
  };
}

/** Prescription time-distribution matching: one landmark per TACE-alone row, drawn from the RT start times. */
function matchedLandmarks(rtStarts: readonly number[], n: number, seed: string): number[] {
  const sorted = rtStarts.slice().sort((a, b) => a - b);
  const rng = seedrandom(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(sorted[Math.min(sorted.length - 1, Math.floor(rng() * sorted.length))]);
  return out;
}

function armEffect(fit: CoxPHResult | null, crr: ReturnType<typeof fineGray> | null, adjusted: boolean, covariates: string[], phFit: CoxPHEstimates | null): ArmEffect {
  let ph: ProportionalHazardsTestResult | null = null;
  let phNote: string | null = null;
  if (phFit !== null) {
    try {
      ph = proportionalHazardsTest(phFit);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      phNote = error.message;
    }
  }
  const phOf = (term: string): number | null => (ph === null || ph.terms.indexOf(term) < 0 ? null : ph.pValue[ph.terms.indexOf(term)]);
  const src = crr !== null ? crr : (fit as CoxPHResult);
  const n = crr !== null ? crr.n : (fit as CoxPHResult).n;
  const nEvent = crr !== null ? crr.nEvent : (fit as CoxPHResult).nEvent;
  const dropped = crr !== null ? crr.dropped : (fit as CoxPHResult).dropped;
  return {
    model: crr !== null ? "fine-gray" : "cause-specific",
    adjusted,
    hazardRatio: src.hazardRatio[0],
    lower: src.lower[0],
    upper: src.upper[0],
    pValue: src.pValue[0],
    coef: src.coef[0],
    se: src.se[0],
    n,
    nEvent,
    dropped,
    covariates,
    phArm: phOf("arm"),
    phGlobal: phOf("GLOBAL"),
    phNote,
    ph,
  };
}

/** Multi-state rows and Aalen-Johansen fit from each patient's origin: worst site so far, then death. */
function fromOriginMultiState(
  cohort: CohortData,
  rows: readonly number[],
  originMonths: readonly number[],
  arm: readonly string[],
  arms: readonly string[],
  prog: Record<ProgressionSite, number[]>,
  confLevel: number,
): { rows: MultiStateRows; fit: AalenJohansenResult } {
  const f = cohort.fields;
  const shifted = (site: ProgressionSite) => rows.map((i, k) => (Number.isNaN(prog[site][i]) ? null : prog[site][i] - originMonths[k]));
  const msRows = multiStateRows(
    rows.map((i, k) => f.os_months[i] - originMonths[k]),
    {
      local: shifted("local"),
      intrahepatic: shifted("intrahepatic"),
      extrahepatic: shifted("extrahepatic"),
      death: rows.map((i, k) => (f.death[i] === 1 ? f.os_months[i] - originMonths[k] : null)),
    },
    { id: rows.map((i) => f.patient_id[i]), group: arm, initialState: "(no progression)" },
  );
  const msFit = aalenJohansen(msRows.stop, msRows.state, msRows.group, {
    start: msRows.start,
    id: msRows.id,
    censor: msRows.censor,
    states: msRows.states,
    initialState: msRows.initialState,
    levels: arms,
    confLevel,
  });
  return { rows: msRows, fit: msFit };
}

/**
 * The analysis data of failureFromRtStart without its models: the origins (RT start; a matched
 * landmark drawn with `seed` for the reference arm; both moved `delayMonths` later), who is
 * analysed, and each site's time and status from the origin. Cheap enough to repeat over many
 * landmark draws (fromRtPooledModels).
 */
export function fromRtAnalysisData(cohort: CohortData, options: { seed?: string; delayMonths?: number } = {}): FromRtAnalysisData {
  const arms = cohortArms(cohort);
  if (arms.length !== 2) throw new InputError("arm", null, arms.join(", "), "the comparison from RT start needs exactly two arms");
  const caps = cohortCapabilities(cohort);
  for (const cap of [caps.rtStart, caps.progressionBySite]) {
    if (!cap.available) {
      const column = cap.absent.concat(cap.empty)[0];
      throw new InputError(column, null, "", capabilityNote(cap) as string);
    }
  }
  const seed = options.seed ?? "failure-from-rt";
  const delay = options.delayMonths ?? 0;
  if (typeof delay !== "number" || !Number.isFinite(delay) || delay < 0) throw new InputError("delayMonths", null, delay, "must be a non-negative number of months");
  const f = cohort.fields;
  const rtStart = f.rt_start_months as number[];
  const prog = progressionColumns(cohort);
  const byArm = rowsByArm(cohort, arms);
  const [refRows, rtRows] = byArm;
  const rtStarts = rtRows.map((i) => rtStart[i]);
  rtStarts.forEach((v, k) => {
    if (Number.isNaN(v)) throw new InputError("rt_start_months", rtRows[k], "", `is required in the ${arms[1]} arm to time failure from the start of RT`);
  });
  const landmarks = matchedLandmarks(rtStarts, refRows.length, seed);
  const originOf: number[] = new Array(f.arm.length).fill(NaN);
  refRows.forEach((i, k) => (originOf[i] = landmarks[k] + delay));
  rtRows.forEach((i) => (originOf[i] = rtStart[i] + delay));

  const ended = [0, 0];
  const progressed = [0, 0];
  const rows: number[] = [];
  byArm.forEach((idx, a) => {
    for (const i of idx) {
      const o = originOf[i];
      if (!(f.os_months[i] > o)) ended[a]++;
      else if (f.failure_site[i] !== "none" && f.failure_months[i] <= o) progressed[a]++;
      else rows.push(i);
    }
  });
  rows.sort((x, y) => x - y);
  const arm = rows.map((i) => f.arm[i] as string);
  const originMonths = rows.map((i) => originOf[i]);
  const sites = PROGRESSION_SITES.map((site) => {
    const time: number[] = [];
    const status: number[] = [];
    rows.forEach((i, k) => {
      const p = prog[site][i];
      const o = originMonths[k];
      if (!Number.isNaN(p)) {
        time.push(p - o);
        status.push(1);
      } else {
        time.push(f.os_months[i] - o);
        status.push(f.death[i] === 1 ? 2 : 0);
      }
    });
    return { site, time, status };
  });
  return {
    arms,
    seed,
    delayMonths: delay,
    n: byArm.map((r) => r.length),
    analysed: arms.map((a) => arm.filter((x) => x === a).length),
    leftOut: { endedBeforeOrigin: ended, progressedBeforeOrigin: progressed },
    rows,
    arm,
    armCode: arm.map((a) => (a === arms[1] ? 1 : 0)),
    originMonths,
    sites,
  };
}

function progressionColumns(cohort: CohortData): Record<ProgressionSite, number[]> {
  const f = cohort.fields as unknown as Record<string, number[]>;
  return { local: f[PROGRESSION_COLUMNS.local], intrahepatic: f[PROGRESSION_COLUMNS.intrahepatic], extrahepatic: f[PROGRESSION_COLUMNS.extrahepatic] };
}

/**
 * Which of the patients `rows` (cohort rows) were lost to follow-up: alive at last contact
 * (death 0) and last seen more than `adminWindowMonths` before the data cut-off (cohort.cutoff;
 * else the latest last contact among `rows`). The others ended follow-up by death or by the
 * cut-off (administrative censoring). Used by failureFromRtStart (loss per 100 patient-years)
 * and lossToFollowUpIpcw (the censoring model's event).
 *
 * @example
 * lostToFollowUp(loadCohort(), [0, 1, 2], 1).lost; // [false, true, false]
 */
export function lostToFollowUp(cohort: CohortData, rows: readonly number[], adminWindowMonths = 1): { lost: boolean[]; cutoff: string } {
  if (typeof adminWindowMonths !== "number" || !Number.isFinite(adminWindowMonths) || adminWindowMonths < 0) {
    throw new InputError("adminWindowMonths", null, adminWindowMonths, "must be a non-negative number of months");
  }
  const f = cohort.fields;
  const withCutoff = cohort as CohortData & { cutoff?: string };
  const lastContact = rows.map((i) => isoDateToDays(f.enrolled[i]) + f.os_months[i] * DAYS_PER_MONTH);
  const cutoffDays = withCutoff.cutoff !== undefined ? isoDateToDays(withCutoff.cutoff) : Math.max(...lastContact);
  const cutoff = withCutoff.cutoff !== undefined ? withCutoff.cutoff : new Date(cutoffDays * 86400000).toISOString().slice(0, 10);
  return { lost: rows.map((i, k) => f.death[i] === 0 && lastContact[k] < cutoffDays - adminWindowMonths * DAYS_PER_MONTH), cutoff };
}

/** Failure timed from RT start / a matched landmark; see the file comment. */
export function failureFromRtStart(cohort: CohortData, options: FailureFromRtOptions = {}): FailureFromRtResult {
  const seed = options.seed ?? "failure-from-rt";
  const delay = options.delayMonths ?? 0;
  const data = fromRtAnalysisData(cohort, { seed, delayMonths: delay });
  const arms = data.arms;
  const caps = cohortCapabilities(cohort);
  const times = options.times === undefined ? [6, 12, 24] : options.times.slice();
  times.forEach((t, i) => {
    if (typeof t !== "number" || !Number.isFinite(t) || t < 0) throw new InputError("times", i, t, "must be a non-negative finite time");
  });
  const confLevel = options.confLevel ?? 0.95;
  requireConfLevel(confLevel);
  const adminWindow = options.adminWindowMonths ?? 1;
  const csOnly = options.causeSpecificOnly === true;
  const z = normalQuantile(0.5 + confLevel / 2);

  const f = cohort.fields;
  const prog = progressionColumns(cohort);
  const byArm = rowsByArm(cohort, arms);
  const { rows, arm, originMonths, armCode, analysed } = data;
  const ended = data.leftOut.endedBeforeOrigin;
  const progressed = data.leftOut.progressedBeforeOrigin;
  const origin = arms.map((a) => {
    const o = originMonths.filter((_, k) => arm[k] === a).sort((x, y) => x - y);
    return { median: o.length % 2 === 1 ? o[(o.length - 1) / 2] : (o[o.length / 2 - 1] + o[o.length / 2]) / 2, min: o[0], max: o[o.length - 1] };
  });

  // Adjustment set among the analysed patients.
  const adj = adjustmentCovariates(cohort, rows, { tumorScale: options.tumorScale });
  const adjCols: Record<string, number[]> = { arm: armCode };
  for (const s of adj.specs) adjCols[s.name] = rows.map((i) => adj.columns[s.name][i]);
  const adjNames = adj.specs.map((s) => s.name);
  const indication = caps.rtIndication.available ? null : capabilityNote(caps.rtIndication);

  const sites: SiteFromOrigin[] = data.sites.map(({ site, time, status }) => {
    const events = arms.map((a) => status.filter((s, k) => s === 1 && arm[k] === a).length);
    const competingDeaths = arms.map((a) => status.filter((s, k) => s === 2 && arm[k] === a).length);
    const incidence = cumulativeIncidence(time, status, arm, { levels: arms });
    const incidenceAt: IncidenceAtTime[] = [];
    for (const curve of incidence.curves.filter((c) => c.cause === 1)) {
      const at = cumulativeIncidenceAt(curve, times);
      at.time.forEach((t, j) => {
        const est = at.estimate[j];
        const v = at.variance[j];
        incidenceAt.push({
          cause: PROGRESSION_SITES.indexOf(site) + 1,
          site,
          label: PROGRESSION_SITE_LABELS[site],
          arm: curve.group,
          time: t,
          estimate: est,
          lower: est === null || v === null ? null : Math.max(0, est - z * Math.sqrt(v)),
          upper: est === null || v === null ? null : Math.min(1, est + z * Math.sqrt(v)),
        });
      });
    }
    const gray = (incidence.grayTest ?? []).filter((g) => g.cause === 1)[0];
    const unadjCols = { arm: armCode };
    const csUn = causeSpecificCox(time, status, unadjCols, { failCode: 1, confLevel });
    const csAdj = adjNames.length === 0 ? null : causeSpecificCox(time, status, adjCols, { failCode: 1, confLevel, missing: "drop" });
    const fgUn = csOnly ? null : fineGray(time, status, unadjCols, { failCode: 1, confLevel });
    const fgAdj = csOnly || adjNames.length === 0 ? null : fineGray(time, status, adjCols, { failCode: 1, confLevel, missing: "drop" });
    // Fitted for its cox.zph test only: without the concordance and robust score test (the same model data, so the same test).
    const fgPhFit = (cols: Record<string, number[]>) => fineGrayCox(time, status, cols, { failCode: 1, clusterBySubject: true, missing: "drop", estimatesOnly: true });
    return {
      site,
      label: PROGRESSION_SITE_LABELS[site],
      events,
      competingDeaths,
      incidence,
      incidenceAt,
      grayP: gray === undefined ? null : gray.pValue,
      grayStatistic: gray === undefined ? null : gray.statistic,
      causeSpecific: {
        unadjusted: armEffect(csUn, null, false, [], csUn),
        adjusted: csAdj === null ? null : armEffect(csAdj, null, true, adjNames, csAdj),
      },
      fineGray:
        fgUn === null
          ? null
          : {
              unadjusted: armEffect(null, fgUn, false, [], fgPhFit(unadjCols)),
              adjusted: fgAdj === null ? null : armEffect(null, fgAdj, true, adjNames, fgPhFit(adjCols)),
            },
      time,
      status,
    };
  });

  // Multi-state: worst site so far, then death, from the origin.
  const multiState = csOnly ? null : fromOriginMultiState(cohort, rows, originMonths, arm, arms, prog, confLevel);

  // Follow-up from the origin, and loss to follow-up.
  const fuTime = rows.map((i, k) => f.os_months[i] - originMonths[k]);
  const fuDeath = rows.map((i) => f.death[i]);
  const mfu = medianFollowUpByGroup(fuTime, fuDeath, arm, { levels: arms });
  const loss = lostToFollowUp(cohort, rows, adminWindow);
  const cutoff = loss.cutoff;
  const lost = arms.map(() => 0);
  const years = arms.map(() => 0);
  rows.forEach((i, k) => {
    const a = arms.indexOf(arm[k]);
    years[a] += fuTime[k] / 12;
    if (loss.lost[k]) lost[a]++;
  });

  return {
    arms,
    seed,
    delayMonths: delay,
    confLevel,
    times,
    n: byArm.map((r) => r.length),
    analysed,
    leftOut: { endedBeforeOrigin: ended, progressedBeforeOrigin: progressed },
    origin,
    rows,
    arm,
    originMonths,
    followUpMonths: fuTime,
    sites,
    adjustment: { covariates: adjNames, omitted: adj.omitted, note: indication },
    multiState,
    followUp: {
      median: arms.map((a) => {
        const g = mfu.groups.indexOf(a);
        return g < 0 ? null : mfu.results[g].median;
      }),
      lost,
      patientYears: years,
      lostPer100: lost.map((l, a) => (years[a] > 0 ? (100 * l) / years[a] : NaN)),
      cutoff,
    },
  };
}

/**
 * The study's view of one site as a hazard ratio: a cause-specific Cox model of the first
 * failure at `site` from enrollment, the arm fixed at enrollment, unadjusted (R:
 * coxph(Surv(failure_months, failure_site == site) ~ rt), Efron ties; the other first
 * failures and death without failure censored), with cox.zph's check. It carries the
 * immortal time (a TACE+RT patient cannot fail before RT) and the masking by an earlier
 * failure at another site, which the analysis from the start of RT removes.
 */
export function firstFailureCox(cohort: CohortData, site: ProgressionSite, confLevel = 0.95): ArmEffect {
  const arms = cohortArms(cohort);
  if (arms.length !== 2) throw new InputError("arm", null, arms.join(", "), "the comparison needs exactly two arms");
  if (PROGRESSION_SITES.indexOf(site) < 0) throw new InputError("site", null, site, `must be one of ${PROGRESSION_SITES.join(", ")}`);
  const f = cohort.fields;
  const status = f.failure_site.map((s) => (s === site ? 1 : 0));
  const fit = causeSpecificCox(f.failure_months, status, { arm: f.arm.map((a) => (a === arms[1] ? 1 : 0)) }, { failCode: 1, confLevel });
  return armEffect(fit, null, false, [], fit);
}

/** How the study's first-failure analysis moved one site's comparison, against the analysis from RT start. */
export interface FirstFailureBias {
  site: ProgressionSite;
  label: string;
  /** Cause-specific hazard ratio of first failure at the site from enrollment (firstFailureCox). */
  firstFailure: ArmEffect;
  /** The same site's cause-specific hazard ratio from RT start / matched landmark, every progression, adjusted when possible. */
  fromRt: ArmEffect;
  /** "exaggerated" (further from 1, same side), "understated" (closer to 1, same side), "reversed" (other side of 1). */
  direction: "exaggerated" | "understated" | "reversed";
  /** Ratio of the two hazard ratios, first failure / from RT. */
  ratio: number;
}

/** firstFailureCox for every site beside the from-RT estimate of `fromRt` (adjusted when it was fitted). */
export function firstFailureBias(cohort: CohortData, fromRt: FailureFromRtResult): FirstFailureBias[] {
  return fromRt.sites.map((s) => {
    const ff = firstFailureCox(cohort, s.site, fromRt.confLevel);
    const rt = s.causeSpecific.adjusted ?? s.causeSpecific.unadjusted;
    const a = Math.log(ff.hazardRatio);
    const b = Math.log(rt.hazardRatio);
    const direction = a * b < 0 ? "reversed" : Math.abs(a) > Math.abs(b) ? "exaggerated" : "understated";
    return { site: s.site, label: s.label, firstFailure: ff, fromRt: rt, direction, ratio: ff.hazardRatio / rt.hazardRatio };
  });
}
