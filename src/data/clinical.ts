import * as path from "path";
import { dataDir } from "./load";
import { DataValidationError, ValidationIssue } from "./issues";
import { readDataFile } from "./text-file";
import { validateTable } from "./validate";
import { ColumnSpec, RowRule, Table, TableSchema } from "./schema";
import { dateProblem, isoDateToDays } from "./values";
import { InputError } from "../core/input-error";

/**
 * The clinical cohort: one row per patient, arms TACE and TACE+RT, overall
 * survival, the site and time of first failure, the response of the treated
 * lesion and baseline covariates. File: <data dir>/clinical/cohort.csv.
 *
 * Times are months from enrollment (first TACE), a month being 365.25 / 12 days.
 * Consistency rules a clinician would expect are checked on load:
 * - failure_months <= os_months (a first failure cannot come after death or last follow-up);
 * - failure_site "none" -> failure_months = os_months (time to death or last follow-up);
 * - enrolled + os_months must not run past the data cut-off (death or last contact
 *   cannot be after the analysis date); enrolled itself not after the cut-off.
 *
 * Optional columns (OPTIONAL_COHORT_COLUMNS; a file without them loads as before, and
 * cohortCapabilities in src/clinical says which analyses they enable):
 * - rt_start_months: months from enrollment to the start of RT. Required in the TACE+RT
 *   arm and empty in the TACE arm; after enrollment (> 0) and not after death or last
 *   contact (<= os_months).
 * - local_ / intrahepatic_ / extrahepatic_progression_months: the first progression at
 *   each site, empty when none was seen. Each within follow-up (<= os_months), none before
 *   the first failure, the first failure's own site equal to failure_months, and all empty
 *   when failure_site is "none": the first failure is the earliest of them.
 * - tumor_number (1-50), portal_vein_thrombosis (0/1), ecog (0-4), residual_viable_tumor
 *   (0/1): covariates behind the choice of RT; may be missing.
 * Findings such as "every irradiated lesion responded" (claim C9) or the enrollment
 * window (C3) are checked by the claims, not here: a user's cohort may differ.
 *
 * @example
 * const cohort = loadCohort();            // DATA_DIR or data/ of the repository
 * cohort.fields.os_months;                // number[]
 * loadCohort("my-data", { cutoff: "2012-06-30" });
 */

/** Days in a month, for converting between dates and month times (365.25 / 12). */
export const DAYS_PER_MONTH = 365.25 / 12;

/**
 * Data cut-off of the shipped cohort (assumed; the study does not publish its analysis
 * date): last follow-up and deaths are recorded up to this date. Override for another
 * cohort with loadCohort(dir, { cutoff }) or the DATA_CUTOFF environment variable.
 */
export const STUDY_DATA_CUTOFF = "2005-06-30";

export const ARMS = ["TACE", "TACE+RT"] as const;
export const FAILURE_SITES = ["none", "local", "intrahepatic", "extrahepatic"] as const;
export const RESPONSES = ["CR", "PR", "SD", "PD"] as const;

export type Arm = (typeof ARMS)[number];
export type FailureSite = (typeof FAILURE_SITES)[number];
export type Response = (typeof RESPONSES)[number];

/** Name of the row rule that keeps follow-up within the data cut-off. */
const CUTOFF_RULE = "follow-up within the data cut-off";

/** The rule that an event recorded in `column` (months from enrollment) is not after death or last follow-up (os_months). */
function notAfterFollowUp(name: string, column: string, event: string): RowRule {
  return {
    name,
    columns: [column, "os_months"],
    check: (r) =>
      (r[column] as number) <= (r.os_months as number) ? null : `${event} at ${r[column]} months is after death or last follow-up at ${r.os_months} months`,
  };
}

/** Relative path of the cohort file inside a data folder. */
export const COHORT_FILE = path.join("clinical", "cohort.csv");

