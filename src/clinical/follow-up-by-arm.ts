/**
 * Differential follow-up: how long, and how completely, each arm was followed.
 * - Median follow-up by the reverse Kaplan-Meier method (medianFollowUpByGroup; R's
 *   survfit(Surv(os_months, 1 - death) ~ arm)).
 * - Patients alive at last contact, split into those followed to the data cut-off
 *   (administrative censoring: last contact within `slackMonths` of the cut-off) and those
 *   lost to follow-up earlier, with the loss rate per person-year of follow-up
 *   (lost / (sum of os_months / 12)) per arm.
 * An arm followed less completely has fewer observed deaths and progressions late in
 * follow-up; when loss is related to prognosis, its curves are biased (informative censoring).
 *
 * @example
 * followUpByArm(loadCohort(), { cutoff: "2005-06-30" }).arms[1].lossRatePerYear;
 */
import { InputError } from "../core/index";
import { DAYS_PER_MONTH } from "../data/clinical";
import { medianFollowUpByGroup } from "../survival/median-follow-up";
import type { CohortData } from "./arms";
import { cohortArms, rowsByArm } from "./arms";

export interface ArmFollowUp {
  arm: string;
  n: number;
  /** Reverse Kaplan-Meier median follow-up, months, with limits. */
  median: number | null;
  lower: number | null;
  upper: number | null;
  alive: number;
  /** Alive at last contact, followed to the cut-off. */
  toCutoff: number;
  /** Alive at last contact, lost earlier. */
  lost: number;
  personYears: number;
  lossRatePerYear: number;
}

export interface FollowUpByArmResult {
  cutoff: string;
  slackMonths: number;
  arms: ArmFollowUp[];
}

/** Follow-up by arm; see the file comment. */
export function followUpByArm(cohort: CohortData, options: { cutoff: string; slackMonths?: number; confLevel?: number }): FollowUpByArmResult {
  const cutoff = options.cutoff;
  const end = Date.parse(`${cutoff}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(String(cutoff)) || Number.isNaN(end)) throw new InputError("cutoff", null, cutoff, "must be a date YYYY-MM-DD");
  const slack = options.slackMonths ?? 1;
  const f = cohort.fields;
  const arms = cohortArms(cohort);
  const fu = medianFollowUpByGroup(f.os_months, f.death, f.arm, { levels: arms, confLevel: options.confLevel });
  const rows = rowsByArm(cohort, arms);
  const out = arms.map((arm, k) => {
    let alive = 0;
    let toCutoff = 0;
    let months = 0;
    for (const i of rows[k]) {
      months += f.os_months[i];
      if (f.death[i] === 1) continue;
      alive++;
      const available = (end - Date.parse(`${f.enrolled[i]}T00:00:00Z`)) / 86400000 / DAYS_PER_MONTH;
      if (f.os_months[i] >= available - slack) toCutoff++;
    }
    const r = fu.results[k];
    const personYears = months / 12;
    return { arm, n: rows[k].length, median: r.median, lower: r.lower, upper: r.upper, alive, toCutoff, lost: alive - toCutoff, personYears, lossRatePerYear: (alive - toCutoff) / personYears };
  });
  return { cutoff, slackMonths: slack, arms: out };
}
