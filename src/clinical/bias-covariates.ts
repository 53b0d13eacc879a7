/**
 * The covariates of the bias analyses (notebook 07), coded as test/fixtures/r/clinical-bias.R
 * codes them, so every model here can be checked against R:
 *   age10 = age / 10; male = sex M; hbv = HBsAg positive; cp_b = Child-Pugh B;
 *   log_tumor = log(tumor_cm); log10_afp = log10(max(AFP, 1));
 * and, when the cohort has the optional columns behind the choice of RT (capability
 * "rt-indication"): ecog, tumor_number, pvt = portal_vein_thrombosis, residual =
 * residual_viable_tumor (measured after TACE, before RT).
 * Missing values are NaN; `complete` marks the patients with every covariate recorded. A
 * column absent from the cohort is listed in `absent` (the analysis still runs on the others).
 *
 * @example
 * const c = biasCovariates(loadCohort());
 * c.names;            // ["age10", "male", ..., "residual"]
 * c.columns.pvt[0];   // 0 or 1 (NaN when missing)
 */
import type { CohortData } from "./arms";

export interface BiasCovariates {
  /** Covariate names in model order (R's names). */
  names: string[];
  /** Label of each covariate for tables and the love plot. */
  labels: Record<string, string>;
  /** One numeric column per covariate (NaN = missing). */
  columns: Record<string, number[]>;
  /** Cohort columns the optional covariates need but the cohort lacks. */
  absent: string[];
  /** Per patient: every covariate recorded. */
  complete: boolean[];
}

interface Spec {
  name: string;
  label: string;
  column: string;
  optional: boolean;
  code: (v: unknown) => number;
}

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : NaN);

const SPECS: Spec[] = [
  { name: "age10", label: "Age, per 10 years", column: "age", optional: false, code: (v) => num(v) / 10 },
  { name: "male", label: "Male sex", column: "sex", optional: false, code: (v) => (v === "M" ? 1 : v === "F" ? 0 : NaN) },
  { name: "hbv", label: "HBsAg positive", column: "hbv", optional: false, code: (v) => (v === 1 ? 1 : v === 0 ? 0 : NaN) },
  { name: "cp_b", label: "Child-Pugh B", column: "child_pugh", optional: false, code: (v) => (v === "B" ? 1 : v === "A" ? 0 : NaN) },
  { name: "log_tumor", label: "Tumor diameter (log cm)", column: "tumor_cm", optional: false, code: (v) => Math.log(num(v)) },
  { name: "log10_afp", label: "AFP (log10 ng/mL)", column: "afp_ng_ml", optional: false, code: (v) => Math.log10(Math.max(num(v), 1)) },
  { name: "ecog", label: "ECOG, per point", column: "ecog", optional: true, code: num },
  { name: "tumor_number", label: "Number of tumors", column: "tumor_number", optional: true, code: num },
  { name: "pvt", label: "Portal vein thrombosis", column: "portal_vein_thrombosis", optional: true, code: num },
  { name: "residual", label: "Residual tumor after TACE", column: "residual_viable_tumor", optional: true, code: num },
];

/** The bias analyses' covariates of a cohort; see the file comment. */
export function biasCovariates(cohort: CohortData): BiasCovariates {
  const fields = cohort.fields as unknown as Record<string, ArrayLike<unknown> | undefined>;
  const n = cohort.fields.arm.length;
  const names: string[] = [];
  const labels: Record<string, string> = {};
  const columns: Record<string, number[]> = {};
  const absent: string[] = [];
  for (const s of SPECS) {
    const col = fields[s.column];
    if (col === undefined) {
      absent.push(s.column);
      continue;
    }
    const values = new Array<number>(n);
    for (let i = 0; i < n; i++) values[i] = s.code(col[i]);
    names.push(s.name);
    labels[s.name] = s.label;
    columns[s.name] = values;
  }
  const complete = new Array<boolean>(n);
  for (let i = 0; i < n; i++) complete[i] = names.every((k) => !Number.isNaN(columns[k][i]));
  return { names, labels, columns, absent, complete };
}

/** The columns restricted to the rows `rows` (in that order). */
export function covariateRows(c: BiasCovariates, rows: readonly number[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const k of c.names) out[k] = rows.map((i) => c.columns[k][i]);
  return out;
}
