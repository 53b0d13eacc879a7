/**
 * Sequential target trials (Hernán et al. 2008; Gran et al. 2010), the analysis that
 * emulates "start RT now vs do not start it now" among patients who could start it: for
 * each window [s, s + width) of the grid, the patients alive, free of progression and not
 * yet on RT at s form one trial; those who start RT in the window are treated, the others
 * controls, and a control who starts RT later is censored then (per-protocol). Time counts
 * from s. The trials are pooled in one Cox model stratified by trial, with a robust
 * variance clustered on the patient (a patient is a control in several trials). R
 * (test/fixtures/r/clinical-bias.R):
 *   coxph(Surv(t, event) ~ treated [+ covariates] + strata(trial), trials, cluster = id, ties = "efron")
 * Free of progression at s: the first failure (`failure_months` when `failure_site` is not
 * "none", the earliest progression at any site) is after s. Adjusted fits drop rows with a
 * missing covariate. With adjustment for the baseline covariates, it estimates the total
 * effect of starting RT on death among the eligible (the simulation's "total effect").
 * Needs `rt_start_months` (cohortCapabilities: "rt-start").
 *
 * @example
 * sequentialTrials(loadCohort(), { from: 1.5, to: 5.5, width: 0.25, adjusted: true }).effect.hazardRatio; // 1.14
 */
import { InputError } from "../core/index";
import { coxPH } from "../survival/cox";
import { armEffect } from "./arm-effect";
import type { ArmEffect } from "./arm-effect";
import type { CohortData } from "./arms";
import { biasCovariates } from "./bias-covariates";
import { rtStartColumn } from "./landmark-cox";

export interface SequentialTrialsOptions {
  /** First and last window starts, months (the grid from, from + width, ..., up to to). */
  from: number;
  to: number;
  /** Window width, months. */
  width: number;
  adjusted?: boolean;
  confLevel?: number;
}

export interface SequentialTrialsResult {
  /** Window starts (one trial each). */
  starts: number[];
  /** Rows of the pooled trials, and the treated among them (each RT start counted once). */
  rows: number;
  treated: number;
  /** TACE+RT patients whose RT started outside the grid (never treated in a trial). */
  outsideGrid: number;
  /** Distinct patients in the fit, and distinct patients whose death is an event in some trial (effect.nEvent counts a death once per trial it falls in). */
  patients: number;
  uniqueDeaths: number;
  /** Control rows censored at a later RT start (per protocol). */
  controlsCensoredAtRt: number;
  effect: ArmEffect;
}

/** The patient-level inputs of the trials: survival, first progression, RT start (NaN = none). */
export interface TrialPatients {
  id: string[];
  os: number[];
  death: number[];
  /** First progression (any site), Infinity when none was seen. */
  firstProgression: number[];
  rtStart: number[];
}

/** One row per patient and trial: the pooled trials' data. */
export interface TrialRows {
  /** Patient (index into TrialPatients) and window (index into starts) of each row. */
  patient: number[];
  window: number[];
  /** Window start s of the row's trial, months. */
  start: number[];
  treated: number[];
  /** Time from s to death, last contact, or (controls) the start of RT; event = death then. */
  time: number[];
  event: number[];
  /** Controls censored because they started RT later (per protocol). */
  censoredAtRt: number[];
}

/** The window grid from, from + width, ..., up to to; bad grids are refused. */
export function trialStarts(from: number, to: number, width: number): number[] {
  for (const [k, v] of [["from", from], ["to", to], ["width", width]] as const) {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new InputError(k, null, v, "must be a number of months >= 0");
  }
  if (!(width > 0)) throw new InputError("width", null, width, "must be > 0");
  if (to < from) throw new InputError("to", null, to, `must not be before from (${from})`);
  const starts: number[] = [];
  for (let k = 0; from + k * width <= to + 1e-9; k++) starts.push(Math.round((from + k * width) * 1e9) / 1e9);
  return starts;
}