/** The cohort schema with the given data cut-off (YYYY-MM-DD). */
export function makeCohortSchema(cutoff: string = STUDY_DATA_CUTOFF): TableSchema {
  const problem = dateProblem(cutoff);
  if (problem !== null) throw new InputError("cutoff", null, cutoff, `the data cut-off must be a real date written YYYY-MM-DD from 1900 on; ${JSON.stringify(cutoff)} ${problem}`);
  const cutoffDays = isoDateToDays(cutoff);
  const rules: RowRule[] = [
    notAfterFollowUp("failure not after death or last follow-up", "failure_months", "first failure"),
    {
      name: "no failure means failure_months = os_months",
      columns: ["failure_site", "failure_months", "os_months"],
      check: (r) =>
        r.failure_site !== "none" || r.failure_months === r.os_months
          ? null
          : `failure_site is "none", so failure_months (time to death or last follow-up) must equal os_months`,
    },
    {
      name: CUTOFF_RULE,
      columns: ["enrolled", "os_months"],
      check: (r) => {
        const end = isoDateToDays(r.enrolled as string) + (r.os_months as number) * DAYS_PER_MONTH;
        // one day of slack for months rounded to 2 decimals (0.01 month = 0.3 day)
        if (end <= cutoffDays + 1) return null;
        const endDate = new Date(Math.round(end) * 86400000).toISOString().slice(0, 10);
        return `enrolled ${r.enrolled} + ${r.os_months} months reaches ${endDate}, after the data cut-off ${cutoff}`;
      },
    },
  ];
  rules.push(...optionalColumnRules());
  return {
    name: "clinical cohort",
    columns: [
      { name: "patient_id", type: "string", unique: true, label: true, description: "patient identifier" },
      { name: "arm", type: "enum", values: ARMS, description: "treatment: TACE alone or TACE followed by 3D conformal RT" },
      { name: "enrolled", type: "date", max: cutoff, description: "date of enrollment (first TACE), the time origin" },
      { name: "os_months", type: "number", min: 0, unit: "months", description: "time to death (death = 1) or last follow-up (death = 0)" },
      { name: "death", type: "number", integer: true, min: 0, max: 1, description: "1 = died, 0 = alive at last follow-up" },
      { name: "failure_site", type: "enum", values: FAILURE_SITES, description: "site of first failure: treated lesion, elsewhere in the liver, outside the liver, or none" },
      { name: "failure_months", type: "number", min: 0, unit: "months", description: "time to first failure; for none, time to death or last follow-up" },
      { name: "infield_response", type: "enum", values: RESPONSES, description: "response of the treated (irradiated) lesion" },
      { name: "age", type: "number", integer: true, min: 18, max: 100, unit: "years", allowMissing: true, description: "age at enrollment" },
      { name: "sex", type: "enum", values: ["M", "F"], allowMissing: true },
      { name: "hbv", type: "number", integer: true, min: 0, max: 1, allowMissing: true, description: "1 = HBsAg positive" },
      { name: "child_pugh", type: "enum", values: ["A", "B"], allowMissing: true, description: "Child-Pugh class" },
      { name: "tumor_cm", type: "number", min: 0, max: 30, unit: "cm", allowMissing: true, description: "largest tumor diameter" },
      { name: "afp_ng_ml", type: "number", min: 0, unit: "ng/mL", allowMissing: true, description: "serum alpha-fetoprotein" },
      ...OPTIONAL_COLUMN_SPECS,
    ],
    rules,
  };
}

/** The optional columns (see the file comment): RT start, per-site progression, covariates behind the choice of RT. */
const OPTIONAL_COLUMN_SPECS: ColumnSpec[] = [
  {
    name: "rt_start_months",
    type: "number",
    min: 0,
    unit: "months",
    allowMissing: true,
    optional: true,
    description: "months from enrollment to the start of RT; empty for TACE alone",
  },
  {
    name: "local_progression_months",
    type: "number",
    min: 0,
    unit: "months",
    allowMissing: true,
    optional: true,
    description: "first progression of the treated (irradiated) lesion; empty if none seen",
  },
  {
    name: "intrahepatic_progression_months",
    type: "number",
    min: 0,
    unit: "months",
    allowMissing: true,
    optional: true,
    description: "first progression in the liver outside the treated lesion / RT field; empty if none seen",
  },
  {
    name: "extrahepatic_progression_months",
    type: "number",
    min: 0,
    unit: "months",
    allowMissing: true,
    optional: true,
    description: "first progression outside the liver; empty if none seen",
  },
  { name: "tumor_number", type: "number", integer: true, min: 1, max: 50, allowMissing: true, optional: true, description: "number of tumors at enrollment" },
  {
    name: "portal_vein_thrombosis",
    type: "number",
    integer: true,
    min: 0,
    max: 1,
    allowMissing: true,
    optional: true,
    description: "1 = tumor thrombus in the portal vein at enrollment",
  },
  { name: "ecog", type: "number", integer: true, min: 0, max: 4, allowMissing: true, optional: true, description: "ECOG performance status at enrollment" },
  {
    name: "residual_viable_tumor",
    type: "number",
    integer: true,
    min: 0,
    max: 1,
    allowMissing: true,
    optional: true,
    description: "1 = viable tumor left in the treated lesion at the post-TACE assessment (before any RT)",
  },
];

