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
  effect: ArmEffect;
}

/** Pooled sequential trials of starting RT; see the file comment. */
export function sequentialTrials(cohort: CohortData, options: SequentialTrialsOptions): SequentialTrialsResult {
  const { from, to, width } = options;
  for (const [k, v] of [["from", from], ["to", to], ["width", width]] as const) {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new InputError(k, null, v, "must be a number of months >= 0");
  }
  if (!(width > 0)) throw new InputError("width", null, width, "must be > 0");
  if (to < from) throw new InputError("to", null, to, `must not be before from (${from})`);
  const f = cohort.fields;
  const rtStart = rtStartColumn(cohort);
  const firstProgression = f.failure_site.map((s, i) => (s === "none" ? Infinity : f.failure_months[i]));
  const starts: number[] = [];
  for (let k = 0; from + k * width <= to + 1e-9; k++) starts.push(Math.round((from + k * width) * 1e9) / 1e9);
  const adjusted = options.adjusted === true;
  const cov = adjusted ? biasCovariates(cohort) : null;
  const t: number[] = [];
  const event: number[] = [];
  const treated: number[] = [];
  const trial: number[] = [];
  const id: string[] = [];
  const covariates: Record<string, number[]> = { treated };
  if (cov !== null) for (const k of cov.names) covariates[k] = [];
  const counted = new Set<number>();
  for (const s of starts) {
    for (let i = 0; i < f.os_months.length; i++) {
      const r = rtStart[i];
      if (!(f.os_months[i] > s && firstProgression[i] > s && (Number.isNaN(r) || r >= s))) continue;
      const isTreated = !Number.isNaN(r) && r < s + width;
      const later = !Number.isNaN(r) && !isTreated;
      t.push((later ? r : f.os_months[i]) - s);
      event.push(later ? 0 : f.death[i]);
      treated.push(isTreated ? 1 : 0);
      if (isTreated) counted.add(i);
      trial.push(s);
      id.push(f.patient_id[i]);
      if (cov !== null) for (const k of cov.names) covariates[k].push(cov.columns[k][i]);
    }
  }
  if (treated.every((x) => x === 0)) throw new InputError("rt_start_months", null, null, `no RT start falls in the windows from ${from} to ${to + width} months`);
  const fit = coxPH(t, event, covariates, { strata: trial, cluster: id, confLevel: options.confLevel, missing: "drop" });
  const rtPatients = rtStart.filter((v) => !Number.isNaN(v)).length;
  return {
    starts,
    rows: t.length,
    treated: treated.reduce((a, b) => a + b, 0),
    outsideGrid: rtPatients - counted.size,
    effect: armEffect(fit, "treated", `sequential trials${adjusted ? ", adjusted" : ""}`),
  };
}
