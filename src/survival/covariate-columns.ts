/**
 * Covariates for the regression models (Fine-Gray, cause-specific Cox): one row
 * per subject (number[][]), or one column per covariate ({ age: [...], sex: [...] }).
 * `covariateColumns` splits them into columns of the expected length and settles
 * their names (the column keys, or `<prefix>1`, `<prefix>2`, ... for rows, or
 * `names` when given). Errors name the argument (e.g. "covariates", "cov2") and
 * the offending row or column. Values are checked later, with the missing-value
 * policy, by the caller.
 *
 * @example
 * covariateColumns("covariates", [[60, 1], [70, 0]], 2).names;  // ["x1", "x2"]
 * covariateColumns("covariates", { age: [60, 70] }, 2).names;    // ["age"]
 */
import { InputError, requireLength } from "../core/index";
import type { ArrayLikeInput } from "../core/index";

/** Covariates: rows (one per subject) or named columns. */
export type Covariates = ArrayLikeInput<ArrayLikeInput<unknown>> | Readonly<Record<string, ArrayLikeInput<unknown>>>;

export function covariateColumns(
  argument: string,
  covariates: Covariates,
  n: number,
  given?: readonly string[],
  prefix = "x",
  namesArgument = "names",
): { columns: ArrayLikeInput<unknown>[]; names: string[] } {
  if (covariates === null || typeof covariates !== "object") {
    throw new InputError(argument, null, covariates, "must be an array of rows (one per subject) or an object of columns");
  }
  let columns: ArrayLikeInput<unknown>[];
  let names: string[];
  const isRows = Array.isArray(covariates) || typeof (covariates as { length?: unknown }).length === "number";
  if (isRows) {
    const rows = covariates as ArrayLikeInput<ArrayLikeInput<unknown>>;
    requireLength(argument, rows);
    if (rows.length !== n) throw new InputError(argument, null, rows.length, `has ${rows.length} rows but time has length ${n}`);
    const first = rows[0];
    if (first === null || first === undefined || typeof first !== "object" || typeof first.length !== "number") {
      throw new InputError(argument, 0, first, "must be a row of covariate values (an array)");
    }
    const p = first.length;
    if (p === 0) throw new InputError(argument, 0, "[]", "needs at least one covariate");
    const cols: unknown[][] = [];
    for (let j = 0; j < p; j++) cols.push(new Array(n));
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      if (row === null || row === undefined || typeof row !== "object" || row.length !== p) {
        const shown = row === null || row === undefined ? row : `[${Array.from(row as ArrayLike<unknown>).join(", ")}]`;
        throw new InputError(argument, i, shown, `must be a row of ${p} covariate values, like row 0`);
      }
      for (let j = 0; j < p; j++) cols[j][i] = row[j];
    }
    columns = cols;
    names = Array.from({ length: p }, (_, j) => `${prefix}${j + 1}`);
  } else {
    const record = covariates as Record<string, ArrayLikeInput<unknown>>;
    names = Object.keys(record);
    if (names.length === 0) throw new InputError(argument, null, "{}", "needs at least one covariate column");
    columns = names.map((name) => {
      const c = record[name];
      requireLength(`${argument}.${name}`, c);
      if (c.length !== n) throw new InputError(`${argument}.${name}`, null, c.length, `has length ${c.length} but time has length ${n}`);
      return c;
    });
  }
  if (given !== undefined) {
    if (!Array.isArray(given) || given.length !== columns.length) {
      throw new InputError(namesArgument, null, given, `must be an array of ${columns.length} names, one per column of ${argument}`);
    }
    const seen = new Set<string>();
    given.forEach((name, j) => {
      if (typeof name !== "string" || name === "") throw new InputError(namesArgument, j, name, "must be a non-empty string");
      if (seen.has(name)) throw new InputError(namesArgument, j, name, "is a duplicate name");
      seen.add(name);
    });
    names = given.slice();
  }
  return { columns, names };
}
