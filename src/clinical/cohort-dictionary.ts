/**
 * The cohort's data dictionary as a reader checks it after loading: one row per
 * schema column with its type, allowed values or range and unit, meaning, and
 * what the loaded file holds in it (missing values; observed range for numbers
 * and dates; counts per value for categories, in the schema's order, and for 0/1
 * columns; distinct values for text). An optional column the file lacks is listed as
 * "not in this file (optional)", so a reader sees which columns would enable more.
 *
 * @example
 * showTable(cohortDictionary(loadCohort()), { caption: "Columns of clinical/cohort.csv" });
 */
import { makeCohortSchema } from "../data/clinical";
import type { Cohort } from "../data/clinical";
import type { ColumnSpec } from "../data/schema";

export interface DictionaryRow {
  column: string;
  type: string;
  /** Allowed values, range and unit from the schema. */
  allowed: string;
  meaning: string;
  /** Missing values in the file. */
  missing: number;
  /** What the file holds, e.g. "1.6–104.9", "TACE 276, TACE+RT 64". */
  observed: string;
}

function allowedText(spec: ColumnSpec): string {
  if (spec.type === "enum") return spec.values.join(" | ");
  if (spec.type === "number") {
    const range = spec.min !== undefined && spec.max !== undefined ? `${spec.min}–${spec.max}` : spec.min !== undefined ? `≥ ${spec.min}` : spec.max !== undefined ? `≤ ${spec.max}` : "any";
    return `${spec.integer ? "whole number" : "number"} ${range}${spec.unit ? ` ${spec.unit}` : ""}`;
  }
  if (spec.type === "date") return `YYYY-MM-DD${spec.max ? `, not after ${spec.max}` : ""}`;
  return spec.type === "string" && spec.unique ? "text, unique" : "text";
}

function compact(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}

/** One row per column of the cohort schema; see the file comment. */
export function cohortDictionary(cohort: Cohort): DictionaryRow[] {
  const schema = makeCohortSchema(cohort.cutoff);
  return schema.columns.map((spec) => {
    if (cohort.columns[spec.name] === undefined) {
      const note = spec.optional === true ? "not in this file (optional)" : "not in this file";
      return { column: spec.name, type: spec.type, allowed: allowedText(spec), meaning: spec.description === undefined ? spec.name.replace(/_/g, " ") : spec.description, missing: 0, observed: note };
    }
    const values = cohort.columns[spec.name] as Array<string | number>;
    const present = values.filter((v) => !(v === "" || (typeof v === "number" && Number.isNaN(v))));
    const missing = values.length - present.length;
    let observed = "";
    if (present.length === 0) observed = "none recorded";
    else if (spec.type === "enum") {
      observed = spec.values.map((level) => `${level} ${present.filter((v) => v === level).length}`).join(", ");
    } else if (spec.type === "number" && spec.integer && spec.min === 0 && spec.max === 1) {
      observed = [0, 1].map((level) => `${level}: ${present.filter((v) => v === level).length}`).join(", ");
    } else if (spec.type === "number") {
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of present as number[]) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      observed = `${compact(lo)}–${compact(hi)}`;
    } else if (spec.type === "date") {
      const sorted = (present as string[]).slice().sort();
      observed = `${sorted[0]} … ${sorted[sorted.length - 1]}`;
    } else {
      observed = `${new Set(present).size} distinct`;
    }
    return {
      column: spec.name,
      type: spec.type,
      allowed: allowedText(spec),
      meaning: spec.description === undefined ? spec.name.replace(/_/g, " ") : spec.description,
      missing,
      observed,
    };
  });
}
