/**
 * What the in-field response comparison of notebook 03 (claim C9) compares: when each arm's
 * response was assessed and who is in each arm's denominator. The TACE+RT response is recorded
 * after RT, which started months after enrollment, in patients who had to be alive and free of
 * progression to start it; the TACE response is recorded at the post-TACE assessment, in every
 * patient. So the arms differ in time of assessment and in selection, and Fisher's test of the
 * share that regressed is not an effect of RT.
 *
 * Computed from the cohort:
 * - `rtStart`: months from enrollment to the start of RT in the RT arm (describeNumbers: median,
 *   quartiles by R's type 7, range): the RT arm's response is assessed after it;
 * - `rtArmEventBeforeRt`: RT-arm patients with a first failure or death at or before RT start
 *   (0 when the arm is selected as progression-free at RT);
 * - `eligibleReference`: the reference arm restricted, as in Part B, to patients alive, followed
 *   and progression-free at a matched landmark (fromRtAnalysisData, `seed`): their count and how
 *   many regressed, with Fisher's test against the RT arm (R's fisher.test);
 * - `residualAfterTace`: viable tumor left at the post-TACE assessment (before any RT), per arm:
 *   the only response measure taken at the same step in both arms.
 * Each part is null when the cohort lacks its column (rt_start_months, the per-site progression
 * columns, residual_viable_tumor).
 *
 * @example
 * const ctx = responseContext(loadCohort());
 * ctx.rtStart.median; ctx.eligibleReference.n;
 */
import { RESPONSES } from "../data/clinical";
import { fisherExactTest } from "../stats/fisher-exact-test";
import type { FisherExactTestResult } from "../stats/fisher-exact-test";
import { describeNumbers } from "./describe";
import type { NumberSummary } from "./describe";
import { cohortArms, rowsByArm } from "./arms";
import type { CohortData } from "./arms";
import { cohortCapabilities } from "./capabilities";
import { fromRtAnalysisData } from "./failure-from-rt";

export interface ResponseContext {
  arms: string[];
  /** Part A's denominators: every patient of each arm, and how many regressed (CR or PR). */
  n: number[];
  regressed: number[];
  rtStart: NumberSummary | null;
  rtArmEventBeforeRt: number | null;
  eligibleReference: { seed: string; n: number; regressed: number; leftOut: number; test: FisherExactTestResult | null } | null;
  residualAfterTace: { recorded: number[]; residual: number[] } | null;
}

const regressedOf = (r: string): boolean => r === RESPONSES[0] || r === RESPONSES[1];

/** The context of the in-field response comparison; see the file comment. */
export function responseContext(cohort: CohortData, options: { seed?: string } = {}): ResponseContext {
  const arms = cohortArms(cohort);
  const f = cohort.fields;
  const byArm = rowsByArm(cohort, arms);
  const n = byArm.map((r) => r.length);
  const regressed = byArm.map((r) => r.filter((i) => regressedOf(f.infield_response[i])).length);
  const caps = cohortCapabilities(cohort);
  const rtRows = byArm[arms.length - 1] ?? [];
  let rtStart: NumberSummary | null = null;
  let rtArmEventBeforeRt: number | null = null;
  if (caps.rtStart.available && arms.length === 2) {
    const s = f.rt_start_months as number[];
    rtStart = describeNumbers(rtRows.map((i) => s[i]));
    rtArmEventBeforeRt = rtRows.filter((i) => !Number.isNaN(s[i]) && (f.os_months[i] <= s[i] || (f.failure_site[i] !== "none" && f.failure_months[i] <= s[i]))).length;
  }
  let eligibleReference: ResponseContext["eligibleReference"] = null;
  if (caps.rtStart.available && caps.progressionBySite.available && arms.length === 2) {
    const seed = options.seed ?? "failure-from-rt";
    const d = fromRtAnalysisData(cohort, { seed });
    const refRows = d.rows.filter((_, k) => d.armCode[k] === 0);
    const reg = refRows.filter((i) => regressedOf(f.infield_response[i])).length;
    const rtReg = regressed[1];
    // The RT arm first: the odds ratio is that of regression with RT.
    const table = [
      [rtReg, n[1] - rtReg],
      [reg, refRows.length - reg],
    ];
    const varies = reg + rtReg > 0 && refRows.length - reg + n[1] - rtReg > 0;
    eligibleReference = { seed, n: refRows.length, regressed: reg, leftOut: n[0] - refRows.length, test: varies ? fisherExactTest(table) : null };
  }
  let residualAfterTace: ResponseContext["residualAfterTace"] = null;
  const residual = (f as unknown as Record<string, number[] | undefined>).residual_viable_tumor;
  if (residual !== undefined) {
    residualAfterTace = {
      recorded: byArm.map((r) => r.filter((i) => !Number.isNaN(residual[i])).length),
      residual: byArm.map((r) => r.filter((i) => residual[i] === 1).length),
    };
  }
  return { arms, n, regressed, rtStart, rtArmEventBeforeRt, eligibleReference, residualAfterTace };
}
