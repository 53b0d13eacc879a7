/**
 * The naive comparison: overall survival from enrollment with the arm fixed at baseline, as the
 * study analysed it, unadjusted or adjusted for the bias covariates (biasCovariates). R
 * (test/fixtures/r/clinical-bias.R):
 *   coxph(Surv(os_months, death) ~ rt [+ covariates], d, ties = "efron")
 * Biased twice over in a series like this one: immortal time (a TACE+RT patient had to live,
 * free of progression, until RT) favours RT; confounding by indication works in whichever
 * direction the reasons for RT point. Adjustment addresses only the second, and only for
 * measured covariates. Adjusted fits drop patients with a missing covariate.
 *
 * @example
 * naiveCox(loadCohort()).effect.hazardRatio; // 1.08 on the shipped cohort
 */
import { coxPH } from "../survival/cox";
import { armEffect } from "./arm-effect";
import type { ArmEffect } from "./arm-effect";
import type { CohortData } from "./arms";
import { cohortArms } from "./arms";
import { biasCovariates } from "./bias-covariates";

export interface NaiveCoxResult {
  arms: string[];
  /** Patients left out for a missing covariate (adjusted fits). */
  dropped: number;
  effect: ArmEffect;
}

/** Naive Cox model of the arm from enrollment; see the file comment. */
export function naiveCox(cohort: CohortData, options: { adjusted?: boolean; confLevel?: number } = {}): NaiveCoxResult {
  const arms = cohortArms(cohort);
  const f = cohort.fields;
  const adjusted = options.adjusted === true;
  const x: Record<string, number[]> = { rt: f.arm.map((a) => (a === arms[1] ? 1 : 0)) };
  if (adjusted) Object.assign(x, biasCovariates(cohort).columns);
  const fit = coxPH(f.os_months, f.death, x, { confLevel: options.confLevel, missing: "drop" });
  return { arms, dropped: fit.dropped, effect: armEffect(fit, "rt", `naive, from enrollment${adjusted ? ", adjusted" : ""}`) };
}
