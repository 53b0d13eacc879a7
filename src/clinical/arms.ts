/**
 * The arms of a cohort and the columns every clinical summary reads, shared by
 * the functions of src/clinical. Arms come from the data, in the schema's order
 * (ARMS: "TACE" first, the reference arm, then "TACE+RT"), so a user's cohort in
 * the same schema is analysed the same way; at least two arms must be present.
 *
 * @example
 * cohortArms(loadCohort()); // ["TACE", "TACE+RT"]
 */
import { InputError } from "../core/index";
import { ARMS } from "../data/clinical";
import type { CohortFields } from "../data/clinical";

/** What the clinical functions need of a cohort: its typed columns (a loadCohort result will do). */
export interface CohortData {
  fields: CohortFields;
}

/** The arm compared against the others (TACE alone). */
export const REFERENCE_ARM: string = ARMS[0];
/** The irradiated arm (TACE followed by conformal RT). */
export const RT_ARM: string = ARMS[1];

/** Arms present in the cohort, in ARMS order; throws unless there are at least two. */
export function cohortArms(cohort: CohortData): string[] {
  if (!cohort || !cohort.fields || !cohort.fields.arm) throw new InputError("cohort", null, cohort, "must be a cohort (loadCohort) with fields.arm");
  const arm = cohort.fields.arm as readonly string[];
  if (arm.length === 0) throw new InputError("cohort", null, 0, "has no patients");
  const present = new Set(arm);
  const known = new Set<string>(ARMS);
  for (let i = 0; i < arm.length; i++) {
    if (!known.has(arm[i])) throw new InputError("arm", i, arm[i], `is not one of the arms ${ARMS.join(", ")}`);
  }
  const arms = ARMS.filter((a) => present.has(a));
  if (arms.length < 2) throw new InputError("arm", null, arms.join(", "), `needs at least two arms to compare, found ${arms.length}`);
  return arms;
}

/** Row indices of each arm, in the order of `arms`. */
export function rowsByArm(cohort: CohortData, arms: readonly string[]): number[][] {
  const out = arms.map(() => [] as number[]);
  const arm = cohort.fields.arm as readonly string[];
  for (let i = 0; i < arm.length; i++) {
    const k = arms.indexOf(arm[i]);
    if (k >= 0) out[k].push(i);
  }
  return out;
}