/** The trial inputs of a cohort (needs rt_start_months). */
export function trialPatients(cohort: CohortData): TrialPatients {
  const f = cohort.fields;
  return {
    id: Array.from(f.patient_id),
    os: Array.from(f.os_months),
    death: Array.from(f.death),
    firstProgression: f.failure_site.map((s, i) => (s === "none" ? Infinity : f.failure_months[i])),
    rtStart: rtStartColumn(cohort),
  };
}

/**
 * The pooled trials: in the trial of window [s, s + width), every patient alive, free of
 * progression and not yet on RT at s; treated if RT starts in the window. `include` limits
 * the patients (e.g. to complete covariates).
 */
export function sequentialTrialRows(p: TrialPatients, starts: readonly number[], width: number, include?: (i: number) => boolean): TrialRows {
  const rows: TrialRows = { patient: [], window: [], start: [], treated: [], time: [], event: [], censoredAtRt: [] };
  starts.forEach((s, k) => {
    for (let i = 0; i < p.os.length; i++) {
      const r = p.rtStart[i];
      if (!(p.os[i] > s && p.firstProgression[i] > s && (Number.isNaN(r) || r >= s))) continue;
      if (include !== undefined && !include(i)) continue;
      const isTreated = !Number.isNaN(r) && r < s + width;
      const later = !Number.isNaN(r) && !isTreated;
      rows.patient.push(i);
      rows.window.push(k);
      rows.start.push(s);
      rows.treated.push(isTreated ? 1 : 0);
      rows.time.push((later ? r : p.os[i]) - s);
      rows.event.push(later ? 0 : p.death[i]);
      rows.censoredAtRt.push(later ? 1 : 0);
    }
  });
  return rows;
}

/** Pooled sequential trials of starting RT; see the file comment. */
export function sequentialTrials(cohort: CohortData, options: SequentialTrialsOptions): SequentialTrialsResult {
  const { from, to, width } = options;
  const starts = trialStarts(from, to, width);
  const p = trialPatients(cohort);
  const adjusted = options.adjusted === true;
  const cov = adjusted ? biasCovariates(cohort) : null;
  const rows = sequentialTrialRows(p, starts, width);
  const covariates: Record<string, number[]> = { treated: rows.treated };
  if (cov !== null) for (const k of cov.names) covariates[k] = rows.patient.map((i) => cov.columns[k][i]);
  if (rows.treated.every((x) => x === 0)) throw new InputError("rt_start_months", null, null, `no RT start falls in the windows from ${from} to ${to + width} months`);
  const trial = rows.start;
  const id = rows.patient.map((i) => p.id[i]);
  const fit = coxPH(rows.time, rows.event, covariates, { strata: trial, cluster: id, confLevel: options.confLevel, missing: "drop" });
  const rtPatients = p.rtStart.filter((v) => !Number.isNaN(v)).length;
  // Counted on the rows the fit used (complete covariates when adjusted).
  const used = rows.patient.map((i) => cov === null || cov.complete[i]);
  const patients = new Set<number>();
  const died = new Set<number>();
  const counted = new Set<number>();
  let rtStartsCensored = 0;
  rows.patient.forEach((i, k) => {
    if (rows.treated[k] === 1) counted.add(i);
    if (!used[k]) return;
    patients.add(i);
    if (rows.event[k] === 1) died.add(i);
    rtStartsCensored += rows.censoredAtRt[k];
  });
  return {
    starts,
    rows: rows.time.length,
    treated: rows.treated.reduce((a, b) => a + b, 0),
    outsideGrid: rtPatients - counted.size,
    patients: patients.size,
    uniqueDeaths: died.size,
    controlsCensoredAtRt: rtStartsCensored,
    effect: armEffect(fit, "treated", `sequential trials${adjusted ? ", adjusted" : ""}`),
  };
}