/** Names of the optional cohort columns, in file order. */
export const OPTIONAL_COHORT_COLUMNS: readonly string[] = OPTIONAL_COLUMN_SPECS.map((c) => c.name);

/** The per-site progression columns, by failure site. */
export const PROGRESSION_COLUMNS: Readonly<Record<Exclude<FailureSite, "none">, string>> = {
  local: "local_progression_months",
  intrahepatic: "intrahepatic_progression_months",
  extrahepatic: "extrahepatic_progression_months",
};

/** Rules of the optional columns; each runs only when its columns are in the file (see the file comment). */
function optionalColumnRules(): RowRule[] {
  const rtArm: string = ARMS[1];
  const rules: RowRule[] = [
    {
      name: "RT start recorded exactly in the TACE+RT arm",
      columns: ["arm", "rt_start_months"],
      mayBeMissing: ["rt_start_months"],
      check: (r) => {
        const has = !Number.isNaN(r.rt_start_months as number);
        if (r.arm === rtArm && !has) return `arm is ${rtArm}, so rt_start_months (months from enrollment to the start of RT) is required`;
        if (r.arm !== rtArm && has) return `arm is ${r.arm}, so rt_start_months must be empty (RT is recorded only in the ${rtArm} arm)`;
        return null;
      },
    },
    {
      name: "RT starts after enrollment",
      columns: ["rt_start_months"],
      check: (r) => ((r.rt_start_months as number) > 0 ? null : `RT start at ${r.rt_start_months} months is not after enrollment (the time origin)`),
    },
    notAfterFollowUp("RT starts before death or last contact", "rt_start_months", "RT start"),
  ];
  for (const site of Object.keys(PROGRESSION_COLUMNS) as Array<Exclude<FailureSite, "none">>) {
    const col = PROGRESSION_COLUMNS[site];
    rules.push(
      notAfterFollowUp(`${site} progression within follow-up`, col, `${site} progression`),
      {
        name: `${site} progression not before the first failure`,
        columns: [col, "failure_site", "failure_months"],
        check: (r) =>
          r.failure_site === "none" || (r[col] as number) >= (r.failure_months as number)
            ? null
            : `${site} progression at ${r[col]} months comes before the first failure (${r.failure_site} at ${r.failure_months} months): the first failure must be the earliest progression`,
      },
      {
        name: `first failure agrees with ${col}`,
        columns: ["failure_site", "failure_months", col],
        mayBeMissing: [col],
        check: (r) => {
          const has = !Number.isNaN(r[col] as number);
          if (r.failure_site === site) {
            if (!has) return `failure_site is "${site}", so ${col} is required`;
            if (r[col] !== r.failure_months) return `failure_site is "${site}", so ${col} must equal failure_months (${r.failure_months})`;
          }
          if (r.failure_site === "none" && has) return `failure_site is "none" (no progression seen), so ${col} must be empty`;
          return null;
        },
      },
    );
  }
  return rules;
}

/** The schema of the shipped cohort (cut-off STUDY_DATA_CUTOFF). */
export const cohortSchema: TableSchema = makeCohortSchema();

