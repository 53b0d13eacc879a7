/**
 * Covariates of every regression function (coxPH, fineGray, fineGrayCox,
 * causeSpecificCox, logisticRegression): one row per observation (number[][]),
 * or one column per covariate ({ age: [...], sex: [...] }). `covariateColumns`
 * splits them into columns of the expected length and settles their names (the
 * column keys, or `<prefix>1`, `<prefix>2`, ... for rows, or `names` when
 * given; names must be distinct). Errors name the argument (e.g. "covariates",
 * "cov2", "X") and the offending row or column. Values are checked later, with
 * the missing-value policy, by the caller. `allowNone` accepts zero covariates
 * (an intercept-only model).
 *
 * @example
 * covariateColumns("covariates", [[60, 1], [70, 0]], 2).names;  // ["x1", "x2"]
 * covariateColumns("covariates", { age: [60, 70] }, 2).names;    // ["age"]
 */
import { InputError } from "./input-error";
import { requireLength } from "./validate";
import type { ArrayLikeInput } from "./validate";

/** Covariates: rows (one per observation) or named columns. */
export type Covariates = ArrayLikeInput<ArrayLikeInput<unknown>> | Readonly<Record<string, ArrayLikeInput<unknown>>>;

export interface CovariateColumnsOptions {
  /** Names of row covariates: prefix + 1, 2, ... (default "x"). */
  prefix?: string;
  /** The argument that holds the names, for errors (default "names"). */
  namesArgument?: string;
  /** Accept zero covariates (default false). */
  allowNone?: boolean;
  /** The argument whose length n is, for errors (e.g. "time"); default "there are n observations". */
  lengthOf?: string;
}

export function covariateColumns(
  argument: string,
  covariates: Covariates,
  n: number,
  given?: readonly string[],
  options: CovariateColumnsOptions = {},
): { columns: ArrayLikeInput<unknown>[]; names: string[] } {
  const prefix = options.prefix ?? "x";
  const namesArgument = options.namesArgument ?? "names";
  const allowNone = options.allowNone ?? false;
  const expected = options.lengthOf === undefined ? `there are ${n} observations` : `${options.lengthOf} has length ${n}`;
  if (covariates === null || typeof covariates !== "object") {
    throw new InputError(argument, null, covariates, "must be an array of rows (one per subject) or an object of columns");
  }
  let columns: ArrayLikeInput<unknown>[];
  let names: string[];
  const isRows = Array.isArray(covariates) || typeof (covariates as { length?: unknown }).length === "number";
  if (isRows) {
    const rows = covariates as ArrayLikeInput<ArrayLikeInput<unknown>>;
    requireLength(argument, rows);
    if (rows.length !== n) throw new InputError(argument, null, rows.length, `has ${rows.length} rows but ${expected}`);
    const first = rows[0];
    if (first === null || first === undefined || typeof first !== "object" || typeof first.length !== "number") {
      throw new InputError(argument, 0, first, "must be a row of covariate values (an array)");
    }
    const p = first.length;
    if (p === 0 && !allowNone) throw new InputError(argument, 0, "[]", "needs at least one covariate");
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
    if (names.length === 0 && !allowNone) throw new InputError(argument, null, "{}", "needs at least one covariate column");
    columns = names.map((name) => {
      const c = record[name];
      requireLength(`${argument}.${name}`, c);
      if (c.length !== n) throw new InputError(`${argument}.${name}`, null, c.length, `has length ${c.length} but ${expected}`);
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
