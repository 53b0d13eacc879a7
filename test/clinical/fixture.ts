import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../helpers/reference";
import { loadCohort, OPTIONAL_COHORT_COLUMNS } from "../../src/data/index";
import type { Cohort, CohortFields } from "../../src/data/index";

/** The committed simulated cohort. */
export const cohort: Cohort = loadCohort(path.join(repoRoot, "data"));

/** test/fixtures/r/clinical-analyses.json (written by the .R script of the same name). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const R: any = JSON.parse(fs.readFileSync(path.join(repoRoot, "test/fixtures/r/clinical-analyses.json"), "utf8"));

/** A copy of the cohort's fields with changes. */
export function withFields(changes: Partial<CohortFields>, base: { fields: CohortFields } = cohort): { fields: CohortFields } {
  const fields = { ...base.fields } as CohortFields;
  for (const key of Object.keys(changes) as Array<keyof CohortFields>) (fields as unknown as Record<string, unknown>)[key] = changes[key];
  return { fields };
}

/** The cohort with covariates blanked at fixed rows, the rule of test/fixtures/r/clinical-blanked.R (clinical-analyses.R, clinical-functional-form.R). */
export function blanked(): { fields: CohortFields } {
  const f = cohort.fields;
  const num = (v: number[], k: number, r: number): number[] => v.map((x, i) => (i % k === r ? NaN : x));
  const lab = (v: string[], k: number, r: number): string[] => v.map((x, i) => (i % k === r ? "" : x));
  return withFields({
    age: num(f.age, 29, 3),
    sex: lab(f.sex, 37, 5),
    hbv: num(f.hbv, 41, 7),
    child_pugh: lab(f.child_pugh, 43, 11),
    tumor_cm: num(f.tumor_cm, 31, 13),
    afp_ng_ml: num(f.afp_ng_ml, 47, 17),
    tumor_number: num(f.tumor_number as number[], 53, 19),
    portal_vein_thrombosis: num(f.portal_vein_thrombosis as number[], 59, 23),
    ecog: num(f.ecog as number[], 61, 29),
    residual_viable_tumor: num(f.residual_viable_tumor as number[], 67, 31),
  });
}

/** The cohort in the original layout: its optional columns (OPTIONAL_COHORT_COLUMNS) removed. */
export function originalLayout(base: { fields: CohortFields } = cohort): { fields: CohortFields } {
  const fields = { ...base.fields } as unknown as Record<string, unknown>;
  for (const c of OPTIONAL_COHORT_COLUMNS) delete fields[c];
  return { fields: fields as unknown as CohortFields };
}

/** Keeps only the rows for which keep(i) is true. */
export function subset(keep: (i: number) => boolean, base: { fields: CohortFields } = cohort): { fields: CohortFields } {
  const out: Record<string, unknown[]> = {};
  for (const [key, values] of Object.entries(base.fields)) out[key] = (values as unknown[]).filter((_, i) => keep(i));
  return { fields: out as unknown as CohortFields };
}
