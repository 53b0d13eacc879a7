/**
 * Table schemas: what a data file must look like before any analysis touches it.
 *
 * A schema lists the columns (name, type and the values each may take) and row
 * rules that relate columns to one another (e.g. a first failure cannot come
 * after death). validateTable checks a CSV file against it and reports every
 * broken rule at once; loadTable throws a DataValidationError with that list.
 *
 * Missing values: an empty cell or the text `NA` is missing. A missing value is an
 * issue unless the column sets `allowMissing: true`; then it is kept as NaN in a
 * number column and as "" in the other types.
 *
 * Optional columns: a column with `optional: true` may be absent from the file (a file in
 * an older layout). When absent it is not in the table, and the row rules that read it
 * are skipped; when present it is checked like any other column.
 *
 * @example
 * const schema: TableSchema = {
 *   name: "survival",
 *   columns: [
 *     { name: "id", type: "string", unique: true },
 *     { name: "arm", type: "enum", values: ["A", "B"] },
 *     { name: "time", type: "number", min: 0, unit: "months" },
 *   ],
 * };
 */

/** One column: its type and the values it may take. Bounds are inclusive. `optional`: the column may be absent from the file. */
export type ColumnSpec =
  /**
   * Free text. `unique`: no value twice. `label`: a name that groups rows or identifies a
   * subject (a cell line, a mouse, a patient): values that differ only in letter case or
   * Unicode form ("HepG2" and "hepg2") are flagged, since they would silently form two groups.
   */
  | { name: string; type: "string"; unique?: boolean; label?: boolean; pattern?: RegExp; allowMissing?: boolean; optional?: boolean; description?: string }
  | { name: string; type: "enum"; values: readonly string[]; allowMissing?: boolean; optional?: boolean; description?: string }
  | {
      name: string;
      type: "number";
      min?: number;
      max?: number;
      integer?: boolean;
      unit?: string;
      allowMissing?: boolean;
      optional?: boolean;
      description?: string;
    }
  /** YYYY-MM-DD, a real calendar date; min/max are YYYY-MM-DD too. */
  | { name: string; type: "date"; min?: string; max?: string; allowMissing?: boolean; optional?: boolean; description?: string };

/** A typed row as row rules see it: numbers for number columns, strings otherwise. */
export type RowValues = Record<string, string | number>;

/**
 * A rule relating several columns of one row. `check` returns the message of the
 * broken rule, or null when the row is fine. It runs only on rows whose `columns`
 * are all present, valid and not missing, so it never sees a bad value, except the
 * columns listed in `mayBeMissing` (a subset of `columns`): those must be valid but
 * may be missing (NaN for numbers, "" otherwise), for rules about missingness itself
 * ("required when the arm is TACE+RT"). A rule is skipped when a column it names is
 * absent from the file.
 */
export interface RowRule {
  name: string;
  columns: string[];
  mayBeMissing?: string[];
  check(row: RowValues): string | null;
}

export interface TableSchema {
  name: string;
  columns: ColumnSpec[];
  rules?: RowRule[];
  /** Default true: columns not in the schema are allowed and kept as strings. */
  allowExtraColumns?: boolean;
}

/** A validated table: one array per column, values typed by the schema (dates stay YYYY-MM-DD strings). */
export interface Table {
  file: string;
  schema: string;
  nRows: number;
  columns: Record<string, Array<string | number>>;
}

/** The cell texts that count as missing. */
export const MISSING_TOKENS: readonly string[] = ["", "NA"];