/** The cohort columns with their types, for analysis code. */
export interface CohortFields {
  patient_id: string[];
  arm: Arm[];
  enrolled: string[];
  os_months: number[];
  death: number[];
  failure_site: FailureSite[];
  failure_months: number[];
  infield_response: Response[];
  /** Baseline covariates: NaN (numbers) or "" (labels) where missing. */
  age: number[];
  sex: string[];
  hbv: number[];
  child_pugh: string[];
  tumor_cm: number[];
  afp_ng_ml: number[];
  /** Optional columns (OPTIONAL_COHORT_COLUMNS): undefined when the file lacks the column; NaN where empty. */
  rt_start_months?: number[];
  local_progression_months?: number[];
  intrahepatic_progression_months?: number[];
  extrahepatic_progression_months?: number[];
  tumor_number?: number[];
  portal_vein_thrombosis?: number[];
  ecog?: number[];
  residual_viable_tumor?: number[];
}

/** A validated cohort: the Table plus its columns typed. */
export interface Cohort extends Table {
  fields: CohortFields;
  /** The data cut-off it was validated against. */
  cutoff: string;
}

export interface CohortOptions {
  /** Data cut-off (YYYY-MM-DD); default: the DATA_CUTOFF environment variable, else STUDY_DATA_CUTOFF. */
  cutoff?: string;
}

/**
 * Loads and validates <dir>/clinical/cohort.csv. Throws a DataValidationError
 * listing every problem when the file breaks the schema.
 */
export function loadCohort(dir: string = dataDir(), options: CohortOptions = {}): Cohort {
  const { cutoff, source } = cohortCutoff(options);
  const file = path.join(dir, COHORT_FILE);
  const { table, issues } = validateTable(readDataFile(file), makeCohortSchema(cutoff), file);
  if (issues.length > 0) throw new DataValidationError(file, issues, cutoffNotes(issues, cutoff, source));
  const c = table.columns;
  const fields: CohortFields = {
    patient_id: c.patient_id as string[],
    arm: c.arm as Arm[],
    enrolled: c.enrolled as string[],
    os_months: c.os_months as number[],
    death: c.death as number[],
    failure_site: c.failure_site as FailureSite[],
    failure_months: c.failure_months as number[],
    infield_response: c.infield_response as Response[],
    age: c.age as number[],
    sex: c.sex as string[],
    hbv: c.hbv as number[],
    child_pugh: c.child_pugh as string[],
    tumor_cm: c.tumor_cm as number[],
    afp_ng_ml: c.afp_ng_ml as number[],
  };
  for (const name of OPTIONAL_COHORT_COLUMNS) {
    if (c[name] !== undefined) (fields as unknown as Record<string, unknown>)[name] = c[name];
  }
  return { ...table, fields, cutoff };
}

/** The data cut-off loadCohort uses and where it comes from: options.cutoff, else DATA_CUTOFF, else STUDY_DATA_CUTOFF. */
export function cohortCutoff(options: CohortOptions = {}): { cutoff: string; source: string } {
  if (options.cutoff !== undefined) return { cutoff: options.cutoff, source: "given to loadCohort" };
  const fromEnv = process.env.DATA_CUTOFF;
  if (fromEnv !== undefined && fromEnv.trim() !== "") return { cutoff: fromEnv.trim(), source: "from DATA_CUTOFF" };
  return { cutoff: STUDY_DATA_CUTOFF, source: "the assumed cut-off of the project's simulated cohort (data/README.md)" };
}

/** Says once, after the list, how to set another cut-off when rows break the cut-off rules. */
function cutoffNotes(issues: ValidationIssue[], cutoff: string, source: string): string[] {
  const byCutoff = issues.filter((i) => (i.column === "enrolled" && i.rule.startsWith("must be on or before")) || i.rule.startsWith(CUTOFF_RULE));
  if (byCutoff.length === 0) return [];
  return [
    `${byCutoff.length} of these ${byCutoff.length === 1 ? "is" : "are"} after the data cut-off ${cutoff}, ${source}. ` +
      "If the cohort was followed longer, set its own cut-off (the date its follow-up was last updated): " +
      "npm run reproduce -- --cutoff YYYY-MM-DD, or the environment variable DATA_CUTOFF=YYYY-MM-DD (npm run notebook), or loadCohort(dir, { cutoff }).",
  ];
}
