/**
 * Cox model of overall survival with RT as a time-varying exposure: each patient is
 * unexposed from enrollment to the start of RT and exposed from then on, so the months a
 * TACE+RT patient lived before RT count as untreated time (no immortal time). R
 * (test/fixtures/r/clinical-bias.R):
 *   td <- tmerge(d, d, id = id, death = event(os_months, death))
 *   td <- tmerge(td, d[!is.na(d$rt_start_months), ], id = id, rt_td = tdc(rt_start_months))
 *   coxph(Surv(tstart, tstop, death) ~ rt_td [+ covariates], td, ties = "efron")
 * (here addTimeDependentExposure and coxPH with `start`). Adjusted fits drop patients with a
 * missing covariate.
 * What it estimates: the hazard ratio of patients on RT vs patients not (yet) on RT at the
 * same time since enrollment. It removes immortal time but not confounding, and adjusting for
 * baseline covariates does not remove the time-varying confounding of this design: the
 * untreated at each time include patients who have already progressed and could no longer
 * receive RT, so the adjusted estimate is biased toward benefit.
 * Needs `rt_start_months` (cohortCapabilities: "rt-start").
 *
 * @example
 * timeDependentCox(loadCohort()).effect.hazardRatio; // 1.20 on the shipped cohort
 */
import { coxPH } from "../survival/cox";
import { addTimeDependentExposure } from "../survival/time-dependent-exposure";
import { armEffect } from "./arm-effect";
import type { ArmEffect } from "./arm-effect";
import type { CohortData } from "./arms";
import { biasCovariates } from "./bias-covariates";
import { rtStartColumn } from "./landmark-cox";

export interface TimeDependentCoxOptions {
  /** Adjust for the bias covariates (default false). */
  adjusted?: boolean;
  confLevel?: number;
}

export interface TimeDependentCoxResult {
  /** (start, stop] rows of the split data. */
  rows: number;
  /** Patients whose follow-up was split at the start of RT. */
  split: number;
  /** Person-months unexposed and on RT. */
  monthsUnexposed: number;
  monthsExposed: number;
  effect: ArmEffect;
}

/** Time-dependent Cox model of RT; see the file comment. */
export function timeDependentCox(cohort: CohortData, options: TimeDependentCoxOptions = {}): TimeDependentCoxResult {
  const f = cohort.fields;
  const rtStart = rtStartColumn(cohort);
  const adjusted = options.adjusted === true;
  const data: Record<string, ArrayLike<unknown>> = { id: f.patient_id, time: f.os_months, event: f.death, rt_start: rtStart };
  if (adjusted) Object.assign(data, biasCovariates(cohort).columns);
  const names = adjusted ? biasCovariates(cohort).names : [];
  const td = addTimeDependentExposure(data as Record<string, number[]>, { time: "time", event: "event", exposureTime: "rt_start", name: "rt_td" });
  const start = td.tstart as number[];
  const stop = td.time as number[];
  const exposed = td.rt_td as number[];
  const covariates: Record<string, number[]> = { rt_td: exposed };
  for (const k of names) covariates[k] = td[k] as number[];
  const fit = coxPH(stop, td.event as number[], covariates, { start, confLevel: options.confLevel, missing: "drop" });
  let monthsUnexposed = 0;
  let monthsExposed = 0;
  for (let k = 0; k < stop.length; k++) {
    if (exposed[k] === 1) monthsExposed += stop[k] - start[k];
    else monthsUnexposed += stop[k] - start[k];
  }
  return {
    rows: stop.length,
    split: stop.length - f.os_months.length,
    monthsUnexposed,
    monthsExposed,
    effect: armEffect(fit, "rt_td", `time-dependent RT${adjusted ? ", adjusted" : ""}`),
  };
}
