/**
 * Landmark analysis of overall survival (Anderson, Cain & Gelber 1983): patients alive and
 * followed past the landmark L, classified by whether RT had started by L (later starters
 * count as unexposed), followed from L. It removes the immortal time of the naive comparison
 * (a TACE+RT patient had to live until RT) at the price of misclassifying later starters and
 * dropping those who died before L; confounding by indication stays unless adjusted.
 * R (test/fixtures/r/clinical-bias.R):
 *   l <- d[d$os_months > L, ]; l$rt_by <- !is.na(l$rt_start_months) & l$rt_start_months <= L
 *   coxph(Surv(os_months - L, death) ~ rt_by [+ covariates], l, ties = "efron")
 * Adjusted fits drop patients with a missing covariate (complete cases).
 * Needs `rt_start_months` (cohortCapabilities: "rt-start").
 *
 * @example
 * landmarkCox(loadCohort(), 4).effect.hazardRatio; // 1.10 on the shipped cohort
 */
import { InputError } from "../core/index";
import { coxPH } from "../survival/cox";
import { armEffect } from "./arm-effect";
import type { ArmEffect } from "./arm-effect";
import type { CohortData } from "./arms";
import { biasCovariates, covariateRows } from "./bias-covariates";

export interface LandmarkCoxOptions {
  /** Adjust for the bias covariates (biasCovariates; default false). */
  adjusted?: boolean;
  confLevel?: number;
}

export interface LandmarkCoxResult {
  landmark: number;
  /** Patients alive and followed past the landmark. */
  atRisk: number;
  /** Patients who died or were censored by the landmark (left out). */
  excluded: number;
  /** Of those at risk: RT started by the landmark. */
  exposed: number;
  /** TACE+RT patients at risk whose RT started after the landmark (counted as unexposed). */
  laterStarters: number;
  effect: ArmEffect;
}

/** RT start per patient (NaN when none); throws when the cohort has no rt_start_months column. */
export function rtStartColumn(cohort: CohortData): number[] {
  const col = (cohort.fields as unknown as Record<string, number[] | undefined>).rt_start_months;
  if (col === undefined) throw new InputError("rt_start_months", null, undefined, "is not a column of this cohort: the analysis needs the start of RT");
  return col.map((v) => (typeof v === "number" && Number.isFinite(v) ? v : NaN));
}

/** Landmark Cox model at `landmark` months; see the file comment. */
export function landmarkCox(cohort: CohortData, landmark: number, options: LandmarkCoxOptions = {}): LandmarkCoxResult {
  if (typeof landmark !== "number" || !(landmark > 0) || !Number.isFinite(landmark)) throw new InputError("landmark", null, landmark, "must be a positive number of months");
  const f = cohort.fields;
  const rtStart = rtStartColumn(cohort);
  const rows = f.os_months.map((_, i) => i).filter((i) => f.os_months[i] > landmark);
  if (rows.length === 0) throw new InputError("landmark", null, landmark, "is after every patient's follow-up");
  const rtBy: number[] = rows.map((i) => (!Number.isNaN(rtStart[i]) && rtStart[i] <= landmark ? 1 : 0));
  const laterStarters = rows.filter((i, k) => !Number.isNaN(rtStart[i]) && rtBy[k] === 0).length;
  const covariates: Record<string, number[]> = { rt: rtBy };
  const adjusted = options.adjusted === true;
  if (adjusted) Object.assign(covariates, covariateRows(biasCovariates(cohort), rows));
  const fit = coxPH(
    rows.map((i) => f.os_months[i] - landmark),
    rows.map((i) => f.death[i]),
    covariates,
    { confLevel: options.confLevel, missing: "drop" },
  );
  return {
    landmark,
    atRisk: rows.length,
    excluded: f.os_months.length - rows.length,
    exposed: rtBy.reduce((s: number, x) => s + x, 0),
    laterStarters,
    effect: armEffect(fit, "rt", `landmark at ${landmark} months${adjusted ? ", adjusted" : ""}`),
  };
}
