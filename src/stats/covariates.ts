/**
 * Covariates for the regression functions of src/stats: one row per
 * observation (number[][]) or one column per covariate ({ age: [...], ... }),
 * split into columns with their names ("x1", "x2", ... for rows, unless
 * `names` are given). Shapes are checked; values are checked by the caller
 * (after its missing-value policy). Internal to src/stats.
 *
 * @example
 * covariateColumns({ age: [60, 70], male: [1, 0] }, 2, undefined); // names ["age", "male"]
 */
import { InputError, requireLength } from "../core/index";
import type { ArrayLikeInput } from "../core/index";

/** Rows (one array per observation) or named columns. */
export type Covariates = ArrayLikeInput<ArrayLikeInput<unknown>> | Readonly<Record<string, ArrayLikeInput<unknown>>>;

export function covariateColumns(
  argument: string,
  covariates: Covariates,
  n: number,
  given: readonly string[] | undefined,
): { columns: ArrayLikeInput<unknown>[]; names: string[] } {
  if (covariates === null || typeof covariates !== "object") {
    throw new InputError(argument, null, covariates, "must be an array of rows (one per observation) or an object of columns");
  }
  let columns: ArrayLikeInput<unknown>[];
  let names: string[];
  if (typeof (covariates as { length?: unknown }).length === "number") {
    const rows = covariates as ArrayLikeInput<ArrayLikeInput<unknown>>;
    if (rows.length !== n) throw new InputError(argument, null, rows.length, `has ${rows.length} rows but there are ${n} observations`);
    const first = rows[0];
    if (first === null || first === undefined || typeof first !== "object" || typeof first.length !== "number") {
      throw new InputError(argument, 0, first, "must be a row of covariate values (an array)");
    }
    const p = first.length;
    const cols: unknown[][] = [];
    for (let j = 0; j < p; j++) cols.push(new Array(n));
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      if (row === null || row === undefined || typeof row !== "object" || row.length !== p) {
        throw new InputError(argument, i, row, `must be a row of ${p} covariate values, like row 0`);
      }
      for (let j = 0; j < p; j++) cols[j][i] = row[j];
    }
    columns = cols;
    names = Array.from({ length: p }, (_, j) => `x${j + 1}`);
  } else {
    const record = covariates as Record<string, ArrayLikeInput<unknown>>;
    names = Object.keys(record);
    columns = names.map((name) => {
      const column = record[name];
      requireLength(`${argument}.${name}`, column, 0);
      if (column.length !== n) throw new InputError(`${argument}.${name}`, null, column.length, `has length ${column.length} but there are ${n} observations`);
      return column;
    });
  }
  if (given !== undefined) {
    if (!Array.isArray(given) || given.length !== names.length) {
      throw new InputError("names", null, given, `must list ${names.length} covariate name(s)`);
    }
    given.forEach((name, j) => {
      if (typeof name !== "string" || name === "") throw new InputError("names", j, name, "must be a non-empty string");
    });
    names = given.slice();
  }
  return { columns, names };
}
